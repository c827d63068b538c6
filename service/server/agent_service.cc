#include "service/server/agent_service.h"

#include "absl/strings/str_cat.h"
#include "service/server/grpc_status.h"

namespace firstline {
namespace {

// How often a watch looks whether its caller went away.
constexpr absl::Duration kWatchPoll = absl::Milliseconds(200);

grpc::Status Required(absl::string_view field) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat(field, ": is required"));
}

}  // namespace

AgentService::AgentService(HandoffStore* handoffs, Dialog* dialog)
    : handoffs_(handoffs), dialog_(dialog) {}

void AgentService::Stop() { stopping_ = true; }

grpc::Status AgentService::WatchHandoffs(
    grpc::ServerContext* context, const v1::WatchHandoffsRequest* request,
    grpc::ServerWriter<v1::Handoff>* writer) {
  if (request->queue().empty()) return Required("queue");
  absl::StatusOr<std::unique_ptr<HandoffSubscription>> subscription =
      handoffs_->Watch(request->queue());
  if (!subscription.ok()) return ToGrpc(subscription.status());
  while (!context->IsCancelled() && !stopping_) {
    std::optional<v1::Handoff> next = (*subscription)->Next(kWatchPoll);
    if (next && !writer->Write(*next)) break;
  }
  return grpc::Status::OK;
}

grpc::Status AgentService::ListHandoffs(grpc::ServerContext* /*context*/,
                                        const v1::ListHandoffsRequest* request,
                                        v1::ListHandoffsResponse* response) {
  absl::StatusOr<std::vector<v1::Handoff>> handoffs =
      handoffs_->List(request->queue(), request->state());
  if (!handoffs.ok()) return ToGrpc(handoffs.status());
  for (v1::Handoff& handoff : *handoffs) {
    *response->add_handoffs() = std::move(handoff);
  }
  return grpc::Status::OK;
}

grpc::Status AgentService::GetHandoff(grpc::ServerContext* /*context*/,
                                      const v1::GetHandoffRequest* request,
                                      v1::Handoff* response) {
  if (request->id().empty()) return Required("id");
  absl::StatusOr<v1::Handoff> handoff = handoffs_->Get(request->id());
  if (!handoff.ok()) return ToGrpc(handoff.status());
  *response = std::move(*handoff);
  return grpc::Status::OK;
}

grpc::Status AgentService::ClaimHandoff(grpc::ServerContext* /*context*/,
                                        const v1::ClaimHandoffRequest* request,
                                        v1::Handoff* response) {
  if (request->id().empty()) return Required("id");
  if (request->agent_id().empty()) return Required("agent_id");
  absl::StatusOr<v1::Handoff> handoff =
      handoffs_->Claim(request->id(), request->agent_id());
  if (!handoff.ok()) return ToGrpc(handoff.status());
  *response = std::move(*handoff);
  return grpc::Status::OK;
}

grpc::Status AgentService::ResolveHandoff(
    grpc::ServerContext* /*context*/, const v1::ResolveHandoffRequest* request,
    v1::Handoff* response) {
  if (request->id().empty()) return Required("id");
  if (request->agent_id().empty()) return Required("agent_id");
  absl::StatusOr<v1::Handoff> handoff =
      handoffs_->Resolve(request->id(), request->agent_id());
  if (!handoff.ok()) return ToGrpc(handoff.status());
  if (request->return_to_bot()) {
    absl::Status returned = dialog_->ReturnToBot(handoff->conversation_id());
    if (!returned.ok()) return ToGrpc(returned);
  }
  *response = std::move(*handoff);
  return grpc::Status::OK;
}

}  // namespace firstline
