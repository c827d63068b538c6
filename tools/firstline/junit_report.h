// Test results as JUnit XML, the format CI systems show test results in.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_JUNIT_REPORT_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_JUNIT_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace firstline {

// One check: passed when `failure` is empty.
struct JunitCase {
  std::string classname;  // e.g. "en.track_order"
  std::string name;       // e.g. the example's text
  // One line saying what went wrong, the <failure> message.
  std::string failure;
  // Everything about the failure, e.g. every unmet expectation with its
  // file:line:col; the <failure> element's text.
  std::string details;
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

// Writes `suites` to the file at `path` as <testsuites> with test and
// failure counts. UNAVAILABLE when the file cannot be written.
absl::Status WriteJunit(const std::string& path,
                        const std::vector<JunitSuite>& suites);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_JUNIT_REPORT_H_
