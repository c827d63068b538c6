// Conversation state in an SQLite file (see SqliteDatabase): a saved state
// is on disk before Save returns, and survives restarts and crashes.
#ifndef FIRSTLINE_SERVICE_STORAGE_SQLITE_CONVERSATION_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_SQLITE_CONVERSATION_STORE_H_

#include <atomic>
#include <functional>
#include <memory>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "service/storage/conversation_store.h"
#include "service/storage/sqlite_database.h"

namespace firstline {

struct SqliteConversationStoreOptions {
  // A conversation idle this long is forgotten, and later deleted.
  absl::Duration idle_timeout = absl::Minutes(30);
  // The time; tests set their own.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// Thread-safe.
class SqliteConversationStore final : public ConversationStore {
 public:
  // `database` (non-null) may be shared with the handoff store.
  SqliteConversationStore(std::shared_ptr<SqliteDatabase> database,
                          SqliteConversationStoreOptions options = {});

  absl::Status LoadInto(absl::string_view id,
                        ConversationState* state) override;
  absl::Status Save(ConversationState* state) override;

  // Deletes the conversations idle longer than the timeout; returns how
  // many. Save() does it now and then by itself.
  absl::StatusOr<int> DeleteExpired();

 private:
  const std::shared_ptr<SqliteDatabase> database_;
  const SqliteConversationStoreOptions options_;
  std::atomic<int> saves_since_sweep_{0};
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_SQLITE_CONVERSATION_STORE_H_
