// The firstline-server binary as an operator runs it: it starts on the
// shipped pack, serves, reloads the pack on SIGHUP and on edits, stops on
// SIGTERM, and refuses a broken pack with file:line:col.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "firstline/v1/admin.grpc.pb.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

const std::string kServer =
    std::string(FIRSTLINE_BINARY_DIR) + "/bin/firstline-server";

// Runs the server on `pack` to completion; returns its exit code and output.
std::pair<int, std::string> RunToExit(const std::string& pack,
                                      const std::string& store = "memory") {
  const std::string command = kServer +
                              " --listen=127.0.0.1:0 --store=" + store +
                              " --pack=" + pack + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// The rule set that classifies a message now.
std::string VersionServing(const std::shared_ptr<grpc::Channel>& channel) {
  v1::ClassifyRequest request;
  request.set_text("where is my order");
  request.set_locale("en");
  v1::ClassifyResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  grpc::Status status = v1::ConversationService::NewStub(channel)->Classify(
      &context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.rule_set_version();
}

// Waits up to 30 s for the server to serve a rule set other than `old`.
std::string NextVersion(const std::shared_ptr<grpc::Channel>& channel,
                        const std::string& old) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string version = VersionServing(channel);
  while (version == old && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    version = VersionServing(channel);
  }
  return version;
}

// Waits up to 30 s for a reload to be refused; returns why.
std::string LastReloadError(const std::shared_ptr<grpc::Channel>& channel) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  v1::Pack pack;
  while (pack.last_reload_error().empty() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    EXPECT_TRUE(v1::AdminService::NewStub(channel)
                    ->GetPack(&context, v1::GetPackRequest(), &pack)
                    .ok());
  }
  return pack.last_reload_error();
}

TEST(ServerBinaryTest, StartsOnTheShippedPackServesAndStopsOnSigterm) {
  auto spawned =
      testing::SpawnServer({std::string("--pack=") + FIRSTLINE_SOURCE_DIR});
  ASSERT_TRUE(spawned.ok()) << spawned.status();
  testing::ServerProcess& server = **spawned;
  auto channel =
      grpc::CreateChannel(server.address, grpc::InsecureChannelCredentials());
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

  // An idle client notices the server going away only at its next poll,
  // seconds later; the server would wait for it.
  channel.reset();
  auto [code, output] = testing::StopServer(server);
  EXPECT_EQ(code, 0) << output;
}

TEST(ServerBinaryTest, ReloadsThePackOnSighup) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto spawned =
      testing::SpawnServer({"--pack=" + pack.root(), "--watch_interval=0"});
  ASSERT_TRUE(spawned.ok()) << spawned.status();
  testing::ServerProcess& server = **spawned;
  auto channel =
      grpc::CreateChannel(server.address, grpc::InsecureChannelCredentials());
  const std::string first = VersionServing(channel);

  // A broken pack is refused and the first one keeps serving.
  pack.Write("rules/pack.yaml", "name: [unclosed\n");
  kill(server.pid, SIGHUP);
  EXPECT_THAT(LastReloadError(channel), HasSubstr("rules/pack.yaml:2:1"));
  EXPECT_EQ(VersionServing(channel), first);
  pack.Write("rules/pack.yaml", "name: second\nlocales: [en]\n");
  kill(server.pid, SIGHUP);
  const std::string second = NextVersion(channel, first);
  EXPECT_THAT(second, ::testing::StartsWith("second@"));

  // An idle client notices the server going away only at its next poll,
  // seconds later; the server would wait for it.
  channel.reset();
  auto [code, output] = testing::StopServer(server);
  EXPECT_EQ(code, 0) << output;
  EXPECT_THAT(output, HasSubstr("reload (SIGHUP) refused: the rule pack in " +
                                pack.root() + " has errors; still serving " +
                                first + ":\nrules/pack.yaml:2:1: error: "));
  EXPECT_THAT(output, HasSubstr("reload (SIGHUP): serving rule set " + second +
                                " (was " + first + ")"));
}

TEST(ServerBinaryTest, ReloadsThePackWhenItsFilesChange) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto spawned =
      testing::SpawnServer({"--pack=" + pack.root(), "--watch_interval=0.05s"});
  ASSERT_TRUE(spawned.ok()) << spawned.status();
  testing::ServerProcess& server = **spawned;
  auto channel =
      grpc::CreateChannel(server.address, grpc::InsecureChannelCredentials());
  const std::string first = VersionServing(channel);

  pack.Write("rules/pack.yaml", "name: edited\nlocales: [en]\n");
  const std::string edited = NextVersion(channel, first);
  EXPECT_THAT(edited, ::testing::StartsWith("edited@"));

  // An idle client notices the server going away only at its next poll,
  // seconds later; the server would wait for it.
  channel.reset();
  auto [code, output] = testing::StopServer(server);
  EXPECT_EQ(code, 0) << output;
  EXPECT_THAT(output,
              HasSubstr("reload (files changed): serving rule set " + edited));
}

TEST(ServerBinaryTest, SaysWhichStoreItCannotUse) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto [code, output] = RunToExit(pack.root(), "redis://127.0.0.1:1");
  EXPECT_NE(code, 0);
  EXPECT_THAT(output, HasSubstr("redis at 127.0.0.1:1"));
  std::tie(code, output) = RunToExit(pack.root(), "redis://nowhere:port");
  EXPECT_NE(code, 0);
  EXPECT_THAT(output, HasSubstr("is not a Redis address: redis://host:port"));
  std::tie(code, output) = RunToExit(pack.root(), "postgres");
  EXPECT_EQ(code, 2);
  EXPECT_THAT(output, HasSubstr("use sqlite, memory or redis://host:port"));
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
  EXPECT_THAT(
      output,
      HasSubstr("intents/en/more.yaml:5:16: error: bad regex: missing )"));
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
      HasSubstr(
          "rules/en/orders.yaml:11:9: error: {shop.tracking_url}: no fact "
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
  EXPECT_THAT(
      output,
      HasSubstr("intents/en/orders.yaml:6:19: error: 'Where ... order': "));
  EXPECT_THAT(
      output,
      HasSubstr("rules/en/orders.yaml:11:9: error: {shop.tracking_url}"));
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
