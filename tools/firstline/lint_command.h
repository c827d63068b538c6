// `firstline lint [DIR]`: checks a rule pack and prints every problem as
// file:line:col: severity: message (hint: ...), or as JSON for CI.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LINT_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LINT_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"

namespace firstline {

struct LintCommandOptions {
  std::string root;
  // "text" or "json" (a firstline.v1.LintReport).
  std::string format = "text";
  // See EngineOptions::cache_dir.
  std::string cache_dir;
};

// Lints the pack (see LintPack) and prints the findings with a closing count
// line (text) or one JSON object. Returns whether there were errors;
// INVALID_ARGUMENT for an unknown format.
absl::StatusOr<bool> RunLint(const LintCommandOptions& options,
                             std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LINT_COMMAND_H_
