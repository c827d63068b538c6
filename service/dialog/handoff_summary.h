// The lines a person reads first when a conversation is handed to them:
// what the customer wants and what the bot already did.
#ifndef FIRSTLINE_SERVICE_DIALOG_HANDOFF_SUMMARY_H_
#define FIRSTLINE_SERVICE_DIALOG_HANDOFF_SUMMARY_H_

#include <string>

#include "firstline/storage/v1/conversation_state.pb.h"
#include "firstline/v1/conversation.pb.h"
#include "firstline/v1/handoff.pb.h"
#include "service/engine/engine.h"

namespace firstline {

// What the customer wants in one line: the intent's description (or
// "Not clear yet"), the details collected and the customer's words: their
// last message with that intent, else their last message. E.g.
// `Where the order is (order_id 12345); customer wrote: "where is it??"`.
// `transcript` is the conversation's (see TranscriptOf).
std::string SummaryOf(
    const storage::v1::ConversationState& state,
    const google::protobuf::RepeatedPtrField<v1::TranscriptEntry>& transcript,
    const Engine& engine);

// One line for a bot reply, e.g. `asked (track_order): "Which order?"`.
std::string ActionLineOf(const v1::SendMessageResponse& response);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_DIALOG_HANDOFF_SUMMARY_H_
