#include "tools/firstline/test_checks.h"

#include <algorithm>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "service/server/request_validation.h"
#include "service/server/server.h"
#include "tools/firstline/labeled_csv.h"

namespace firstline {
namespace {

// A CSV may carry hundreds of labels the pack does not know; the note names
// this many and counts the rest.
constexpr int kUnknownLabelsNamed = 20;

// `text` on one line of the report.
std::string OneLine(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"\r\n", " "}, {"\n", " "}, {"\r", " "}});
}

std::string Quoted(absl::string_view text) {
  return absl::StrCat("\"", OneLine(text), "\"");
}

// What a message got with the score that decided it, or "(none)" with the
// intent that came closest, which is where an editor starts looking.
std::string GotWithScore(const v1::ClassifyResponse& got) {
  if (!got.intent().intent().empty()) {
    return absl::StrFormat("%s (score %.2f)", got.intent().intent(),
                           got.intent().score());
  }
  if (got.ranked_intents_size() > 0) {
    return absl::StrFormat("(none) (closest: %s, score %.2f)",
                           got.ranked_intents(0).intent(),
                           got.ranked_intents(0).score());
  }
  return "(none)";
}

// Records one check of `text`; `failure` is empty when it passed.
void AddCheck(const std::string& classname, absl::string_view text,
              const std::string& where, const std::string& failure,
              CheckRun* run) {
  JunitCase test{classname, OneLine(text), failure, ""};
  if (!failure.empty()) {
    test.details = absl::StrCat(where, ": ", failure);
    run->failures.push_back(test.details);
  }
  run->junit.cases.push_back(std::move(test));
}

void CheckIntent(const v1::Intent& intent, const std::string& locale,
                 const SourceMap& positions, const Engine& engine,
                 CheckRun* run) {
  const std::string classname = absl::StrCat(locale, ".", intent.id());
  for (int i = 0; i < intent.examples_size(); ++i) {
    const std::string& text = intent.examples(i);
    const v1::ClassifyResponse got = engine.Classify(text, locale, false);
    run->scores.AddExample(intent.id(), got.intent().intent());
    AddCheck(classname, text, positions.Find(intent, "examples", i).ToString(),
             got.intent().intent() == intent.id()
                 ? ""
                 : absl::StrCat("example ", Quoted(text), " expected ",
                                intent.id(), ", got ", GotWithScore(got)),
             run);
  }
  for (int i = 0; i < intent.counter_examples_size(); ++i) {
    const std::string& text = intent.counter_examples(i);
    const v1::ClassifyResponse got = engine.Classify(text, locale, false);
    run->scores.AddCounterExample(intent.id(), got.intent().intent());
    AddCheck(
        classname, text,
        positions.Find(intent, "counter_examples", i).ToString(),
        got.intent().intent() != intent.id()
            ? ""
            : absl::StrFormat("counter-example %s got %s, which it must "
                              "not (score %.2f)",
                              Quoted(text), intent.id(), got.intent().score()),
        run);
  }
}

// Alerts are not intents, so they stay out of the figures; their examples
// are tests all the same.
void CheckAlert(const v1::Intent& alert, const std::string& locale,
                const SourceMap& positions, const Engine& engine,
                CheckRun* run) {
  auto raises = [&](const std::string& text) {
    const v1::ClassifyResponse got = engine.Classify(text, locale, false);
    return std::find(got.signals().begin(), got.signals().end(), alert.id()) !=
           got.signals().end();
  };
  auto check = [&](const std::string& text, const SourcePosition& where,
                   const std::string& failure) {
    ++run->alert_checks;
    if (!failure.empty()) ++run->failed_alert_checks;
    AddCheck(absl::StrCat(locale, ".", alert.id()), text, where.ToString(),
             failure, run);
  };
  for (int i = 0; i < alert.examples_size(); ++i) {
    const std::string& text = alert.examples(i);
    check(text, positions.Find(alert, "examples", i),
          raises(text) ? ""
                       : absl::StrCat("alert example ", Quoted(text),
                                      " does not raise ", alert.id()));
  }
  for (int i = 0; i < alert.counter_examples_size(); ++i) {
    const std::string& text = alert.counter_examples(i);
    check(text, positions.Find(alert, "counter_examples", i),
          raises(text)
              ? absl::StrCat("alert counter-example ", Quoted(text), " raises ",
                             alert.id(), ", which it must not")
              : "");
  }
}

}  // namespace

