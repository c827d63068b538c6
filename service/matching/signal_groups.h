// Which signals fire, given the terms found in a message.
//
// A signal is made of groups of terms and fires when every one of its
// groups has a term that was found:
//
//   // Signal 0: "refund" (term 0); signal 1: "order" (1) and "late" (2).
//   SignalGroups groups({{{0}}, {{1}, {2}}}, /*term_count=*/3);
//   std::vector<int> fired;
//   groups.Fired({1, 2}, &fired);  // fired == {1}
#ifndef FIRSTLINE_SERVICE_MATCHING_SIGNAL_GROUPS_H_
#define FIRSTLINE_SERVICE_MATCHING_SIGNAL_GROUPS_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace firstline {

class SignalGroups {
 public:
  // `signals[s][g]` lists the term ids of group g of signal s; every id is
  // below `term_count`. A term may be in many groups, and twice in one.
  SignalGroups(const std::vector<std::vector<std::vector<int>>>& signals,
               size_t term_count);

  // Sets `fired` to the signals each of whose groups has a term in `hits`,
  // in ascending order. `hits` are term ids, each below term_count, in any
  // order, repeats allowed. Thread-safe.
  void Fired(absl::Span<const int> hits, std::vector<int>* fired) const;

 private:
  // The groups of term t are groups_of_term_[term_begin_[t],
  // term_begin_[t + 1]), each group once.
  std::vector<uint32_t> term_begin_;
  std::vector<uint32_t> groups_of_term_;
  std::vector<uint32_t> signal_of_group_;
  std::vector<uint32_t> group_count_;  // By signal.
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_SIGNAL_GROUPS_H_
