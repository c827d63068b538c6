// Turns the word and phrase syntax of intent files into terms (see term.h):
// regular expressions that match whole words over normalised text (see
// intents/README.md).
//
//   auto compiler = PhraseCompiler::Create("ru");
//   absl::StatusOr<Term> term = (*compiler)->Phrase("где ... заказ");
//   // Matches "где мой заказ", "где же мой последний заказ" ...
//
// Word boundaries and word characters are spelled out as explicit classes
// (kWordChar, kNonWordChar), because Hyperscan rejects \b under Unicode mode
// and Unicode \w multiplies its compile time, while RE2's \b and \w are
// ASCII-only. The terms run over scan text (see scan_text.h).
#ifndef FIRSTLINE_SERVICE_MATCHING_PHRASE_COMPILER_H_
#define FIRSTLINE_SERVICE_MATCHING_PHRASE_COMPILER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/matching/scan_text.h"
#include "service/matching/term.h"
#include "service/text/stemmer.h"

namespace firstline {

// Compiles phrases for one locale. Not thread-safe (the stemmer keeps state).
class PhraseCompiler {
 public:
  // `locale` names a Snowball stemmer ("en", "ru", ...). INVALID_ARGUMENT
  // when there is none for it.
  static absl::StatusOr<std::unique_ptr<PhraseCompiler>> Create(
      absl::string_view locale);
  PhraseCompiler(const PhraseCompiler&) = delete;
  PhraseCompiler& operator=(const PhraseCompiler&) = delete;

  // The term of one phrase: whole words, boundaries included. Words match
  // with their endings; "=word" exactly; "word*" as a prefix; "..." stands
  // for up to three words. INVALID_ARGUMENT explains a phrase that cannot
  // be compiled.
  absl::StatusOr<Term> Phrase(absl::string_view phrase);

  // An editor's regular expression made a whole-word term: boundaries added
  // around it, \w and \W spelled out. A leading "^" or trailing "$" anchors
  // it to the start or end of the message instead. INVALID_ARGUMENT for \b,
  // \B.
  static absl::StatusOr<Term> Regex(absl::string_view regex);

 private:
  explicit PhraseCompiler(std::unique_ptr<Stemmer> stemmer)
      : stemmer_(std::move(stemmer)) {}

  // One word of a phrase, without boundaries.
  struct PhraseWord {
    std::string inside;  // The word followed by more words.
    Term last;           // The word that ends the phrase.
    // The word followed by more words, for TermWord (the last word's is
    // `last.ending`).
    std::string literal;
    TermEnding inside_ending;
  };
  PhraseWord Word(absl::string_view word);

  std::unique_ptr<Stemmer> stemmer_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_PHRASE_COMPILER_H_
