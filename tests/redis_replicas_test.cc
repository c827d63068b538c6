// Two firstline servers sharing one real redis-server on loopback, as
// replicas behind a load balancer: a conversation may move between them at
// every message, a desk on one gets the handoffs made on the other, and
// both fail with UNAVAILABLE while Redis is away and recover when it is
// back.
#include <grpcpp/grpcpp.h>

#include <string>
#include <thread>
#include <vector>

#include "firstline/v1/conversation.grpc.pb.h"
#include "firstline/v1/handoff.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "service/reload/pack_reloader.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/redis_server.h"

namespace firstline {
namespace {

using ::grpc::health::v1::HealthCheckResponse;

// What a reply decides: its action and intent, how many messages it has
// and the quick replies offered. (The wording of an answer with several
// variants rotates in each process, so it is left out.)
std::string Decided(const v1::SendMessageResponse& reply) {
  std::string decided = v1::BotAction_Name(reply.action()) + " " +
                        (reply.has_intent() ? reply.intent().intent() : "-") +
                        " " + std::to_string(reply.messages_size());
  for (const v1::BotMessage& message : reply.messages()) {
    for (const v1::QuickReply& option : message.quick_replies()) {
      decided += " [" + option.label() + "]";
    }
  }
  return decided;
}

// The shipped pack, compiled once for every server of the test binary.
std::shared_ptr<const Engine> ShippedEngine() {
  static const std::shared_ptr<const Engine> engine = [] {
    absl::StatusOr<std::unique_ptr<const Engine>> loaded =
        LoadServablePack(FIRSTLINE_SOURCE_DIR, {}, nullptr);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? std::shared_ptr<const Engine>(std::move(*loaded))
                       : nullptr;
  }();
  return engine;
}

struct Replica {
  std::unique_ptr<Server> server;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::ConversationService::Stub> bot;
  std::unique_ptr<v1::AgentService::Stub> agents;
};

class RedisReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = testing::RedisServer::Start();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = std::move(*redis);
    ServerOptions options = testing::NoWatching();
    options.store.redis_address = redis_->address();
    options.health_interval = absl::Milliseconds(50);
    ASSERT_NO_FATAL_FAILURE(Start(options, &a_));
    ASSERT_NO_FATAL_FAILURE(Start(options, &b_));
  }
  void TearDown() override {
    for (Replica* replica : {&a_, &b_, &alone_}) {
      replica->bot.reset();
      replica->agents.reset();
      replica->channel.reset();
      if (replica->server != nullptr) replica->server->Shutdown();
    }
  }

