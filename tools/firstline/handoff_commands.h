// `firstline handoffs` and `firstline handoff ID`: what the agent desks see,
// for operators at a terminal.
//
//   firstline handoffs --server 127.0.0.1:50051 --queue billing
//   firstline handoff --server 127.0.0.1:50051 h-000001
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_HANDOFF_COMMANDS_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_HANDOFF_COMMANDS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "firstline/v1/handoff.pb.h"

namespace firstline {

struct HandoffCommandOptions {
  std::string server = "127.0.0.1:50051";
  // handoffs: the queue to list; empty for every queue.
  std::string queue;
  // handoffs: waiting, claimed or resolved; empty for every state.
  std::string state;
  // handoff: the handoff to show.
  std::string id;
};

// Lists handoffs oldest first, one line each: id, state, queue, priority,
// reason and summary. INVALID_ARGUMENT for an unknown --state; the call's
// status when the server refuses or cannot be reached.
absl::Status RunListHandoffs(const HandoffCommandOptions& options,
                             std::ostream& out);

// Prints one handoff with everything the agent gets (FormatHandoff).
// NOT_FOUND for an unknown id.
absl::Status RunShowHandoff(const HandoffCommandOptions& options,
                            std::ostream& out);

// The handoff as a person reads it: who, where, what they want, why the bot
// handed over, how urgent, what the bot did, and the transcript. Times in
// UTC.
std::string FormatHandoff(const v1::Handoff& handoff);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_HANDOFF_COMMANDS_H_
