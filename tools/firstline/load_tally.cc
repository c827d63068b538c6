#include "tools/firstline/load_tally.h"

#include <algorithm>

namespace firstline {

void LoadTally::AnswerCall(absl::Time due, absl::Time answered, int messages,
                           absl::StatusCode code) {
  if (!Measured(due)) return;
  ++calls_;
  Count(due, answered, messages, code);
}

void LoadTally::AnswerStreamMessage(absl::Time due, absl::Time answered,
                                    absl::StatusCode code) {
  if (!Measured(due)) return;
  Count(due, answered, 1, code);
}

void LoadTally::Count(absl::Time due, absl::Time answered, int messages,
                      absl::StatusCode code) {
  last_answer_ = std::max(last_answer_, answered);
  if (code != absl::StatusCode::kOk) {
    errors_[code] += messages;
    return;
  }
  messages_ += messages;
  // A batch's texts all wait as long as the call.
  latency_.Record(answered - due);
}

void LoadTally::Merge(const LoadTally& other) {
  calls_ += other.calls_;
  messages_ += other.messages_;
  for (const auto& [code, count] : other.errors_) errors_[code] += count;
  latency_.Merge(other.latency_);
  last_answer_ = std::max(last_answer_, other.last_answer_);
}

}  // namespace firstline
