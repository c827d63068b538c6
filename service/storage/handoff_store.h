// Where handoffs live from the moment the bot creates them until an agent
// resolves them: in memory, or durably in SQLite. Every call of a store that
// cannot be reached fails with UNAVAILABLE.
#ifndef FIRSTLINE_SERVICE_STORAGE_HANDOFF_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_HANDOFF_STORE_H_

#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "firstline/v1/handoff.pb.h"

namespace firstline {

// New handoffs of one queue, in the order they were created.
class HandoffSubscription {
 public:
  virtual ~HandoffSubscription() = default;
  // The next handoff, waiting up to `timeout`; nothing when none came.
  virtual std::optional<v1::Handoff> Next(absl::Duration timeout) = 0;
};

class HandoffStore {
 public:
  virtual ~HandoffStore() = default;

  // Stores `handoff` as WAITING with a new id and returns it as stored.
  virtual absl::StatusOr<v1::Handoff> Create(v1::Handoff handoff) = 0;
  // NOT_FOUND for an unknown id.
  virtual absl::StatusOr<v1::Handoff> Get(absl::string_view id) = 0;
  // Adds a message to the transcript of handoff `id`.
  virtual absl::Status Append(absl::string_view id,
                              const v1::TranscriptEntry& entry) = 0;
  // Handoffs of `queue` (every queue when empty) in `state` (every state
  // when UNSPECIFIED), oldest first.
  virtual absl::StatusOr<std::vector<v1::Handoff>> List(
      absl::string_view queue, v1::HandoffState state) = 0;
  // Gives a waiting handoff to `agent`; claiming one's own again is fine.
  // FAILED_PRECONDITION when another agent holds it or it is resolved.
  virtual absl::StatusOr<v1::Handoff> Claim(absl::string_view id,
                                            absl::string_view agent) = 0;
  // Resolves a handoff held by `agent`, or a waiting one. FAILED_PRECONDITION
  // when another agent holds it or it is already resolved.
  virtual absl::StatusOr<v1::Handoff> Resolve(absl::string_view id,
                                              absl::string_view agent) = 0;
  // First the waiting handoffs of `queue`, oldest first, then each new one.
  virtual absl::StatusOr<std::unique_ptr<HandoffSubscription>> Watch(
      absl::string_view queue) = 0;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_HANDOFF_STORE_H_
