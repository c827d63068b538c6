// `firstline load` against real servers on loopback: a firstline server on
// the minimal pack and the echo server, every call form, both loops.
#include "tools/firstline/load_command.h"

#include <sstream>
#include <string>

#include "firstline/load/v1/load_report.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/loopback_server.h"
#include "tests/testing/temp_pack.h"
#include "tools/firstline/load_echo.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

class LoadCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    pack_.Write("messages.txt",
                "where is order 12345\nI want to cancel my order\n\n"
                "hello there\nget me a person\n");
    auto server = testing::StartLoopbackServer(pack_.root());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto echo = EchoServer::Start("127.0.0.1:0");
    ASSERT_TRUE(echo.ok()) << echo.status();
    echo_ = std::move(*echo);
  }

  // A short closed loop against the firstline server.
  LoadCommandOptions Options(const std::string& call) {
    LoadCommandOptions options;
    options.server = testing::AddressOf(*server_);
    options.call = call;
    options.channels = 2;
    options.concurrency = 4;
    options.batch = 5;
    options.warmup = absl::Milliseconds(100);
    options.duration = absl::Milliseconds(300);
    options.messages_path = pack_.root() + "/messages.txt";
    options.locale = "en";
    options.conversations = 20;
    options.format = "json";
    return options;
  }

  LoadCommandOptions EchoOptions(const std::string& call) {
    LoadCommandOptions options = Options(call);
    options.server = "127.0.0.1:" + std::to_string(echo_->port());
    return options;
  }

  // Runs the load and reads its JSON report back.
  static load::v1::LoadReport Run(const LoadCommandOptions& options) {
    std::ostringstream out;
    const absl::Status status = RunLoad(options, out);
    EXPECT_TRUE(status.ok()) << status;
    load::v1::LoadReport report;
    EXPECT_TRUE(
        google::protobuf::util::JsonStringToMessage(out.str(), &report).ok())
        << out.str();
    return report;
  }

  static void ExpectAnswered(const load::v1::LoadReport& report) {
    EXPECT_GT(report.messages(), 0u) << report.DebugString();
    EXPECT_THAT(report.errors(), IsEmpty()) << report.DebugString();
    EXPECT_GT(report.messages_per_second(), 0);
    EXPECT_GT(report.latency().p50_us(), 0);
    EXPECT_LE(report.latency().p50_us(), report.latency().p99_us());
    EXPECT_LE(report.latency().p99_us(), report.latency().p999_us());
    EXPECT_LE(report.latency().p999_us(), report.latency().max_us());
    EXPECT_GE(report.duration_seconds(), 0.3);
  }

  testing::TempPack pack_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<EchoServer> echo_;
};

TEST_F(LoadCommandTest, UnaryCallsAreAnsweredOnePerMessage) {
  for (const char* call : {"send", "classify"}) {
    SCOPED_TRACE(call);
    const load::v1::LoadReport report = Run(Options(call));
    ExpectAnswered(report);
    EXPECT_EQ(report.call(), call);
    EXPECT_EQ(report.loop(), "closed");
    EXPECT_EQ(report.calls(), report.messages());
  }
}

TEST_F(LoadCommandTest, ClassifyBatchCountsTextsAndCalls) {
  const load::v1::LoadReport report = Run(Options("classify_batch"));
  ExpectAnswered(report);
  EXPECT_EQ(report.batch(), 5u);
  EXPECT_EQ(report.messages(), report.calls() * 5);
  EXPECT_DOUBLE_EQ(report.messages_per_second(), report.calls_per_second() * 5);
}

TEST_F(LoadCommandTest, ConverseSendsEveryMessageOverOneStreamPerChannel) {
  const load::v1::LoadReport report = Run(Options("converse"));
  ExpectAnswered(report);
  EXPECT_EQ(report.calls(), 2u);
  EXPECT_GT(report.messages(), report.calls());
}

TEST_F(LoadCommandTest, EchoCallsMeasureTheEchoServer) {
  const load::v1::LoadReport unary = Run(EchoOptions("echo"));
  ExpectAnswered(unary);
  EXPECT_EQ(unary.calls(), unary.messages());
  const load::v1::LoadReport stream = Run(EchoOptions("echo_stream"));
  ExpectAnswered(stream);
  EXPECT_EQ(stream.calls(), 2u);
}

