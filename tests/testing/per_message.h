// The loop of a benchmark that handles one message per iteration.
#ifndef FIRSTLINE_TESTS_TESTING_PER_MESSAGE_H_
#define FIRSTLINE_TESTS_TESTING_PER_MESSAGE_H_

#include <benchmark/benchmark.h>

#include <vector>

namespace firstline::testing {

// The counter of messages handled per second of CPU time of the benchmark's
// thread: messages per second per core.
inline constexpr char kMessagesPerSecond[] = "msgs/s";

// Calls `handle` on one of `messages` per iteration, going round them in
// order, and reports how many it handled per second as `counter`. Requires
// a non-empty `messages`.
template <typename Message, typename Handle>
void RunPerMessage(benchmark::State& state,
                   const std::vector<Message>& messages, Handle&& handle,
                   const char* counter = kMessagesPerSecond) {
  size_t next = 0;
  for (auto _ : state) {
    handle(messages[next]);
    if (++next == messages.size()) next = 0;
  }
  state.counters[counter] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_PER_MESSAGE_H_
