// firstline: the command-line tool for content editors and operators.
//
//   firstline classify --locale en [--rules DIR] [--trace] < messages.txt
//   firstline send --locale ru [--server HOST:PORT] "Где мой заказ?"
//   firstline chat --locale ru [--server HOST:PORT]
//   firstline explain --locale en "where is my order?"
//   firstline lint [DIR] [--format json]
//   firstline unmatched --locale ru < real_messages.txt
//   firstline test [DIR] [--junit results.xml]
//   firstline test --locale en --data labeled.csv
//   firstline handoffs [--queue billing] [--state waiting]
//   firstline handoff h-000001
//   firstline reload [--server HOST:PORT]
//   firstline load --call send --locale en --messages FILE [--rate 5000]
//   firstline load --serve_echo --listen 127.0.0.1:50052
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/engine/engine.h"
#include "tools/firstline/chat_command.h"
#include "tools/firstline/classify_command.h"
#include "tools/firstline/explain_command.h"
#include "tools/firstline/handoff_commands.h"
#include "tools/firstline/health_command.h"
#include "tools/firstline/lint_command.h"
#include "tools/firstline/load_command.h"
#include "tools/firstline/load_echo.h"
#include "tools/firstline/reload_command.h"
#include "tools/firstline/send_command.h"
#include "tools/firstline/test_command.h"
#include "tools/firstline/unmatched_command.h"

ABSL_FLAG(std::string, locale, "", "the locale of the messages, e.g. en or ru");
ABSL_FLAG(std::string, rules, FIRSTLINE_DEFAULT_PACK_DIR,
          "the rule pack's root folder (holding intents/ and rules/)");
ABSL_FLAG(bool, trace, false, "show the decision trace");
namespace {

// $XDG_CACHE_HOME/firstline, else ~/.cache/firstline, else none.
std::string UserCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/firstline";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.cache/firstline";
  }
  return "";
}

}  // namespace

ABSL_FLAG(std::string, cache_dir, UserCacheDir(),
          "classify, explain, lint, test: where compiled pattern databases "
          "are kept between runs, so an unchanged pack loads in "
          "milliseconds; empty for none");
ABSL_FLAG(std::string, server, "127.0.0.1:50051",
          "send, chat, health, handoffs, handoff, reload, load: the server's "
          "host:port");
ABSL_FLAG(bool, in_process, false,
          "chat: serve the --rules pack in this process (reloading it on "
          "every edit) instead of calling --server");
ABSL_FLAG(std::string, channel, "chat",
          "send: chat, email, messenger, social or helpdesk");
ABSL_FLAG(std::string, name, "", "send: the customer's display name");
ABSL_FLAG(std::string, conversation, "cli", "send: the conversation id");
ABSL_FLAG(std::string, format, "text", "lint, load: text or json");
ABSL_FLAG(std::string, queue, "", "handoffs: the queue; empty for all");
ABSL_FLAG(std::string, state, "",
          "handoffs: waiting, claimed or resolved; empty for all");
ABSL_FLAG(std::string, junit, "",
          "test: also write the results to this file as JUnit XML");
ABSL_FLAG(std::string, data, "",
          "test: score this CSV file of labeled messages (columns text and "
          "intent) instead of the pack's own tests; needs --locale");
ABSL_FLAG(std::string, call, "send",
          "load: send, converse, classify, classify_batch, echo or "
          "echo_stream");
ABSL_FLAG(std::string, messages, "",
          "load: the customer messages to send, one per line, UTF-8");
ABSL_FLAG(int, channels, 4,
          "load: separate connections to the server; the streaming calls "
          "keep one stream on each");
ABSL_FLAG(int, concurrency, 32,
          "load: messages in flight (calls for classify_batch), closed loop");
ABSL_FLAG(double, rate, 0,
          "load: messages per second on a fixed schedule (open loop, latency "
          "from the time each was due); 0 for a closed loop");
