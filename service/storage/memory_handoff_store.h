// Handoffs in this process's memory: fast, lost on restart.
#ifndef FIRSTLINE_SERVICE_STORAGE_MEMORY_HANDOFF_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_MEMORY_HANDOFF_STORE_H_

#include <functional>
#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "service/storage/handoff_feed.h"
#include "service/storage/handoff_store.h"

namespace firstline {

// Thread-safe.
class MemoryHandoffStore final : public HandoffStore {
 public:
  MemoryHandoffStore();
  ~MemoryHandoffStore() override;

  absl::StatusOr<v1::Handoff> Create(v1::Handoff handoff) override;
  absl::StatusOr<v1::Handoff> Get(absl::string_view id) override;
  absl::Status Append(absl::string_view id,
                      const v1::TranscriptEntry& entry) override;
  absl::StatusOr<std::vector<v1::Handoff>> List(
      absl::string_view queue, v1::HandoffState state) override;
  absl::StatusOr<v1::Handoff> Claim(absl::string_view id,
                                    absl::string_view agent) override;
  absl::StatusOr<v1::Handoff> Resolve(absl::string_view id,
                                      absl::string_view agent) override;
  absl::StatusOr<std::unique_ptr<HandoffSubscription>> Watch(
      absl::string_view queue) override;

 private:
  absl::StatusOr<v1::Handoff*> Find(absl::string_view id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Gives handoff `id` to `agent` in `state`, unless it is resolved or
  // another agent holds it (FAILED_PRECONDITION).
  absl::StatusOr<v1::Handoff> MoveTo(absl::string_view id,
                                     absl::string_view agent,
                                     v1::HandoffState state);

  absl::Mutex mutex_;
  uint64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  // Ordered by id, which is ordered by creation.
  // std::less<> finds by string_view: a turn of a handed-off conversation
  // looks its handoff up without copying the id.
  std::map<std::string, v1::Handoff, std::less<>> handoffs_
      ABSL_GUARDED_BY(mutex_);
  // Fed under mutex_, so no handoff falls between a watcher's waiting ones
  // and its live ones.
  HandoffFeed feed_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_MEMORY_HANDOFF_STORE_H_
