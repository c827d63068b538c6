// The transcript a conversation keeps of its most recent messages.
//
// It is kept serialized, entry by entry (ConversationState.transcript): a
// turn loads and saves the conversation's state, and parsing and writing
// fifty entries each time was a third of a turn's CPU. A turn appends; a
// handoff, which needs the entries, parses them.
#ifndef FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_
#define FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_

#include <google/protobuf/repeated_ptr_field.h>

#include "firstline/v1/handoff.pb.h"
#include "service/storage/conversation_store.h"

namespace firstline {

// Adds `entry` to the transcript of `state`, then drops the oldest entries
// beyond `limit`.
void AppendToTranscript(const v1::TranscriptEntry& entry, int limit,
                        ConversationState* state);

// The entries of the transcript of `state`, oldest first. An entry that
// does not parse (a damaged store) is left out rather than losing the rest.
google::protobuf::RepeatedPtrField<v1::TranscriptEntry> TranscriptOf(
    const ConversationState& state);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_
