// The Redis stores pass the store conformance suite against a real
// redis-server, share state between clients as replicas do, hand each
// handoff to one desk, and fail with UNAVAILABLE while Redis is away.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "service/storage/redis_client.h"
#include "service/storage/redis_conversation_store.h"
#include "service/storage/redis_handoff_store.h"
#include "service/storage/store_conformance.h"
#include "tests/testing/redis_server.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

// One redis-server for the conformance suite; each test gets keys of its
// own.
testing::RedisServer* SharedRedis() {
  static testing::RedisServer* const redis = [] {
    absl::StatusOr<std::unique_ptr<testing::RedisServer>> started =
        testing::RedisServer::Start();
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? started->release() : nullptr;
  }();
  return redis;
}

std::string NewPrefix() {
  static std::atomic<int> next{0};
  return "test" + std::to_string(next++) + ":";
}

std::shared_ptr<RedisClient> NewClient(const std::string& address) {
  RedisClientOptions options;
  options.address = address;
  absl::StatusOr<std::unique_ptr<RedisClient>> client =
      RedisClient::Create(options);
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? std::move(*client) : nullptr;
}

Stores NewRedisStores(const StoreSetup& setup) {
  testing::RedisServer* redis = SharedRedis();
  if (redis == nullptr) return {};
  std::shared_ptr<RedisClient> client = NewClient(redis->address());
  if (client == nullptr) return {};
  const std::string prefix = NewPrefix();
  RedisConversationStoreOptions conversations;
  conversations.key_prefix = prefix;
  conversations.idle_timeout = setup.idle_timeout;
  conversations.clock = setup.clock;
  RedisHandoffStoreOptions handoffs;
  handoffs.key_prefix = prefix;
  handoffs.resolved_retention = setup.resolved_retention;
  return {std::make_shared<RedisConversationStore>(client, conversations),
          std::make_shared<RedisHandoffStore>(client, handoffs)};
}

INSTANTIATE_TEST_SUITE_P(Redis, StoreConformanceTest,
                         ::testing::Values(&NewRedisStores));

v1::Handoff InQueue(const std::string& queue, const std::string& conversation) {
  v1::Handoff handoff;
  handoff.set_queue(queue);
  handoff.set_conversation_id(conversation);
  return handoff;
}

// Two replicas: two clients of one server under one prefix.
class RedisReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(SharedRedis(), nullptr);
    prefix_ = NewPrefix();
  }
  std::unique_ptr<RedisConversationStore> Conversations(
      absl::Duration hold_wait = absl::Seconds(5)) {
    RedisConversationStoreOptions options;
    options.key_prefix = prefix_;
    options.hold_wait = hold_wait;
    return std::make_unique<RedisConversationStore>(
        NewClient(SharedRedis()->address()), options);
  }
  std::unique_ptr<RedisHandoffStore> Handoffs(
      absl::Duration redelivery_timeout = absl::Minutes(1),
      absl::Duration resolved_retention = absl::Hours(1)) {
    RedisHandoffStoreOptions options;
    options.key_prefix = prefix_;
    options.redelivery_timeout = redelivery_timeout;
    options.resolved_retention = resolved_retention;
    return std::make_unique<RedisHandoffStore>(
        NewClient(SharedRedis()->address()), options);
  }

  std::string prefix_;
};

TEST_F(RedisReplicasTest, AWriteFromAStaleStateIsRefusedAcrossReplicas) {
  auto a = Conversations();
  auto b = Conversations();
  ConversationState state;
  state.set_conversation_id("c1");
  ASSERT_TRUE(a->Save(&state).ok());
  ConversationState in_a = *a->Load("c1");
  ConversationState in_b = *b->Load("c1");
  in_b.add_signals("urgent");
  ASSERT_TRUE(b->Save(&in_b).ok());
  EXPECT_TRUE(absl::IsAborted(a->Save(&in_a)));
  EXPECT_EQ(in_a.version(), 1);
  EXPECT_EQ(a->Load("c1")->signals(0), "urgent");
}

