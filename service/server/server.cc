#include "service/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firstline {

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options, std::shared_ptr<const Engine> engine) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<Server> server(new Server());
  StoreOptions store = options.store;
  store.clock = options.dialog.clock;
  absl::StatusOr<Stores> stores = OpenStores(store);
  if (!stores.ok()) return stores.status();
  server->stores_ = *std::move(stores);
  server->dialog_ = std::make_unique<Dialog>(
      options.dialog, server->stores_.conversations.get(),
      server->stores_.handoffs.get());
  if (server->stores_.wait_for_io) {
    server->turn_pool_ = std::make_unique<WorkerPool>(options.turn_threads);
  }
  server->service_ = std::make_unique<ConversationService>(
      std::move(engine), server->dialog_.get(), server->turn_pool_.get());
  server->agent_service_ = std::make_unique<AgentService>(
      server->stores_.handoffs.get(), server->dialog_.get());
  if (!options.reload.root.empty()) {
    ConversationService* service = server->service_.get();
    absl::StatusOr<std::unique_ptr<PackReloader>> reloader =
        PackReloader::Create(options.reload, service->engine(),
                             [service](std::shared_ptr<const Engine> next) {
                               service->SetEngine(std::move(next));
                             });
    if (!reloader.ok()) return reloader.status();
    server->reloader_ = std::move(*reloader);
  }
  server->admin_service_ = std::make_unique<AdminService>(
      server->reloader_.get(), server->service_.get());
  grpc::ServerBuilder builder;
  // gRPC's defaults keep at most two threads polling and end the threads
  // beyond them after each call; under load that churn of threads cost
  // more than the calls' own work.
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, options.min_pollers);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, options.max_pollers);
  builder.AddListeningPort(options.address, grpc::InsecureServerCredentials(),
                           &server->port_);
  builder.RegisterService(server->service_.get());
  builder.RegisterService(server->agent_service_.get());
  builder.RegisterService(server->admin_service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.address));
  }
  grpc::HealthCheckServiceInterface* health =
      server->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  health->SetServingStatus(v1::ConversationService::service_full_name(), true);
  health->SetServingStatus(v1::AgentService::service_full_name(), true);
  health->SetServingStatus(v1::AdminService::service_full_name(), true);
  server->store_health_ = std::make_unique<StoreHealth>(
      server->stores_.conversations.get(), health,
      std::vector<std::string>{"", v1::ConversationService::service_full_name(),
                               v1::AgentService::service_full_name()},
      options.health_interval);
  return server;
}

Server::~Server() { Shutdown(); }

absl::StatusOr<ReloadOutcome> Server::ReloadPack(const std::string& trigger) {
  if (reloader_ == nullptr) {
    return absl::FailedPreconditionError(
        "this server was started without a pack folder to reload from");
  }
  return reloader_->Reload(trigger);
}

void Server::Wait() { server_->Wait(); }

void Server::Shutdown() {
  if (server_ == nullptr) return;
  store_health_.reset();
  server_->GetHealthCheckService()->SetServingStatus(false);
  agent_service_->Stop();
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

}  // namespace firstline
