// What every client command does around a gRPC call.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_GRPC_CALL_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_GRPC_CALL_H_

#include <grpcpp/grpcpp.h>

#include <chrono>

#include "absl/status/status.h"

namespace firstline {

// A call that has not answered in `seconds` fails with DEADLINE_EXCEEDED
// rather than hanging the terminal.
inline void SetCallDeadline(grpc::ClientContext* context, int seconds = 10) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(seconds));
}

// The call's status with the same canonical code and message.
inline absl::Status ToStatus(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_GRPC_CALL_H_
