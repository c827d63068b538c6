// The echo service `firstline load` measures gRPC itself against: the same
// kind of server as firstline-server (gRPC's callback API) whose
// calls do nothing, so that its rate is the machine's ceiling for calls.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_ECHO_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_ECHO_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "firstline/load/v1/echo.grpc.pb.h"

namespace firstline {

// Answers every request with its own tag and payload; a stream's requests
// one at a time, in order, as ConversationService.Converse does.
class EchoService final : public load::v1::EchoService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const load::v1::EchoRequest* request,
                                 load::v1::EchoResponse* response) override;
  grpc::ServerBidiReactor<load::v1::EchoRequest, load::v1::EchoResponse>*
  EchoStream(grpc::CallbackServerContext* context) override;
};

// The echo service serving on an address until destroyed.
class EchoServer {
 public:
  // Serves on `address` (host:port; port 0 picks a free one). UNAVAILABLE
  // when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<EchoServer>> Start(
      const std::string& address);
  ~EchoServer();

  // The port actually bound.
  int port() const { return port_; }
  // Blocks until Shutdown() is called from another thread.
  void Wait() { server_->Wait(); }
  // Lets calls in flight finish (up to a second), then stops.
  void Shutdown();

 private:
  EchoServer() = default;

  EchoService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// Serves echo on `address` until SIGINT or SIGTERM, for load runs from
// another process; prints "echo server on port N" once serving.
absl::Status ServeEchoUntilSignal(const std::string& address,
                                  std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_ECHO_H_
