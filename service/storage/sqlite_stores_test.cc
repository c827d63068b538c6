// The SQLite stores pass the store conformance suite, keep everything across
// a reopen of the file, migrate and expire.
#include <sqlite3.h>

#include <atomic>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "service/storage/sqlite_conversation_store.h"
#include "service/storage/sqlite_database.h"
#include "service/storage/sqlite_handoff_store.h"
#include "service/storage/store_conformance.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

// A database in a folder of its own, removed after the last store is gone.
std::shared_ptr<SqliteDatabase> NewDatabase() {
  auto folder = std::make_shared<testing::TempPack>();
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> database =
      SqliteDatabase::Open(folder->root() + "/firstline.db");
  EXPECT_TRUE(database.ok()) << database.status();
  if (!database.ok()) return nullptr;
  return std::shared_ptr<SqliteDatabase>(
      database->release(), [folder](SqliteDatabase* db) { delete db; });
}

Stores NewSqliteStores(const StoreSetup& setup) {
  std::shared_ptr<SqliteDatabase> database = NewDatabase();
  if (database == nullptr) return {};
  return {std::make_shared<SqliteConversationStore>(
              database,
              SqliteConversationStoreOptions{.idle_timeout = setup.idle_timeout,
                                             .clock = setup.clock}),
          std::make_shared<SqliteHandoffStore>(
              database, SqliteHandoffStoreOptions{
                            .resolved_retention = setup.resolved_retention,
                            .clock = setup.clock})};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest,
                         ::testing::Values(&NewSqliteStores));

class SqliteStoresTest : public ::testing::Test {
 protected:
  std::string path() const { return folder_.root() + "/firstline.db"; }
  std::shared_ptr<SqliteDatabase> Open() {
    absl::StatusOr<std::unique_ptr<SqliteDatabase>> database =
        SqliteDatabase::Open(path());
    EXPECT_TRUE(database.ok()) << database.status();
    return database.ok() ? std::move(*database) : nullptr;
  }
  SqliteConversationStoreOptions ConversationOptions() {
    return {.idle_timeout = absl::Minutes(30),
            .clock = [this] { return now_; }};
  }
  SqliteHandoffStoreOptions HandoffOptions() {
    return {.resolved_retention = absl::Hours(24),
            .clock = [this] { return now_; }};
  }

  testing::TempPack folder_;
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
};

TEST_F(SqliteStoresTest, EverythingSurvivesReopeningTheFile) {
  std::string id;
  {
    std::shared_ptr<SqliteDatabase> database = Open();
    ASSERT_NE(database, nullptr);
    SqliteConversationStore conversations(database, ConversationOptions());
    SqliteHandoffStore handoffs(database, HandoffOptions());
    ConversationState state;
    state.set_conversation_id("c1");
    state.set_intent("track_order");
    ASSERT_TRUE(conversations.Save(&state).ok());
    v1::Handoff handoff;
    handoff.set_queue("general");
    handoff.set_summary("where is order 12345");
    id = handoffs.Create(handoff)->id();
    v1::TranscriptEntry entry;
    entry.set_text("hello?");
    ASSERT_TRUE(handoffs.Append(id, entry).ok());
  }
  std::shared_ptr<SqliteDatabase> database = Open();
  ASSERT_NE(database, nullptr);
  EXPECT_EQ(database->schema_version(), 1);
  SqliteConversationStore conversations(database, ConversationOptions());
  SqliteHandoffStore handoffs(database, HandoffOptions());
  absl::StatusOr<ConversationState> state = conversations.Load("c1");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->intent(), "track_order");
  EXPECT_EQ(state->version(), 1);
  absl::StatusOr<v1::Handoff> handoff = handoffs.Get(id);
  ASSERT_TRUE(handoff.ok()) << handoff.status();
  EXPECT_EQ(handoff->summary(), "where is order 12345");
  ASSERT_EQ(handoff->transcript_size(), 1);
  EXPECT_EQ(handoff->transcript(0).text(), "hello?");
  // Ids go on from where they were, never reused.
  v1::Handoff next;
  next.set_queue("general");
  EXPECT_NE(handoffs.Create(next)->id(), id);
  // A watcher after the restart gets the handoffs still waiting.
  absl::StatusOr<std::unique_ptr<HandoffSubscription>> watch =
      handoffs.Watch("general");
  ASSERT_TRUE(watch.ok());
  EXPECT_EQ((*watch)->Next(absl::Seconds(1))->id(), id);
}

TEST_F(SqliteStoresTest, DeletesIdleConversationsAndOldResolvedHandoffs) {
  std::shared_ptr<SqliteDatabase> database = Open();
  ASSERT_NE(database, nullptr);
  SqliteConversationStore conversations(database, ConversationOptions());
  SqliteHandoffStore handoffs(database, HandoffOptions());
  for (const char* id : {"a", "b"}) {
    ConversationState state;
    state.set_conversation_id(id);
    ASSERT_TRUE(conversations.Save(&state).ok());
  }
  v1::Handoff handoff;
  handoff.set_queue("general");
  const std::string resolved = handoffs.Create(handoff)->id();
  const std::string waiting = handoffs.Create(handoff)->id();
  ASSERT_TRUE(handoffs.Resolve(resolved, "anna").ok());

  now_ += absl::Minutes(31);
  EXPECT_EQ(*conversations.DeleteExpired(), 2);
  EXPECT_EQ(*handoffs.DeleteExpired(), 0);
  now_ += absl::Hours(24);
  EXPECT_EQ(*handoffs.DeleteExpired(), 1);
  EXPECT_TRUE(absl::IsNotFound(handoffs.Get(resolved).status()));
  // Waiting handoffs are never deleted, however old.
  EXPECT_TRUE(handoffs.Get(waiting).ok());
}

TEST_F(SqliteStoresTest, ConcurrentWritersEachGetTheirOwnOutcome) {
  std::shared_ptr<SqliteDatabase> database = Open();
  ASSERT_NE(database, nullptr);
  SqliteConversationStore conversations(database, ConversationOptions());
  constexpr int kThreads = 8;
  constexpr int kSaves = 30;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ConversationState state;
      state.set_conversation_id("c" + std::to_string(t));
      for (int i = 0; i < kSaves; ++i) {
        ConversationState stale = state;
        if (!conversations.Save(&state).ok()) ++wrong;
        // Committed in a batch with others' work, a stale write still fails
        // alone and undoes nothing of theirs.
        if (i > 0 && !absl::IsAborted(conversations.Save(&stale))) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  for (int t = 0; t < kThreads; ++t) {
    absl::StatusOr<ConversationState> state =
        conversations.Load("c" + std::to_string(t));
    ASSERT_TRUE(state.ok()) << state.status();
    EXPECT_EQ(state->version(), kSaves);
  }
}

TEST_F(SqliteStoresTest, RefusesAFileOfANewerSchema) {
  ASSERT_NE(Open(), nullptr);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> database =
      SqliteDatabase::Open(path());
  EXPECT_EQ(database.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(database.status().message(),
              HasSubstr("has schema version 99, newer than this server knows "
                        "(1)"));
}

TEST_F(SqliteStoresTest, AFileThatCannotBeCreatedIsUnavailable) {
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> database =
      SqliteDatabase::Open(folder_.root() + "/no/such/folder/firstline.db");
  EXPECT_EQ(database.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(database.status().message(), HasSubstr("no/such/folder"));
}

}  // namespace
}  // namespace firstline