TEST_F(RedisReplicasTest, AHoldMakesTheOtherReplicaWait) {
  auto a = Conversations();
  auto b = Conversations();
  absl::StatusOr<std::unique_ptr<ConversationHold>> held = a->Hold("c1");
  ASSERT_TRUE(held.ok()) << held.status();
  std::atomic<bool> released{false};
  std::atomic<bool> b_saw_released{false};
  std::thread other([&] {
    absl::StatusOr<std::unique_ptr<ConversationHold>> second = b->Hold("c1");
    b_saw_released = released.load();
    EXPECT_TRUE(second.ok()) << second.status();
  });
  absl::SleepFor(absl::Milliseconds(200));
  // Another conversation is not held up.
  EXPECT_TRUE(b->Hold("c2").ok());
  released = true;
  held->reset();
  other.join();
  EXPECT_TRUE(b_saw_released);
}

TEST_F(RedisReplicasTest, AHoldKeptTooLongIsAborted) {
  auto a = Conversations();
  auto b = Conversations(absl::Milliseconds(100));
  absl::StatusOr<std::unique_ptr<ConversationHold>> held = a->Hold("c1");
  ASSERT_TRUE(held.ok());
  absl::StatusOr<std::unique_ptr<ConversationHold>> second = b->Hold("c1");
  EXPECT_TRUE(absl::IsAborted(second.status())) << second.status();
  EXPECT_THAT(second.status().message(), HasSubstr("busy"));
}

TEST_F(RedisReplicasTest, EachHandoffGoesToOneDesk) {
  auto a = Handoffs();
  auto b = Handoffs();
  auto desk1 = a->Watch("general");
  auto desk2 = b->Watch("general");
  ASSERT_TRUE(desk1.ok() && desk2.ok());
  std::set<std::string> created;
  for (int i = 0; i < 10; ++i) {
    created.insert((i % 2 ? a : b)->Create(InQueue("general", "c"))->id());
  }
  std::set<std::string> one, two;
  for (int i = 0; i < 20; ++i) {
    if (auto h = (*desk1)->Next(absl::Milliseconds(20))) one.insert(h->id());
    if (auto h = (*desk2)->Next(absl::Milliseconds(20))) two.insert(h->id());
  }
  EXPECT_FALSE(one.empty());
  EXPECT_FALSE(two.empty());
  std::set<std::string> both = one;
  both.insert(two.begin(), two.end());
  EXPECT_EQ(both, created);
  EXPECT_EQ(one.size() + two.size(), created.size());
}

TEST_F(RedisReplicasTest, AHandoffNotClaimedInTimeGoesToAnotherDesk) {
  auto a = Handoffs(absl::Seconds(1));
  auto b = Handoffs(absl::Seconds(1));
  auto desk1 = a->Watch("general");
  ASSERT_TRUE(desk1.ok());
  const std::string id = b->Create(InQueue("general", "c1"))->id();
  std::optional<v1::Handoff> given = (*desk1)->Next(absl::Seconds(1));
  ASSERT_TRUE(given.has_value());
  EXPECT_EQ(given->id(), id);
  auto desk2 = b->Watch("general");
  ASSERT_TRUE(desk2.ok());
  EXPECT_FALSE((*desk2)->Next(absl::Milliseconds(50)).has_value());
  std::optional<v1::Handoff> again = (*desk2)->Next(absl::Seconds(5));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id(), id);
  // Claimed now: nobody gets it again.
  ASSERT_TRUE(b->Claim(id, "boris").ok());
  absl::SleepFor(absl::Milliseconds(1200));
  EXPECT_FALSE((*desk1)->Next(absl::Milliseconds(50)).has_value());
  EXPECT_FALSE((*desk2)->Next(absl::Milliseconds(50)).has_value());
}

TEST_F(RedisReplicasTest, ADeskThatGoesAwayLetsGoOfItsHandoffsAtOnce) {
  auto a = Handoffs();
  auto b = Handoffs();
  const std::string id = a->Create(InQueue("general", "c1"))->id();
  {
    auto desk1 = a->Watch("general");
    ASSERT_TRUE(desk1.ok());
    ASSERT_EQ((*desk1)->Next(absl::Seconds(1))->id(), id);
  }
  auto desk2 = b->Watch("general");
  ASSERT_TRUE(desk2.ok());
  std::optional<v1::Handoff> again = (*desk2)->Next(absl::Seconds(1));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id(), id);
}

