// Every scripted conversation under tests/conversations/, played against a
// real server on 127.0.0.1:0 with the shipped pack.
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tools/firstline/conversation_runner.h"

namespace firstline {
namespace {

TEST(ConversationTest, EveryScriptPlaysAsWritten) {
  absl::StatusOr<std::vector<LoadedScript>> scripts =
      LoadScripts(std::string(FIRSTLINE_SOURCE_DIR) + "/tests/conversations",
                  "tests/conversations");
  ASSERT_TRUE(scripts.ok()) << scripts.status();
  ASSERT_GE(scripts->size(), 10u);

  auto server = testing::StartLoopbackServer(FIRSTLINE_SOURCE_DIR);
  ASSERT_TRUE(server.ok()) << server.status();
  ConversationRunner runner(testing::AddressOf(**server));

  int number = 0;
  for (const LoadedScript& script : *scripts) {
    SCOPED_TRACE(script.file + ": " + script.script->name());
    for (const std::string& failure :
         runner.Run(script, "script-" + std::to_string(++number))) {
      ADD_FAILURE() << failure;
    }
  }
}

}  // namespace
}  // namespace firstline
