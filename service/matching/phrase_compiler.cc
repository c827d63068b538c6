#include "service/matching/phrase_compiler.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "service/matching/re2_piece.h"

namespace firstline {
namespace {

// Words this short match exactly: stems of two or three letters would match
// far too much ("my" would match "myself", "он" would match "она").
constexpr int kExactWordLength = 3;
// Letters that may follow a stem: enough for the endings of Russian and
// English ("заказами", "delivered").
constexpr int kMinEndingLength = 4;

std::vector<UChar32> CodePoints(absl::string_view text) {
  std::vector<UChar32> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

std::string Utf8(const std::vector<UChar32>& code_points, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < code_points.size(); ++i) {
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH,
              code_points[i], error);
    if (error) continue;
    out.append(buffer, length);
  }
  return out;
}

bool AllLetters(const std::vector<UChar32>& code_points) {
  return std::all_of(code_points.begin(), code_points.end(),
                     [](UChar32 c) { return u_isalpha(c); });
}

}  // namespace

absl::StatusOr<std::unique_ptr<PhraseCompiler>> PhraseCompiler::Create(
    absl::string_view locale) {
  absl::StatusOr<std::unique_ptr<Stemmer>> stemmer = Stemmer::Create(locale);
  if (!stemmer.ok()) return stemmer.status();
  return std::unique_ptr<PhraseCompiler>(
      new PhraseCompiler(std::move(*stemmer)));
}

PhraseCompiler::PhraseWord PhraseCompiler::Word(absl::string_view word) {
  const TermEnding word_ends{TermEnding::Kind::kWordEnds};
  const auto exactly = [&word_ends](absl::string_view literal) {
    const std::string exact = RE2::QuoteMeta(Re2Piece(literal));
    return PhraseWord{
        exact, {exact, word_ends}, std::string(literal), word_ends};
  };
  if (absl::ConsumePrefix(&word, "=")) return exactly(word);
  if (absl::ConsumeSuffix(&word, "*")) {
    // As the last word, the rest of it goes unchecked: a word always ends.
    const std::string prefix = RE2::QuoteMeta(Re2Piece(word));
    return {absl::StrCat(prefix, kWordChar, "*"),
            {prefix, {}},
            std::string(word),
            {TermEnding::Kind::kWordChars}};
  }
  const std::vector<UChar32> letters = CodePoints(word);
  if (letters.size() <= kExactWordLength || !AllLetters(letters)) {
    return exactly(word);
  }
  const std::vector<UChar32> stem = CodePoints(stemmer_->Stem(word));
  // The stemmer may rewrite the end of a stem ("delivery" -> "deliveri"):
  // keep only what the stem and the word share.
  size_t shared = 0;
  while (shared < stem.size() && stem[shared] == letters[shared]) ++shared;
  if (shared < kExactWordLength) return exactly(word);
  const int max_letters = static_cast<int>(
      std::max<size_t>(kMinEndingLength, letters.size() - shared + 2));
  // Endings are letters of the stem's own script: a class of one script
  // keeps Hyperscan's compile time low.
  const bool latin = letters[shared - 1] < 0x80;
  const TermEnding ending{latin ? TermEnding::Kind::kLatinLetters
                                : TermEnding::Kind::kCyrillicLetters,
                          max_letters};
  const std::string stem_regex = Utf8(letters, shared);
  return {absl::StrCat(stem_regex, latin ? "[a-z]" : "[а-яё]", "{0,",
                       max_letters, "}"),
          {stem_regex, ending},
          stem_regex,
          ending};
}

absl::StatusOr<Term> PhraseCompiler::Phrase(absl::string_view phrase) {
  std::vector<absl::string_view> words =
      absl::StrSplit(phrase, ' ', absl::SkipWhitespace());
  if (words.empty()) return absl::InvalidArgumentError("the phrase is empty");
  if (words.front() == "..." || words.back() == "...") {
    return absl::InvalidArgumentError(
        "'...' goes between two words, not at the start or end of a phrase");
  }
  const std::string separator = absl::StrCat(kNonWordChar, "+");
  const std::string gap =
      absl::StrCat(kNonWordChar, "+(?:", kWordChar, "+", kNonWordChar, "+){0,",
                   kMaxGapWords, "}");
  std::string head = kNonWordChar;
  std::vector<TermWord> term_words;
  std::optional<PhraseWord> previous;
  bool gap_next = false;
  for (absl::string_view word : words) {
    if (word == "...") {
      if (gap_next) {
        return absl::InvalidArgumentError("'...' twice in a row");
      }
      gap_next = true;
      continue;
    }
    for (UChar32 c : CodePoints(word)) {
      if (u_isupper(c) || c == 0x0451) {
        return absl::InvalidArgumentError(absl::StrCat(
            "'", word,
            "' has a capital letter or 'ё'; messages are matched in lower "
            "case with 'е' for 'ё'"));
      }
      if (c >= 0x80 && !KeptBeyondAscii(c)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "'", word,
            "' can never match: messages are matched on their letters a-z "
            "and а-я, digits and ASCII signs, and other characters are "
            "left out"));
      }
    }
    if (previous.has_value()) {
      head += previous->inside;
      head += gap_next ? gap : separator;
      term_words.back().ending = previous->inside_ending;
    }
    previous = Word(word);
    term_words.push_back({previous->literal, previous->last.ending, gap_next});
    gap_next = false;
  }
  // The head runs to the end of the last word's stem; the rest of that
  // word is the term's ending.
  return Term{head + previous->last.head, previous->last.ending,
              std::move(term_words)};
}

absl::StatusOr<Term> PhraseCompiler::Regex(absl::string_view regex) {
  // "^" and "$" at the ends anchor to the whole message and replace the
  // boundary on their side (Hyperscan rejects a "^" after other pattern).
  // Scan text starts and ends with a space (see scan_text.h), so the start
  // of the message is right after its first character.
  const bool anchored_start = absl::ConsumePrefix(&regex, "^");
  const bool anchored_end =
      regex.size() >= 1 && regex.back() == '$' &&
      (regex.size() < 2 || regex[regex.size() - 2] != '\\');
  if (anchored_end) regex.remove_suffix(1);
  std::string body;
  bool in_class = false;
  for (size_t i = 0; i < regex.size(); ++i) {
    const char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      const char next = regex[++i];
      if (next == 'b' || next == 'B') {
        return absl::InvalidArgumentError(
            "\\b is not needed: word boundaries are added around every regex");
      }
      if (next == 'w') {
        body += in_class ? "0-9a-zа-яё_" : kWordChar;
      } else if (next == 'W' && !in_class) {
        body += kNonWordChar;
      } else if (next == 'W') {
        return absl::InvalidArgumentError(
            "\\W cannot stand inside [...]; write the characters out");
      } else {
        body += c;
        body += next;
      }
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      body += c;
      // A ']' right after '[' or '[^' is a literal.
      if (i + 1 < regex.size() && regex[i + 1] == '^') body += regex[++i];
      if (i + 1 < regex.size() && regex[i + 1] == ']') body += regex[++i];
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    body += c;
  }
  Term term;
  term.head =
      absl::StrCat(anchored_start ? "^" : "", kNonWordChar, "(?:", body, ")",
                   anchored_end ? absl::StrCat(kNonWordChar, "$") : "");
  if (!anchored_end) term.ending.kind = TermEnding::Kind::kWordEnds;
  return term;
}

}  // namespace firstline
