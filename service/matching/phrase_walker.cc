#include "service/matching/phrase_walker.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "service/matching/scan_text.h"

namespace firstline {
namespace {

uint64_t PairKey(uint32_t first, uint32_t second) {
  return (static_cast<uint64_t>(first) << 32) | second;
}

bool LessByPlace(const PhraseWalker::WordHit& a,
                 const PhraseWalker::WordHit& b) {
  return a.start != b.start ? a.start < b.start : a.literal < b.literal;
}

// Where the word characters from text[at] end.
size_t WordEnd(absl::string_view text, size_t at) {
  while (size_t length = WordCharAt(text, at)) at += length;
  return at;
}

// Where the non-word characters from text[at] end.
size_t NonWordEnd(absl::string_view text, size_t at) {
  while (at < text.size() && IsNonWordByte(text[at])) ++at;
  return at;
}

}  // namespace

bool PhraseWalker::CanWalk(const Term& term) {
  // A single word is found as fast by its head, with its ending checked in
  // the scan's callback: walking it only adds work.
  if (term.words.size() < 2) return false;
  for (const TermWord& word : term.words) {
    // A literal that starts or ends with a non-word character would share
    // it with the run of non-word characters between words.
    if (word.literal.empty() || IsNonWordByte(word.literal.front()) ||
        IsNonWordByte(word.literal.back())) {
      return false;
    }
  }
  return true;
}

PhraseWalker::PhraseWalker(const std::vector<Term>& terms)
    : walked_(terms.size(), false) {
  absl::flat_hash_map<std::string, uint32_t> literal_ids;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!CanWalk(terms[i])) continue;
    walked_[i] = true;
    Phrase phrase{static_cast<int>(i), {}};
    for (const TermWord& word : terms[i].words) {
      auto [it, added] = literal_ids.try_emplace(
          word.literal, static_cast<uint32_t>(literals_.size()));
      if (added) literals_.push_back(word.literal);
      phrase.words.push_back({it->second,
                              static_cast<uint32_t>(word.literal.size()),
                              word.ending, word.gap_before});
    }
    phrases_.push_back(std::move(phrase));
  }
  starts_.resize(literals_.size(), 0);
  for (size_t p = 0; p < phrases_.size(); ++p) {
    const std::vector<Word>& words = phrases_[p].words;
    const bool gap = words[1].gap_before;
    starts_[words[0].literal] |= gap ? kStartsGapped : kStartsAdjacent;
    auto& index = gap ? by_first_two_gapped_ : by_first_two_words_;
    index[PairKey(words[0].literal, words[1].literal)].push_back(
        static_cast<int>(p));
  }
}

bool PhraseWalker::Follows(const Phrase& phrase, size_t i, size_t start,
                           absl::string_view text,
                           absl::Span<const WordHit> word_hits) const {
  const Word& word = phrase.words[i];
  const WordHit wanted{static_cast<uint32_t>(start), word.literal};
  if (!std::binary_search(word_hits.begin(), word_hits.end(), wanted,
                          LessByPlace)) {
    return false;
  }
  const size_t literal_end = start + word.length;
  if (!word.ending.HoldsAt(text, literal_end)) return false;
  if (i + 1 == phrase.words.size()) return true;
  const int max_skipped = phrase.words[i + 1].gap_before ? kMaxGapWords : 0;
  size_t next = NonWordEnd(text, WordEnd(text, literal_end));
  for (int skipped = 0; next < text.size(); ++skipped) {
    if (Follows(phrase, i + 1, next, text, word_hits)) return true;
    if (skipped == max_skipped) return false;
    const size_t word_end = WordEnd(text, next);
    if (word_end == next) return false;  // Not a word: the gap ends here.
    next = NonWordEnd(text, word_end);
  }
  return false;
}

void PhraseWalker::Try(int phrase, size_t start, absl::string_view text,
                       absl::Span<const WordHit> word_hits,
                       std::vector<int>* hits, size_t first_hit) const {
  const int term = phrases_[phrase].term;
  if (std::find(hits->begin() + first_hit, hits->end(), term) != hits->end()) {
    return;
  }
  if (Follows(phrases_[phrase], 0, start, text, word_hits)) {
    hits->push_back(term);
  }
}

void PhraseWalker::Walk(absl::string_view text, absl::Span<WordHit> word_hits,
                        std::vector<int>* hits, size_t first_hit) const {
  std::sort(word_hits.begin(), word_hits.end(), LessByPlace);
  const absl::Span<const WordHit> sorted = word_hits;
  const auto try_all = [&](const std::vector<int>& phrases, size_t start) {
    for (int phrase : phrases) {
      Try(phrase, start, text, sorted, hits, first_hit);
    }
  };
  for (size_t k = 0; k < sorted.size(); ++k) {
    const WordHit& hit = sorted[k];
    const uint8_t starts = starts_[hit.literal];
    if (starts == 0) continue;
    // The words found where each of the next few words starts: the second
    // word of a phrase, if the phrase is here. Hits are in order of place,
    // so those are further on.
    const int max_skipped = (starts & kStartsGapped) ? kMaxGapWords : 0;
    size_t next = NonWordEnd(
        text, WordEnd(text, hit.start + literals_[hit.literal].size()));
    size_t second = k + 1;
    for (int skipped = 0; next < text.size(); ++skipped) {
      while (second < sorted.size() && sorted[second].start < next) ++second;
      for (size_t at = second; at < sorted.size() && sorted[at].start == next;
           ++at) {
        const uint64_t key = PairKey(hit.literal, sorted[at].literal);
        if (skipped == 0 && (starts & kStartsAdjacent)) {
          const auto it = by_first_two_words_.find(key);
          if (it != by_first_two_words_.end()) try_all(it->second, hit.start);
        }
        if (starts & kStartsGapped) {
          const auto it = by_first_two_gapped_.find(key);
          if (it != by_first_two_gapped_.end()) try_all(it->second, hit.start);
        }
      }
      if (skipped == max_skipped) break;
      const size_t word_end = WordEnd(text, next);
      if (word_end == next) break;  // Not a word: no gap goes past it.
      next = NonWordEnd(text, word_end);
    }
  }
}

}  // namespace firstline
