#include "tools/firstline/load_histogram.h"

#include "gtest/gtest.h"

namespace firstline {
namespace {

// Within the histogram's promise of 1%.
void ExpectNear(absl::Duration actual, absl::Duration expected) {
  EXPECT_NEAR(absl::ToDoubleNanoseconds(actual),
              absl::ToDoubleNanoseconds(expected),
              absl::ToDoubleNanoseconds(expected) * 0.01)
      << actual << " vs " << expected;
}

TEST(LatencyHistogramTest, PercentilesOfAKnownSpread) {
  LatencyHistogram histogram;
  for (int us = 1; us <= 10000; ++us) histogram.Record(absl::Microseconds(us));
  EXPECT_EQ(histogram.count(), 10000);
  ExpectNear(histogram.Percentile(0.5), absl::Microseconds(5000));
  ExpectNear(histogram.Percentile(0.9), absl::Microseconds(9000));
  ExpectNear(histogram.Percentile(0.99), absl::Microseconds(9900));
  ExpectNear(histogram.Percentile(0.999), absl::Microseconds(9990));
  EXPECT_EQ(histogram.max(), absl::Microseconds(10000));
  ExpectNear(histogram.mean(), absl::Nanoseconds(5000500));
}

TEST(LatencyHistogramTest, SmallValuesAreExactAndTheMaxBoundsAll) {
  LatencyHistogram histogram;
  histogram.Record(absl::Nanoseconds(200));
  histogram.Record(absl::Nanoseconds(-5));
  EXPECT_EQ(histogram.Percentile(0.5), absl::ZeroDuration());
  EXPECT_EQ(histogram.Percentile(1), absl::Nanoseconds(200));
  histogram.Record(absl::Hours(30));
  EXPECT_EQ(histogram.Percentile(1), absl::Hours(30));
}

TEST(LatencyHistogramTest, MergingIsRecordingBoth) {
  LatencyHistogram fast, slow, both;
  for (int i = 0; i < 900; ++i) {
    fast.Record(absl::Microseconds(100));
    both.Record(absl::Microseconds(100));
  }
  for (int i = 0; i < 100; ++i) {
    slow.Record(absl::Milliseconds(3));
    both.Record(absl::Milliseconds(3));
  }
  fast.Merge(slow);
  EXPECT_EQ(fast.count(), both.count());
  EXPECT_EQ(fast.Percentile(0.9), both.Percentile(0.9));
  ExpectNear(fast.Percentile(0.9), absl::Microseconds(100));
  ExpectNear(fast.Percentile(0.91), absl::Milliseconds(3));
  EXPECT_EQ(fast.max(), absl::Milliseconds(3));
}

TEST(LatencyHistogramTest, EmptyIsZero) {
  const LatencyHistogram histogram;
  EXPECT_EQ(histogram.Percentile(0.99), absl::ZeroDuration());
  EXPECT_EQ(histogram.mean(), absl::ZeroDuration());
}

}  // namespace
}  // namespace firstline
