// firstline: the command-line tool for content editors and operators.
//
//   firstline classify --locale en [--rules DIR] [--trace] < messages.txt
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "service/engine/engine.h"
#include "tools/firstline/classify_command.h"

ABSL_FLAG(std::string, locale, "", "the locale of the messages, e.g. en or ru");
ABSL_FLAG(std::string, rules, FIRSTLINE_DEFAULT_PACK_DIR,
          "the rule pack's root folder (holding intents/ and rules/)");
ABSL_FLAG(bool, trace, false, "add the decision trace to every line");

namespace {

constexpr char kUsage[] =
    "firstline COMMAND [flags]\n"
    "Commands:\n"
    "  classify   read messages, one per line, from stdin; write one JSON\n"
    "             object per line: text, intent (\"\" when none), score ...\n"
    "             flags: --locale (required), --rules DIR, --trace\n";

int Classify() {
  auto engine = firstline::Engine::Load(absl::GetFlag(FLAGS_rules));
  if (!engine.ok()) {
    std::cerr << engine.status().message() << std::endl;
    return 2;
  }
  if (absl::GetFlag(FLAGS_locale).empty()) {
    std::cerr << "firstline classify: --locale is required, e.g. --locale en"
              << std::endl;
    return 2;
  }
  std::ios::sync_with_stdio(false);
  absl::Status status = firstline::RunClassify(
      **engine, {absl::GetFlag(FLAGS_locale), absl::GetFlag(FLAGS_trace)},
      std::cin, std::cout);
  if (!status.ok()) {
    std::cerr << "firstline classify: " << status.message() << std::endl;
    return 2;
  }
  return 0;
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
  if (command == "classify") return Classify();
  std::cerr << "firstline: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
