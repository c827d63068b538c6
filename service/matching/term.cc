#include "service/matching/term.h"

#include "absl/strings/str_cat.h"
#include "service/matching/scan_text.h"

namespace firstline {

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
    case Kind::kWordChars:
      return absl::StrCat(kWordChar, "*", word_ends);
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
    } else if (kind == Kind::kWordChars) {
      letter = WordCharAt(text, at);
    }
    if (letter == 0) return IsNonWordByte(c);
    if (kind != Kind::kWordChars && ++letters > max_letters) return false;
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
