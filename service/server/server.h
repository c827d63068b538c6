// The firstline gRPC server: the conversation, agent and admin services,
// gRPC health checking and server reflection on one port, over the stores
// the options choose. Given the pack's folder, it reloads the pack when its
// files change or when asked (AdminService.ReloadPack, Server::ReloadPack).
//
//   auto server = Server::Start({.address = "127.0.0.1:0"}, engine);
//   int port = (*server)->port();
//   ...
//   (*server)->Shutdown();
#ifndef FIRSTLINE_SERVICE_SERVER_SERVER_H_
#define FIRSTLINE_SERVICE_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/dialog/dialog.h"
#include "service/engine/engine.h"
#include "service/reload/pack_reloader.h"
#include "service/server/admin_service.h"
#include "service/server/agent_service.h"
#include "service/server/conversation_service.h"
#include "service/server/store_health.h"
#include "service/server/worker_pool.h"
#include "service/storage/stores.h"

namespace grpc {
class Server;
}

namespace firstline {

struct ServerOptions {
  // host:port; port 0 picks a free one (see Server::port).
  std::string address = "127.0.0.1:50051";
  // Where conversations and handoffs are kept: in memory unless
  // store.data_dir is set. The dialog's clock is the stores' clock.
  StoreOptions store;
  DialogOptions dialog;
  // Threads for conversation turns when the stores wait for disk or
  // network (SQLite, Redis); with the stores in memory, turns run on gRPC's
  // own threads.
  int turn_threads = 32;
  // Threads waiting for calls of the agent and admin services: at least
  // min_pollers, and up to max_pollers stay when calls come in faster than
  // they are answered.
  int min_pollers = 2;
  int max_pollers = 64;
  // How often the stores are probed; health checks report the
  // conversation and agent services NOT_SERVING while the stores cannot be
  // reached.
  absl::Duration health_interval = absl::Seconds(1);
  // Where the serving pack was loaded from, and how to reload it; an empty
  // reload.root serves the starting engine for good.
  PackReloaderOptions reload;
};

class Server {
 public:
  // Starts serving `engine` (non-null), built from the pack in
  // options.reload.root when that is set. UNAVAILABLE when the address
  // cannot be bound or the stores cannot be opened.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options, std::shared_ptr<const Engine> engine);
  ~Server();

  // The port actually bound.
  int port() const { return port_; }
  ConversationService& conversation_service() { return *service_; }

  // Reloads the pack (see PackReloader::Reload); FAILED_PRECONDITION when
  // the server has no pack folder or the pack has errors.
  absl::StatusOr<ReloadOutcome> ReloadPack(const std::string& trigger);

  // Blocks until Shutdown() is called from another thread.
  void Wait();
  // Stops accepting calls, lets calls in flight finish (up to a few
  // seconds), then returns. Health checks report NOT_SERVING meanwhile.
  // Calls the stores cannot serve fail with UNAVAILABLE.
  void Shutdown();

 private:
  Server() = default;

  Stores stores_;
  std::unique_ptr<Dialog> dialog_;
  // Null when turns run on gRPC's threads. Outlives server_, whose shutdown
  // waits for the turns it runs.
  std::unique_ptr<WorkerPool> turn_pool_;
  std::unique_ptr<ConversationService> service_;
  std::unique_ptr<AgentService> agent_service_;
  // After service_, which it installs engines into.
  std::unique_ptr<PackReloader> reloader_;
  std::unique_ptr<AdminService> admin_service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<StoreHealth> store_health_;
  int port_ = 0;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_SERVER_H_
