// `firstline health`: asks a running server whether it serves, through the
// standard gRPC health protocol. Made for container health checks.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_HEALTH_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_HEALTH_COMMAND_H_

#include <string>

#include "absl/status/status.h"

namespace firstline {

// OK when the server at `server` (host:port) answers SERVING within a few
// seconds; UNAVAILABLE with the reason otherwise.
absl::Status CheckHealth(const std::string& server);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_HEALTH_COMMAND_H_
