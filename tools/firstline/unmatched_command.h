// `firstline unmatched --locale L < messages.txt`: where the next intents
// should come from. Takes real messages, one per line, keeps those the pack
// gives no intent, and groups them by the word they share most, biggest
// groups first.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_UNMATCHED_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_UNMATCHED_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "service/engine/engine.h"

namespace firstline {

struct UnmatchedCommandOptions {
  std::string locale;  // As in a request, e.g. "en" or "ru-RU".
  int groups = 20;     // How many groups to print.
  int examples = 3;    // Messages shown per group.
};

// Prints "N of M messages have no intent", then one block per group of two
// or more: its size, the shared word (as a stem, e.g. "deliveri") and some
// of its messages; then how many messages are in no group. Each message
// joins the group of its word most messages share. Words shorter than four
// letters and the most common function words do not group. INVALID_ARGUMENT for
// an unsupported locale; lines that are empty or not UTF-8 are skipped.
absl::Status RunUnmatched(const Engine& engine,
                          const UnmatchedCommandOptions& options,
                          std::istream& in, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_UNMATCHED_COMMAND_H_
