// The firstline-server binary as an operator runs it: it starts on the
// shipped pack, serves, stops on SIGTERM, and refuses a broken pack with
// file:line:col.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "firstline/v1/conversation.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

extern char** environ;

namespace firstline {
namespace {

using ::testing::HasSubstr;

const std::string kServer =
    std::string(FIRSTLINE_BINARY_DIR) + "/bin/firstline-server";

// Runs the server on `pack` to completion; returns its exit code and output.
std::pair<int, std::string> RunToExit(const std::string& pack) {
  const std::string command =
      kServer + " --listen=127.0.0.1:0 --pack=" + pack + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(ServerBinaryTest, StartsOnTheShippedPackServesAndStopsOnSigterm) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string pack_flag = std::string("--pack=") + FIRSTLINE_SOURCE_DIR;
  std::vector<char*> argv = {const_cast<char*>(kServer.c_str()),
                             const_cast<char*>("--listen=127.0.0.1:0"),
                             const_cast<char*>(pack_flag.c_str()), nullptr};
  pid_t pid;
  ASSERT_EQ(posix_spawn(&pid, kServer.c_str(), &actions, nullptr, argv.data(),
                        environ),
            0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);

  // The first line says where it listens: "... on port N".
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  const size_t at = line.rfind("on port ");
  ASSERT_NE(at, std::string::npos) << line;
  const std::string address = "127.0.0.1:" + line.substr(at + 8);

  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::health::v1::HealthCheckResponse health_response;
  grpc::ClientContext health_context;
  health_context.set_deadline(std::chrono::system_clock::now() +
                              std::chrono::seconds(10));
  ASSERT_TRUE(health->Check(&health_context, {}, &health_response).ok());
  EXPECT_EQ(health_response.status(),
            grpc::health::v1::HealthCheckResponse::SERVING);

  v1::ClassifyRequest request;
  request.set_text("где мой заказ");
  request.set_locale("ru");
  v1::ClassifyResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(v1::ConversationService::NewStub(channel)
                  ->Classify(&context, request, &response)
                  .ok());
  EXPECT_EQ(response.intent().intent(), "track_order");

  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out[0]);
}

TEST(ServerBinaryTest, RefusesABrokenRegexWithItsPlace) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/more.yaml", R"(locale: en
intents:
  - id: get_refund
    signals:
      - regex: 'refund (my|the money'
)");
  auto [code, output] = RunToExit(pack.root());
  EXPECT_EQ(code, 1);
  EXPECT_THAT(output,
              HasSubstr("intents/en/more.yaml:5:16: bad regex: missing )"));
}

TEST(ServerBinaryTest, RefusesAnUnknownVariableWithItsPlace) {
  testing::TempPack pack;
  pack.WriteMinimal();
  std::string answers = testing::kMinimalAnswersYaml;
  answers.replace(answers.find("{shop.orders_page}."), 19,
                  "{shop.tracking_url}.");
  pack.Write("rules/en/orders.yaml", answers);
  auto [code, output] = RunToExit(pack.root());
  EXPECT_EQ(code, 1);
  EXPECT_THAT(
      output,
      HasSubstr("rules/en/orders.yaml:11:9: {shop.tracking_url}: no fact "
                "'tracking_url'"));
}

TEST(ServerBinaryTest, ListsTheProblemsOfIntentsAndAnswersTogether) {
  testing::TempPack pack;
  pack.WriteMinimal();
  std::string intents = testing::kMinimalIntentsYaml;
  intents.replace(intents.find("where ... order"), 1, "W");
  pack.Write("intents/en/orders.yaml", intents);
  std::string answers = testing::kMinimalAnswersYaml;
  answers.replace(answers.find("{shop.orders_page}."), 19,
                  "{shop.tracking_url}.");
  pack.Write("rules/en/orders.yaml", answers);
  auto [code, output] = RunToExit(pack.root());
  EXPECT_EQ(code, 1);
  EXPECT_THAT(output,
              HasSubstr("intents/en/orders.yaml:6:19: 'Where ... order': "));
  EXPECT_THAT(output,
              HasSubstr("rules/en/orders.yaml:11:9: {shop.tracking_url}"));
}

TEST(ServerBinaryTest, RefusesBadYamlWithItsPlace) {
  testing::TempPack pack;
  pack.WriteMinimal();
  pack.Write("intents/en/orders.yaml",
             "locale: en\nintents:\n  - id: [unclosed\n");
  auto [code, output] = RunToExit(pack.root());
  EXPECT_EQ(code, 1);
  EXPECT_THAT(output, HasSubstr("intents/en/orders.yaml:"));
  EXPECT_THAT(output, HasSubstr("YAML syntax"));
}

}  // namespace
}  // namespace firstline