  static void Start(const ServerOptions& options, Replica* replica) {
    ASSERT_NE(ShippedEngine(), nullptr);
    auto server = testing::StartLoopbackServer(ShippedEngine(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    replica->server = std::move(*server);
    replica->channel = grpc::CreateChannel(testing::AddressOf(*replica->server),
                                           grpc::InsecureChannelCredentials());
    replica->bot = v1::ConversationService::NewStub(replica->channel);
    replica->agents = v1::AgentService::NewStub(replica->channel);
  }

  static grpc::Status Send(Replica& replica, const std::string& conversation,
                           const std::string& text,
                           v1::SendMessageResponse* response) {
    v1::SendMessageRequest request;
    request.set_conversation_id(conversation);
    request.set_channel(v1::CHANNEL_CHAT);
    request.mutable_customer()->set_id("customer-" + conversation);
    request.mutable_customer()->set_locale("en");
    request.set_text(text);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    return replica.bot->SendMessage(&context, request, response);
  }

  static std::string Say(Replica& replica, const std::string& conversation,
                         const std::string& text) {
    v1::SendMessageResponse response;
    grpc::Status status = Send(replica, conversation, text, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return Decided(response);
  }

  static HealthCheckResponse::ServingStatus Health(Replica& replica) {
    auto health = grpc::health::v1::Health::NewStub(replica.channel);
    grpc::health::v1::HealthCheckRequest request;
    request.set_service("firstline.v1.ConversationService");
    HealthCheckResponse response;
    grpc::ClientContext context;
    if (!health->Check(&context, request, &response).ok()) {
      return HealthCheckResponse::UNKNOWN;
    }
    return response.status();
  }

  // Waits up to 5 s for `replica` to report `wanted`.
  static bool Becomes(Replica& replica,
                      HealthCheckResponse::ServingStatus wanted) {
    for (int i = 0; i < 100; ++i) {
      if (Health(replica) == wanted) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  std::unique_ptr<testing::RedisServer> redis_;
  Replica a_, b_;
  Replica alone_;  // On its own, in memory: how one replica behaves.
};

TEST_F(RedisReplicasTest, AConversationMovingBetweenReplicasGoesAsOnOne) {
  ASSERT_NO_FATAL_FAILURE(Start(testing::NoWatching(), &alone_));
  const std::vector<std::string> said = {
      "where is my order?",
      "it is 12345678",
      "my payment failed",
      "Declined",
      "what colour is the sky on mars",
      "purple elephants dance",
      "hello? anyone?",
  };
  for (size_t i = 0; i < said.size(); ++i) {
    Replica& replica = i % 2 == 0 ? a_ : b_;
    EXPECT_EQ(Say(replica, "moving", said[i]), Say(alone_, "moving", said[i]))
        << "message " << i << ": " << said[i];
  }
  // The handoff is the same too, read from either replica.
  for (Replica* replica : {&a_, &b_}) {
    v1::ListHandoffsRequest request;
    v1::ListHandoffsResponse shared, single;
    grpc::ClientContext context, alone_context;
    ASSERT_TRUE(replica->agents->ListHandoffs(&context, request, &shared).ok());
    ASSERT_TRUE(
        alone_.agents->ListHandoffs(&alone_context, request, &single).ok());
    ASSERT_EQ(shared.handoffs_size(), 1);
    ASSERT_EQ(single.handoffs_size(), 1);
    const v1::Handoff& one = shared.handoffs(0);
    const v1::Handoff& other = single.handoffs(0);
    EXPECT_EQ(one.summary(), other.summary());
    EXPECT_EQ(one.reason(), other.reason());
    ASSERT_EQ(one.transcript_size(), other.transcript_size());
    for (int i = 0; i < one.transcript_size(); ++i) {
      EXPECT_EQ(one.transcript(i).speaker(), other.transcript(i).speaker());
      if (one.transcript(i).speaker() == v1::SPEAKER_CUSTOMER) {
        EXPECT_EQ(one.transcript(i).text(), other.transcript(i).text());
      }
    }
    EXPECT_EQ(one.details_size(), other.details_size());
    EXPECT_EQ(one.bot_actions_size(), other.bot_actions_size());
  }
}

TEST_F(RedisReplicasTest, TwoMessagesAtOnceOnTwoReplicasAreBothApplied) {
  // Two messages the bot does not understand hand the conversation over:
  // if both replicas read the state before either saved it, neither would.
  constexpr int kConversations = 20;
  std::vector<std::string> replies(2 * kConversations);
  std::vector<grpc::Status> statuses(2 * kConversations);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2 * kConversations; ++i) {
    threads.emplace_back([&, i] {
      v1::SendMessageResponse response;
      statuses[i] = Send(i % 2 == 0 ? a_ : b_, "race-" + std::to_string(i / 2),
                         "zxq wplf " + std::to_string(i), &response);
      replies[i] = v1::BotAction_Name(response.action());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int c = 0; c < kConversations; ++c) {
    ASSERT_TRUE(statuses[2 * c].ok()) << statuses[2 * c].error_message();
    ASSERT_TRUE(statuses[2 * c + 1].ok())
        << statuses[2 * c + 1].error_message();
    const int handed = (replies[2 * c] == "BOT_ACTION_HANDED_OFF") +
                       (replies[2 * c + 1] == "BOT_ACTION_HANDED_OFF");
    EXPECT_EQ(handed, 1) << "conversation race-" << c << ": " << replies[2 * c]
                         << ", " << replies[2 * c + 1];
  }
  v1::ListHandoffsRequest request;
  v1::ListHandoffsResponse listed;
  grpc::ClientContext context;
  ASSERT_TRUE(a_.agents->ListHandoffs(&context, request, &listed).ok());
  ASSERT_EQ(listed.handoffs_size(), kConversations);
  for (const v1::Handoff& handoff : listed.handoffs()) {
    int customer_lines = 0;
    for (const v1::TranscriptEntry& entry : handoff.transcript()) {
      customer_lines += entry.speaker() == v1::SPEAKER_CUSTOMER;
    }
    EXPECT_EQ(customer_lines, 2) << handoff.conversation_id();
  }
}

TEST_F(RedisReplicasTest, ADeskOnOneReplicaGetsHandoffsMadeOnTheOther) {
  grpc::ClientContext watching;
  v1::WatchHandoffsRequest request;
  request.set_queue("general");
  auto desk = a_.agents->WatchHandoffs(&watching, request);
  EXPECT_THAT(Say(b_, "from-b", "I want to talk to a human"),
              ::testing::StartsWith("BOT_ACTION_HANDED_OFF"));
  v1::Handoff handoff;
  ASSERT_TRUE(desk->Read(&handoff));
  EXPECT_EQ(handoff.conversation_id(), "from-b");

  v1::ClaimHandoffRequest claim;
  claim.set_id(handoff.id());
  claim.set_agent_id("anna");
  v1::Handoff claimed;
  grpc::ClientContext claim_context;
  ASSERT_TRUE(a_.agents->ClaimHandoff(&claim_context, claim, &claimed).ok());
  v1::GetHandoffRequest get;
  get.set_id(handoff.id());
  v1::Handoff seen_on_b;
  grpc::ClientContext get_context;
  ASSERT_TRUE(b_.agents->GetHandoff(&get_context, get, &seen_on_b).ok());
  EXPECT_EQ(seen_on_b.state(), v1::HANDOFF_STATE_CLAIMED);
  EXPECT_EQ(seen_on_b.assignee(), "anna");
  // The customer's next message, on B, reaches the agent's transcript.
  EXPECT_THAT(Say(b_, "from-b", "thank you, waiting"),
              ::testing::StartsWith("BOT_ACTION_NONE"));
  grpc::ClientContext again;
  ASSERT_TRUE(a_.agents->GetHandoff(&again, get, &seen_on_b).ok());
  EXPECT_EQ(seen_on_b.transcript().rbegin()->text(), "thank you, waiting");
  watching.TryCancel();
  while (desk->Read(&handoff)) {
  }
}

TEST_F(RedisReplicasTest, UnavailableWhileRedisIsDownThenRecovers) {
  EXPECT_THAT(Say(a_, "outage", "where is my order?"),
              ::testing::StartsWith("BOT_ACTION_ASKED track_order"));
  ASSERT_EQ(Health(a_), HealthCheckResponse::SERVING);

  redis_->Stop();
  for (Replica* replica : {&a_, &b_}) {
    v1::SendMessageResponse response;
    grpc::Status status = Send(*replica, "outage", "12345678", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << status.error_message();
    EXPECT_THAT(status.error_message(), ::testing::HasSubstr("redis"));
    EXPECT_TRUE(Becomes(*replica, HealthCheckResponse::NOT_SERVING));
  }

  ASSERT_TRUE(redis_->Restart().ok());
  for (Replica* replica : {&a_, &b_}) {
    EXPECT_TRUE(Becomes(*replica, HealthCheckResponse::SERVING));
  }
  // The conversation goes on where it was before Redis went away: the
  // order number answers the question asked then.
  v1::SendMessageResponse answer;
  ASSERT_TRUE(Send(b_, "outage", "12345678", &answer).ok());
  EXPECT_EQ(answer.action(), v1::BOT_ACTION_ANSWERED);
  EXPECT_EQ(answer.intent().intent(), "track_order");
}

}  // namespace
}  // namespace firstline
