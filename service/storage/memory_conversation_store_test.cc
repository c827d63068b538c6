#include "service/storage/memory_conversation_store.h"

#include "gtest/gtest.h"

namespace firstline {
namespace {

class MemoryConversationStoreTest : public ::testing::Test {
 protected:
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  MemoryConversationStore store_{
      {.idle_timeout = absl::Minutes(30), .clock = [this] { return now_; }}};
};

TEST_F(MemoryConversationStoreTest, SavesAndLoadsWithVersions) {
  EXPECT_TRUE(absl::IsNotFound(store_.Load("c1").status()));
  ConversationState state;
  state.set_conversation_id("c1");
  state.set_consecutive_misses(1);
  ASSERT_TRUE(store_.Save(&state).ok());
  EXPECT_EQ(state.version(), 1);
  absl::StatusOr<ConversationState> loaded = store_.Load("c1");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->consecutive_misses(), 1);
  EXPECT_EQ(loaded->last_activity().seconds(), 1'800'000'000);
}

TEST_F(MemoryConversationStoreTest, RefusesAStaleWrite) {
  ConversationState state;
  state.set_conversation_id("c1");
  ASSERT_TRUE(store_.Save(&state).ok());
  ConversationState first = *store_.Load("c1");
  ConversationState second = *store_.Load("c1");
  ASSERT_TRUE(store_.Save(&first).ok());
  EXPECT_TRUE(absl::IsAborted(store_.Save(&second)));
}

TEST_F(MemoryConversationStoreTest, IdleConversationsAreForgotten) {
  ConversationState state;
  state.set_conversation_id("c1");
  ASSERT_TRUE(store_.Save(&state).ok());
  now_ += absl::Minutes(29);
  EXPECT_TRUE(store_.Load("c1").ok());
  now_ += absl::Minutes(2);
  EXPECT_TRUE(absl::IsNotFound(store_.Load("c1").status()));
  // A new conversation under the same id starts from version 0.
  ConversationState fresh;
  fresh.set_conversation_id("c1");
  EXPECT_TRUE(store_.Save(&fresh).ok());
}

TEST_F(MemoryConversationStoreTest, SweepsExpiredConversations) {
  for (int i = 0; i < 1000; ++i) {
    ConversationState state;
    state.set_conversation_id("old-" + std::to_string(i));
    ASSERT_TRUE(store_.Save(&state).ok());
  }
  now_ += absl::Hours(1);
  for (int i = 0; i < 100; ++i) {
    ConversationState state;
    state.set_conversation_id("new-" + std::to_string(i));
    ASSERT_TRUE(store_.Save(&state).ok());
  }
  EXPECT_LT(store_.size(), 200u);
}

}  // namespace
}  // namespace firstline
