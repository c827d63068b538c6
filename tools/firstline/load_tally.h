// What a load run counts as its answers come in, and when it counts them.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_TALLY_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_TALLY_H_

#include <cstdint>
#include <map>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/firstline/load_histogram.h"

namespace firstline {

// The phases of a run: warm-up from `start`, then the measured window
// [`measure_from`, `stop`); nothing is sent from `stop` on.
struct LoadClock {
  absl::Time start;
  absl::Time measure_from;
  absl::Time stop;
};

// Counts of one lane of a run; not thread-safe: each lane records from one
// thread at a time and the lanes' tallies are merged at the end.
class LoadTally {
 public:
  explicit LoadTally(const LoadClock& clock) : clock_(clock) {}

  // A unary call of `messages` messages (one, or a batch), due to be sent
  // at `due`, answered at `answered` with `code`. Counted only when due
  // within the measured window, so that warm-up is left out and every
  // message counted is also waited for.
  void AnswerCall(absl::Time due, absl::Time answered, int messages,
                  absl::StatusCode code);
  // One message of a stream, counted as AnswerCall counts a call's.
  void AnswerStreamMessage(absl::Time due, absl::Time answered,
                           absl::StatusCode code);
  // A stream ended. Counted whenever it ran: a stream spans the warm-up
  // and the window.
  void EndStream() { ++calls_; }
  void Merge(const LoadTally& other);

  uint64_t calls() const { return calls_; }
  // Answered without error.
  uint64_t messages() const { return messages_; }
  // Messages that failed, by code.
  const std::map<absl::StatusCode, uint64_t>& errors() const { return errors_; }
  const LatencyHistogram& latency() const { return latency_; }
  // When the last message counted was answered; InfinitePast() for none.
  absl::Time last_answer() const { return last_answer_; }

 private:
  bool Measured(absl::Time due) const {
    return due >= clock_.measure_from && due < clock_.stop;
  }
  void Count(absl::Time due, absl::Time answered, int messages,
             absl::StatusCode code);

  LoadClock clock_;
  uint64_t calls_ = 0;
  uint64_t messages_ = 0;
  std::map<absl::StatusCode, uint64_t> errors_;
  LatencyHistogram latency_;
  absl::Time last_answer_ = absl::InfinitePast();
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_TALLY_H_