TEST_F(RedisReplicasTest, ResolvedHandoffsExpireAfterTheRetention) {
  auto store = Handoffs(absl::Minutes(1), absl::Milliseconds(300));
  const std::string id = store->Create(InQueue("general", "c1"))->id();
  v1::TranscriptEntry entry;
  entry.set_text("thanks");
  ASSERT_TRUE(store->Resolve(id, "anna").ok());
  ASSERT_TRUE(store->Append(id, entry).ok());
  EXPECT_EQ(store->Get(id)->transcript_size(), 1);
  absl::SleepFor(absl::Milliseconds(600));
  EXPECT_TRUE(absl::IsNotFound(store->Get(id).status()));
  EXPECT_TRUE(store->List("general", v1::HANDOFF_STATE_UNSPECIFIED)->empty());
}

TEST(RedisOutageTest, UnavailableWhileRedisIsAwayAndBackAfter) {
  absl::StatusOr<std::unique_ptr<testing::RedisServer>> redis =
      testing::RedisServer::Start();
  ASSERT_TRUE(redis.ok()) << redis.status();
  std::shared_ptr<RedisClient> client = NewClient((*redis)->address());
  ASSERT_NE(client, nullptr);
  RedisConversationStore conversations(client);
  RedisHandoffStore handoffs(client);
  ConversationState state;
  state.set_conversation_id("c1");
  ASSERT_TRUE(conversations.Save(&state).ok());
  const std::string id = handoffs.Create(InQueue("general", "c1"))->id();
  auto desk = handoffs.Watch("general");
  ASSERT_TRUE(desk.ok());
  ASSERT_EQ((*desk)->Next(absl::Seconds(1))->id(), id);

  (*redis)->Stop();
  EXPECT_TRUE(absl::IsUnavailable(conversations.Probe()));
  EXPECT_TRUE(absl::IsUnavailable(conversations.Load("c1").status()));
  EXPECT_TRUE(absl::IsUnavailable(conversations.Save(&state)));
  EXPECT_TRUE(absl::IsUnavailable(conversations.Hold("c1").status()));
  EXPECT_TRUE(
      absl::IsUnavailable(handoffs.Create(InQueue("general", "c2")).status()));
  EXPECT_TRUE(absl::IsUnavailable(handoffs.Get(id).status()));
  EXPECT_FALSE((*desk)->Next(absl::Milliseconds(100)).has_value());

  ASSERT_TRUE((*redis)->Restart().ok());
  EXPECT_TRUE(conversations.Probe().ok());
  // What was acknowledged before is still there.
  absl::StatusOr<ConversationState> loaded = conversations.Load("c1");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->version(), 1);
  EXPECT_TRUE(conversations.Save(&*loaded).ok());
  EXPECT_EQ(handoffs.Get(id)->conversation_id(), "c1");
  const std::string later = handoffs.Create(InQueue("general", "c3"))->id();
  std::optional<v1::Handoff> next = (*desk)->Next(absl::Seconds(2));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id(), later);
}

TEST(RedisClientTest, RefusesAddressesThatAreNotRedis) {
  for (const char* address : {"127.0.0.1:6379", "redis://", "redis://h:0",
                              "redis://h:port", "redis://:6379"}) {
    RedisClientOptions options;
    options.address = address;
    absl::StatusOr<std::unique_ptr<RedisClient>> client =
        RedisClient::Create(options);
    EXPECT_TRUE(absl::IsInvalidArgument(client.status())) << address;
    EXPECT_THAT(client.status().message(), HasSubstr("redis://host:port"));
  }
}

TEST(RedisClientTest, NobodyListeningIsUnavailable) {
  RedisClientOptions options;
  options.address = "redis://127.0.0.1:1";
  EXPECT_TRUE(absl::IsUnavailable(RedisClient::Create(options).status()));
}

}  // namespace
}  // namespace firstline
