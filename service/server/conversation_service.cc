#include "service/server/conversation_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "service/server/grpc_status.h"
#include "service/server/ordered_stream_reactor.h"
#include "service/server/request_validation.h"

namespace firstline {

ConversationService::ConversationService(std::shared_ptr<const Engine> engine,
                                         Dialog* dialog, WorkerPool* turn_pool)
    : engine_(std::move(engine)), dialog_(dialog), turn_pool_(turn_pool) {}

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

grpc::ServerUnaryReactor* ConversationService::SendMessage(
    grpc::CallbackServerContext* context, const v1::SendMessageRequest* request,
    v1::SendMessageResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // The request and response stay valid until Finish.
  auto answer = [this, request, response, reactor] {
    absl::StatusOr<v1::SendMessageResponse> reply = Answer(*request);
    if (!reply.ok()) {
      reactor->Finish(ToGrpc(reply.status()));
      return;
    }
    *response = *std::move(reply);
    reactor->Finish(grpc::Status::OK);
  };
  RunOnPoolOrHere(turn_pool_, std::move(answer));
  return reactor;
}

v1::ConverseResponse ConversationService::AnswerOnStream(
    const v1::ConverseRequest& request) {
  v1::ConverseResponse response;
  response.set_tag(request.tag());
  response.set_conversation_id(request.message().conversation_id());
  absl::StatusOr<v1::SendMessageResponse> reply = Answer(request.message());
  if (reply.ok()) {
    *response.mutable_reply() = *std::move(reply);
  } else {
    response.mutable_error()->set_code(static_cast<int>(reply.status().code()));
    response.mutable_error()->set_message(
        std::string(reply.status().message()));
  }
  return response;
}

grpc::ServerBidiReactor<v1::ConverseRequest, v1::ConverseResponse>*
ConversationService::Converse(grpc::CallbackServerContext* /*context*/) {
  return new OrderedStreamReactor<v1::ConverseRequest, v1::ConverseResponse>(
      [this](const v1::ConverseRequest& request) {
        return AnswerOnStream(request);
      },
      turn_pool_);
}

grpc::Status ConversationService::ClassifyEach(
    const v1::ClassifyBatchRequest& request,
    v1::ClassifyBatchResponse* response) const {
  if (request.requests_size() > kMaxBatchSize) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrCat("requests: ", request.requests_size(), " items; at most ",
                     kMaxBatchSize, " per call"));
  }
  const std::shared_ptr<const Engine> engine = engine_.load();
  std::vector<std::string> locales;
  locales.reserve(request.requests_size());
  for (int i = 0; i < request.requests_size(); ++i) {
    absl::StatusOr<std::string> locale =
        ValidateClassify(request.requests(i), *engine);
    if (!locale.ok()) {
      return grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("requests[", i, "].", locale.status().message()));
    }
    locales.push_back(*std::move(locale));
  }
  for (int i = 0; i < request.requests_size(); ++i) {
    const v1::ClassifyRequest& item = request.requests(i);
    *response->add_responses() =
        engine->Classify(item.text(), locales[i], item.include_trace());
  }
  return grpc::Status::OK;
}

// Classification only computes: it runs on gRPC's thread, pool or not.
grpc::ServerUnaryReactor* ConversationService::ClassifyBatch(
    grpc::CallbackServerContext* context,
    const v1::ClassifyBatchRequest* request,
    v1::ClassifyBatchResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ClassifyEach(*request, response));
  return reactor;
}

grpc::ServerUnaryReactor* ConversationService::Classify(
    grpc::CallbackServerContext* context, const v1::ClassifyRequest* request,
    v1::ClassifyResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const std::shared_ptr<const Engine> engine = engine_.load();
  absl::StatusOr<std::string> locale = ValidateClassify(*request, *engine);
  if (!locale.ok()) {
    reactor->Finish(ToGrpc(locale.status()));
    return reactor;
  }
  *response =
      engine->Classify(request->text(), *locale, request->include_trace());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace firstline
