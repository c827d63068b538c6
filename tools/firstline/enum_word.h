// Proto enum values as the words people type and read.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace firstline {

// The enum value `name` without `prefix`, in lower case:
// EnumWord("BOT_ACTION_", "BOT_ACTION_HANDED_OFF") is "handed_off".
inline std::string EnumWord(absl::string_view prefix, absl::string_view name) {
  absl::ConsumePrefix(&name, prefix);
  return absl::AsciiStrToLower(name);
}

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_
