#include "tools/firstline/load_driver.h"

#include <grpcpp/grpcpp.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace firstline {
namespace {

constexpr int kConnectSeconds = 5;
// Unary calls fail on their own deadline before this; streams are
// cancelled after it.
constexpr absl::Duration kDrainTimeout = absl::Seconds(15);

absl::Duration CpuTime() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return absl::DurationFromTimeval(usage.ru_utime) +
         absl::DurationFromTimeval(usage.ru_stime);
}

std::shared_ptr<grpc::Channel> NewChannel(const std::string& server,
                                          int index) {
  grpc::ChannelArguments args;
  // Channels with equal arguments would share one connection.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("firstline.load.channel", index);
  return grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(),
                                   args);
}

// Fails at once when the server refuses the connection, rather than
// retrying until the deadline.
bool Connect(grpc::Channel& channel) {
  const auto deadline =
      std::chrono::system_clock::now() + std::chrono::seconds(kConnectSeconds);
  grpc_connectivity_state state = channel.GetState(/*try_to_connect=*/true);
  while (state != GRPC_CHANNEL_READY) {
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE ||
        state == GRPC_CHANNEL_SHUTDOWN ||
        !channel.WaitForStateChange(state, deadline)) {
      return false;
    }
    state = channel.GetState(/*try_to_connect=*/true);
  }
  return true;
}

void Poll(grpc::CompletionQueue* cq) {
  void* tag = nullptr;
  bool ok = false;
  while (cq->Next(&tag, &ok)) {
    static_cast<CompletionHandler*>(tag)->OnEvent(ok);
  }
}

// Sends at a fixed interval, round the lanes, until the clock stops. A send
// that falls behind goes out at once but keeps the time it was due, so that
// its latency includes the wait.
void Pace(const std::vector<std::unique_ptr<LaneSender>>& lanes,
          double per_second, const LoadClock& clock) {
  // Otherwise the kernel may wake this thread up to 50 us late.
  prctl(PR_SET_TIMERSLACK, 1UL);
  const absl::Duration interval = absl::Seconds(1.0 / per_second);
  absl::Time due = clock.start;
  size_t lane = 0;
  while (due < clock.stop) {
    const absl::Time now = absl::Now();
    if (due > now) {
      absl::SleepFor(due - now);
      continue;
    }
    lanes[lane]->Send(due);
    lane = (lane + 1) % lanes.size();
    due += interval;
  }
}

// Waits for every message sent to be answered or to fail; streams still
// open after the drain timeout are cancelled.
void Drain(const std::vector<std::unique_ptr<LaneSender>>& lanes,
           InFlight& in_flight) {
  for (const auto& lane : lanes) lane->Close();
  if (in_flight.WaitForNone(kDrainTimeout)) return;
  for (const auto& lane : lanes) lane->Cancel();
  in_flight.WaitForNone(kDrainTimeout);
}

}  // namespace

absl::StatusOr<LoadResult> DriveLoad(const LoadPlan& plan,
                                     const LaneFactory& new_lane) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < plan.channels; ++i) {
    channels.push_back(NewChannel(plan.server, i));
    if (!Connect(*channels.back())) {
      return absl::UnavailableError(
          absl::StrCat("cannot connect to ", plan.server));
    }
  }
  const bool closed_loop = plan.sends_per_second <= 0;
  // A thread per core at most: more only take turns. Open loop, the pacer
  // needs a core of its own: on two cores, a second poller made the client
  // use a fifth more CPU at 15,000 calls a second, in wake-ups.
  const int cores = std::max<int>(1, std::thread::hardware_concurrency());
  const int threads =
      std::clamp<int>(closed_loop ? cores : cores - 1, 1, plan.channels);
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues;
  for (int i = 0; i < threads; ++i) {
    queues.push_back(std::make_unique<grpc::CompletionQueue>());
  }

  LoadClock clock;
  clock.start = absl::Now();
  clock.measure_from = clock.start + plan.warmup;
  clock.stop = clock.measure_from + plan.duration;
  // A deque, so that the lanes' pointers stay valid.
  std::deque<LoadTally> tallies;
  InFlight in_flight;
  std::vector<std::unique_ptr<LaneSender>> lanes;
  for (int i = 0; i < plan.channels; ++i) {
    tallies.emplace_back(clock);
    lanes.push_back(new_lane({.index = i,
                              .channel = channels[i],
                              .cq = queues[i % threads].get(),
                              .tally = &tallies.back(),
                              .clock = &clock,
                              .in_flight = &in_flight,
                              .closed_loop = closed_loop}));
  }
  std::vector<std::thread> pollers;
  for (auto& queue : queues) pollers.emplace_back(Poll, queue.get());
  std::thread pacer;
  if (closed_loop) {
    for (int i = 0; i < plan.concurrency; ++i) {
      lanes[i % plan.channels]->Send(absl::Now());
    }
  } else {
    pacer = std::thread(Pace, std::cref(lanes), plan.sends_per_second,
                        std::cref(clock));
  }

  absl::SleepFor(clock.measure_from - absl::Now());
  const absl::Duration cpu_before = CpuTime();
  absl::SleepFor(clock.stop - absl::Now());
  const absl::Duration cpu = CpuTime() - cpu_before;
  if (pacer.joinable()) pacer.join();
  Drain(lanes, in_flight);
  for (auto& queue : queues) queue->Shutdown();
  for (std::thread& poller : pollers) poller.join();
  lanes.clear();

  LoadResult result(clock);
  for (const LoadTally& tally : tallies) result.tally.Merge(tally);
  result.measured =
      std::max(clock.stop, result.tally.last_answer()) - clock.measure_from;
  result.cpu_cores = absl::FDivDuration(cpu, plan.duration);
  return result;
}

}  // namespace firstline
