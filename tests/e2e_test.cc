// The real server on 127.0.0.1:0 with the shipped rule pack, called through
// the generated client.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <random>

#include "firstline/v1/conversation.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class EndToEndTest : public ::testing::Test {
 protected:
  // The server is started once for the suite; a failure to start fails
  // every test (an assertion here would only skip them).
  static void SetUpTestSuite() {
    auto server = testing::StartLoopbackServer(FIRSTLINE_SOURCE_DIR);
    if (!server.ok()) {
      *start_error_ = std::string(server.status().message());
      return;
    }
    server_ = server->release();
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        testing::AddressOf(*server_), grpc::InsecureChannelCredentials()));
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << *start_error_;
    stub_ = v1::ConversationService::NewStub(*channel_);
  }
  static void TearDownTestSuite() {
    delete channel_;
    delete server_;
  }

  static v1::SendMessageRequest Message(const std::string& text,
                                        const std::string& locale = "en") {
    v1::SendMessageRequest request;
    // Each message starts a conversation of its own unless a test says
    // otherwise.
    static std::atomic<int> next_conversation{1};
    request.set_conversation_id("conversation-" +
                                std::to_string(next_conversation++));
    request.set_channel(v1::CHANNEL_CHAT);
    request.mutable_customer()->set_id("customer-1");
    request.mutable_customer()->set_display_name("Anna");
    request.mutable_customer()->set_locale(locale);
    request.set_text(text);
    return request;
  }

  grpc::Status Send(const v1::SendMessageRequest& request,
                    v1::SendMessageResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    return stub_->SendMessage(&context, request, response);
  }

  static Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
  static std::string* start_error_;
  std::unique_ptr<v1::ConversationService::Stub> stub_;
};

Server* EndToEndTest::server_ = nullptr;
std::string* EndToEndTest::start_error_ = new std::string();
std::shared_ptr<grpc::Channel>* EndToEndTest::channel_ = nullptr;

TEST_F(EndToEndTest, AnswersInEnglishWithTheSlotsFound) {
  v1::SendMessageResponse response;
  grpc::Status status =
      Send(Message("Where is my order 12345678? It's been a week"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.intent().intent(), "track_order");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_ANSWERED);
  ASSERT_GE(response.messages_size(), 1);
  EXPECT_FALSE(response.messages(0).text().empty());
  ASSERT_EQ(response.slots_size(), 1);
  EXPECT_EQ(response.slots(0).value(), "12345678");
  EXPECT_THAT(response.rule_set_version(),
              ::testing::StartsWith("starter-ecommerce@"));
}

TEST_F(EndToEndTest, AnswersInRussian) {
  v1::SendMessageResponse response;
  ASSERT_TRUE(
      Send(Message("Где мой заказ??? жду уже неделю", "ru-RU"), &response)
          .ok());
  EXPECT_EQ(response.intent().intent(), "track_order");
  ASSERT_GE(response.messages_size(), 1);
  // The answer is in Russian.
  EXPECT_THAT(response.messages(0).text(), ::testing::ContainsRegex("[а-я]"));
}

TEST_F(EndToEndTest, AskingForAPersonHandsOff) {
  v1::SendMessageResponse response;
  ASSERT_TRUE(Send(Message("I want to talk to a real person"), &response).ok());
  EXPECT_EQ(response.intent().intent(), "contact_human_agent");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_HANDED_OFF);
  ASSERT_TRUE(Send(Message("позовите оператора", "ru"), &response).ok());
  EXPECT_EQ(response.intent().intent(), "contact_human_agent");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_HANDED_OFF);
  // Another topic in the same message does not hold the customer back.
  ASSERT_TRUE(
      Send(Message(
               "my card was declined at checkout, I want to talk to a person"),
           &response)
          .ok());
  EXPECT_EQ(response.intent().intent(), "contact_human_agent");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_HANDED_OFF);
  ASSERT_TRUE(
      Send(Message("Деньги списали а заказ не оплачен, позовите оператора",
                   "ru"),
           &response)
          .ok());
  EXPECT_EQ(response.intent().intent(), "contact_human_agent");
}

TEST_F(EndToEndTest, UnknownTopicGetsTheFallbackWithOptions) {
  v1::SendMessageResponse response;
  ASSERT_TRUE(Send(Message("what will the weather be like in Paris tomorrow"),
                   &response)
                  .ok());
  EXPECT_FALSE(response.has_intent());
  ASSERT_GE(response.messages_size(), 1);
  EXPECT_GE(
      response.messages(response.messages_size() - 1).quick_replies_size(), 2);
}

