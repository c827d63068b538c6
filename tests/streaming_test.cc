// The stream and batch forms of the conversation API, against a real server
// on loopback: many conversations over one stream, each in its own order,
// and many texts classified in one call. Each runs on stores in memory,
// whose turns run on gRPC's threads, and in an SQLite file, whose turns go
// to the server's pool of threads.
#include <grpcpp/grpcpp.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The parameter: whether the stores are in an SQLite file.
class StreamingTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    ServerOptions options = testing::NoWatching();
    if (GetParam()) options.store.data_dir = pack_.root() + "/data";
    auto server = testing::StartLoopbackServer(pack_.root(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::ConversationService::NewStub(grpc::CreateChannel(
        testing::AddressOf(*server_), grpc::InsecureChannelCredentials()));
  }

  static v1::ConverseRequest Message(const std::string& tag,
                                     const std::string& conversation,
                                     const std::string& text,
                                     const std::string& locale = "en") {
    v1::ConverseRequest request;
    request.set_tag(tag);
    v1::SendMessageRequest& message = *request.mutable_message();
    message.set_conversation_id(conversation);
    message.set_channel(v1::CHANNEL_CHAT);
    message.mutable_customer()->set_id("customer-" + conversation);
    message.mutable_customer()->set_locale(locale);
    message.set_text(text);
    return request;
  }

  testing::TempPack pack_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ConversationService::Stub> stub_;
};

