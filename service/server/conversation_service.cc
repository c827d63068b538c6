#include "service/server/conversation_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

absl::StatusOr<v1::SendMessageResponse> ConversationService::Answer(
    const v1::SendMessageRequest& request) {
  const std::shared_ptr<const Engine> engine = engine_.load();
  absl::StatusOr<std::string> locale = ValidateSendMessage(request, *engine);
  if (!locale.ok()) return locale.status();
  return dialog_->Handle(request, *engine, *locale);
}

grpc::Status ConversationService::SendMessage(
    grpc::ServerContext* /*context*/, const v1::SendMessageRequest* request,
    v1::SendMessageResponse* response) {
  absl::StatusOr<v1::SendMessageResponse> reply = Answer(*request);
  if (!reply.ok()) return ToGrpc(reply.status());
  *response = std::move(*reply);
  return grpc::Status::OK;
}

grpc::Status ConversationService::Converse(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<v1::ConverseResponse, v1::ConverseRequest>*
        stream) {
  v1::ConverseRequest request;
  while (stream->Read(&request)) {
    v1::ConverseResponse response;
    response.set_tag(request.tag());
    response.set_conversation_id(request.message().conversation_id());
    absl::StatusOr<v1::SendMessageResponse> reply = Answer(request.message());
    if (reply.ok()) {
      *response.mutable_reply() = std::move(*reply);
    } else {
      response.mutable_error()->set_code(
          static_cast<int>(reply.status().code()));
      response.mutable_error()->set_message(
          std::string(reply.status().message()));
    }
    // False when the client went away; what it sent was handled all the same.
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
}

grpc::Status ConversationService::ClassifyBatch(
    grpc::ServerContext* /*context*/, const v1::ClassifyBatchRequest* request,
    v1::ClassifyBatchResponse* response) {
  if (request->requests_size() > kMaxBatchSize) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrCat("requests: ", request->requests_size(), " items; at most ",
                     kMaxBatchSize, " per call"));
  }
  const std::shared_ptr<const Engine> engine = engine_.load();
  std::vector<std::string> locales;
  locales.reserve(request->requests_size());
  for (int i = 0; i < request->requests_size(); ++i) {
    absl::StatusOr<std::string> locale =
        ValidateClassify(request->requests(i), *engine);
    if (!locale.ok()) {
      return grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("requests[", i, "].", locale.status().message()));
    }
    locales.push_back(*std::move(locale));
  }
  for (int i = 0; i < request->requests_size(); ++i) {
    const v1::ClassifyRequest& item = request->requests(i);
    *response->add_responses() =
        engine->Classify(item.text(), locales[i], item.include_trace());
  }
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
