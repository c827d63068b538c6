// Runs a load: lanes (one channel each) polled by a few threads through
// completion queues, driven either closed loop (a fixed number of messages
// in flight, each answer sending the next) or open loop (messages due at a
// fixed rate whether or not earlier ones were answered).
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_DRIVER_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_DRIVER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/firstline/load_lane.h"
#include "tools/firstline/load_tally.h"

namespace firstline {

struct LoadPlan {
  std::string server;
  int channels = 1;
  // Closed loop: messages (calls, for unary calls) in flight, shared out
  // between the channels.
  int concurrency = 1;
  // Open loop when positive: sends per second, spread over the channels.
  double sends_per_second = 0;
  absl::Duration warmup;
  absl::Duration duration;
};

// What a run measured.
struct LoadResult {
  explicit LoadResult(const LoadClock& clock) : tally(clock) {}

  LoadTally tally;
  // From the end of the warm-up to the last answer counted.
  absl::Duration measured;
  // CPU time (user and system) this process used while measuring, per
  // second: 1.0 is one core busy throughout.
  double cpu_cores = 0;
};

// Makes the sender of one lane.
using LaneFactory =
    std::function<std::unique_ptr<LaneSender>(const LaneContext&)>;

// Connects plan.channels separate connections to plan.server, runs the plan
// and waits for every message sent to be answered or to fail. UNAVAILABLE
// when the server cannot be reached.
absl::StatusOr<LoadResult> DriveLoad(const LoadPlan& plan,
                                     const LaneFactory& new_lane);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_DRIVER_H_
