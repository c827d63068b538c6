// The checks behind `firstline test`: a pack's examples and counter-examples,
// a labeled CSV, and the scripted conversations, each turned into figures,
// failure lines for editors and JUnit test cases.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_TEST_CHECKS_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_TEST_CHECKS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/content/rule_pack.h"
#include "service/engine/engine.h"
#include "tools/firstline/conversation_runner.h"
#include "tools/firstline/intent_scores.h"
#include "tools/firstline/junit_report.h"

namespace firstline {

// The checks of one locale of a pack, or of one CSV file.
struct CheckRun {
  // What was checked, e.g. "locale en".
  std::string title;
  // What the messages are called: "examples" (a pack's), "messages" (a
  // CSV's).
  std::string unit;
  // Intent examples and counter-examples, or the CSV's rows.
  IntentScores scores;
  // Alert examples and counter-examples, which are not intents.
  int alert_checks = 0;
  int failed_alert_checks = 0;
  // To be said before the figures, e.g. rows that were skipped.
  std::vector<std::string> notes;
  // "file:line:col: what went wrong", in file order.
  std::vector<std::string> failures;
  JunitSuite junit;
};

// Classifies every example and counter-example of the intents and alerts of
// `locale` (one of the pack's, compiled into `engine`).
CheckRun CheckLocale(const RulePack& pack, const Engine& engine,
                     const std::string& locale);

// Classifies every row of the CSV at `path` (see ReadLabeledCsv) in
// `locale`, with failures at "path:line". Rows whose text a request could
// not carry (empty, not UTF-8, too long) are skipped with a note; so are
// labels that are not intents of the pack, whose rows count as misses.
// ReadLabeledCsv's errors.
absl::StatusOr<CheckRun> ScoreCsv(const RulePack& pack, const Engine& engine,
                                  const std::string& locale,
                                  const std::string& path);

struct ConversationRun {
  int scripts = 0;
  int failed = 0;
  // Every unmet expectation as "file:line:col: message".
  std::vector<std::string> failures;
  JunitSuite junit;
};

// Plays each script as a conversation of its own against a server serving
// `engine` on a free local port. UNAVAILABLE when the server cannot start.
absl::StatusOr<ConversationRun> RunConversations(
    const std::vector<LoadedScript>& scripts,
    std::shared_ptr<const Engine> engine);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_TEST_CHECKS_H_
