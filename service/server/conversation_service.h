// The gRPC ConversationService (proto/firstline/v1/conversation.proto):
// validates each request and answers it with the current engine, through
// the dialog that remembers the conversation.
//
// It serves through gRPC's callback API: a call is answered on the gRPC
// thread that read it, with no hand-over to a thread of a pool of its own,
// which under load cost the unary call a third of its CPU. A turn whose
// stores wait for disk or network must not hold gRPC's threads, so turns go
// to a worker pool when one is given.
#ifndef FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_
#define FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_

#include <atomic>
#include <memory>

#include "firstline/v1/conversation.grpc.pb.h"
#include "service/dialog/dialog.h"
#include "service/engine/engine.h"
#include "service/server/worker_pool.h"

namespace firstline {

class ConversationService final
    : public v1::ConversationService::CallbackService {
 public:
  // Requires a non-null engine and a dialog that outlive the service, and so
  // does `turn_pool` when given: the pool conversation turns run on.
  ConversationService(std::shared_ptr<const Engine> engine, Dialog* dialog,
                      WorkerPool* turn_pool);

  // Makes `engine` serve every request that starts from now on; requests in
  // flight finish on the engine they started with.
  void SetEngine(std::shared_ptr<const Engine> engine);
  std::shared_ptr<const Engine> engine() const;

  grpc::ServerUnaryReactor* SendMessage(
      grpc::CallbackServerContext* context,
      const v1::SendMessageRequest* request,
      v1::SendMessageResponse* response) override;
  grpc::ServerUnaryReactor* Classify(grpc::CallbackServerContext* context,
                                     const v1::ClassifyRequest* request,
                                     v1::ClassifyResponse* response) override;
  // Answers the stream's messages one after the other, which keeps every
  // conversation's order; streams run in parallel.
  grpc::ServerBidiReactor<v1::ConverseRequest, v1::ConverseResponse>* Converse(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* ClassifyBatch(
      grpc::CallbackServerContext* context,
      const v1::ClassifyBatchRequest* request,
      v1::ClassifyBatchResponse* response) override;

 private:
  // SendMessage without the RPC: validated, handled by the dialog.
  absl::StatusOr<v1::SendMessageResponse> Answer(
      const v1::SendMessageRequest& request);
  // Converse's reply to one request of its stream.
  v1::ConverseResponse AnswerOnStream(const v1::ConverseRequest& request);
  // ClassifyBatch without the RPC.
  grpc::Status ClassifyEach(const v1::ClassifyBatchRequest& request,
                            v1::ClassifyBatchResponse* response) const;

  std::atomic<std::shared_ptr<const Engine>> engine_;
  Dialog* dialog_;
  WorkerPool* turn_pool_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_
