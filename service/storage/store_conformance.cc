#include "service/storage/store_conformance.h"

#include <string>
#include <thread>
#include <vector>

namespace firstline {
namespace {

v1::Handoff InQueue(const std::string& queue, const std::string& conversation) {
  v1::Handoff handoff;
  handoff.set_queue(queue);
  handoff.set_conversation_id(conversation);
  return handoff;
}

ConversationState Conversation(const std::string& id) {
  ConversationState state;
  state.set_conversation_id(id);
  return state;
}

TEST_P(StoreConformanceTest, SavesAndLoadsConversationsWithVersions) {
  EXPECT_TRUE(absl::IsNotFound(conversations().Load("c1").status()));
  ConversationState state = Conversation("c1");
  state.set_consecutive_misses(1);
  state.add_signals("urgent");
  ASSERT_TRUE(conversations().Save(&state).ok());
  EXPECT_EQ(state.version(), 1);
  absl::StatusOr<ConversationState> loaded = conversations().Load("c1");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->consecutive_misses(), 1);
  EXPECT_EQ(loaded->signals(0), "urgent");
  EXPECT_EQ(loaded->version(), 1);
  EXPECT_EQ(loaded->last_activity().seconds(), 1'800'000'000);
  loaded->set_consecutive_misses(2);
  ASSERT_TRUE(conversations().Save(&*loaded).ok());
  EXPECT_EQ(loaded->version(), 2);
  EXPECT_EQ(conversations().Load("c1")->consecutive_misses(), 2);
}

TEST_P(StoreConformanceTest, RefusesAStaleConversationWrite) {
  ConversationState state = Conversation("c1");
  ASSERT_TRUE(conversations().Save(&state).ok());
  ConversationState first = *conversations().Load("c1");
  ConversationState second = *conversations().Load("c1");
  ASSERT_TRUE(conversations().Save(&first).ok());
  const google::protobuf::Timestamp loaded_activity = second.last_activity();
  now_ += absl::Seconds(1);
  EXPECT_TRUE(absl::IsAborted(conversations().Save(&second)));
  // A refused state is left as it was loaded.
  EXPECT_EQ(second.version(), 1);
  EXPECT_EQ(second.last_activity().seconds(), loaded_activity.seconds());
  ConversationState brand_new = Conversation("c1");
  EXPECT_TRUE(absl::IsAborted(conversations().Save(&brand_new)));
}

TEST_P(StoreConformanceTest, IdleConversationsAreForgotten) {
  ConversationState state = Conversation("c1");
  ASSERT_TRUE(conversations().Save(&state).ok());
  now_ += absl::Minutes(29);
  EXPECT_TRUE(conversations().Load("c1").ok());
  now_ += absl::Minutes(2);
  EXPECT_TRUE(absl::IsNotFound(conversations().Load("c1").status()));
  // A new conversation under the same id starts from version 0.
  ConversationState fresh = Conversation("c1");
  ASSERT_TRUE(conversations().Save(&fresh).ok());
  EXPECT_EQ(fresh.version(), 1);
}

TEST_P(StoreConformanceTest, CreatesWaitingHandoffsWithIds) {
  absl::StatusOr<v1::Handoff> created =
      handoffs().Create(InQueue("general", "c1"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_FALSE(created->id().empty());
  EXPECT_EQ(created->state(), v1::HANDOFF_STATE_WAITING);
  EXPECT_EQ(handoffs().Get(created->id())->conversation_id(), "c1");
  EXPECT_NE(handoffs().Create(InQueue("general", "c2"))->id(), created->id());
  EXPECT_TRUE(absl::IsNotFound(handoffs().Get("nope").status()));
}

TEST_P(StoreConformanceTest, OnlyOneAgentHoldsAHandoff) {
  const std::string id = handoffs().Create(InQueue("general", "c1"))->id();
  EXPECT_EQ(handoffs().Claim(id, "anna")->assignee(), "anna");
  EXPECT_TRUE(handoffs().Claim(id, "anna").ok());
  EXPECT_TRUE(
      absl::IsFailedPrecondition(handoffs().Claim(id, "boris").status()));
  EXPECT_TRUE(
      absl::IsFailedPrecondition(handoffs().Resolve(id, "boris").status()));
  EXPECT_EQ(handoffs().Resolve(id, "anna")->state(),
            v1::HANDOFF_STATE_RESOLVED);
  EXPECT_TRUE(
      absl::IsFailedPrecondition(handoffs().Claim(id, "anna").status()));
  EXPECT_EQ(handoffs().Get(id)->state(), v1::HANDOFF_STATE_RESOLVED);
  EXPECT_TRUE(absl::IsNotFound(handoffs().Claim("nope", "anna").status()));
}

TEST_P(StoreConformanceTest, ListsHandoffsByQueueAndStateOldestFirst) {
  const std::string a = handoffs().Create(InQueue("general", "c1"))->id();
  ASSERT_TRUE(handoffs().Create(InQueue("billing", "c2")).ok());
  const std::string c = handoffs().Create(InQueue("general", "c3"))->id();
  ASSERT_TRUE(handoffs().Claim(a, "anna").ok());
  absl::StatusOr<std::vector<v1::Handoff>> general =
      handoffs().List("general", v1::HANDOFF_STATE_UNSPECIFIED);
  ASSERT_TRUE(general.ok()) << general.status();
  ASSERT_EQ(general->size(), 2u);
  EXPECT_EQ((*general)[0].id(), a);
  EXPECT_EQ((*general)[0].assignee(), "anna");
  EXPECT_EQ((*general)[1].id(), c);
  EXPECT_EQ(handoffs().List("general", v1::HANDOFF_STATE_WAITING)->size(), 1u);
  EXPECT_EQ(handoffs().List("", v1::HANDOFF_STATE_UNSPECIFIED)->size(), 3u);
}

TEST_P(StoreConformanceTest, AppendsToTheTranscriptInOrder) {
  const std::string id = handoffs().Create(InQueue("general", "c1"))->id();
  for (const char* text : {"one", "two", "three"}) {
    v1::TranscriptEntry entry;
    entry.set_text(text);
    ASSERT_TRUE(handoffs().Append(id, entry).ok());
  }
  v1::Handoff handoff = *handoffs().Get(id);
  ASSERT_EQ(handoff.transcript_size(), 3);
  EXPECT_EQ(handoff.transcript(0).text(), "one");
  EXPECT_EQ(handoff.transcript(2).text(), "three");
  EXPECT_TRUE(absl::IsNotFound(handoffs().Append("nope", {})));
}

TEST_P(StoreConformanceTest, WatchGivesTheWaitingHandoffsThenNewOnes) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        handoffs().Create(InQueue("general", "old" + std::to_string(i))).ok());
  }
  const std::string claimed =
      handoffs().Create(InQueue("general", "taken"))->id();
  ASSERT_TRUE(handoffs().Claim(claimed, "anna").ok());
  ASSERT_TRUE(handoffs().Create(InQueue("billing", "other")).ok());

  absl::StatusOr<std::unique_ptr<HandoffSubscription>> watch =
      handoffs().Watch("general");
  ASSERT_TRUE(watch.ok()) << watch.status();
  for (int i = 0; i < 3; ++i) {
    std::optional<v1::Handoff> next = (*watch)->Next(absl::Seconds(1));
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->conversation_id(), "old" + std::to_string(i));
  }
  EXPECT_FALSE((*watch)->Next(absl::Milliseconds(10)).has_value());
  std::thread later(
      [&] { ASSERT_TRUE(handoffs().Create(InQueue("general", "new")).ok()); });
  std::optional<v1::Handoff> next = (*watch)->Next(absl::Seconds(5));
  later.join();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->conversation_id(), "new");
}

}  // namespace
}  // namespace firstline
