// absl::Status as the grpc::Status of the same canonical code.
#ifndef FIRSTLINE_SERVICE_SERVER_GRPC_STATUS_H_
#define FIRSTLINE_SERVICE_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"

namespace firstline {

inline grpc::Status ToGrpc(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_GRPC_STATUS_H_
