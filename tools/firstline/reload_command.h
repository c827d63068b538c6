// `firstline reload`: asks a running server to serve its pack folder again
// (AdminService.ReloadPack), for operators who just deployed new rules.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_RELOAD_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_RELOAD_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace firstline {

// Prints the rule set serving after the reload, the one before and how long
// compiling took, or that the pack had not changed. FAILED_PRECONDITION with
// the pack's errors, one file:line:col per line, when the server refused it
// (the previous pack keeps serving); UNAVAILABLE with no server.
absl::Status RunReload(const std::string& server, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_RELOAD_COMMAND_H_