ABSL_FLAG(int, batch, 100, "load: texts per classify_batch call");
ABSL_FLAG(int, conversations, 1000,
          "load: conversation ids the messages are spread over");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2),
          "load: how long to run before measuring");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "load: how long to measure");
ABSL_FLAG(bool, serve_echo, false,
          "load: only serve the echo calls on --listen, until interrupted");
ABSL_FLAG(std::string, listen, "127.0.0.1:0",
          "load --serve_echo: host:port to serve on; port 0 picks one");

namespace {

constexpr char kUsage[] =
    "firstline COMMAND [flags]\n"
    "Commands:\n"
    "  classify   read messages, one per line, from stdin; write one JSON\n"
    "             object per line: text, intent (\"\" when none), score ...\n"
    "             flags: --locale (required), --rules DIR, --trace\n"
    "  explain TEXT  show why the pack answers TEXT as it does: the\n"
    "             normalised text, what fired where, scores, decision,\n"
    "             answer; flags: --locale (required), --rules DIR\n"
    "  send TEXT  send one customer message to a running server and print\n"
    "             the reply; flags: --locale (required), --server HOST:PORT,\n"
    "             --channel, --name, --conversation, --trace\n"
    "  lint [DIR] check a rule pack (default: --rules) and print every\n"
    "             problem as file:line:col: severity: message; exit 1 on\n"
    "             errors; flags: --format text|json\n"
    "  unmatched  read real messages, one per line, from stdin; print\n"
    "             those without an intent grouped by shared words, biggest\n"
    "             groups first; flags: --locale (required), --rules DIR\n"
    "  test [DIR] run a pack's examples, counter-examples and conversation\n"
    "             tests (default: --rules); print per-intent precision and\n"
    "             recall, the most confused intents and every failure; exit\n"
    "             1 on failures; flags: --junit FILE, --locale (only that\n"
    "             one), --data FILE.csv --locale L (score labeled messages,\n"
    "             columns text,intent, instead)\n"
    "  chat       talk to the bot at a terminal: each line is a message, a\n"
    "             number picks a quick reply, /trace shows why, /new starts\n"
    "             over, /locale L switches language; flags: --locale\n"
    "             (required), --server HOST:PORT or --in_process with\n"
    "             --rules DIR, --channel, --name, --trace\n"
    "  health     exit 0 when the server at --server answers SERVING\n"
    "  handoffs   list the server's handoffs, one line each; flags:\n"
    "             --server, --queue, --state (waiting, claimed, resolved)\n"
    "  handoff ID print one handoff as the agent gets it: summary, details,\n"
    "             reason, urgency, what the bot did, transcript\n"
    "  reload     make the server at --server serve its pack folder again;\n"
    "             exit 1 with the pack's errors when it refuses it\n"
    "  load       measure calls to --server over gRPC: throughput, latency\n"
    "             p50/p90/p99/p99.9, errors, client CPU; flags: --call send|\n"
    "             converse|classify|classify_batch|echo|echo_stream,\n"
    "             --messages FILE (one per line), --locale, --concurrency C\n"
    "             in flight over --channels M, or --rate R messages/s (open\n"
    "             loop), --duration, --warmup, --conversations, --batch,\n"
    "             --format text|json; --serve_echo --listen HOST:PORT only\n"
    "             serves the echo calls, for a load from another process\n";

// Exit codes: a command that could not do its work exits 2 when the input
// or the pack is at fault and 1 when a server is; a check that found
// problems exits 1.
constexpr int kServerFailed = 1;
constexpr int kInputFailed = 2;

// 0 for `status` ok; else prints "firstline COMMAND: message" and gives
// `failure_code`.
int Finish(absl::string_view command, const absl::Status& status,
           int failure_code) {
  if (status.ok()) return 0;
  std::cerr << "firstline " << command << ": " << status.message() << std::endl;
  return failure_code;
}

// The --rules pack compiled with the --cache_dir cache.
absl::StatusOr<std::unique_ptr<const firstline::Engine>> LoadEngine() {
  return firstline::Engine::Load(absl::GetFlag(FLAGS_rules),
                                 {absl::GetFlag(FLAGS_cache_dir)});
}

// The folder a command was given, else the --rules pack; INVALID_ARGUMENT
// for more than one.
absl::StatusOr<std::string> PackFolder(const std::vector<char*>& words) {
  if (words.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("give at most one folder\n", kUsage));
  }
  return words.empty() ? absl::GetFlag(FLAGS_rules) : std::string(words[0]);
}

