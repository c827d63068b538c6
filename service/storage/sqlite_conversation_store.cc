#include "service/storage/sqlite_conversation_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "service/storage/save_stamp.h"

namespace firstline {
namespace {

// Expired conversations are deleted after this many saves.
constexpr int kSavesPerSweep = 1024;

}  // namespace

SqliteConversationStore::SqliteConversationStore(
    std::shared_ptr<SqliteDatabase> database,
    SqliteConversationStoreOptions options)
    : database_(std::move(database)), options_(std::move(options)) {}

absl::Status SqliteConversationStore::LoadInto(absl::string_view id,
                                               ConversationState* state) {
  const int64_t oldest =
      absl::ToUnixMicros(options_.clock() - options_.idle_timeout);
  bool found = false;
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    absl::StatusOr<SqliteStatement> select = database_->Prepare(
        "SELECT state FROM conversations WHERE id = ?1 AND "
        "last_activity_us >= ?2");
    if (!select.ok()) return select.status();
    select->Bind(1, id).Bind(2, oldest);
    absl::StatusOr<bool> row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    found = true;
    return ParseStoredState(id, select->Bytes(0), state);
  });
  if (!status.ok()) return status;
  if (!found) {
    return absl::NotFoundError(absl::StrCat("no conversation '", id, "'"));
  }
  return absl::OkStatus();
}

absl::Status SqliteConversationStore::Save(ConversationState* state) {
  const absl::Time now = options_.clock();
  const int64_t oldest = absl::ToUnixMicros(now - options_.idle_timeout);
  SaveStamp stamp(state, now);
  const std::string bytes = state->SerializeAsString();
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    absl::StatusOr<SqliteStatement> select = database_->Prepare(
        "SELECT version FROM conversations WHERE id = ?1 AND "
        "last_activity_us >= ?2");
    if (!select.ok()) return select.status();
    select->Bind(1, state->conversation_id()).Bind(2, oldest);
    absl::StatusOr<bool> row = select->Step();
    if (!row.ok()) return row.status();
    // An expired conversation counts as none: a new one starts at 0.
    const int64_t stored = *row ? select->Int(0) : 0;
    if (stamp.loaded_version() != stored) {
      return absl::AbortedError(absl::StrCat(
          "conversation '", state->conversation_id(), "' changed meanwhile"));
    }
    absl::StatusOr<SqliteStatement> upsert = database_->Prepare(
        "INSERT INTO conversations(id, version, last_activity_us, state) "
        "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET "
        "version = excluded.version, last_activity_us = "
        "excluded.last_activity_us, state = excluded.state");
    if (!upsert.ok()) return upsert.status();
    upsert->Bind(1, state->conversation_id())
        .Bind(2, state->version())
        .Bind(3, absl::ToUnixMicros(now))
        .BindBlob(4, bytes);
    return upsert->Step().status();
  });
  if (!status.ok()) return status;
  stamp.Keep();
  if (++saves_since_sweep_ >= kSavesPerSweep) {
    saves_since_sweep_ = 0;
    // Expired rows are invisible already; failing to delete them is harmless.
    DeleteExpired().IgnoreError();
  }
  return absl::OkStatus();
}

absl::StatusOr<int> SqliteConversationStore::DeleteExpired() {
  return database_->Change(
      "DELETE FROM conversations WHERE last_activity_us < ?1",
      {absl::ToUnixMicros(options_.clock() - options_.idle_timeout)});
}

}  // namespace firstline
