#include "service/storage/sqlite_database.h"

#include <sqlite3.h>

#include <vector>

#include "absl/strings/str_cat.h"

namespace firstline {
namespace {

// The schema, one step per version: step i takes a file from version i to
// version i + 1. Steps are never edited once shipped, only appended.
const std::vector<const char*>& Migrations() {
  static const auto* migrations = new std::vector<const char*>{
      // 1: conversation state and handoffs, each a serialized proto with the
      // columns the queries need beside it.
      R"sql(
        CREATE TABLE conversations (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          last_activity_us INTEGER NOT NULL,
          state BLOB NOT NULL
        );
        CREATE INDEX conversations_by_activity
          ON conversations(last_activity_us);
        CREATE TABLE handoffs (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          queue TEXT NOT NULL,
          state INTEGER NOT NULL,
          updated_us INTEGER NOT NULL,
          handoff BLOB NOT NULL
        );
        CREATE INDEX handoffs_by_queue ON handoffs(queue, state, seq);
        CREATE INDEX handoffs_by_state ON handoffs(state, updated_us);
      )sql",
  };
  return *migrations;
}

}  // namespace

absl::Status SqliteError(sqlite3* db, int code, absl::string_view what) {
  const std::string message = absl::StrCat(
      what, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

SqliteStatement& SqliteStatement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int index, absl::string_view value) {
  sqlite3_bind_text(statement_, index, value.data(),
                    static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(int index, absl::string_view value) {
  sqlite3_bind_blob(statement_, index, value.data(),
                    static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

absl::StatusOr<bool> SqliteStatement::Step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return SqliteError(db_, code, sqlite3_sql(statement_));
}

int64_t SqliteStatement::Int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

absl::string_view SqliteStatement::Bytes(int column) const {
  const void* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return data == nullptr
             ? absl::string_view()
             : absl::string_view(static_cast<const char*>(data), size);
}

absl::StatusOr<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const std::string& path) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
      nullptr);
  if (code != SQLITE_OK) {
    absl::Status error = SqliteError(db, code, absl::StrCat("open ", path));
    sqlite3_close(db);
    return absl::UnavailableError(error.message());
  }
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(db, path));
  sqlite3_busy_timeout(db, 5000);
  for (const char* setting :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON"}) {
    if (absl::Status status = database->Execute(setting); !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = database->Migrate(); !status.ok()) return status;
  return database;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

absl::StatusOr<int> SqliteDatabase::Change(
    absl::string_view sql, std::initializer_list<int64_t> values) {
  int changed = 0;
  absl::Status status = Transaction([&]() -> absl::Status {
    absl::StatusOr<SqliteStatement> statement = Prepare(sql);
    if (!statement.ok()) return statement.status();
    int index = 0;
    for (int64_t value : values) statement->Bind(++index, value);
    absl::Status step = statement->Step().status();
    changed = sqlite3_changes(db_);
    return step;
  });
  if (!status.ok()) return status;
  return changed;
}

absl::Status SqliteDatabase::Execute(absl::string_view sql) {
  char* error = nullptr;
  const int code =
      sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (code != SQLITE_OK) return SqliteError(db_, code, sql);
  return absl::OkStatus();
}

absl::Status SqliteDatabase::Migrate() {
  {
    absl::StatusOr<SqliteStatement> read = Prepare("PRAGMA user_version");
    if (!read.ok()) return read.status();
    absl::StatusOr<bool> row = read->Step();
    if (!row.ok()) return row.status();
    schema_version_ = static_cast<int>(read->Int(0));
  }
  const int known = static_cast<int>(Migrations().size());
  if (schema_version_ > known) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, " has schema version ", schema_version_,
                     ", newer than this server knows (", known,
                     "); run the newer server or restore a backup"));
  }
  for (int version = schema_version_; version < known; ++version) {
    absl::Status status = Transaction([&] {
      if (absl::Status step = Execute(Migrations()[version]); !step.ok()) {
        return step;
      }
      return Execute(absl::StrCat("PRAGMA user_version=", version + 1));
    });
    if (!status.ok()) return status;
    schema_version_ = version + 1;
  }
  return absl::OkStatus();
}

absl::Status SqliteDatabase::Transaction(
    absl::FunctionRef<absl::Status()> work) {
  Pending mine{work, absl::OkStatus(), false};
  std::vector<Pending*> batch;
  {
    absl::MutexLock lock(&queue_mutex_);
    queue_.push_back(&mine);
    // Wait until a leader has committed this work, or until no one commits
    // and this caller leads the next batch.
    auto ready = [this, &mine]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(queue_mutex_) {
      return mine.done || !committing_;
    };
    queue_mutex_.Await(absl::Condition(&ready));
    if (mine.done) return mine.status;
    committing_ = true;
    batch.swap(queue_);
  }
  Commit(batch);
  absl::MutexLock lock(&queue_mutex_);
  for (Pending* pending : batch) pending->done = true;
  committing_ = false;
  return mine.status;
}

void SqliteDatabase::Commit(const std::vector<Pending*>& batch) {
  if (absl::Status begin = Execute("BEGIN IMMEDIATE"); !begin.ok()) {
    for (Pending* pending : batch) pending->status = begin;
    return;
  }
  for (Pending* pending : batch) {
    // A savepoint each, so one caller's failure undoes only its own work.
    pending->status = Execute("SAVEPOINT work");
    if (!pending->status.ok()) continue;
    pending->status = pending->work();
    if (!pending->status.ok()) Execute("ROLLBACK TO work").IgnoreError();
    Execute("RELEASE work").IgnoreError();
  }
  if (absl::Status commit = Execute("COMMIT"); !commit.ok()) {
    // A failed COMMIT leaves the transaction open.
    Execute("ROLLBACK").IgnoreError();
    for (Pending* pending : batch) {
      if (pending->status.ok()) pending->status = commit;
    }
  }
}

absl::StatusOr<SqliteStatement> SqliteDatabase::Prepare(absl::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v2(
      db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) return SqliteError(db_, code, sql);
  return SqliteStatement(db_, statement);
}

}  // namespace firstline
