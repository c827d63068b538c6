// `firstline explain --locale L "text"`: why the bot answers a message the
// way it does, for the editors tuning the rules.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_EXPLAIN_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_EXPLAIN_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "service/engine/engine.h"

namespace firstline {

struct ExplainCommandOptions {
  std::string locale;  // As in a request, e.g. "en" or "ru-RU".
  std::string text;
};

// Prints the normalised text, every signal and veto that fired with its
// file:line:col, the scores, the decision, the slots and signals, and the
// answer as the customer would get it as the first message of a chat.
// INVALID_ARGUMENT for an unsupported locale, an empty text or invalid
// UTF-8.
absl::Status RunExplain(const Engine& engine,
                        const ExplainCommandOptions& options,
                        std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_EXPLAIN_COMMAND_H_
