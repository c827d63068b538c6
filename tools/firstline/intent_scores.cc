#include "tools/firstline/intent_scores.h"

#include <algorithm>

namespace firstline {

std::string ShownIntent(absl::string_view intent) {
  return intent.empty() ? "(none)" : std::string(intent);
}

void IntentScores::AddExample(absl::string_view expected,
                              absl::string_view got) {
  ++pairs_[{std::string(expected), std::string(got)}];
  ++examples_;
  if (expected == got) ++correct_examples_;
}

void IntentScores::AddCounterExample(absl::string_view forbidden,
                                     absl::string_view got) {
  ++counter_examples_;
  if (forbidden != got) return;
  ++counter_hits_[std::string(forbidden)];
  ++failed_counter_examples_;
}

std::vector<IntentScore> IntentScores::ByIntent() const {
  std::map<std::string, IntentScore> rows;
  auto row = [&rows](const std::string& intent) -> IntentScore& {
    IntentScore& found = rows[intent];
    found.intent = intent;
    return found;
  };
  for (const auto& [labels, count] : pairs_) {
    const auto& [expected, got] = labels;
    row(expected).examples += count;
    if (expected == got) {
      row(expected).correct += count;
    } else {
      row(got).wrongly_got += count;
    }
  }
  for (const auto& [intent, count] : counter_hits_) {
    row(intent).wrongly_got += count;
  }

  std::vector<IntentScore> ordered;
  for (auto& [intent, score] : rows) {
    if (score.correct + score.wrongly_got > 0) {
      score.precision = static_cast<double>(score.correct) /
                        (score.correct + score.wrongly_got);
    }
    if (score.examples > 0) {
      score.recall = static_cast<double>(score.correct) / score.examples;
    }
    // The harmonic mean of precision and recall, written so that it is
    // also defined, as 0, when either is undefined for lack of a count.
    score.f1 = 2.0 * score.correct /
               (2 * score.correct + score.wrongly_got +
                (score.examples - score.correct));
    ordered.push_back(std::move(score));
  }
  // The map sorts kNoIntent ("") first; people look for it last.
  if (!ordered.empty() && ordered.front().intent == kNoIntent) {
    std::rotate(ordered.begin(), ordered.begin() + 1, ordered.end());
  }
  return ordered;
}

std::vector<Confusion> IntentScores::MostConfused(int limit) const {
  std::vector<Confusion> confusions;
  for (const auto& [labels, count] : pairs_) {
    if (labels.first != labels.second) {
      confusions.push_back({labels.first, labels.second, count});
    }
  }
  // The map's order breaks ties, so a stable sort keeps them by label.
  std::stable_sort(
      confusions.begin(), confusions.end(),
      [](const Confusion& a, const Confusion& b) { return a.count > b.count; });
  if (static_cast<int>(confusions.size()) > limit) confusions.resize(limit);
  return confusions;
}

}  // namespace firstline
