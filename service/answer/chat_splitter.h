// Splits a long answer into chat messages that each fit one phone screen.
#ifndef FIRSTLINE_SERVICE_ANSWER_CHAT_SPLITTER_H_
#define FIRSTLINE_SERVICE_ANSWER_CHAT_SPLITTER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {

// Returns `text` as messages of at most `max_chars` characters (code
// points), cut at paragraph and sentence ends where possible, then at
// spaces, and only as a last resort inside a word. Requires max_chars > 0.
std::vector<std::string> SplitForChat(absl::string_view text, int max_chars);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_ANSWER_CHAT_SPLITTER_H_
