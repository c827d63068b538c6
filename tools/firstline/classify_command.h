// `firstline classify`: labels messages read one per line, for analytics,
// batch jobs and measuring a rule pack on a file of real messages.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_CLASSIFY_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_CLASSIFY_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "service/engine/engine.h"

namespace firstline {

struct ClassifyCommandOptions {
  std::string locale;  // As in a request, e.g. "en" or "ru-RU".
  bool include_trace = false;
};

// Reads UTF-8 lines from `in` and writes one JSON object per line to `out`:
// {"text": ..., "intent": "" when none, "score": ..., "ranked": [...],
// "slots": {...}} plus "trace" when asked and "error" for a line that cannot
// be classified (invalid UTF-8, too long). INVALID_ARGUMENT for an
// unsupported locale.
absl::Status RunClassify(const Engine& engine,
                         const ClassifyCommandOptions& options,
                         std::istream& in, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_CLASSIFY_COMMAND_H_
