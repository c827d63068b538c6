#include "service/storage/memory_handoff_store.h"

#include <thread>

#include "gtest/gtest.h"

namespace firstline {
namespace {

v1::Handoff InQueue(const std::string& queue, const std::string& conversation) {
  v1::Handoff handoff;
  handoff.set_queue(queue);
  handoff.set_conversation_id(conversation);
  return handoff;
}

TEST(MemoryHandoffStoreTest, CreatesWaitingHandoffsWithIds) {
  MemoryHandoffStore store;
  absl::StatusOr<v1::Handoff> created = store.Create(InQueue("general", "c1"));
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->id().empty());
  EXPECT_EQ(created->state(), v1::HANDOFF_STATE_WAITING);
  EXPECT_EQ(store.Get(created->id())->conversation_id(), "c1");
  EXPECT_TRUE(absl::IsNotFound(store.Get("nope").status()));
}

TEST(MemoryHandoffStoreTest, OnlyOneAgentHoldsAHandoff) {
  MemoryHandoffStore store;
  const std::string id = store.Create(InQueue("general", "c1"))->id();
  EXPECT_EQ(store.Claim(id, "anna")->assignee(), "anna");
  EXPECT_TRUE(store.Claim(id, "anna").ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.Claim(id, "boris").status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(store.Resolve(id, "boris").status()));
  EXPECT_EQ(store.Resolve(id, "anna")->state(), v1::HANDOFF_STATE_RESOLVED);
  EXPECT_TRUE(absl::IsFailedPrecondition(store.Claim(id, "anna").status()));
}

TEST(MemoryHandoffStoreTest, ListsByQueueAndStateOldestFirst) {
  MemoryHandoffStore store;
  const std::string a = store.Create(InQueue("general", "c1"))->id();
  store.Create(InQueue("billing", "c2")).IgnoreError();
  const std::string c = store.Create(InQueue("general", "c3"))->id();
  ASSERT_TRUE(store.Claim(a, "anna").ok());
  std::vector<v1::Handoff> general =
      store.List("general", v1::HANDOFF_STATE_UNSPECIFIED);
  ASSERT_EQ(general.size(), 2u);
  EXPECT_EQ(general[0].id(), a);
  EXPECT_EQ(general[1].id(), c);
  EXPECT_EQ(store.List("general", v1::HANDOFF_STATE_WAITING).size(), 1u);
  EXPECT_EQ(store.List("", v1::HANDOFF_STATE_UNSPECIFIED).size(), 3u);
}

TEST(MemoryHandoffStoreTest, AppendsToTheTranscriptInOrder) {
  MemoryHandoffStore store;
  const std::string id = store.Create(InQueue("general", "c1"))->id();
  for (const char* text : {"one", "two", "three"}) {
    v1::TranscriptEntry entry;
    entry.set_text(text);
    ASSERT_TRUE(store.Append(id, entry).ok());
  }
  v1::Handoff handoff = *store.Get(id);
  ASSERT_EQ(handoff.transcript_size(), 3);
  EXPECT_EQ(handoff.transcript(2).text(), "three");
}

TEST(MemoryHandoffStoreTest, WatchGivesTheWaitingOnesThenNewOnes) {
  MemoryHandoffStore store;
  for (int i = 0; i < 3; ++i)
    store.Create(InQueue("general", "old" + std::to_string(i))).IgnoreError();
  const std::string claimed = store.Create(InQueue("general", "taken"))->id();
  ASSERT_TRUE(store.Claim(claimed, "anna").ok());
  store.Create(InQueue("billing", "other")).IgnoreError();

  std::unique_ptr<HandoffSubscription> watch = store.Watch("general");
  for (int i = 0; i < 3; ++i) {
    std::optional<v1::Handoff> next = watch->Next(absl::Seconds(1));
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->conversation_id(), "old" + std::to_string(i));
  }
  EXPECT_FALSE(watch->Next(absl::Milliseconds(10)).has_value());
  std::thread later(
      [&] { store.Create(InQueue("general", "new")).IgnoreError(); });
  std::optional<v1::Handoff> next = watch->Next(absl::Seconds(5));
  later.join();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->conversation_id(), "new");
}

}  // namespace
}  // namespace firstline
