#include "service/dialog/transcript.h"

namespace firstline {

void AppendToTranscript(const v1::TranscriptEntry& entry, int limit,
                        ConversationState* state) {
  entry.SerializeToString(state->add_transcript());
  const int excess = state->transcript_size() - limit;
  if (excess > 0) state->mutable_transcript()->DeleteSubrange(0, excess);
}

google::protobuf::RepeatedPtrField<v1::TranscriptEntry> TranscriptOf(
    const ConversationState& state) {
  google::protobuf::RepeatedPtrField<v1::TranscriptEntry> entries;
  entries.Reserve(state.transcript_size());
  for (const std::string& bytes : state.transcript()) {
    v1::TranscriptEntry entry;
    if (entry.ParseFromString(bytes)) *entries.Add() = std::move(entry);
  }
  return entries;
}

}  // namespace firstline
