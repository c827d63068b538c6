#include "tools/firstline/load_echo.h"

#include <grpcpp/server_builder.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "absl/strings/str_cat.h"
#include "service/server/ordered_stream_reactor.h"

namespace firstline {

grpc::ServerUnaryReactor* EchoService::Echo(
    grpc::CallbackServerContext* context, const load::v1::EchoRequest* request,
    load::v1::EchoResponse* response) {
  response->set_tag(request->tag());
  response->set_payload(request->payload());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

// Served as ConversationService.Converse is, so that the two compare.
grpc::ServerBidiReactor<load::v1::EchoRequest, load::v1::EchoResponse>*
EchoService::EchoStream(grpc::CallbackServerContext* /*context*/) {
  return new OrderedStreamReactor<load::v1::EchoRequest,
                                  load::v1::EchoResponse>(
      [](const load::v1::EchoRequest& request) {
        load::v1::EchoResponse response;
        response.set_tag(request.tag());
        response.set_payload(request.payload());
        return response;
      },
      /*pool=*/nullptr);
}

absl::StatusOr<std::unique_ptr<EchoServer>> EchoServer::Start(
    const std::string& address) {
  std::unique_ptr<EchoServer> server(new EchoServer());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(),
                           &server->port_);
  builder.RegisterService(&server->service_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address));
  }
  return server;
}

EchoServer::~EchoServer() { Shutdown(); }

void EchoServer::Shutdown() {
  if (server_ == nullptr) return;
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

absl::Status ServeEchoUntilSignal(const std::string& address,
                                  std::ostream& out) {
  // Blocked in every thread gRPC starts; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  absl::StatusOr<std::unique_ptr<EchoServer>> server =
      EchoServer::Start(address);
  if (!server.ok()) return server.status();
  out << "echo server on port " << (*server)->port() << std::endl;
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    (*server)->Shutdown();
  });
  (*server)->Wait();
  stopper.join();
  return absl::OkStatus();
}

}  // namespace firstline
