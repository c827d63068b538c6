// Agent desks and the bot on one real server on 127.0.0.1:0 with the
// shipped pack: handoffs reach agents, one agent holds each, and a person's
// conversation is not the bot's.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <thread>

#include "firstline/v1/conversation.grpc.pb.h"
#include "firstline/v1/handoff.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class AgentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = testing::StartLoopbackServer(FIRSTLINE_SOURCE_DIR);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto channel = grpc::CreateChannel(testing::AddressOf(*server_),
                                       grpc::InsecureChannelCredentials());
    bot_ = v1::ConversationService::NewStub(channel);
    agents_ = v1::AgentService::NewStub(channel);
  }

  v1::SendMessageResponse Say(const std::string& conversation,
                              const std::string& text,
                              const std::string& locale = "en") {
    v1::SendMessageRequest request;
    request.set_conversation_id(conversation);
    request.set_channel(v1::CHANNEL_CHAT);
    request.mutable_customer()->set_id("customer-" + conversation);
    request.mutable_customer()->set_display_name("Anna");
    request.mutable_customer()->set_locale(locale);
    request.set_text(text);
    v1::SendMessageResponse response;
    grpc::ClientContext context;
    grpc::Status status = bot_->SendMessage(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ConversationService::Stub> bot_;
  std::unique_ptr<v1::AgentService::Stub> agents_;
};

TEST_F(AgentApiTest, ALateDeskGetsTheWaitingHandoffsThenLiveOnes) {
  for (const char* conversation : {"a", "b", "c"}) {
    EXPECT_EQ(Say(conversation, "I want to talk to a human").action(),
              v1::BOT_ACTION_HANDED_OFF);
  }
  grpc::ClientContext context;
  v1::WatchHandoffsRequest request;
  request.set_queue("general");
  auto stream = agents_->WatchHandoffs(&context, request);
  std::vector<std::string> received;
  v1::Handoff handoff;
  for (int i = 0; i < 3 && stream->Read(&handoff); ++i) {
    received.push_back(handoff.conversation_id());
  }
  EXPECT_THAT(received, ::testing::ElementsAre("a", "b", "c"));

  EXPECT_EQ(Say("d", "позовите оператора", "ru").action(),
            v1::BOT_ACTION_HANDED_OFF);
  ASSERT_TRUE(stream->Read(&handoff));
  EXPECT_EQ(handoff.conversation_id(), "d");
  EXPECT_EQ(handoff.locale(), "ru");
  EXPECT_EQ(handoff.reason(), v1::HANDOFF_REASON_CUSTOMER_ASKED);
  context.TryCancel();
  while (stream->Read(&handoff)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(AgentApiTest, OneOfTwoAgentsClaimingWins) {
  Say("x", "connect me to a live agent");
  v1::ListHandoffsRequest list;
  list.set_queue("general");
  list.set_state(v1::HANDOFF_STATE_WAITING);
  v1::ListHandoffsResponse listed;
  grpc::ClientContext list_context;
  ASSERT_TRUE(agents_->ListHandoffs(&list_context, list, &listed).ok());
  ASSERT_EQ(listed.handoffs_size(), 1);
  const std::string id = listed.handoffs(0).id();

  std::atomic<int> won{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> agents;
  for (const char* agent : {"anna", "boris"}) {
    agents.emplace_back([&, agent] {
      v1::ClaimHandoffRequest claim;
      claim.set_id(id);
      claim.set_agent_id(agent);
      v1::Handoff handoff;
      grpc::ClientContext context;
      grpc::Status status = agents_->ClaimHandoff(&context, claim, &handoff);
      if (status.ok()) ++won;
      if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        ++refused;
        EXPECT_THAT(status.error_message(), HasSubstr("is held by"));
      }
    });
  }
  for (auto& agent : agents) agent.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(refused.load(), 1);
}

TEST_F(AgentApiTest,
       InHumanModeTheBotIsSilentUntilTheAgentReturnsTheConversation) {
  Say("h", "Where is my order 12345678?");
  ASSERT_EQ(Say("h", "I want to talk to a real person").action(),
            v1::BOT_ACTION_HANDED_OFF);
  for (const char* text : {"hello?", "it's been a week", "where is my order"}) {
    v1::SendMessageResponse reply = Say("h", text);
    EXPECT_EQ(reply.action(), v1::BOT_ACTION_NONE);
    EXPECT_EQ(reply.messages_size(), 0);
  }
  v1::ListHandoffsRequest list;
  v1::ListHandoffsResponse listed;
  grpc::ClientContext list_context;
  ASSERT_TRUE(agents_->ListHandoffs(&list_context, list, &listed).ok());
  ASSERT_EQ(listed.handoffs_size(), 1);
  const std::string id = listed.handoffs(0).id();

  v1::GetHandoffRequest get;
  get.set_id(id);
  v1::Handoff handoff;
  grpc::ClientContext get_context;
  ASSERT_TRUE(agents_->GetHandoff(&get_context, get, &handoff).ok());
  EXPECT_EQ(handoff.intent(), "track_order");
  ASSERT_EQ(handoff.details_size(), 1);
  EXPECT_EQ(handoff.details(0).value(), "12345678");
  std::vector<std::string> customer_said;
  for (const v1::TranscriptEntry& entry : handoff.transcript()) {
    if (entry.speaker() == v1::SPEAKER_CUSTOMER)
      customer_said.push_back(entry.text());
  }
  EXPECT_THAT(customer_said, ::testing::ElementsAre(
                                 "Where is my order 12345678?",
                                 "I want to talk to a real person", "hello?",
                                 "it's been a week", "where is my order"));

  v1::ResolveHandoffRequest resolve;
  resolve.set_id(id);
  resolve.set_agent_id("anna");
  resolve.set_return_to_bot(true);
  grpc::ClientContext resolve_context;
  ASSERT_TRUE(
      agents_->ResolveHandoff(&resolve_context, resolve, &handoff).ok());
  EXPECT_EQ(handoff.state(), v1::HANDOFF_STATE_RESOLVED);
  EXPECT_EQ(Say("h", "where is my order").action(), v1::BOT_ACTION_ANSWERED);
}

TEST_F(AgentApiTest, BadAgentRequestsNameTheField) {
  v1::ClaimHandoffRequest claim;
  v1::Handoff handoff;
  grpc::ClientContext context;
  grpc::Status status = agents_->ClaimHandoff(&context, claim, &handoff);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::StartsWith("id:"));
  claim.set_id("h-404");
  claim.set_agent_id("anna");
  grpc::ClientContext context2;
  EXPECT_EQ(agents_->ClaimHandoff(&context2, claim, &handoff).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace firstline
