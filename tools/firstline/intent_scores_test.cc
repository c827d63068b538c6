#include "tools/firstline/intent_scores.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::DoubleNear;
using ::testing::Optional;

TEST(IntentScoresTest, PrecisionRecallAndF1PerLabel) {
  IntentScores scores;
  scores.AddExample("track_order", "track_order");
  scores.AddExample("track_order", "track_order");
  scores.AddExample("track_order", "track_order");
  scores.AddExample("track_order", "cancel_order");
  scores.AddExample("cancel_order", "cancel_order");
  scores.AddExample("cancel_order", "");
  scores.AddCounterExample("cancel_order", "cancel_order");
  scores.AddCounterExample("track_order", "");

  const std::vector<IntentScore> rows = scores.ByIntent();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].intent, "cancel_order");
  EXPECT_EQ(rows[0].examples, 2);
  EXPECT_EQ(rows[0].correct, 1);
  // Got by one track_order example and one counter-example.
  EXPECT_EQ(rows[0].wrongly_got, 2);
  EXPECT_THAT(rows[0].precision, Optional(DoubleNear(1.0 / 3, 1e-9)));
  EXPECT_THAT(rows[0].recall, Optional(DoubleNear(0.5, 1e-9)));
  EXPECT_THAT(rows[0].f1, DoubleNear(0.4, 1e-9));

  EXPECT_EQ(rows[1].intent, "track_order");
  EXPECT_THAT(rows[1].precision, Optional(DoubleNear(1.0, 1e-9)));
  EXPECT_THAT(rows[1].recall, Optional(DoubleNear(0.75, 1e-9)));
  EXPECT_THAT(rows[1].f1, DoubleNear(6.0 / 7, 1e-9));

  // Nothing was meant to get no intent: recall and F1 are undefined.
  EXPECT_EQ(rows[2].intent, kNoIntent);
  EXPECT_EQ(rows[2].examples, 0);
  EXPECT_THAT(rows[2].precision, Optional(DoubleNear(0.0, 1e-9)));
  EXPECT_EQ(rows[2].recall, std::nullopt);
  EXPECT_EQ(rows[2].f1, 0.0);

  EXPECT_EQ(scores.examples(), 6);
  EXPECT_EQ(scores.correct_examples(), 4);
  EXPECT_EQ(scores.counter_examples(), 2);
  EXPECT_EQ(scores.failed_counter_examples(), 1);
}

TEST(IntentScoresTest, MostConfusedPairsBiggestFirst) {
  IntentScores scores;
  for (int i = 0; i < 3; ++i) scores.AddExample("get_refund", "return_item");
  scores.AddExample("track_order", "");
  scores.AddExample("cancel_order", "track_order");
  scores.AddExample("cancel_order", "track_order");
  scores.AddExample("cancel_order", "cancel_order");

  const std::vector<Confusion> top = scores.MostConfused(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].expected, "get_refund");
  EXPECT_EQ(top[0].got, "return_item");
  EXPECT_EQ(top[0].count, 3);
  EXPECT_EQ(top[1].expected, "cancel_order");
  EXPECT_EQ(top[1].got, "track_order");
  EXPECT_EQ(top[1].count, 2);
  EXPECT_EQ(scores.MostConfused(10).size(), 3u);
  EXPECT_EQ(ShownIntent(scores.MostConfused(10)[2].got), "(none)");
}

TEST(IntentScoresTest, AnIntentThatNeverScoresHasZeroF1) {
  IntentScores scores;
  scores.AddExample("a", "b");
  const std::vector<IntentScore> rows = scores.ByIntent();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].precision, std::nullopt);  // Nothing got "a".
  EXPECT_THAT(rows[0].recall, Optional(0.0));
  EXPECT_EQ(rows[0].f1, 0.0);
  EXPECT_THAT(rows[1].precision, Optional(0.0));
  EXPECT_EQ(rows[1].recall, std::nullopt);  // Nothing was meant as "b".
  EXPECT_EQ(rows[1].f1, 0.0);
}

}  // namespace
}  // namespace firstline
