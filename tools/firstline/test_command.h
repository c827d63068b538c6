// `firstline test [DIR]`: runs a rule pack's own tests, every example and
// counter-example (of intents and alerts) and the scripted conversations
// under DIR/tests/conversations, and reports them for editors: per-intent
// precision and recall, the intents most often mixed up, and every failure
// with its file:line:col. With `--data FILE.csv` it measures the pack on
// labeled messages instead.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_TEST_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_TEST_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"

namespace firstline {

struct TestCommandOptions {
  // The pack's root folder.
  std::string root;
  // See EngineOptions::cache_dir.
  std::string cache_dir;
  // As in a request, e.g. "en" or "ru-RU". Required with data_path; without
  // it, only this locale's examples and conversations run (empty: all).
  std::string locale;
  // A CSV file of labeled messages (see ReadLabeledCsv) to score instead of
  // the pack's own tests; empty for none.
  std::string data_path;
  // Where to write the results as JUnit XML; empty for nowhere.
  std::string junit_path;
  // How many of the most confused pairs of intents to show.
  int confusions = 10;
};

// Runs the tests (or scores the CSV) and prints the report to `out`. Returns
// whether every check passed; always true with data_path, which measures
// rather than tests. Errors, before anything is printed: INVALID_ARGUMENT
// for a pack or conversation script that does not load (each problem as
// file:line:col: message on a line of its own), a missing or unsupported
// locale, or a CSV that is not valid; NOT_FOUND for a CSV that cannot be
// read; UNAVAILABLE when the conversation server cannot start, or, after
// the report, when the JUnit file cannot be written.
absl::StatusOr<bool> RunTest(const TestCommandOptions& options,
                             std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_TEST_COMMAND_H_
