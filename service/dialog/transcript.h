// The transcript a conversation keeps of its most recent messages.
//
// It is kept serialized, as one string (ConversationState.transcript, a
// StoredTranscript): a turn loads and saves the conversation's state, and
// parsing and writing fifty entries, or copying fifty strings, each time was
// a third of a turn's CPU. A turn appends its entries to the string; a
// handoff, which needs the entries, parses them.
#ifndef FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_
#define FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_

#include <google/protobuf/repeated_ptr_field.h>

#include "firstline/v1/handoff.pb.h"
#include "service/storage/conversation_store.h"

namespace firstline {

// Adds `entry` to the transcript of `state`, then drops the oldest entries
// beyond `limit` (at least 1). A damaged end of the transcript (a damaged
// store) is dropped first.
void AppendToTranscript(const v1::TranscriptEntry& entry, int limit,
                        ConversationState* state);

// The entries of the transcript of `state`, oldest first. An entry that
// does not parse is left out rather than losing the rest; the transcript
// ends where its framing is damaged.
google::protobuf::RepeatedPtrField<v1::TranscriptEntry> TranscriptOf(
    const ConversationState& state);

// How many entries the transcript of `state` has.
int TranscriptSize(const ConversationState& state);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_DIALOG_TRANSCRIPT_H_
