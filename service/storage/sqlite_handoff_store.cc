#include "service/storage/sqlite_handoff_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace firstline {
namespace {

// Resolved handoffs past their retention are deleted after this many
// resolves.
constexpr int kResolvesPerSweep = 256;

absl::StatusOr<v1::Handoff> ParseHandoff(absl::string_view bytes,
                                         absl::string_view id) {
  v1::Handoff handoff;
  if (!handoff.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("handoff ", id, " does not parse"));
  }
  return handoff;
}

}  // namespace

SqliteHandoffStore::SqliteHandoffStore(std::shared_ptr<SqliteDatabase> database,
                                       SqliteHandoffStoreOptions options)
    : database_(std::move(database)), options_(std::move(options)) {}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::Create(v1::Handoff handoff) {
  handoff.set_state(v1::HANDOFF_STATE_WAITING);
  absl::MutexLock lock(&feed_mutex_);
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    absl::StatusOr<SqliteStatement> next =
        database_->Prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM handoffs");
    if (!next.ok()) return next.status();
    if (absl::StatusOr<bool> row = next->Step(); !row.ok()) {
      return row.status();
    }
    const int64_t seq = next->Int(0);
    handoff.set_id(absl::StrFormat("h-%08d", seq));
    absl::StatusOr<SqliteStatement> insert = database_->Prepare(
        "INSERT INTO handoffs(seq, id, queue, state, updated_us, handoff) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert.ok()) return insert.status();
    insert->Bind(1, seq)
        .Bind(2, handoff.id())
        .Bind(3, handoff.queue())
        .Bind(4, static_cast<int64_t>(handoff.state()))
        .Bind(5, absl::ToUnixMicros(options_.clock()))
        .BindBlob(6, handoff.SerializeAsString());
    return insert->Step().status();
  });
  if (!status.ok()) return status;
  feed_.Publish(handoff);
  return handoff;
}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::Read(absl::string_view id) {
  absl::StatusOr<SqliteStatement> select =
      database_->Prepare("SELECT handoff FROM handoffs WHERE id = ?1");
  if (!select.ok()) return select.status();
  select->Bind(1, id);
  absl::StatusOr<bool> row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("no handoff '", id, "'"));
  return ParseHandoff(select->Bytes(0), id);
}

absl::Status SqliteHandoffStore::Write(const v1::Handoff& handoff) {
  absl::StatusOr<SqliteStatement> update = database_->Prepare(
      "UPDATE handoffs SET state = ?2, updated_us = ?3, handoff = ?4 "
      "WHERE id = ?1");
  if (!update.ok()) return update.status();
  update->Bind(1, handoff.id())
      .Bind(2, static_cast<int64_t>(handoff.state()))
      .Bind(3, absl::ToUnixMicros(options_.clock()))
      .BindBlob(4, handoff.SerializeAsString());
  return update->Step().status();
}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::Get(absl::string_view id) {
  absl::StatusOr<v1::Handoff> handoff;
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    handoff = Read(id);
    return handoff.status();
  });
  if (!status.ok()) return status;
  return handoff;
}

absl::Status SqliteHandoffStore::Append(absl::string_view id,
                                        const v1::TranscriptEntry& entry) {
  return database_->Transaction([&]() -> absl::Status {
    absl::StatusOr<v1::Handoff> handoff = Read(id);
    if (!handoff.ok()) return handoff.status();
    *handoff->add_transcript() = entry;
    return Write(*handoff);
  });
}

absl::StatusOr<std::vector<v1::Handoff>> SqliteHandoffStore::List(
    absl::string_view queue, v1::HandoffState state) {
  std::vector<v1::Handoff> found;
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    absl::StatusOr<SqliteStatement> select = database_->Prepare(
        "SELECT id, handoff FROM handoffs WHERE (?1 = '' OR queue = ?1) "
        "AND (?2 = 0 OR state = ?2) ORDER BY seq");
    if (!select.ok()) return select.status();
    select->Bind(1, queue).Bind(2, static_cast<int64_t>(state));
    while (true) {
      absl::StatusOr<bool> row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
      absl::StatusOr<v1::Handoff> handoff =
          ParseHandoff(select->Bytes(1), select->Bytes(0));
      if (!handoff.ok()) return handoff.status();
      found.push_back(*std::move(handoff));
    }
  });
  if (!status.ok()) return status;
  return found;
}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::MoveTo(absl::string_view id,
                                                       absl::string_view agent,
                                                       v1::HandoffState state) {
  absl::StatusOr<v1::Handoff> moved;
  absl::Status status = database_->Transaction([&]() -> absl::Status {
    moved = Read(id);
    if (!moved.ok()) return moved.status();
    if (moved->state() == v1::HANDOFF_STATE_RESOLVED) {
      return absl::FailedPreconditionError(
          absl::StrCat("handoff ", id, " is already resolved"));
    }
    if (moved->state() == v1::HANDOFF_STATE_CLAIMED &&
        moved->assignee() != agent) {
      return absl::FailedPreconditionError(
          absl::StrCat("handoff ", id, " is held by ", moved->assignee()));
    }
    moved->set_state(state);
    moved->set_assignee(std::string(agent));
    return Write(*moved);
  });
  if (!status.ok()) return status;
  return moved;
}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::Claim(absl::string_view id,
                                                      absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_CLAIMED);
}

absl::StatusOr<v1::Handoff> SqliteHandoffStore::Resolve(
    absl::string_view id, absl::string_view agent) {
  absl::StatusOr<v1::Handoff> resolved =
      MoveTo(id, agent, v1::HANDOFF_STATE_RESOLVED);
  if (resolved.ok() && ++resolves_since_sweep_ >= kResolvesPerSweep) {
    resolves_since_sweep_ = 0;
    DeleteExpired().IgnoreError();
  }
  return resolved;
}

absl::StatusOr<std::unique_ptr<HandoffSubscription>> SqliteHandoffStore::Watch(
    absl::string_view queue) {
  absl::MutexLock lock(&feed_mutex_);
  absl::StatusOr<std::vector<v1::Handoff>> waiting =
      List(queue, v1::HANDOFF_STATE_WAITING);
  if (!waiting.ok()) return waiting.status();
  return feed_.Subscribe(std::string(queue), *std::move(waiting));
}

absl::StatusOr<int> SqliteHandoffStore::DeleteExpired() {
  return database_->Change(
      "DELETE FROM handoffs WHERE state = ?1 AND updated_us < ?2",
      {v1::HANDOFF_STATE_RESOLVED,
       absl::ToUnixMicros(options_.clock() - options_.resolved_retention)});
}

}  // namespace firstline
