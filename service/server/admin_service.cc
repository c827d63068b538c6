#include "service/server/admin_service.h"

#include <google/protobuf/util/time_util.h>

#include "absl/time/time.h"
#include "service/server/grpc_status.h"

namespace firstline {

using google::protobuf::util::TimeUtil;

AdminService::AdminService(PackReloader* reloader,
                           const ConversationService* service)
    : reloader_(reloader), service_(service) {}

grpc::Status AdminService::ReloadPack(grpc::ServerContext* /*context*/,
                                      const v1::ReloadPackRequest* /*request*/,
                                      v1::ReloadPackResponse* response) {
  if (reloader_ == nullptr) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        "this server was started without a pack folder to "
                        "reload from");
  }
  absl::StatusOr<ReloadOutcome> outcome = reloader_->Reload("admin call");
  if (!outcome.ok()) return ToGrpc(outcome.status());
  response->set_rule_set_version(outcome->version);
  response->set_previous_rule_set_version(outcome->previous_version);
  response->set_changed(outcome->changed);
  *response->mutable_compile_duration() = TimeUtil::NanosecondsToDuration(
      absl::ToInt64Nanoseconds(outcome->compile_duration));
  for (std::string& warning : outcome->warnings) {
    response->add_warnings(std::move(warning));
  }
  return grpc::Status::OK;
}

grpc::Status AdminService::GetPack(grpc::ServerContext* /*context*/,
                                   const v1::GetPackRequest* /*request*/,
                                   v1::Pack* response) {
  const std::shared_ptr<const Engine> engine = service_->engine();
  response->set_rule_set_version(engine->version());
  for (const std::string& locale : engine->locales()) {
    response->add_locales(locale);
  }
  if (reloader_ != nullptr) {
    response->set_root(reloader_->root());
    *response->mutable_serving_since() = TimeUtil::NanosecondsToTimestamp(
        absl::ToUnixNanos(reloader_->serving_since()));
    response->set_last_reload_error(reloader_->last_error());
  }
  return grpc::Status::OK;
}

}  // namespace firstline
