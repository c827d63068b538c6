// Reloading the pack of a live server: while one thread keeps sending
// messages, the pack is edited and reloaded through the admin call 20 times,
// once broken in the middle. No request may fail, and each reply must come
// whole from the rule set before or after the reload that was under way.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "firstline/v1/admin.grpc.pb.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

constexpr int kReloads = 20;
// The reload that gets a broken pack.
constexpr int kBrokenReload = 10;

// The orders page that marks pack `n`.
std::string PageOfPack(int n) { return absl::StrCat("Orders page ", n, "."); }

// The minimal answers with pack `n`'s orders page.
std::string AnswersOfPack(int n) {
  return absl::StrReplaceAll(testing::kMinimalAnswersYaml,
                             {{"My account > Orders", PageOfPack(n)}});
}

// One call of the sending thread.
struct Call {
  grpc::Status status;
  std::string version;
  std::string text;
  // The number of packs accepted before the call was sent and after its
  // reply came.
  int accepted_before = 0;
  int accepted_after = 0;
};

class HotReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    pack_.Write("rules/en/orders.yaml", AnswersOfPack(0));
    auto server = testing::StartLoopbackServer(pack_.root());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto channel = grpc::CreateChannel(testing::AddressOf(*server_),
                                       grpc::InsecureChannelCredentials());
    bot_ = v1::ConversationService::NewStub(channel);
    admin_ = v1::AdminService::NewStub(channel);
  }

  grpc::Status Ask(int conversation, v1::SendMessageResponse* reply) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    v1::SendMessageRequest request;
    request.set_conversation_id(absl::StrCat("conversation-", conversation));
    request.set_channel(v1::CHANNEL_CHAT);
    request.mutable_customer()->set_id("customer");
    request.mutable_customer()->set_locale("en");
    request.set_text("where is my order 123");
    return bot_->SendMessage(&context, request, reply);
  }

  grpc::Status Reload(v1::ReloadPackResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    return admin_->ReloadPack(&context, v1::ReloadPackRequest(), response);
  }

  testing::TempPack pack_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ConversationService::Stub> bot_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(HotReloadTest, TwentyReloadsUnderLoadLoseNoRequest) {
  // versions[n] is the rule set of pack n; `accepted` counts the packs
  // accepted so far (pack 0 at start).
  std::vector<std::string> versions = {
      server_->conversation_service().engine()->version()};
  std::atomic<int> accepted{1};
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  std::vector<Call> calls;

  std::thread sender([&] {
    for (int n = 0; !stop.load(); ++n) {
      Call call;
      call.accepted_before = accepted.load();
      v1::SendMessageResponse reply;
      call.status = Ask(n, &reply);
      call.accepted_after = accepted.load();
      call.version = reply.rule_set_version();
      if (reply.messages_size() > 0) call.text = reply.messages(0).text();
      absl::MutexLock lock(&mu);
      calls.push_back(std::move(call));
    }
  });
  auto calls_made = [&] {
    absl::MutexLock lock(&mu);
    return calls.size();
  };
  // Lets every pack serve a few calls.
  auto let_some_calls_through = [&] {
    const size_t target = calls_made() + 5;
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (calls_made() < target && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
    }
  };

  let_some_calls_through();
  for (int reload = 1; reload <= kReloads; ++reload) {
    if (reload == kBrokenReload) {
      pack_.Write("rules/en/orders.yaml",
                  absl::StrReplaceAll(AnswersOfPack(reload),
                                      {{"{shop.orders_page}", "{shop.nope}"}}));
      v1::ReloadPackResponse refused;
      grpc::Status status = Reload(&refused);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
      EXPECT_THAT(status.error_message(),
                  HasSubstr("still serving " + versions.back()));
      EXPECT_THAT(status.error_message(),
                  HasSubstr("rules/en/orders.yaml:11:"));
      // The service answers on the previous pack.
      let_some_calls_through();
      v1::SendMessageResponse reply;
      ASSERT_TRUE(Ask(-reload, &reply).ok());
      EXPECT_EQ(reply.rule_set_version(), versions.back());
      EXPECT_THAT(reply.messages(0).text(),
                  HasSubstr(PageOfPack(versions.size() - 1)));
      continue;
    }
    pack_.Write("rules/en/orders.yaml", AnswersOfPack(versions.size()));
    v1::ReloadPackResponse response;
    grpc::Status status = Reload(&response);
    ASSERT_TRUE(status.ok())
        << "reload " << reload << ": " << status.error_message();
    EXPECT_TRUE(response.changed());
    EXPECT_EQ(response.previous_rule_set_version(), versions.back());
    versions.push_back(response.rule_set_version());
    accepted.store(versions.size());
    let_some_calls_through();
  }
  stop.store(true);
  sender.join();

  // 19 good packs were accepted after the first; the broken one was not.
  ASSERT_EQ(versions.size(), kReloads);
  std::vector<int> served(versions.size(), 0);
  absl::MutexLock lock(&mu);
  for (const Call& call : calls) {
    ASSERT_TRUE(call.status.ok()) << call.status.error_message();
    const int pack = std::find(versions.begin(), versions.end(), call.version) -
                     versions.begin();
    ASSERT_LT(pack, versions.size()) << "unknown rule set " << call.version;
    // The pack serving when the call was sent, or one accepted while it was
    // under way (the swap comes just before the reload call returns).
    EXPECT_GE(pack, call.accepted_before - 1);
    EXPECT_LE(pack, call.accepted_after);
    // The reply is that pack's, not a mix of two.
    EXPECT_THAT(call.text, HasSubstr(PageOfPack(pack))) << call.version;
    ++served[pack];
  }
  for (size_t pack = 0; pack < served.size(); ++pack) {
    EXPECT_GT(served[pack], 0) << "pack " << pack << " served no call";
  }
  RecordProperty("calls", calls.size());
}

TEST_F(HotReloadTest, GetPackSaysWhatServesAndWhyTheLastReloadFailed) {
  pack_.Write("rules/pack.yaml", "name: [unclosed\n");
  v1::ReloadPackResponse refused;
  EXPECT_EQ(Reload(&refused).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  grpc::ClientContext context;
  v1::Pack pack;
  ASSERT_TRUE(admin_->GetPack(&context, v1::GetPackRequest(), &pack).ok());
  EXPECT_EQ(pack.rule_set_version(),
            server_->conversation_service().engine()->version());
  EXPECT_EQ(pack.root(), pack_.root());
  EXPECT_THAT(pack.locales(), ::testing::ElementsAre("en"));
  EXPECT_GT(pack.serving_since().seconds(), 0);
  EXPECT_THAT(pack.last_reload_error(),
              HasSubstr("rules/pack.yaml:2:1: error: YAML syntax"));
}

}  // namespace
}  // namespace firstline
