// Text normalisation before matching.
//
// Customers write "ПРИИИВЕТ", hide Latin letters in Russian words ("зaказ"
// with a Latin "a"), paste text with zero-width spaces. Patterns are written
// for one plain form of text; Normalizer produces that form and remembers,
// for every byte it writes, where in the original text it came from, so that
// a value found in the normalised text can be returned as the customer wrote
// it.
//
//   auto normalizer = Normalizer::Create();
//   NormalizedText n = (*normalizer)->Normalize("Где мой ЗАКАЗ?");
//   // n.text == "где мой заказ?"
#ifndef FIRSTLINE_SERVICE_TEXT_NORMALIZER_H_
#define FIRSTLINE_SERVICE_TEXT_NORMALIZER_H_

#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace firstline {

// Normalised text with a map back to the text it came from.
struct NormalizedText {
  // A byte range [begin, end) of the original text.
  struct Span {
    uint32_t begin;
    uint32_t end;
  };

  std::string text;
  // For every character of `text`, in order, the original text it came
  // from. Read it through SourceRange(), which takes byte offsets.
  std::vector<Span> source;

  // Returns the range of the original text that produced bytes
  // [begin, end) of `text`. Requires begin < end <= text.size(). Takes
  // time in proportion to `end`: it is for the few values a message gives.
  std::pair<size_t, size_t> SourceRange(size_t begin, size_t end) const;
};

// Turns customer text into the form patterns are written for:
// Unicode NFKC, lower case, "ё" as "е", typographic quotes and dashes as
// ASCII ones, invisible characters removed, runs of
// white space as one space with none at the ends, Latin look-alike letters
// inside Cyrillic words made Cyrillic (and the reverse), letters repeated
// three or more times made one. Thread-safe.
class Normalizer {
 public:
  static absl::StatusOr<std::unique_ptr<Normalizer>> Create();

  // Requires valid UTF-8 (see IsValidUtf8); invalid bytes are dropped.
  NormalizedText Normalize(absl::string_view text) const;

 private:
  // Code points below this (all of the Latin, Greek and Cyrillic scripts,
  // two bytes of UTF-8 at most) are looked up in table_.
  static constexpr int32_t kTableSize = 0x800;

  Normalizer(const icu::Normalizer2* nfkc, std::vector<uint32_t> table)
      : nfkc_(nfkc), table_(std::move(table)) {}

  const icu::Normalizer2* nfkc_;  // Owned by ICU.
  // Per code point below kTableSize, what normalisation does with it when
  // it is a segment of its own (see normalizer.cc): worked out from ICU
  // once, instead of for every character of every message.
  std::vector<uint32_t> table_;
};

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or bytes
// past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_TEXT_NORMALIZER_H_