TEST_F(LoadCommandTest, OpenLoopSendsAtTheRateAsked) {
  for (const char* call : {"send", "converse"}) {
    SCOPED_TRACE(call);
    LoadCommandOptions options = Options(call);
    options.rate = 200;
    options.duration = absl::Milliseconds(500);
    const load::v1::LoadReport report = Run(options);
    ExpectAnswered(report);
    EXPECT_EQ(report.loop(), "open");
    EXPECT_EQ(report.rate(), 200);
    // 100 due within the measured half second; not a speed test.
    EXPECT_GE(report.messages(), 50u);
    EXPECT_LE(report.messages(), 150u);
  }
}

TEST_F(LoadCommandTest, RefusedMessagesAreCountedByCode) {
  for (const char* call : {"send", "converse", "classify"}) {
    SCOPED_TRACE(call);
    LoadCommandOptions options = Options(call);
    options.locale = "de";
    const load::v1::LoadReport report = Run(options);
    EXPECT_EQ(report.messages(), 0u);
    EXPECT_THAT(report.errors(), UnorderedElementsAre(Pair("INVALID_ARGUMENT",
                                                           ::testing::Gt(0u))));
  }
}

TEST_F(LoadCommandTest, TextReportForAPerson) {
  LoadCommandOptions options = Options("classify_batch");
  options.format = "text";
  std::ostringstream out;
  ASSERT_TRUE(RunLoad(options, out).ok());
  EXPECT_THAT(out.str(),
              ::testing::MatchesRegex(
                  "classify_batch: closed loop, 4 calls in flight over 2 "
                  "channels, 5 texts per call\n"
                  "measured   [0-9.]+ s\n"
                  "messages   [0-9]+ \\([0-9]+/s\\)\n"
                  "calls      [0-9]+ \\([0-9.]+/s\\)\n"
                  "errors     none\n"
                  "latency    p50 [0-9]+ us, p90 [0-9]+ us, p99 [0-9]+ us, "
                  "p99.9 [0-9]+ us, max [0-9]+ us \\(mean [0-9]+ us\\)\n"
                  "client CPU [0-9.]+ cores\n"));
}

TEST_F(LoadCommandTest, BadOptionsAreNamed) {
  struct Case {
    void (*change)(LoadCommandOptions&);
    const char* message;
  };
  const Case cases[] = {
      {[](auto& o) { o.call = "ping"; }, "--call: unknown call 'ping'; use"},
      {[](auto& o) { o.channels = 0; }, "--channels: must be at least 1"},
      {[](auto& o) { o.concurrency = 1; },
       "--concurrency: 1 leaves some of the 2 channels idle"},
      {[](auto& o) { o.rate = -1; }, "--rate: must not be negative"},
      {[](auto& o) {
         o.call = "classify_batch";
         o.batch = 1001;
       },
       "--batch: must be 1 to 1000"},
      {[](auto& o) { o.duration = absl::ZeroDuration(); },
       "--duration: must be positive"},
      {[](auto& o) { o.warmup = absl::Seconds(-1); },
       "--warmup: must not be negative"},
      {[](auto& o) { o.conversations = 0; },
       "--conversations: must be at least 1"},
      {[](auto& o) { o.messages_path = ""; }, "--messages: required"},
      {[](auto& o) { o.messages_path = "/no/such/file"; },
       "--messages: cannot read /no/such/file"},
      {[](auto& o) { o.locale = ""; }, "--locale: required"},
      {[](auto& o) { o.format = "xml"; }, "--format: unknown format 'xml'"},
  };
  for (const Case& test : cases) {
    LoadCommandOptions options = Options("send");
    test.change(options);
    std::ostringstream out;
    const absl::Status status = RunLoad(options, out);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_THAT(status.message(), HasSubstr(test.message));
    EXPECT_EQ(out.str(), "");
  }
}

TEST_F(LoadCommandTest, EchoNeedsNoLocaleButAServer) {
  LoadCommandOptions options = EchoOptions("echo");
  options.locale = "";
  ExpectAnswered(Run(options));
  options.server = "127.0.0.1:1";
  std::ostringstream out;
  const absl::Status status = RunLoad(options, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("cannot connect to 127.0.0.1:1"));
}

TEST(LoadMessagesTest, RefusesAFileWithoutMessages) {
  testing::TempPack folder;
  folder.Write("blank.txt", "\n  \n");
  LoadCommandOptions options;
  options.messages_path = folder.root() + "/blank.txt";
  options.locale = "en";
  std::ostringstream out;
  EXPECT_THAT(RunLoad(options, out).message(),
              HasSubstr("blank.txt: no messages; write one per line"));
  folder.Write("latin1.txt", "ok\ncaf\xe9\n");
  options.messages_path = folder.root() + "/latin1.txt";
  EXPECT_THAT(RunLoad(options, out).message(),
              HasSubstr("latin1.txt:2: not valid UTF-8"));
}

}  // namespace
}  // namespace firstline
