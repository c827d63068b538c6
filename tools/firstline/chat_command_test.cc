// `firstline chat` with scripted input, against a pack served in process and
// against a real server on loopback.
#include "tools/firstline/chat_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ChatCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    options_.pack_root = pack_.root();
    options_.locale = "en";
  }

  // The chat's output for `input`, one message or command per line.
  std::string Chat(const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    absl::Status status = RunChat(options_, in, out);
    EXPECT_TRUE(status.ok()) << status;
    return out.str();
  }

  testing::TempPack pack_;
  ChatCommandOptions options_;
};

TEST_F(ChatCommandTest, ANumberPicksAQuickReplyOfTheLastAnswer) {
  const std::string out = Chat("hello there\n2\n12345\n");
  EXPECT_THAT(out, HasSubstr("Chatting with the pack in " + pack_.root() +
                             ", rule set mini@"));
  EXPECT_THAT(out, HasSubstr("bot: I did not get that. Is it about an order?\n"
                             "  [1] Track an order\n  [2] Cancel an order\n"));
  // "2" is sent as the second quick reply and starts its form.
  EXPECT_THAT(out, HasSubstr("you: Cancel an order\n"
                             "bot: Which order? Send its number.\n"));
  // A number that is no quick reply is a message like any other.
  EXPECT_THAT(out, HasSubstr("bot: Did you pay by card or PayPal?\n"
                             "  [1] Card\n  [2] PayPal\n"));
}

TEST_F(ChatCommandTest, CommandsShowTheTraceStartOverAndSwitchLanguage) {
  const std::string out = Chat(
      "/trace\nwhere is order 12345\n/trace\n/new\n/locale de\nhi\n/locale "
      "en\n/nonsense\n/quit\nnever sent\n");
  EXPECT_THAT(out, HasSubstr("(trace on)\nbot: "));
  EXPECT_THAT(out, HasSubstr("fired track_order 0.8 at "
                             "intents/en/orders.yaml:6:9"));
  EXPECT_THAT(out, HasSubstr("(trace off)\n(new conversation chat-"));
  EXPECT_THAT(out, HasSubstr("(locale de)\nerror: INVALID_ARGUMENT: "
                             "customer.locale: unsupported locale 'de'"));
  EXPECT_THAT(out, HasSubstr("unknown command /nonsense; Type a message"));
  EXPECT_THAT(out, Not(HasSubstr("never sent")));
}

TEST_F(ChatCommandTest, SaysWhenAPersonHasTakenOver) {
  const std::string out = Chat("I want a person\nhello?\n");
  EXPECT_THAT(out, HasSubstr("bot: A person will take over."));
  EXPECT_THAT(out, HasSubstr("(a person has the conversation now; the bot "
                             "stays silent. /new starts a new one)\n"
                             "(none; intent none;"));
}

TEST_F(ChatCommandTest, TalksToARunningServer) {
  auto server = testing::StartLoopbackServer(pack_.root());
  ASSERT_TRUE(server.ok()) << server.status();
  options_.server = testing::AddressOf(**server);
  const std::string out = Chat("where is my order 77777\n");
  EXPECT_THAT(out, HasSubstr("Chatting with " + options_.server + " in en"));
  EXPECT_THAT(out, HasSubstr("(answered; intent track_order"));
  EXPECT_THAT(out, HasSubstr("slot order_id = 77777"));
}

TEST_F(ChatCommandTest, CannotStartWithoutALocaleOrOnABrokenPack) {
  std::istringstream in("hi\n");
  std::ostringstream out;
  options_.locale = "";
  EXPECT_THAT(RunChat(options_, in, out).message(),
              HasSubstr("--locale is required"));
  options_.locale = "en";
  pack_.Write("rules/pack.yaml", "name: [unclosed\n");
  absl::Status broken = RunChat(options_, in, out);
  EXPECT_EQ(broken.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(broken.message(), HasSubstr("rules/pack.yaml:2:1: error: "));
}

}  // namespace
}  // namespace firstline
