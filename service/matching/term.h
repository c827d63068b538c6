// A term: one regular expression of the many an intent's signals are made
// of, split in the two parts TermMatcher finds it by.
//
//   Term term = *(*PhraseCompiler::Create("en"))->Phrase("delivery");
//   // term.head: a non-word character, then "deliver";
//   // term.ending: up to four letters a-z, then the end of the word.
//   RE2 whole(term.Regex());  // The same, as one expression.
//
// Whole-word matching puts a class of word endings and a word boundary at
// the end of nearly every term ("deliver" + up to four letters + the end of
// the word). In Hyperscan each such ending is a small automaton of its own,
// and with them the scan of the shipped pack took twice as long as without.
// So Hyperscan finds the head, and the ending is checked on the text right
// after every place the head ends: a few comparisons of bytes.
//
// Terms run over scan text (see scan_text.h).
#ifndef FIRSTLINE_SERVICE_MATCHING_TERM_H_
#define FIRSTLINE_SERVICE_MATCHING_TERM_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {

// What must follow the head of a term for the term to match.
struct TermEnding {
  enum class Kind {
    kNone,             // Nothing: the head is the whole term.
    kWordEnds,         // The word ends right where the head ends.
    kLatinLetters,     // Up to max_letters letters a-z, then the word ends.
    kCyrillicLetters,  // Up to max_letters letters а-яё, then the word ends.
    kWordChars,        // Any word characters, then the word ends.
  };
  Kind kind = Kind::kNone;
  int max_letters = 0;  // For kLatinLetters and kCyrillicLetters.

  // The ending as a regular expression, to append to the head.
  std::string Regex() const;
  // True when the ending holds at `text[at]`, `at` being where a match of
  // the head ends. The word ends at a non-word character of scan text
  // (kNonWordChar) or at the end of the text.
  bool HoldsAt(absl::string_view text, size_t at) const;

  friend bool operator==(const TermEnding&, const TermEnding&) = default;
};

// How many words "..." in a phrase stands for, at most.
inline constexpr int kMaxGapWords = 3;

// One word of a phrase term, to find the phrase word by word.
struct TermWord {
  // The word starts with these bytes (plain text, not a regex), right
  // after a non-word character.
  std::string literal;
  // What follows the literal to the end of the word.
  TermEnding ending;
  // Up to kMaxGapWords other words may stand between this word and the
  // one before it ("..." in a phrase).
  bool gap_before = false;

  friend bool operator==(const TermWord&, const TermWord&) = default;
};

struct Term {
  // Hyperscan and RE2 syntax, UTF-8, over scan text.
  std::string head;
  TermEnding ending;
  // A phrase's words, when the term is one: head and ending match exactly
  // where the first word's literal is preceded by a non-word character,
  // each word's ending holds, and the next word starts after the non-word
  // characters that follow (or up to kMaxGapWords words later, after a gap).
  // The last word's ending is `ending`. Empty for other terms.
  std::vector<TermWord> words = {};

  // The whole term as one regular expression: head, then ending.
  std::string Regex() const { return head + ending.Regex(); }

  friend bool operator==(const Term&, const Term&) = default;
};

// Regex() of each term, in order.
std::vector<std::string> TermRegexes(const std::vector<Term>& terms);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_TERM_H_
