#include "tools/firstline/load_echo.h"

#include <grpcpp/server_builder.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "absl/strings/str_cat.h"

namespace firstline {

grpc::Status EchoService::Echo(grpc::ServerContext* /*context*/,
                               const load::v1::EchoRequest* request,
                               load::v1::EchoResponse* response) {
  response->set_tag(request->tag());
  response->set_payload(request->payload());
  return grpc::Status::OK;
}

grpc::Status EchoService::EchoStream(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<load::v1::EchoResponse, load::v1::EchoRequest>*
        stream) {
  load::v1::EchoRequest request;
  load::v1::EchoResponse response;
  while (stream->Read(&request)) {
    response.set_tag(request.tag());
    response.set_payload(request.payload());
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
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
