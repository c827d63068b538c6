// The gRPC ConversationService (proto/firstline/v1/conversation.proto):
// validates each request and answers it with the current engine, through
// the dialog that remembers the conversation.
#ifndef FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_
#define FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_

#include <atomic>
#include <memory>

#include "firstline/v1/conversation.grpc.pb.h"
#include "service/dialog/dialog.h"
#include "service/engine/engine.h"

namespace firstline {

class ConversationService final : public v1::ConversationService::Service {
 public:
  // Requires a non-null engine and a dialog that outlives the service.
  ConversationService(std::shared_ptr<const Engine> engine, Dialog* dialog);

  // Makes `engine` serve every request that starts from now on; requests in
  // flight finish on the engine they started with.
  void SetEngine(std::shared_ptr<const Engine> engine);
  std::shared_ptr<const Engine> engine() const;

  grpc::Status SendMessage(grpc::ServerContext* context,
                           const v1::SendMessageRequest* request,
                           v1::SendMessageResponse* response) override;
  grpc::Status Classify(grpc::ServerContext* context,
                        const v1::ClassifyRequest* request,
                        v1::ClassifyResponse* response) override;
  // Answers the stream's messages one after the other, which keeps every
  // conversation's order; streams run in parallel.
  grpc::Status Converse(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::ConverseResponse, v1::ConverseRequest>*
          stream) override;
  grpc::Status ClassifyBatch(grpc::ServerContext* context,
                             const v1::ClassifyBatchRequest* request,
                             v1::ClassifyBatchResponse* response) override;

 private:
  // SendMessage without the RPC: validated, handled by the dialog.
  absl::StatusOr<v1::SendMessageResponse> Answer(
      const v1::SendMessageRequest& request);

  std::atomic<std::shared_ptr<const Engine>> engine_;
  Dialog* dialog_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_CONVERSATION_SERVICE_H_
