// Finds phrase terms (see TermWord in term.h) from where their words were
// found, following each phrase from word to word.
//
//   PhraseWalker walker(terms);
//   // Scan the text for walker.literals(), each right after a non-word
//   // character, noting where each is found:
//   std::vector<PhraseWalker::WordHit> found = {{1, 0}, {4, 1}};
//   walker.Walk(" my order ", absl::MakeSpan(found), &hits, 0);
//
// Why: with each phrase one Hyperscan pattern, a pack of thousands of
// phrases made thousands of small automata, and the scan grew with them. The
// phrases of a pack share few words: finding those words is one pattern a
// word, and a phrase is then checked only where its first two words were
// found in their places.
#ifndef FIRSTLINE_SERVICE_MATCHING_PHRASE_WALKER_H_
#define FIRSTLINE_SERVICE_MATCHING_PHRASE_WALKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "service/matching/term.h"

namespace firstline {

class PhraseWalker {
 public:
  // Literal `literal` of literals() occurs at text[start], after a non-word
  // character.
  struct WordHit {
    uint32_t start;
    uint32_t literal;
  };

  // Takes the terms it can walk: phrases of two words or more, each
  // literal starting and ending with a word character.
  explicit PhraseWalker(const std::vector<Term>& terms);
  PhraseWalker(const PhraseWalker&) = delete;
  PhraseWalker& operator=(const PhraseWalker&) = delete;

  // True when Walk() finds terms[term], so its head need not be scanned;
  // false past the end of `terms`.
  bool walks(size_t term) const {
    return term < walked_.size() && walked_[term];
  }
  // The distinct literals of the walked terms' words.
  const std::vector<std::string>& literals() const { return literals_; }

  // Appends to `hits` the index of every walked term that occurs in `text`,
  // given every place a literal occurs after a non-word character
  // (`word_hits`, reordered here). Terms already in hits[first_hit...] are
  // not appended again.
  void Walk(absl::string_view text, absl::Span<WordHit> word_hits,
            std::vector<int>* hits, size_t first_hit) const;

 private:
  struct Word {
    uint32_t literal;
    uint32_t length;  // Of the literal, in bytes.
    TermEnding ending;
    bool gap_before;
  };
  struct Phrase {
    int term;
    std::vector<Word> words;
  };

  static bool CanWalk(const Term& term);
  // Whether phrase.words[i...] occur from text[start] on.
  bool Follows(const Phrase& phrase, size_t i, size_t start,
               absl::string_view text,
               absl::Span<const WordHit> word_hits) const;
  // Appends phrases_[phrase].term when it occurs from text[start] on.
  void Try(int phrase, size_t start, absl::string_view text,
           absl::Span<const WordHit> word_hits, std::vector<int>* hits,
           size_t first_hit) const;

  std::vector<bool> walked_;  // By term.
  std::vector<std::string> literals_;
  std::vector<Phrase> phrases_;
  // By literal: whether it starts a phrase without a gap after it
  // (kStartsAdjacent), with one (kStartsGapped), or both. Most words found
  // in a message start none, and need no look at the words after them.
  enum : uint8_t { kStartsAdjacent = 1, kStartsGapped = 2 };
  std::vector<uint8_t> starts_;
  // Phrases by their first two literals: with the second word next
  // to the first, or after a gap.
  absl::flat_hash_map<uint64_t, std::vector<int>> by_first_two_words_;
  absl::flat_hash_map<uint64_t, std::vector<int>> by_first_two_gapped_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_PHRASE_WALKER_H_
