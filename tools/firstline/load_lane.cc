#include "tools/firstline/load_lane.h"

#include "absl/time/clock.h"

namespace firstline {

bool InFlight::WaitForNone(absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  // Polled: waiting happens once per run, and a millisecond is nothing to
  // a run of seconds.
  while (count_.load(std::memory_order_acquire) > 0) {
    if (absl::Now() >= give_up) return false;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return true;
}

}  // namespace firstline
