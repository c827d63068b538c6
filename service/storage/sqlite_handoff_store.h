// Handoffs in an SQLite file (see SqliteDatabase): a handoff and every
// change to it are on disk before the call returns, so none is lost when the
// process dies. Resolved handoffs are kept for a retention period.
#ifndef FIRSTLINE_SERVICE_STORAGE_SQLITE_HANDOFF_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_SQLITE_HANDOFF_STORE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "service/storage/handoff_feed.h"
#include "service/storage/handoff_store.h"
#include "service/storage/sqlite_database.h"

namespace firstline {

struct SqliteHandoffStoreOptions {
  // Resolved handoffs older than this are deleted.
  absl::Duration resolved_retention = absl::Hours(24 * 30);
  // The time; tests set their own.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// Thread-safe. Watchers are fed by this process: one server per file.
class SqliteHandoffStore final : public HandoffStore {
 public:
  // `database` (non-null) may be shared with the conversation store.
  SqliteHandoffStore(std::shared_ptr<SqliteDatabase> database,
                     SqliteHandoffStoreOptions options = {});

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

  // Deletes resolved handoffs older than the retention; returns how many.
  // Resolve() does it now and then by itself.
  absl::StatusOr<int> DeleteExpired();

 private:
  // Reads handoff `id` inside a transaction.
  absl::StatusOr<v1::Handoff> Read(absl::string_view id);
  // Writes `handoff` back inside a transaction.
  absl::Status Write(const v1::Handoff& handoff);
  absl::StatusOr<v1::Handoff> MoveTo(absl::string_view id,
                                     absl::string_view agent,
                                     v1::HandoffState state);

  const std::shared_ptr<SqliteDatabase> database_;
  const SqliteHandoffStoreOptions options_;
  std::atomic<int> resolves_since_sweep_{0};
  // Held while a handoff is created and published, and while a watcher
  // reads the waiting ones and subscribes, so none falls between.
  absl::Mutex feed_mutex_;
  HandoffFeed feed_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_SQLITE_HANDOFF_STORE_H_
