// The gRPC AgentService (proto/firstline/v1/handoff.proto): how agent desks
// receive handoffs, take them and give conversations back to the bot.
#ifndef FIRSTLINE_SERVICE_SERVER_AGENT_SERVICE_H_
#define FIRSTLINE_SERVICE_SERVER_AGENT_SERVICE_H_

#include "firstline/v1/handoff.grpc.pb.h"
#include "service/dialog/dialog.h"
#include "service/storage/handoff_store.h"

namespace firstline {

class AgentService final : public v1::AgentService::Service {
 public:
  // The store and the dialog must outlive the service.
  AgentService(HandoffStore* handoffs, Dialog* dialog);

  grpc::Status WatchHandoffs(grpc::ServerContext* context,
                             const v1::WatchHandoffsRequest* request,
                             grpc::ServerWriter<v1::Handoff>* writer) override;
  grpc::Status ListHandoffs(grpc::ServerContext* context,
                            const v1::ListHandoffsRequest* request,
                            v1::ListHandoffsResponse* response) override;
  grpc::Status GetHandoff(grpc::ServerContext* context,
                          const v1::GetHandoffRequest* request,
                          v1::Handoff* response) override;
  grpc::Status ClaimHandoff(grpc::ServerContext* context,
                            const v1::ClaimHandoffRequest* request,
                            v1::Handoff* response) override;
  grpc::Status ResolveHandoff(grpc::ServerContext* context,
                              const v1::ResolveHandoffRequest* request,
                              v1::Handoff* response) override;

  // Ends every watch in progress, for shutdown.
  void Stop();

 private:
  HandoffStore* handoffs_;
  Dialog* dialog_;
  std::atomic<bool> stopping_{false};
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_AGENT_SERVICE_H_