CheckRun CheckLocale(const RulePack& pack, const Engine& engine,
                     const std::string& locale) {
  CheckRun run;
  run.title = absl::StrCat("locale ", locale);
  run.unit = "examples";
  run.junit.name = absl::StrCat(locale, " examples");
  for (const auto& file : pack.locales().at(locale).intent_files) {
    for (const v1::Intent& intent : file->intents()) {
      CheckIntent(intent, locale, pack.positions(), engine, &run);
    }
    for (const v1::Intent& alert : file->alerts()) {
      CheckAlert(alert, locale, pack.positions(), engine, &run);
    }
  }
  return run;
}

absl::StatusOr<CheckRun> ScoreCsv(const RulePack& pack, const Engine& engine,
                                  const std::string& locale,
                                  const std::string& path) {
  absl::StatusOr<std::vector<LabeledMessage>> messages = ReadLabeledCsv(path);
  if (!messages.ok()) return messages.status();
  std::set<std::string> intents;
  for (const auto& file : pack.locales().at(locale).intent_files) {
    for (const v1::Intent& intent : file->intents()) {
      intents.insert(intent.id());
    }
  }
  CheckRun run;
  run.title = absl::StrCat(path, ", locale ", locale);
  run.unit = "messages";
  run.junit.name = path;
  std::set<std::string> unknown;
  for (const LabeledMessage& message : *messages) {
    const std::string where = absl::StrCat(path, ":", message.line);
    if (absl::Status valid = ValidateText("text", message.text); !valid.ok()) {
      run.notes.push_back(absl::StrCat(where, ": skipped: ", valid.message()));
      continue;
    }
    if (!message.intent.empty() && !intents.contains(message.intent)) {
      unknown.insert(message.intent);
    }
    const v1::ClassifyResponse got =
        engine.Classify(message.text, locale, false);
    run.scores.AddExample(message.intent, got.intent().intent());
    AddCheck(absl::StrCat(locale, ".", ShownIntent(message.intent)),
             message.text, where,
             got.intent().intent() == message.intent
                 ? ""
                 : absl::StrCat("message ", Quoted(message.text), " expected ",
                                ShownIntent(message.intent), ", got ",
                                GotWithScore(got)),
             &run);
  }
  if (!unknown.empty()) {
    std::vector<std::string> named(unknown.begin(), unknown.end());
    const int more = static_cast<int>(named.size()) - kUnknownLabelsNamed;
    if (more > 0) named.resize(kUnknownLabelsNamed);
    run.notes.insert(
        run.notes.begin(),
        absl::StrCat("note: ", unknown.size(),
                     unknown.size() == 1
                         ? " label is not an intent of the pack, so its "
                           "messages count as misses: "
                         : " labels are not intents of the pack, so their "
                           "messages count as misses: ",
                     absl::StrJoin(named, ", "),
                     more > 0 ? absl::StrCat(" and ", more, " more") : ""));
  }
  return run;
}

absl::StatusOr<ConversationRun> RunConversations(
    const std::vector<LoadedScript>& scripts,
    std::shared_ptr<const Engine> engine) {
  ConversationRun run;
  run.junit.name = "conversations";
  if (scripts.empty()) return run;
  ServerOptions server_options;
  server_options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(server_options, std::move(engine));
  if (!server.ok()) return server.status();
  ConversationRunner runner(absl::StrCat("127.0.0.1:", (*server)->port()));
  for (const LoadedScript& script : scripts) {
    const std::vector<std::string> failures =
        runner.Run(script, absl::StrCat("test-", ++run.scripts));
    JunitCase test{"conversations", script.file, "", ""};
    if (!failures.empty()) {
      ++run.failed;
      test.failure = failures.front();
      test.details = absl::StrJoin(failures, "\n");
      run.failures.insert(run.failures.end(), failures.begin(), failures.end());
    }
    run.junit.cases.push_back(std::move(test));
  }
  return run;
}

}  // namespace firstline