TEST_P(StreamingTest, ConverseAnswersEveryMessageOfManyConversationsInOrder) {
  const std::vector<v1::ConverseRequest> requests = {
      Message("a1", "a", "I want to cancel my order"),
      Message("b1", "b", "I want a person"),
      Message("c1", "c", "hello", "de"),
      Message("a2", "a", "it is 12345"),
      Message("b2", "b", "hello?"),
      Message("a3", "a", "paypal"),
  };
  grpc::ClientContext context;
  auto stream = stub_->Converse(&context);
  // All are sent before any is read: the server must not wait for reads.
  for (const v1::ConverseRequest& request : requests) {
    ASSERT_TRUE(stream->Write(request));
  }
  ASSERT_TRUE(stream->WritesDone());
  std::map<std::string, std::vector<std::string>> tags_by_conversation;
  std::map<std::string, v1::ConverseResponse> by_tag;
  v1::ConverseResponse response;
  while (stream->Read(&response)) {
    tags_by_conversation[response.conversation_id()].push_back(response.tag());
    by_tag[response.tag()] = response;
  }
  ASSERT_TRUE(stream->Finish().ok());

  EXPECT_THAT(tags_by_conversation["a"], ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(tags_by_conversation["b"], ElementsAre("b1", "b2"));
  EXPECT_THAT(tags_by_conversation["c"], ElementsAre("c1"));
  // The conversations keep their state across the stream: "a" fills the
  // cancel_order form over three messages.
  EXPECT_EQ(by_tag["a1"].reply().messages(0).text(),
            "Which order? Send its number.");
  EXPECT_EQ(by_tag["a2"].reply().messages(0).text(),
            "Did you pay by card or PayPal?");
  EXPECT_EQ(by_tag["a3"].reply().messages(0).text(),
            "Order 12345 is cancelled; the money goes back to your PayPal.");
  EXPECT_EQ(by_tag["b1"].reply().action(), v1::BOT_ACTION_HANDED_OFF);
  EXPECT_EQ(by_tag["b2"].reply().action(), v1::BOT_ACTION_NONE);
  // A bad message is refused on its own; the stream went on.
  ASSERT_TRUE(by_tag["c1"].has_error());
  EXPECT_EQ(by_tag["c1"].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(by_tag["c1"].error().message(),
              HasSubstr("customer.locale: unsupported locale 'de'"));
}

TEST_P(StreamingTest, ManyConversationsAnsweredInParallelEachInOrder) {
  // 200 conversations fill the cancel_order form over three messages each,
  // interleaved on one stream: conversations are answered in parallel, and
  // a message answered before the one before it would break its form.
  constexpr int kConversations = 200;
  const char* const kSteps[] = {"I want to cancel my order", "it is 12345",
                                "paypal"};
  grpc::ClientContext context;
  auto stream = stub_->Converse(&context);
  std::thread writer([&] {
    for (int step = 0; step < 3; ++step) {
      for (int c = 0; c < kConversations; ++c) {
        const std::string id = "c" + std::to_string(c);
        stream->Write(
            Message(id + "/" + std::to_string(step), id, kSteps[step]));
      }
    }
    stream->WritesDone();
  });
  std::map<std::string, std::vector<std::string>> texts_by_conversation;
  v1::ConverseResponse response;
  while (stream->Read(&response)) {
    ASSERT_TRUE(response.has_reply()) << response.error().message();
    texts_by_conversation[response.conversation_id()].push_back(
        response.reply().messages(0).text());
  }
  writer.join();
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(texts_by_conversation.size(), size_t{kConversations});
  for (const auto& [conversation, texts] : texts_by_conversation) {
    EXPECT_THAT(
        texts,
        ElementsAre("Which order? Send its number.",
                    "Did you pay by card or PayPal?",
                    "Order 12345 is cancelled; the money goes back to your "
                    "PayPal."))
        << conversation;
  }
}

TEST_P(StreamingTest, AClientGoingAwayMidStreamLeavesTheServerServing) {
  {
    grpc::ClientContext context;
    auto stream = stub_->Converse(&context);
    for (int i = 0; i < 100; ++i) {
      const std::string id = "gone" + std::to_string(i % 10);
      stream->Write(Message(id + "/" + std::to_string(i), id, "hello"));
    }
    v1::ConverseResponse first;
    ASSERT_TRUE(stream->Read(&first));
    // Replies still being answered and written when the call ends.
    context.TryCancel();
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  grpc::ClientContext context;
  auto stream = stub_->Converse(&context);
  ASSERT_TRUE(stream->Write(Message("after", "after", "I want a person")));
  ASSERT_TRUE(stream->WritesDone());
  v1::ConverseResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.tag(), "after");
  EXPECT_EQ(response.reply().action(), v1::BOT_ACTION_HANDED_OFF);
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_P(StreamingTest, ClassifyBatchAnswersInRequestOrder) {
  v1::ClassifyBatchRequest request;
  for (const char* text :
       {"where is my order 12345", "cancel my order", "what is the weather"}) {
    v1::ClassifyRequest& item = *request.add_requests();
    item.set_text(text);
    item.set_locale("en");
  }
  grpc::ClientContext context;
  v1::ClassifyBatchResponse response;
  ASSERT_TRUE(stub_->ClassifyBatch(&context, request, &response).ok());
  ASSERT_EQ(response.responses_size(), 3);
  EXPECT_EQ(response.responses(0).intent().intent(), "track_order");
  EXPECT_EQ(response.responses(0).slots(0).value(), "12345");
  EXPECT_EQ(response.responses(1).intent().intent(), "cancel_order");
  EXPECT_FALSE(response.responses(2).has_intent());
  EXPECT_FALSE(response.responses(2).rule_set_version().empty());
}

TEST_P(StreamingTest, ClassifyBatchNamesTheFirstBadItem) {
  v1::ClassifyBatchRequest request;
  request.add_requests()->set_text("fine");
  request.mutable_requests(0)->set_locale("en");
  request.add_requests()->set_text("\xff\xfe");
  request.mutable_requests(1)->set_locale("en");
  grpc::ClientContext context;
  v1::ClassifyBatchResponse response;
  grpc::Status status = stub_->ClassifyBatch(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("requests[1].text: is not valid UTF-8"));

  v1::ClassifyBatchRequest too_many;
  for (int i = 0; i < 1001; ++i) {
    too_many.add_requests()->set_text("hi");
    too_many.mutable_requests(i)->set_locale("en");
  }
  grpc::ClientContext again;
  status = stub_->ClassifyBatch(&again, too_many, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "requests: 1001 items; at most 1000 per call");
}

INSTANTIATE_TEST_SUITE_P(Stores, StreamingTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Sqlite" : "Memory";
                         });

}  // namespace
}  // namespace firstline
