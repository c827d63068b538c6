#include "tools/firstline/test_command.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/content/rule_pack.h"
#include "service/engine/engine.h"
#include "tools/firstline/conversation_runner.h"
#include "tools/firstline/intent_scores.h"
#include "tools/firstline/junit_report.h"
#include "tools/firstline/test_checks.h"

namespace firstline {
namespace {

// Where a pack keeps its scripted conversations, under its root.
constexpr char kConversations[] = "tests/conversations";

// A pack compiled for testing.
struct LoadedPack {
  std::unique_ptr<const RulePack> pack;
  std::shared_ptr<const Engine> engine;
  // The locale of --locale, resolved; unset when none was given.
  std::optional<std::string> locale;
};

absl::StatusOr<LoadedPack> LoadPack(const TestCommandOptions& options) {
  absl::StatusOr<std::unique_ptr<const RulePack>> pack =
      RulePack::Load(options.root);
  if (!pack.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the pack does not load:\n", pack.status().message()));
  }
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      Engine::Create(**pack, {options.cache_dir});
  if (!engine.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the pack does not compile:\n", engine.status().message()));
  }
  LoadedPack loaded{std::move(*pack), std::move(*engine), std::nullopt};
  if (!options.locale.empty()) {
    absl::StatusOr<std::string> locale =
        loaded.engine->ResolveLocale(options.locale);
    if (!locale.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--locale: ", locale.status().message()));
    }
    loaded.locale = *locale;
  }
  return loaded;
}

// The pack's conversation scripts (of `locale` when set); none when it has
// no folder for them.
absl::StatusOr<std::vector<LoadedScript>> LoadConversations(
    const std::string& root, const Engine& engine,
    const std::optional<std::string>& locale) {
  const std::string folder = absl::StrCat(root, "/", kConversations);
  std::vector<LoadedScript> scripts;
  if (!std::filesystem::is_directory(folder)) return scripts;
  absl::StatusOr<std::vector<LoadedScript>> loaded =
      LoadScripts(folder, kConversations);
  if (!loaded.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the conversation tests do not load:\n", loaded.status().message()));
  }
  for (LoadedScript& script : *loaded) {
    const absl::StatusOr<std::string> its_locale =
        engine.ResolveLocale(script.script->locale());
    if (!locale || (its_locale.ok() && *its_locale == *locale)) {
      scripts.push_back(std::move(script));
    }
  }
  return scripts;
}

std::string Percent(std::optional<double> fraction) {
  return fraction ? absl::StrFormat("%.1f%%", *fraction * 100) : "-";
}

void PrintRun(const CheckRun& run, int confusions, std::ostream& out) {
  const IntentScores& scores = run.scores;
  out << run.title << "\n";
  for (const std::string& note : run.notes) out << note << "\n";
  const std::vector<IntentScore> rows = scores.ByIntent();
  int width = 6;  // "intent"
  for (const IntentScore& row : rows) {
    width = std::max<int>(width, ShownIntent(row.intent).size());
  }
  out << absl::StrFormat("%-*s  %8s  %9s  %6s  %6s\n", width, "intent",
                         run.unit, "precision", "recall", "F1");
  for (const IntentScore& row : rows) {
    out << absl::StrFormat("%-*s  %8d  %9s  %6s  %6s\n", width,
                           ShownIntent(row.intent), row.examples,
                           Percent(row.precision), Percent(row.recall),
                           Percent(row.f1));
  }
  if (scores.examples() > 0) {
    out << "accuracy: "
        << Percent(static_cast<double>(scores.correct_examples()) /
                   scores.examples())
        << " (" << scores.correct_examples() << " of " << scores.examples()
        << " " << run.unit << " get their intent)\n";
  }
  if (scores.counter_examples() > 0) {
    out << "counter-examples: "
        << scores.counter_examples() - scores.failed_counter_examples()
        << " of " << scores.counter_examples() << " pass\n";
  }
  if (run.alert_checks > 0) {
    out << "alert examples: " << run.alert_checks - run.failed_alert_checks
        << " of " << run.alert_checks << " pass\n";
  }
  const std::vector<Confusion> confused = scores.MostConfused(confusions);
  if (!confused.empty()) {
    out << "\nmost confused (expected → got):\n";
    for (const Confusion& pair : confused) {
      out << absl::StrFormat("%6d  %s → %s\n", pair.count,
                             ShownIntent(pair.expected), ShownIntent(pair.got));
    }
  }
  if (!run.failures.empty()) {
    out << "\nfailures:\n";
    for (const std::string& failure : run.failures) out << failure << "\n";
  }
}

// "N of M what" when some failed, "M what" otherwise.
std::string Tally(int failed, int total, absl::string_view what,
                  bool any_failed) {
  return any_failed ? absl::StrCat(failed, " of ", total, " ", what)
                    : absl::StrCat(total, " ", what);
}

// The pack's own tests; whether all passed.
absl::StatusOr<bool> TestPack(const LoadedPack& loaded,
                              const TestCommandOptions& options,
                              std::ostream& out,
                              std::vector<JunitSuite>* suites) {
  // Everything runs before anything is printed, so an error does not leave
  // half a report behind.
  absl::StatusOr<std::vector<LoadedScript>> scripts =
      LoadConversations(options.root, *loaded.engine, loaded.locale);
  if (!scripts.ok()) return scripts.status();
  std::vector<CheckRun> runs;
  for (const auto& [locale, files] : loaded.pack->locales()) {
    if (!loaded.locale || locale == *loaded.locale) {
      runs.push_back(CheckLocale(*loaded.pack, *loaded.engine, locale));
    }
  }
  absl::StatusOr<ConversationRun> conversations =
      RunConversations(*scripts, loaded.engine);
  if (!conversations.ok()) return conversations.status();

  int examples = 0, failed_examples = 0, counter_examples = 0,
      failed_counter_examples = 0, alert_checks = 0, failed_alert_checks = 0;
  for (CheckRun& run : runs) {
    PrintRun(run, options.confusions, out);
    out << "\n";
    examples += run.scores.examples();
    failed_examples += run.scores.examples() - run.scores.correct_examples();
    counter_examples += run.scores.counter_examples();
    failed_counter_examples += run.scores.failed_counter_examples();
    alert_checks += run.alert_checks;
    failed_alert_checks += run.failed_alert_checks;
    suites->push_back(std::move(run.junit));
  }
  if (conversations->scripts > 0) {
    out << "conversations: " << conversations->scripts - conversations->failed
        << " of " << conversations->scripts << " pass\n";
    for (const std::string& failure : conversations->failures) {
      out << failure << "\n";
    }
    out << "\n";
    suites->push_back(std::move(conversations->junit));
  }
  const bool passed = failed_examples == 0 && failed_counter_examples == 0 &&
                      failed_alert_checks == 0 && conversations->failed == 0;
  std::vector<std::string> tallies = {
      Tally(failed_examples, examples, "examples", !passed),
      Tally(failed_counter_examples, counter_examples, "counter-examples",
            !passed)};
  if (alert_checks > 0) {
    tallies.push_back(
        Tally(failed_alert_checks, alert_checks, "alert examples", !passed));
  }
  if (conversations->scripts > 0) {
    tallies.push_back(Tally(conversations->failed, conversations->scripts,
                            "conversations", !passed));
  }
  out << (passed ? "all passed: " : "failed: ") << absl::StrJoin(tallies, ", ")
      << "\n";
  return passed;
}

// The labeled CSV of --data, measured.
absl::Status ScoreData(const LoadedPack& loaded,
                       const TestCommandOptions& options, std::ostream& out,
                       std::vector<JunitSuite>* suites) {
  absl::StatusOr<CheckRun> run =
      ScoreCsv(*loaded.pack, *loaded.engine, *loaded.locale, options.data_path);
  if (!run.ok()) return run.status();
  PrintRun(*run, options.confusions, out);
  // The figures end up above a long list of failures; the one that matters
  // most is repeated where the reader's eye lands.
  if (run->scores.examples() > 0) {
    out << "\naccuracy on " << options.data_path << ": "
        << Percent(static_cast<double>(run->scores.correct_examples()) /
                   run->scores.examples())
        << "\n";
  }
  suites->push_back(std::move(run->junit));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> RunTest(const TestCommandOptions& options,
                             std::ostream& out) {
  const bool scoring_data = !options.data_path.empty();
  if (scoring_data && options.locale.empty()) {
    return absl::InvalidArgumentError(
        "--data needs --locale, the language of its messages, e.g. --locale "
        "en");
  }
  absl::StatusOr<LoadedPack> loaded = LoadPack(options);
  if (!loaded.ok()) return loaded.status();
  std::vector<JunitSuite> suites;
  bool passed = true;
  if (scoring_data) {
    absl::Status scored = ScoreData(*loaded, options, out, &suites);
    if (!scored.ok()) return scored;
  } else {
    absl::StatusOr<bool> tested = TestPack(*loaded, options, out, &suites);
    if (!tested.ok()) return tested.status();
    passed = *tested;
  }
  if (!options.junit_path.empty()) {
    absl::Status written = WriteJunit(options.junit_path, suites);
    if (!written.ok()) return written;
  }
  return passed;
}

}  // namespace firstline
