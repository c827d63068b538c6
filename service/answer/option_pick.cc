#include "service/answer/option_pick.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace firstline {

std::string SpokenForm(absl::string_view normalized) {
  std::string spoken;
  bool gap = false;
  for (const char c : normalized) {
    const bool separator = static_cast<unsigned char>(c) < 0x80 &&
                           !absl::ascii_isalnum(static_cast<unsigned char>(c));
    if (separator) {
      gap = !spoken.empty();
      continue;
    }
    if (gap) spoken.push_back(' ');
    gap = false;
    spoken.push_back(c);
  }
  return spoken;
}

std::optional<size_t> PickOption(
    absl::string_view spoken_reply,
    const std::vector<std::vector<std::string>>& names) {
  size_t number = 0;
  if (absl::SimpleAtoi(spoken_reply, &number) && number >= 1 &&
      number <= names.size()) {
    return number - 1;
  }
  const std::string padded = absl::StrCat(" ", spoken_reply, " ");
  std::optional<size_t> picked;
  for (size_t i = 0; i < names.size(); ++i) {
    for (const std::string& name : names[i]) {
      if (name.empty() ||
          !absl::StrContains(padded, absl::StrCat(" ", name, " ")))
        continue;
      if (picked && *picked != i) return std::nullopt;
      picked = i;
    }
  }
  return picked;
}

}  // namespace firstline
