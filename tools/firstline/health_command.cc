#include "tools/firstline/health_command.h"

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/firstline/grpc_call.h"

namespace firstline {

absl::Status CheckHealth(const std::string& server) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  SetCallDeadline(&context, 3);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, {}, &response);
  if (!status.ok()) {
    return absl::UnavailableError(
        absl::StrCat(server, " does not answer: ", status.error_message()));
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(
        absl::StrCat(server, " is ",
                     grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                         response.status())));
  }
  return absl::OkStatus();
}

}  // namespace firstline
