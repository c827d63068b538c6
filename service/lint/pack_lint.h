// Checks a rule pack the way an editor needs: everything that stops it
// loading, and what loads but will misbehave with customers.
//
//   std::vector<LintFinding> findings = LintPack("path/to/pack");
//   for (const LintFinding& f : findings) std::cout << f.ToString() << "\n";
//
// Errors stop the pack from being served or break its promises (an example
// that does not get its intent); warnings are worth a look (a signal no
// example exercises, an answer longer than a chat screen).
#ifndef FIRSTLINE_SERVICE_LINT_PACK_LINT_H_
#define FIRSTLINE_SERVICE_LINT_PACK_LINT_H_

#include <memory>
#include <string>
#include <vector>

#include "service/content/source_map.h"
#include "service/engine/engine.h"

namespace firstline {

struct LintFinding {
  enum class Severity { kError, kWarning };

  SourcePosition where;
  Severity severity = Severity::kError;
  std::string message;
  // How to fix it, for people who are not programmers; may be empty.
  std::string hint;

  // "file:line:col: error: message" with " (hint: ...)" when there is one.
  std::string ToString() const;
};

// "error" or "warning".
const char* SeverityName(LintFinding::Severity severity);

// A pack as lint found it: the engine compiled from it (null when the pack
// does not load) and every finding.
struct CheckedPack {
  std::unique_ptr<const Engine> engine;
  std::vector<LintFinding> findings;
};

// Lints `pack` and keeps what it compiled, so a server can serve the pack
// lint passed without compiling it twice.
CheckedPack CheckPack(const RulePack& pack, const EngineOptions& options = {});

// Lints the pack under `root`. Never fails: a pack that cannot be read or
// compiled gives its problems as errors (and the checks that need a compiled
// pack are skipped). Findings are sorted by file, line and column.
// `options` compile the pack as the server would (e.g. with its cache).
std::vector<LintFinding> LintPack(const std::string& root,
                                  const EngineOptions& options = {});

// True when any finding is an error.
bool HasErrors(const std::vector<LintFinding>& findings);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_LINT_PACK_LINT_H_
