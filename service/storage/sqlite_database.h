// One SQLite database file for the durable stores: WAL journal, and a commit
// is on disk before it returns (synchronous=FULL), so whatever a store has
// acknowledged survives a crash of the process or the machine. The schema
// is versioned; Open() brings an older file up to date.
//
//   auto db = SqliteDatabase::Open("data/firstline.db");
//   absl::Status status = (*db)->Transaction([&] {
//     auto insert = (*db)->Prepare("INSERT INTO t(a) VALUES(?1)");
//     ...
//   });
#ifndef FIRSTLINE_SERVICE_STORAGE_SQLITE_DATABASE_H_
#define FIRSTLINE_SERVICE_STORAGE_SQLITE_DATABASE_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

struct sqlite3;
struct sqlite3_stmt;

namespace firstline {

class SqliteDatabase;

// A prepared statement. Bind parameters by position (from 1), then Step()
// through the rows.
class SqliteStatement {
 public:
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& Bind(int index, int64_t value);
  // The bytes are copied.
  SqliteStatement& Bind(int index, absl::string_view value);
  SqliteStatement& BindBlob(int index, absl::string_view value);

  // True while there is a row to read; false when done. UNAVAILABLE when
  // the database cannot be read or written (disk full, I/O error, locked
  // too long), INTERNAL for other errors; both name the statement.
  absl::StatusOr<bool> Step();

  int64_t Int(int column) const;
  // Text or blob of the current row; valid until the next Step().
  absl::string_view Bytes(int column) const;

 private:
  friend class SqliteDatabase;
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement)
      : db_(db), statement_(statement) {}

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class SqliteDatabase {
 public:
  // Opens (creating when missing) the database at `path` and migrates its
  // schema. UNAVAILABLE when the file cannot be opened or written;
  // FAILED_PRECONDITION when it was written by a newer schema than this
  // build knows.
  static absl::StatusOr<std::unique_ptr<SqliteDatabase>> Open(
      const std::string& path);
  ~SqliteDatabase();

  // Runs `work` as one transaction: its changes are on disk when it returns
  // OK, and none of them when it fails. Returns the status of `work`, or of
  // the commit. Work of callers that arrive while a commit is under way is
  // committed together in the next one (each in a savepoint of its own), so
  // concurrent callers share the cost of syncing the disk.
  absl::Status Transaction(absl::FunctionRef<absl::Status()> work)
      ABSL_LOCKS_EXCLUDED(queue_mutex_);

  // A statement of `sql`; only inside Transaction(). INTERNAL for SQL that
  // does not compile (a bug, not an input problem).
  absl::StatusOr<SqliteStatement> Prepare(absl::string_view sql);

  // Runs `sql`, whose parameters ?1, ?2 ... take `values`, in a
  // transaction of its own; returns how many rows it inserted, updated or
  // deleted.
  absl::StatusOr<int> Change(absl::string_view sql,
                             std::initializer_list<int64_t> values);

  // The schema version the file has now.
  int schema_version() const { return schema_version_; }

 private:
  SqliteDatabase(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  // One caller's work, waiting for a commit.
  struct Pending {
    absl::FunctionRef<absl::Status()> work;
    absl::Status status;
    bool done = false;
  };
  absl::Status Execute(absl::string_view sql);
  absl::Status Migrate();
  // Runs `batch` in one transaction and sets each one's status.
  void Commit(const std::vector<Pending*>& batch);

  sqlite3* const db_;
  const std::string path_;
  int schema_version_ = 0;
  // Callers waiting for the next commit, and whether one of them is
  // committing now (the leader, which then takes the next batch).
  absl::Mutex queue_mutex_;
  std::vector<Pending*> queue_ ABSL_GUARDED_BY(queue_mutex_);
  bool committing_ ABSL_GUARDED_BY(queue_mutex_) = false;
};

// The status for SQLite result `code` of `what` on `db` (null for none).
absl::Status SqliteError(sqlite3* db, int code, absl::string_view what);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_SQLITE_DATABASE_H_