TEST_F(EndToEndTest, EmailGetsOneMessageWithGreeting) {
  v1::SendMessageRequest request = Message("how do I cancel my order?");
  request.set_channel(v1::CHANNEL_EMAIL);
  v1::SendMessageResponse response;
  ASSERT_TRUE(Send(request, &response).ok());
  EXPECT_EQ(response.intent().intent(), "cancel_order");
  ASSERT_EQ(response.messages_size(), 1);
  EXPECT_THAT(response.messages(0).text(), HasSubstr("Anna"));
}

TEST_F(EndToEndTest, TraceIsReturnedWhenAsked) {
  v1::SendMessageRequest request = Message("WHERE is my ORDER");
  request.set_include_trace(true);
  v1::SendMessageResponse response;
  ASSERT_TRUE(Send(request, &response).ok());
  EXPECT_EQ(response.trace().normalized_text(), "where is my order");
  ASSERT_GE(response.trace().hits_size(), 1);
  EXPECT_THAT(response.trace().hits(0).source(),
              ::testing::StartsWith("intents/en/"));
  EXPECT_THAT(response.trace().decision(), HasSubstr("track_order"));
  // The scores too, as `firstline explain` shows them.
  ASSERT_GE(response.trace().ranked_intents_size(), 1);
  EXPECT_EQ(response.trace().ranked_intents(0).intent(), "track_order");
  EXPECT_GT(response.trace().ranked_intents(0).score(), 0.5);
}

TEST_F(EndToEndTest, ClassifyRanksIntents) {
  v1::ClassifyRequest request;
  request.set_text("I need a refund for my last order");
  request.set_locale("en");
  v1::ClassifyResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->Classify(&context, request, &response).ok());
  EXPECT_EQ(response.intent().intent(), "get_refund");
  ASSERT_GE(response.ranked_intents_size(), 1);
  EXPECT_EQ(response.ranked_intents(0).intent(), "get_refund");
}

TEST_F(EndToEndTest, BadInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::function<void(v1::SendMessageRequest&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.set_text(""); }, "text:"},
      {[](auto& r) { r.set_text(std::string(10000, 'x')); }, "text:"},
      {[](auto& r) { r.set_text("\xFF\xFE"); }, "text:"},
      {[](auto& r) { r.mutable_customer()->set_locale("fr"); },
       "customer.locale:"},
      {[](auto& r) { r.clear_conversation_id(); }, "conversation_id:"},
      {[](auto& r) { r.mutable_customer()->clear_id(); }, "customer.id:"},
      {[](auto& r) { r.set_channel(v1::CHANNEL_UNSPECIFIED); }, "channel:"},
  };
  for (const Case& c : cases) {
    v1::SendMessageRequest request = Message("where is my order");
    c.change(request);
    v1::SendMessageResponse response;
    grpc::Status status = Send(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(status.error_message(), ::testing::StartsWith(c.field));
  }
}

TEST_F(EndToEndTest, SurvivesArbitraryBytes) {
  std::mt19937 random(7);
  for (int i = 0; i < 300; ++i) {
    std::string text(1 + random() % 300, '\0');
    for (char& c : text) c = static_cast<char>(random());
    v1::SendMessageResponse response;
    grpc::Status status = Send(Message(text, i % 2 ? "en" : "ru"), &response);
    EXPECT_TRUE(status.ok() ||
                status.error_code() == grpc::StatusCode::INVALID_ARGUMENT)
        << status.error_message();
  }
  v1::SendMessageResponse response;
  EXPECT_TRUE(Send(Message("where is my order"), &response).ok());
}

TEST_F(EndToEndTest, HealthCheckReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(*channel_);
  for (const std::string service : {"", "firstline.v1.ConversationService"}) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(health->Check(&context, request, &response).ok());
    EXPECT_EQ(response.status(),
              grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

TEST_F(EndToEndTest, ReflectionListsTheService) {
  // The reflection protocol's messages are compiled into gRPC's library
  // without headers, so the call is made with raw bytes: a request with
  // list_services = "" (field 7, empty) is 0x3A 0x00.
  grpc::GenericStub stub(*channel_);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  auto call = stub.PrepareCall(
      &context,
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  auto step = [&](auto start) {
    start();
    void* tag;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&tag, &ok));
    return ok;
  };
  const char request_bytes[] = {0x3A, 0x00};
  grpc::Slice slice(request_bytes, sizeof request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::Status status;
  ASSERT_TRUE(step([&] { call->StartCall(nullptr); }));
  ASSERT_TRUE(step([&] { call->Write(request, nullptr); }));
  ASSERT_TRUE(step([&] { call->WritesDone(nullptr); }));
  ASSERT_TRUE(step([&] { call->Read(&response, nullptr); }));
  step([&] { call->Finish(&status, nullptr); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& part : slices) {
    bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  EXPECT_THAT(bytes, HasSubstr("firstline.v1.ConversationService"));
  EXPECT_THAT(bytes, HasSubstr("grpc.health.v1.Health"));
}

}  // namespace
}  // namespace firstline
