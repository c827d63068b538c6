#include "service/matching/term.h"

#include "absl/strings/str_cat.h"
#include "service/matching/scan_text.h"

namespace firstline {
namespace {

// kNonWordChar, byte by byte.
bool IsNonWordByte(unsigned char c) {
  return c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
         c != '_';
}

// The length in bytes of the letter а-я or ё (two bytes in UTF-8) at
// `text[at]`, or 0 when there is none.
size_t CyrillicLetterAt(absl::string_view text, size_t at) {
  if (at + 1 >= text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[at]);
  const auto next = static_cast<unsigned char>(text[at + 1]);
  const bool letter = (lead == 0xD0 && next >= 0xB0 && next <= 0xBF) ||
                      (lead == 0xD1 && next >= 0x80 && next <= 0x8F) ||
                      (lead == 0xD1 && next == 0x91);
  return letter ? 2 : 0;
}

}  // namespace

std::string TermEnding::Regex() const {
  const std::string word_ends = absl::StrCat("(?:", kNonWordChar, "|$)");
  switch (kind) {
    case Kind::kNone:
      return "";
    case Kind::kWordEnds:
      return word_ends;
    case Kind::kLatinLetters:
      return absl::StrCat("[a-z]{0,", max_letters, "}", word_ends);
    case Kind::kCyrillicLetters:
      return absl::StrCat("[а-яё]{0,", max_letters, "}", word_ends);
  }
  return "";
}

bool TermEnding::HoldsAt(absl::string_view text, size_t at) const {
  if (kind == Kind::kNone) return true;
  int letters = 0;
  while (at < text.size()) {
    const auto c = static_cast<unsigned char>(text[at]);
    size_t letter = 0;
    if (kind == Kind::kLatinLetters) {
      letter = c >= 'a' && c <= 'z' ? 1 : 0;
    } else if (kind == Kind::kCyrillicLetters) {
      letter = CyrillicLetterAt(text, at);
    }
    if (letter == 0) return IsNonWordByte(c);
    if (++letters > max_letters) return false;
    at += letter;
  }
  return true;
}

std::vector<std::string> TermRegexes(const std::vector<Term>& terms) {
  std::vector<std::string> regexes;
  regexes.reserve(terms.size());
  for (const Term& term : terms) regexes.push_back(term.Regex());
  return regexes;
}

}  // namespace firstline
