// Nothing acknowledged is lost: the server is killed with SIGKILL while
// customers keep asking for a person, then started again on the same data
// folder. Every handoff whose creation a customer saw acknowledged is there,
// with every message the server acknowledged in its transcript.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "firstline/v1/handoff.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

constexpr int kSenders = 4;
// Handoffs acknowledged before the kill.
constexpr int kHandoffsBeforeKill = 40;

v1::SendMessageRequest Message(const std::string& conversation,
                               const std::string& text) {
  v1::SendMessageRequest request;
  request.set_conversation_id(conversation);
  request.set_channel(v1::CHANNEL_CHAT);
  request.mutable_customer()->set_id("customer-" + conversation);
  request.mutable_customer()->set_locale("en");
  request.set_text(text);
  return request;
}

TEST(DurabilityTest, EveryAcknowledgedHandoffSurvivesSigkill) {
  testing::TempPack pack;
  pack.WriteMinimal();
  testing::TempPack data;
  const std::vector<std::string> flags = {
      "--pack=" + pack.root(), "--store=sqlite", "--data_dir=" + data.root(),
      "--watch_interval=0"};
  auto first = testing::SpawnServer(flags);
  ASSERT_TRUE(first.ok()) << first.status();

  // By conversation: the messages whose replies came back, once the
  // handoff was acknowledged.
  absl::Mutex mu;
  std::map<std::string, std::vector<std::string>> acknowledged;
  std::atomic<int> handoffs{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> senders;
  for (int sender = 0; sender < kSenders; ++sender) {
    senders.emplace_back([&, sender] {
      auto stub = v1::ConversationService::NewStub(grpc::CreateChannel(
          (*first)->address, grpc::InsecureChannelCredentials()));
      for (int n = 0; !stop.load(); ++n) {
        const std::string conversation = absl::StrCat("c-", sender, "-", n);
        std::vector<std::string> sent;
        for (const char* text :
             {"I want a person", "my order is 12345", "hello? anyone?"}) {
          grpc::ClientContext context;
          context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(10));
          v1::SendMessageResponse reply;
          if (!stub->SendMessage(&context, Message(conversation, text), &reply)
                   .ok()) {
            return;  // The server is gone.
          }
          sent.push_back(text);
          if (sent.size() == 1) {
            ASSERT_EQ(reply.action(), v1::BOT_ACTION_HANDED_OFF);
            ++handoffs;
          }
          absl::MutexLock lock(&mu);
          acknowledged[conversation] = sent;
        }
      }
    });
  }
  while (handoffs.load() < kHandoffsBeforeKill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  testing::KillServer(**first);
  stop.store(true);
  for (std::thread& sender : senders) sender.join();

  auto second = testing::SpawnServer(flags);
  ASSERT_TRUE(second.ok()) << second.status();
  auto channel = grpc::CreateChannel((*second)->address,
                                     grpc::InsecureChannelCredentials());
  grpc::ClientContext context;
  v1::ListHandoffsResponse listed;
  ASSERT_TRUE(v1::AgentService::NewStub(channel)
                  ->ListHandoffs(&context, v1::ListHandoffsRequest(), &listed)
                  .ok());
  std::map<std::string, v1::Handoff> by_conversation;
  for (const v1::Handoff& handoff : listed.handoffs()) {
    EXPECT_TRUE(
        by_conversation.emplace(handoff.conversation_id(), handoff).second)
        << "two handoffs for " << handoff.conversation_id();
  }
  absl::MutexLock lock(&mu);
  ASSERT_GE(acknowledged.size(), kHandoffsBeforeKill);
  for (const auto& [conversation, texts] : acknowledged) {
    auto found = by_conversation.find(conversation);
    ASSERT_NE(found, by_conversation.end())
        << "the acknowledged handoff of " << conversation << " is lost";
    std::vector<std::string> customer_said;
    for (const v1::TranscriptEntry& entry : found->second.transcript()) {
      if (entry.speaker() == v1::SPEAKER_CUSTOMER) {
        customer_said.push_back(entry.text());
      }
    }
    // What was acknowledged is there in order; a message the kill cut off
    // after it was written but before its reply may follow.
    ASSERT_GE(customer_said.size(), texts.size()) << conversation;
    EXPECT_EQ(std::vector<std::string>(customer_said.begin(),
                                       customer_said.begin() + texts.size()),
              texts)
        << conversation;
  }
  // The conversations remember they are with a person.
  auto stub = v1::ConversationService::NewStub(channel);
  grpc::ClientContext again;
  v1::SendMessageResponse reply;
  const std::string some = acknowledged.begin()->first;
  ASSERT_TRUE(
      stub->SendMessage(&again, Message(some, "still there?"), &reply).ok());
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_NONE);
  RecordProperty("acknowledged_handoffs", acknowledged.size());
  RecordProperty("handoffs_after_restart", listed.handoffs_size());
  channel.reset();
  testing::StopServer(**second);
}

}  // namespace
}  // namespace firstline
