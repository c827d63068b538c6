// `firstline send` and `firstline health` against a real server on loopback.
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/temp_pack.h"
#include "tools/firstline/handoff_commands.h"
#include "tools/firstline/health_command.h"
#include "tools/firstline/reload_command.h"
#include "tools/firstline/send_command.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

// A real server on the minimal pack, on loopback.
class ClientCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    auto server = testing::StartLoopbackServer(pack_.root());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    address_ = testing::AddressOf(*server_);
  }

  testing::TempPack pack_;
  std::unique_ptr<Server> server_;
  std::string address_;
};

TEST_F(ClientCommandsTest, SendPrintsTheReply) {
  SendCommandOptions options;
  options.server = address_;
  options.locale = "en";
  options.text = "hello there";
  std::ostringstream out;
  ASSERT_TRUE(RunSend(options, out).ok());
  EXPECT_THAT(out.str(),
              HasSubstr("bot: I did not get that. Is it about an order?\n"
                        "  [1] Track an order\n  [2] Cancel an order\n"));
  EXPECT_THAT(out.str(), HasSubstr("(asked; intent none; rule set mini@"));

  options.text = "where is order 12345";
  options.include_trace = true;
  out.str("");
  ASSERT_TRUE(RunSend(options, out).ok());
  EXPECT_THAT(out.str(), HasSubstr("(answered; intent track_order 0.8;"));
  EXPECT_THAT(out.str(), HasSubstr("slot order_id = 12345"));
  EXPECT_THAT(out.str(),
              HasSubstr("fired track_order 0.8 at intents/en/orders.yaml:6:9"));

  EXPECT_TRUE(CheckHealth(options.server).ok());
  server_->Shutdown();
  EXPECT_EQ(CheckHealth(options.server).code(), absl::StatusCode::kUnavailable);
}

TEST_F(ClientCommandsTest, SendShowsTheTopicsTheBotAsksAbout) {
  SendCommandOptions options;
  options.server = address_;
  options.locale = "en";
  options.text = "a refund or a return?";
  std::ostringstream out;
  ASSERT_TRUE(RunSend(options, out).ok());
  EXPECT_THAT(out.str(),
              HasSubstr("  [1] Get a refund\n  [2] Return an item\n"));
  EXPECT_THAT(out.str(),
              HasSubstr("  which one: get_refund 0.8 or return_item 0.8\n"));
}

TEST(SendCommandTest, ReportsBadInputAndMissingServer) {
  SendCommandOptions options;
  options.channel = "fax";
  std::ostringstream out;
  EXPECT_THAT(RunSend(options, out).message(),
              HasSubstr("--channel: unknown channel 'fax'"));
  options.channel = "chat";
  options.server = "127.0.0.1:1";
  options.locale = "en";
  options.text = "hi";
  EXPECT_EQ(RunSend(options, out).code(), absl::StatusCode::kUnavailable);
}

TEST_F(ClientCommandsTest, HandoffsListAndShowWhatTheAgentGets) {
  SendCommandOptions send;
  send.server = address_;
  send.locale = "en";
  send.customer_name = "Anna";
  send.conversation_id = "chat-7";
  std::ostringstream ignored;
  send.text = "where is order 12345";
  ASSERT_TRUE(RunSend(send, ignored).ok());
  send.text = "get me an operator";
  ASSERT_TRUE(RunSend(send, ignored).ok());

  HandoffCommandOptions options;
  options.server = address_;
  std::ostringstream list;
  ASSERT_TRUE(RunListHandoffs(options, list).ok());
  EXPECT_THAT(list.str(), HasSubstr("  waiting  general  normal  "
                                    "customer_asked  Where is the order."));
  const std::string id = list.str().substr(0, list.str().find(' '));

  options.id = id;
  std::ostringstream shown;
  ASSERT_TRUE(RunShowHandoff(options, shown).ok());
  const std::string card = shown.str();
  EXPECT_THAT(card, HasSubstr("Handoff " + id + " (waiting)\n"));
  EXPECT_THAT(card,
              HasSubstr("  Wants:     Where is the order. (order_id "
                        "12345); customer wrote: \"where is order 12345\""));
  EXPECT_THAT(card, HasSubstr("  Customer:  Anna, id cli-customer, via chat, "
                              "writes in en, conversation chat-7\n"));
  EXPECT_THAT(card, HasSubstr("  Details:   order_id = 12345\n"));
  EXPECT_THAT(card, HasSubstr("  Why:       the customer asked for a person "
                              "(customer_asked)\n"));
  EXPECT_THAT(card, HasSubstr("    - answered (track_order): \"Order 12345"));
  EXPECT_THAT(card,
              HasSubstr(" customer: where is order 12345   [track_order]"));
  EXPECT_THAT(card, HasSubstr(" bot:      A person will take over."));

  options.state = "resolved";
  std::ostringstream none;
  ASSERT_TRUE(RunListHandoffs(options, none).ok());
  EXPECT_EQ(none.str(), "no handoffs\n");
}

TEST_F(ClientCommandsTest, HandoffCommandsNameBadInput) {
  HandoffCommandOptions options;
  options.server = address_;
  options.state = "sleeping";
  std::ostringstream out;
  absl::Status bad_state = RunListHandoffs(options, out);
  EXPECT_EQ(bad_state.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_state.message(), HasSubstr("--state"));
  options.id = "no-such-handoff";
  EXPECT_EQ(RunShowHandoff(options, out).code(), absl::StatusCode::kNotFound);
}

TEST_F(ClientCommandsTest, ReloadSaysWhatServesOrWhyThePackWasRefused) {
  std::ostringstream out;
  ASSERT_TRUE(RunReload(address_, out).ok());
  EXPECT_THAT(out.str(),
              ::testing::StartsWith("unchanged: serving rule set mini@"));

  pack_.Write("rules/pack.yaml", "name: edited\nlocales: [en]\n");
  out.str("");
  ASSERT_TRUE(RunReload(address_, out).ok());
  EXPECT_THAT(out.str(), ::testing::MatchesRegex(
                             "serving rule set edited@[0-9a-f]+ \\(was "
                             "mini@[0-9a-f]+\\), compiled in [0-9.]+ s, [0-9]+ "
                             "lint warnings\n"));

  pack_.Write("rules/pack.yaml", "name: [unclosed\n");
  absl::Status refused = RunReload(address_, out);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("still serving edited@"));
  EXPECT_THAT(refused.message(), HasSubstr("rules/pack.yaml:2:1: error: "));

  server_->Shutdown();
  EXPECT_EQ(RunReload(address_, out).code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace firstline
