// `firstline send`: sends one customer message to a running server and
// prints the bot's reply as a person would read it.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_SEND_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_SEND_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace firstline {

struct SendCommandOptions {
  std::string server = "127.0.0.1:50051";
  std::string locale;
  std::string channel = "chat";  // chat, email, messenger, social, helpdesk.
  std::string conversation_id = "cli";
  std::string customer_name;
  std::string text;
  bool include_trace = false;
};

// Calls SendMessage and prints the messages (quick replies numbered), the
// action, the intent and the rule-set version. Returns the call's status
// (e.g. INVALID_ARGUMENT naming a field, UNAVAILABLE with no server).
absl::Status RunSend(const SendCommandOptions& options, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_SEND_COMMAND_H_
