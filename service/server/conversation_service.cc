#include "service/server/conversation_service.h"

#include "service/server/grpc_status.h"
#include "service/server/request_validation.h"

namespace firstline {

ConversationService::ConversationService(std::shared_ptr<const Engine> engine,
                                         Dialog* dialog)
    : engine_(std::move(engine)), dialog_(dialog) {}

void ConversationService::SetEngine(std::shared_ptr<const Engine> engine) {
  engine_.store(std::move(engine));
}

std::shared_ptr<const Engine> ConversationService::engine() const {
  return engine_.load();
}

grpc::Status ConversationService::SendMessage(
    grpc::ServerContext* /*context*/, const v1::SendMessageRequest* request,
    v1::SendMessageResponse* response) {
  const std::shared_ptr<const Engine> engine = engine_.load();
  absl::StatusOr<std::string> locale = ValidateSendMessage(*request, *engine);
  if (!locale.ok()) return ToGrpc(locale.status());
  absl::StatusOr<v1::SendMessageResponse> reply =
      dialog_->Handle(*request, *engine, *locale);
  if (!reply.ok()) return ToGrpc(reply.status());
  *response = std::move(*reply);
  return grpc::Status::OK;
}

grpc::Status ConversationService::Classify(grpc::ServerContext* /*context*/,
                                           const v1::ClassifyRequest* request,
                                           v1::ClassifyResponse* response) {
  const std::shared_ptr<const Engine> engine = engine_.load();
  absl::StatusOr<std::string> locale = ValidateClassify(*request, *engine);
  if (!locale.ok()) return ToGrpc(locale.status());
  *response =
      engine->Classify(request->text(), *locale, request->include_trace());
  return grpc::Status::OK;
}

}  // namespace firstline
