// The parts of the load generator every call form shares: a lane is one
// channel (one connection) of the run, sending its messages through an
// asynchronous gRPC completion queue and counting their answers.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_LANE_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_LANE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>

#include "absl/time/time.h"
#include "tools/firstline/load_tally.h"

namespace firstline {

// Every tag the load generator puts on a completion queue is one of these;
// the queue's thread calls OnEvent with the operation's `ok`.
class CompletionHandler {
 public:
  virtual ~CompletionHandler() = default;
  virtual void OnEvent(bool ok) = 0;
};

// Counts the calls and streams still running, for the run to wait on.
// Lock-free: every call passes through it.
class InFlight {
 public:
  void Add() { count_.fetch_add(1, std::memory_order_relaxed); }
  void Done() { count_.fetch_sub(1, std::memory_order_release); }
  // False when some are still running after `timeout`.
  bool WaitForNone(absl::Duration timeout);

 private:
  std::atomic<int> count_{0};
};

// What a lane sends with. Its tally is written only from the thread that
// polls `cq`, or under the lane's own lock.
struct LaneContext {
  int index = 0;
  std::shared_ptr<grpc::Channel> channel;
  grpc::CompletionQueue* cq = nullptr;
  LoadTally* tally = nullptr;
  const LoadClock* clock = nullptr;
  InFlight* in_flight = nullptr;
  // Each answer sends the lane's next message at once, until clock->stop.
  bool closed_loop = true;
};

// Sends one lane's messages and counts their answers.
class LaneSender {
 public:
  virtual ~LaneSender() = default;
  // Sends the lane's next message (a call, a batch, or a message on the
  // lane's stream) that was due to be sent at `due`. Thread-safe.
  virtual void Send(absl::Time due) = 0;
  // Nothing more will be sent: a stream ends once all are answered.
  virtual void Close() {}
  // Gives up on what is still unanswered.
  virtual void Cancel() {}
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_LANE_H_
