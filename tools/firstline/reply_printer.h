// How the client commands show the bot's reply to a person at a terminal.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_REPLY_PRINTER_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_REPLY_PRINTER_H_

#include <ostream>
#include <vector>

#include "firstline/v1/conversation.pb.h"

namespace firstline {

// The quick replies of `response`, numbered from 1 across all its messages
// in this order.
std::vector<const v1::QuickReply*> NumberedQuickReplies(
    const v1::SendMessageResponse& response);

// Prints each message after "bot: " with its quick replies as "[N] label",
// then a line with what the bot did, the intent and score and the rule set,
// the topics it asks about, the slots and, when present, the trace.
void PrintReply(const v1::SendMessageResponse& response, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_REPLY_PRINTER_H_