int Classify() {
  if (absl::GetFlag(FLAGS_locale).empty()) {
    return Finish(
        "classify",
        absl::InvalidArgumentError("--locale is required, e.g. --locale en"),
        kInputFailed);
  }
  auto engine = LoadEngine();
  if (!engine.ok()) return Finish("classify", engine.status(), kInputFailed);
  std::ios::sync_with_stdio(false);
  return Finish(
      "classify",
      firstline::RunClassify(
          **engine, {absl::GetFlag(FLAGS_locale), absl::GetFlag(FLAGS_trace)},
          std::cin, std::cout),
      kInputFailed);
}

int Send(const std::vector<char*>& words) {
  firstline::SendCommandOptions options;
  options.server = absl::GetFlag(FLAGS_server);
  options.locale = absl::GetFlag(FLAGS_locale);
  options.channel = absl::GetFlag(FLAGS_channel);
  options.customer_name = absl::GetFlag(FLAGS_name);
  options.conversation_id = absl::GetFlag(FLAGS_conversation);
  options.include_trace = absl::GetFlag(FLAGS_trace);
  options.text = absl::StrJoin(words, " ");
  return Finish("send", firstline::RunSend(options, std::cout), kServerFailed);
}

int Chat() {
  firstline::ChatCommandOptions options;
  if (!absl::GetFlag(FLAGS_in_process)) {
    options.server = absl::GetFlag(FLAGS_server);
  }
  options.pack_root = absl::GetFlag(FLAGS_rules);
  options.cache_dir = absl::GetFlag(FLAGS_cache_dir);
  options.locale = absl::GetFlag(FLAGS_locale);
  options.channel = absl::GetFlag(FLAGS_channel);
  options.customer_name = absl::GetFlag(FLAGS_name);
  options.trace = absl::GetFlag(FLAGS_trace);
  options.prompt = isatty(STDIN_FILENO) != 0;
  return Finish("chat", firstline::RunChat(options, std::cin, std::cout),
                kInputFailed);
}

int Explain(const std::vector<char*>& words) {
  auto engine = LoadEngine();
  if (!engine.ok()) return Finish("explain", engine.status(), kInputFailed);
  return Finish(
      "explain",
      firstline::RunExplain(
          **engine, {absl::GetFlag(FLAGS_locale), absl::StrJoin(words, " ")},
          std::cout),
      kInputFailed);
}

int Unmatched() {
  auto engine = LoadEngine();
  if (!engine.ok()) return Finish("unmatched", engine.status(), kInputFailed);
  firstline::UnmatchedCommandOptions options;
  options.locale = absl::GetFlag(FLAGS_locale);
  return Finish("unmatched",
                firstline::RunUnmatched(**engine, options, std::cin, std::cout),
                kInputFailed);
}

int Lint(const std::vector<char*>& words) {
  absl::StatusOr<std::string> folder = PackFolder(words);
  if (!folder.ok()) return Finish("lint", folder.status(), kInputFailed);
  firstline::LintCommandOptions options;
  options.root = *folder;
  options.format = absl::GetFlag(FLAGS_format);
  options.cache_dir = absl::GetFlag(FLAGS_cache_dir);
  absl::StatusOr<bool> has_errors = firstline::RunLint(options, std::cout);
  if (!has_errors.ok()) {
    return Finish("lint", has_errors.status(), kInputFailed);
  }
  return *has_errors ? 1 : 0;
}

