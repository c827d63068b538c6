// The text that intent patterns scan, and the word classes patterns are
// written with. The two are one contract.
//
// Hyperscan compiles a negated class of Unicode characters, such as "not a
// letter", into a large automaton: with a few thousand phrases it takes
// seconds. So patterns scan a projection of the normalised text in which
// every character outside ASCII is a Russian letter, and "not a word
// character" is a class of single ASCII bytes:
//   - ASCII characters and the letters а-я stay as they are;
//   - any other letter or digit (é, і, ß ...) becomes "_", a word character
//     that no phrase contains;
//   - anything else (emoji, «», —, ...) becomes a space;
//   - a space is added at the start and at the end, so that every word has
//     a non-word character on both sides. A word boundary is then one
//     character class; an alternative with "^" or "$" made Hyperscan's
//     automata larger and its scan slower.
#ifndef FIRSTLINE_SERVICE_MATCHING_SCAN_TEXT_H_
#define FIRSTLINE_SERVICE_MATCHING_SCAN_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace firstline {

// A letter, digit or underscore of English or Russian.
inline constexpr char kWordChar[] = "[0-9a-zа-яё_]";
// Any other character of a scan text: an ASCII byte that is not a word
// character.
inline constexpr char kNonWordChar[] = R"([\x00-\x2f\x3a-\x5e\x60\x7b-\x7f])";

// True for the characters beyond ASCII that scan text keeps as they are:
// the letters а-я and ё.
inline constexpr bool KeptBeyondAscii(int code_point) {
  return (code_point >= 0x0430 && code_point <= 0x044F) || code_point == 0x0451;
}

// True when `c` is a byte of kNonWordChar.
inline constexpr bool IsNonWordByte(unsigned char c) {
  return c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
         c != '_';
}

// The length in bytes of the letter а-я or ё (two bytes in UTF-8) at
// `text[at]`, or 0 when there is none.
inline size_t CyrillicLetterAt(absl::string_view text, size_t at) {
  if (at + 1 >= text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[at]);
  const auto next = static_cast<unsigned char>(text[at + 1]);
  const bool letter = (lead == 0xD0 && next >= 0xB0 && next <= 0xBF) ||
                      (lead == 0xD1 && next >= 0x80 && next <= 0x8F) ||
                      (lead == 0xD1 && next == 0x91);
  return letter ? 2 : 0;
}

// The length in bytes of the kWordChar at `text[at]`, or 0 when there is
// none.
inline size_t WordCharAt(absl::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[at]);
  if (c >= 0x80) return CyrillicLetterAt(text, at);
  return IsNonWordByte(c) ? 0 : 1;
}

// The scan text of normalised (valid UTF-8, lower-case) text, e.g.
// " где мой заказ? ok " for "где мой заказ? ok".
std::string ScanText(absl::string_view normalized);
// The same, appended to `scan`.
void AppendScanText(absl::string_view normalized, std::string* scan);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_SCAN_TEXT_H_
