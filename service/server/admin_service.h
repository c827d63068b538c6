// The gRPC AdminService (proto/firstline/v1/admin.proto): which pack the
// server serves, and reloading it without a restart.
#ifndef FIRSTLINE_SERVICE_SERVER_ADMIN_SERVICE_H_
#define FIRSTLINE_SERVICE_SERVER_ADMIN_SERVICE_H_

#include "firstline/v1/admin.grpc.pb.h"
#include "service/reload/pack_reloader.h"
#include "service/server/conversation_service.h"

namespace firstline {

class AdminService final : public v1::AdminService::Service {
 public:
  // `reloader` is null when the server was started without a pack folder to
  // reload from; both must outlive the service.
  AdminService(PackReloader* reloader, const ConversationService* service);

  grpc::Status ReloadPack(grpc::ServerContext* context,
                          const v1::ReloadPackRequest* request,
                          v1::ReloadPackResponse* response) override;
  grpc::Status GetPack(grpc::ServerContext* context,
                       const v1::GetPackRequest* request,
                       v1::Pack* response) override;

 private:
  PackReloader* reloader_;
  const ConversationService* service_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_ADMIN_SERVICE_H_
