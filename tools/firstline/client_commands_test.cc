// `firstline send` and `firstline health` against a real server on loopback.
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/server/server.h"
#include "tests/testing/temp_pack.h"
#include "tools/firstline/health_command.h"
#include "tools/firstline/send_command.h"

namespace firstline {
namespace {

ServerOptions LoopbackServer() {
  ServerOptions options;
  options.address = "127.0.0.1:0";
  return options;
}

using ::testing::HasSubstr;

TEST(SendCommandTest, PrintsTheReplyOfARealServer) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto server =
      Server::Start(LoopbackServer(),
                    std::shared_ptr<const Engine>(*Engine::Load(pack.root())));
  ASSERT_TRUE(server.ok());
  SendCommandOptions options;
  options.server = "127.0.0.1:" + std::to_string((*server)->port());
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
  (*server)->Shutdown();
  EXPECT_EQ(CheckHealth(options.server).code(), absl::StatusCode::kUnavailable);
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

}  // namespace
}  // namespace firstline
