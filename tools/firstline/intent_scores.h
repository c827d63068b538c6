// How well a pack's intents do on labeled messages: per-intent precision,
// recall and F1, and which intents get mixed up, as `firstline test` reports
// them.
//
//   IntentScores scores;
//   scores.AddExample("track_order", got.intent().intent());
//   for (const IntentScore& row : scores.ByIntent()) ...
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_INTENT_SCORES_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_INTENT_SCORES_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {

// "No intent" counts as a label of its own: the expected label of a message
// the pack should leave alone, and what a message without an intent got.
inline constexpr absl::string_view kNoIntent = "";

// `intent` as people read it: "(none)" for kNoIntent.
std::string ShownIntent(absl::string_view intent);

// The figures of one label, as fractions from 0 to 1. Precision is unset
// when no message got the label, recall when none expected it; F1 is then 0.
struct IntentScore {
  std::string intent;
  int examples = 0;     // Messages labeled with it.
  int correct = 0;      // Of those, the ones that got it.
  int wrongly_got = 0;  // Messages that got it without being labeled with it.
  std::optional<double> precision;
  std::optional<double> recall;
  double f1 = 0;
};

// Examples of `expected` that got `got` instead, `count` times.
struct Confusion {
  std::string expected;
  std::string got;
  int count = 0;
};

class IntentScores {
 public:
  // A message labeled `expected` that got `got` (either may be kNoIntent).
  void AddExample(absl::string_view expected, absl::string_view got);
  // A message that must not get `forbidden` and got `got`. Only getting it
  // counts (against the precision of `forbidden`): what else the message
  // should get is unknown.
  void AddCounterExample(absl::string_view forbidden, absl::string_view got);

  // Every label expected or got, by id, kNoIntent last.
  std::vector<IntentScore> ByIntent() const;
  // The (expected, got) pairs of examples that got another label, biggest
  // first (ties by expected, then got), at most `limit`.
  std::vector<Confusion> MostConfused(int limit) const;

  int examples() const { return examples_; }
  int correct_examples() const { return correct_examples_; }
  int counter_examples() const { return counter_examples_; }
  int failed_counter_examples() const { return failed_counter_examples_; }

 private:
  // Every example by (expected, got), matches included.
  std::map<std::pair<std::string, std::string>, int> pairs_;
  // Counter-examples that got the intent they must not, by that intent.
  std::map<std::string, int> counter_hits_;
  int examples_ = 0;
  int correct_examples_ = 0;
  int counter_examples_ = 0;
  int failed_counter_examples_ = 0;
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_INTENT_SCORES_H_
