// `firstline chat`: talk to the bot at a terminal as a customer would, in
// either language, against a running server or a pack served in process.
//
// Each line is a customer message; a number picks one of the quick replies
// just shown. Lines starting with '/' are commands: /trace shows or hides
// why the bot answers, /new starts a new conversation, /locale L switches
// language, /help lists them, /quit ends.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_CHAT_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_CHAT_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace firstline {

struct ChatCommandOptions {
  // host:port of a running server; empty serves `pack_root` in this process,
  // reloading it whenever its files change.
  std::string server;
  std::string pack_root;
  // In process: where compiled pattern databases are kept; empty for none.
  std::string cache_dir;
  std::string locale;  // As in a request, e.g. "en" or "ru-RU".
  std::string channel = "chat";
  std::string customer_name;
  // Start with the trace shown.
  bool trace = false;
  // Print "you> " before reading each line, for a terminal.
  bool prompt = false;
};

// Runs the chat until /quit or the end of `in`. Errors of single messages
// (a bad locale, the server gone) are printed and the chat goes on; returns
// an error only when it cannot start: no locale, a bad channel, or a pack
// that does not load.
absl::Status RunChat(const ChatCommandOptions& options, std::istream& in,
                     std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_CHAT_COMMAND_H_
