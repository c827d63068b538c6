#include "service/dialog/transcript.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {
namespace {

using google::protobuf::internal::WireFormatLite;

// Each entry is a StoredTranscript.entries field.
constexpr uint32_t kEntryTag =
    WireFormatLite::MakeTag(storage::v1::StoredTranscript::kEntriesFieldNumber,
                            WireFormatLite::WIRETYPE_LENGTH_DELIMITED);

// Where one entry's bytes are in the transcript.
struct EntrySpan {
  // Of its field tag: dropping the entries before it keeps what follows a
  // well-formed StoredTranscript.
  size_t start;
  absl::string_view bytes;
};

// The entries of a serialized StoredTranscript in order, as far as they are
// framed correctly; `*good_end` is where the last of them ends.
std::vector<EntrySpan> EntrySpans(absl::string_view transcript,
                                  size_t* good_end) {
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(transcript.data()),
      static_cast<int>(transcript.size()));
  std::vector<EntrySpan> spans;
  *good_end = 0;
  while (true) {
    const size_t start = input.CurrentPosition();
    uint32_t length = 0;
    if (input.ReadTag() != kEntryTag || !input.ReadVarint32(&length)) break;
    const size_t body = input.CurrentPosition();
    if (!input.Skip(static_cast<int>(length))) break;
    spans.push_back({start, transcript.substr(body, length)});
    *good_end = input.CurrentPosition();
  }
  return spans;
}

}  // namespace

void AppendToTranscript(const v1::TranscriptEntry& entry, int limit,
                        ConversationState* state) {
  std::string* transcript = state->mutable_transcript();
  size_t good_end = 0;
  std::vector<EntrySpan> spans = EntrySpans(*transcript, &good_end);
  transcript->resize(good_end);
  // An entry's field, appended, adds the entry to those before it.
  {
    google::protobuf::io::StringOutputStream bytes(transcript);
    google::protobuf::io::CodedOutputStream out(&bytes);
    out.WriteTag(kEntryTag);
    out.WriteVarint32(static_cast<uint32_t>(entry.ByteSizeLong()));
    entry.SerializeWithCachedSizes(&out);
  }
  const int excess = static_cast<int>(spans.size()) + 1 - limit;
  if (excess <= 0) return;
  const size_t kept_from =
      excess < static_cast<int>(spans.size()) ? spans[excess].start : good_end;
  transcript->erase(0, kept_from);
}

google::protobuf::RepeatedPtrField<v1::TranscriptEntry> TranscriptOf(
    const ConversationState& state) {
  size_t good_end = 0;
  const std::vector<EntrySpan> spans =
      EntrySpans(state.transcript(), &good_end);
  google::protobuf::RepeatedPtrField<v1::TranscriptEntry> entries;
  entries.Reserve(static_cast<int>(spans.size()));
  for (const EntrySpan& span : spans) {
    v1::TranscriptEntry entry;
    if (entry.ParseFromArray(span.bytes.data(),
                             static_cast<int>(span.bytes.size()))) {
      *entries.Add() = std::move(entry);
    }
  }
  return entries;
}

int TranscriptSize(const ConversationState& state) {
  size_t good_end = 0;
  return static_cast<int>(EntrySpans(state.transcript(), &good_end).size());
}

}  // namespace firstline
