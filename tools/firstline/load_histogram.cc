#include "tools/firstline/load_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace firstline {
namespace {

// Values keep their top kPrecisionBits bits: below 2^kPrecisionBits they
// are exact, above it each doubling has kPerDoubling buckets.
constexpr int kPrecisionBits = 8;
constexpr uint64_t kExact = uint64_t{1} << kPrecisionBits;
constexpr uint64_t kPerDoubling = kExact / 2;
// 2^44 ns is nearly five hours, beyond any call's deadline.
constexpr int kMaxShift = 44 - kPrecisionBits;
constexpr size_t kBuckets = kExact + kMaxShift * kPerDoubling;

size_t BucketOf(uint64_t ns) {
  if (ns < kExact) return ns;
  const int shift = std::min(
      static_cast<int>(std::bit_width(ns)) - kPrecisionBits, kMaxShift);
  const uint64_t top = std::min(ns >> shift, kExact - 1);
  return kExact + (shift - 1) * kPerDoubling + (top - kPerDoubling);
}

// The middle of the bucket's values.
double MiddleOf(size_t bucket) {
  if (bucket < kExact) return static_cast<double>(bucket);
  const uint64_t shift = (bucket - kExact) / kPerDoubling + 1;
  const uint64_t top = (bucket - kExact) % kPerDoubling + kPerDoubling;
  return static_cast<double>(top << shift) +
         static_cast<double>((uint64_t{1} << shift) - 1) / 2;
}

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kBuckets, 0) {}

void LatencyHistogram::Record(absl::Duration latency) {
  const uint64_t ns = static_cast<uint64_t>(
      std::max<int64_t>(0, absl::ToInt64Nanoseconds(latency)));
  ++buckets_[BucketOf(ns)];
  ++count_;
  max_ns_ = std::max(max_ns_, ns);
  sum_ns_ += static_cast<double>(ns);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  max_ns_ = std::max(max_ns_, other.max_ns_);
  sum_ns_ += other.sum_ns_;
}

absl::Duration LatencyHistogram::Percentile(double fraction) const {
  if (count_ == 0) return absl::ZeroDuration();
  const uint64_t rank = std::clamp<uint64_t>(
      static_cast<uint64_t>(std::ceil(fraction * static_cast<double>(count_))),
      1, count_);
  // Exact, and the only answer for values beyond the last bucket.
  if (rank == count_) return max();
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      return absl::Nanoseconds(
          std::min(MiddleOf(i), static_cast<double>(max_ns_)));
    }
  }
  return max();
}

absl::Duration LatencyHistogram::max() const {
  return absl::Nanoseconds(max_ns_);
}

absl::Duration LatencyHistogram::mean() const {
  if (count_ == 0) return absl::ZeroDuration();
  return absl::Nanoseconds(sum_ns_ / static_cast<double>(count_));
}

}  // namespace firstline
