#include "tests/testing/loopback_server.h"

#include "service/engine/engine.h"

namespace firstline::testing {

absl::StatusOr<std::unique_ptr<Server>> StartLoopbackServer(
    const std::string& pack_root) {
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      Engine::Load(pack_root);
  if (!engine.ok()) return engine.status();
  ServerOptions options;
  options.address = "127.0.0.1:0";
  return Server::Start(options,
                       std::shared_ptr<const Engine>(std::move(*engine)));
}

std::string AddressOf(const Server& server) {
  return "127.0.0.1:" + std::to_string(server.port());
}

}  // namespace firstline::testing
