#include "tools/firstline/reload_command.h"

#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_format.h"
#include "firstline/v1/admin.grpc.pb.h"
#include "tools/firstline/grpc_call.h"

namespace firstline {

absl::Status RunReload(const std::string& server, std::ostream& out) {
  auto stub = v1::AdminService::NewStub(
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  // Compiling a large pack without a cache takes a while.
  SetCallDeadline(&context, 300);
  v1::ReloadPackResponse response;
  grpc::Status status =
      stub->ReloadPack(&context, v1::ReloadPackRequest(), &response);
  if (!status.ok()) return ToStatus(status);
  if (!response.changed()) {
    out << "unchanged: serving rule set " << response.rule_set_version()
        << "\n";
    return absl::OkStatus();
  }
  out << absl::StrFormat(
      "serving rule set %s (was %s), compiled in %.2f s, %d lint warnings\n",
      response.rule_set_version(), response.previous_rule_set_version(),
      google::protobuf::util::TimeUtil::DurationToNanoseconds(
          response.compile_duration()) /
          1e9,
      response.warnings_size());
  return absl::OkStatus();
}

}  // namespace firstline