int Test(const std::vector<char*>& words) {
  absl::StatusOr<std::string> folder = PackFolder(words);
  if (!folder.ok()) return Finish("test", folder.status(), kInputFailed);
  firstline::TestCommandOptions options;
  options.root = *folder;
  options.cache_dir = absl::GetFlag(FLAGS_cache_dir);
  options.locale = absl::GetFlag(FLAGS_locale);
  options.data_path = absl::GetFlag(FLAGS_data);
  options.junit_path = absl::GetFlag(FLAGS_junit);
  absl::StatusOr<bool> passed = firstline::RunTest(options, std::cout);
  if (!passed.ok()) return Finish("test", passed.status(), kInputFailed);
  return *passed ? 0 : 1;
}

firstline::HandoffCommandOptions HandoffOptions() {
  firstline::HandoffCommandOptions options;
  options.server = absl::GetFlag(FLAGS_server);
  options.queue = absl::GetFlag(FLAGS_queue);
  options.state = absl::GetFlag(FLAGS_state);
  return options;
}

int ListHandoffs() {
  return Finish("handoffs",
                firstline::RunListHandoffs(HandoffOptions(), std::cout),
                kServerFailed);
}

int ShowHandoff(const std::vector<char*>& words) {
  if (words.size() != 1) {
    return Finish("handoff",
                  absl::InvalidArgumentError(
                      absl::StrCat("give one handoff id\n", kUsage)),
                  kInputFailed);
  }
  firstline::HandoffCommandOptions options = HandoffOptions();
  options.id = words[0];
  return Finish("handoff", firstline::RunShowHandoff(options, std::cout),
                kServerFailed);
}

int Load() {
  // As in firstline-server: the deadlock detector, on in this build of
  // Abseil, would add its walk of a graph at every lock to the load tool's
  // own cost and to the echo server's, which the server is measured against.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (absl::GetFlag(FLAGS_serve_echo)) {
    return Finish(
        "load",
        firstline::ServeEchoUntilSignal(absl::GetFlag(FLAGS_listen), std::cout),
        kServerFailed);
  }
  firstline::LoadCommandOptions options;
  options.server = absl::GetFlag(FLAGS_server);
  options.call = absl::GetFlag(FLAGS_call);
  options.channels = absl::GetFlag(FLAGS_channels);
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.rate = absl::GetFlag(FLAGS_rate);
  options.batch = absl::GetFlag(FLAGS_batch);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.messages_path = absl::GetFlag(FLAGS_messages);
  options.locale = absl::GetFlag(FLAGS_locale);
  options.conversations = absl::GetFlag(FLAGS_conversations);
  options.format = absl::GetFlag(FLAGS_format);
  const absl::Status status = firstline::RunLoad(options, std::cout);
  return Finish("load", status,
                status.code() == absl::StatusCode::kInvalidArgument
                    ? kInputFailed
                    : kServerFailed);
}

int Health() {
  absl::Status status = firstline::CheckHealth(absl::GetFlag(FLAGS_server));
  std::cout << (status.ok() ? "SERVING" : std::string(status.message()))
            << std::endl;
  return status.ok() ? 0 : kServerFailed;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = args[1];
  const std::vector<char*> words(args.begin() + 2, args.end());
  if (command == "classify") return Classify();
  if (command == "send") return Send(words);
  if (command == "chat") return Chat();
  if (command == "explain") return Explain(words);
  if (command == "unmatched") return Unmatched();
  if (command == "lint") return Lint(words);
  if (command == "test") return Test(words);
  if (command == "handoffs") return ListHandoffs();
  if (command == "handoff") return ShowHandoff(words);
  if (command == "reload") {
    return Finish("reload",
                  firstline::RunReload(absl::GetFlag(FLAGS_server), std::cout),
                  kServerFailed);
  }
  if (command == "health") return Health();
  if (command == "load") return Load();
  std::cerr << "firstline: unknown command '" << command << "'\n" << kUsage;
  return kInputFailed;
}
