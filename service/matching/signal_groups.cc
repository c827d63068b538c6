#include "service/matching/signal_groups.h"

#include <algorithm>

namespace firstline {
namespace {

// What one thread remembers between calls of Fired(), for any SignalGroups:
// an entry counts for the current call only when its stamp is the call's.
// This spares clearing arrays as long as the largest rule pack's groups at
// every call, and sorting the (signal, group) pairs of the terms found,
// which was the dearest part of scoring a message.
struct Tally {
  uint32_t call = 0;
  std::vector<uint32_t> group_seen;    // Stamp, by group.
  std::vector<uint32_t> signal_seen;   // Stamp, by signal.
  std::vector<uint32_t> groups_found;  // By signal, valid when seen.

  // Starts a call over `groups` groups and `signals` signals.
  void Begin(size_t groups, size_t signals) {
    if (++call == 0) {  // The stamps came round: forget them all.
      std::fill(group_seen.begin(), group_seen.end(), 0);
      std::fill(signal_seen.begin(), signal_seen.end(), 0);
      call = 1;
    }
    if (group_seen.size() < groups) group_seen.resize(groups, 0);
    if (signal_seen.size() < signals) {
      signal_seen.resize(signals, 0);
      groups_found.resize(signals, 0);
    }
  }
};

}  // namespace

SignalGroups::SignalGroups(
    const std::vector<std::vector<std::vector<int>>>& signals,
    size_t term_count) {
  std::vector<std::vector<uint32_t>> groups_of_term(term_count);
  for (size_t s = 0; s < signals.size(); ++s) {
    group_count_.push_back(static_cast<uint32_t>(signals[s].size()));
    for (const std::vector<int>& terms : signals[s]) {
      const auto group = static_cast<uint32_t>(signal_of_group_.size());
      signal_of_group_.push_back(static_cast<uint32_t>(s));
      for (int term : terms) {
        std::vector<uint32_t>& groups = groups_of_term[term];
        if (groups.empty() || groups.back() != group) groups.push_back(group);
      }
    }
  }
  term_begin_.reserve(term_count + 1);
  for (const std::vector<uint32_t>& groups : groups_of_term) {
    term_begin_.push_back(static_cast<uint32_t>(groups_of_term_.size()));
    groups_of_term_.insert(groups_of_term_.end(), groups.begin(), groups.end());
  }
  term_begin_.push_back(static_cast<uint32_t>(groups_of_term_.size()));
}

void SignalGroups::Fired(absl::Span<const int> hits,
                         std::vector<int>* fired) const {
  thread_local Tally tally;
  tally.Begin(signal_of_group_.size(), group_count_.size());
  fired->clear();
  for (int term : hits) {
    for (uint32_t k = term_begin_[term]; k < term_begin_[term + 1]; ++k) {
      const uint32_t group = groups_of_term_[k];
      if (tally.group_seen[group] == tally.call) continue;
      tally.group_seen[group] = tally.call;
      const uint32_t signal = signal_of_group_[group];
      if (tally.signal_seen[signal] != tally.call) {
        tally.signal_seen[signal] = tally.call;
        tally.groups_found[signal] = 0;
      }
      if (++tally.groups_found[signal] == group_count_[signal]) {
        fired->push_back(static_cast<int>(signal));
      }
    }
  }
  std::sort(fired->begin(), fired->end());
}

}  // namespace firstline
