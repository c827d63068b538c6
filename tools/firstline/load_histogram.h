// Latencies of a load run in constant memory: a run of millions of calls
// keeps a few thousand counters, and percentiles come out within 1%.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_HISTOGRAM_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_HISTOGRAM_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace firstline {

// Log-linear buckets over nanoseconds: exact below 256 ns, then 128 buckets
// per doubling, so a bucket is at most 1/128 of the values it holds wide.
class LatencyHistogram {
 public:
  LatencyHistogram();

  // Negative latencies count as zero; beyond a few hours, as the largest.
  void Record(absl::Duration latency);
  // Adds what `other` recorded, as if it had been recorded here.
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  // The smallest latency that at least `fraction` (in (0, 1]) of those
  // recorded do not exceed, to within 1%; zero when none were recorded.
  absl::Duration Percentile(double fraction) const;
  // Exact; zero when none were recorded.
  absl::Duration max() const;
  absl::Duration mean() const;

 private:
  std::vector<uint64_t> buckets_;
  uint64_t count_ = 0;
  uint64_t max_ns_ = 0;
  // Exact, for the mean; a double keeps hours of microseconds in range.
  double sum_ns_ = 0;
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_HISTOGRAM_H_
