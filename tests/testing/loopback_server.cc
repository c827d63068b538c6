#include "tests/testing/loopback_server.h"

#include "service/engine/engine.h"
#include "service/reload/pack_reloader.h"

namespace firstline::testing {

ServerOptions NoWatching() {
  ServerOptions options;
  options.reload.watch_interval = absl::ZeroDuration();
  return options;
}

absl::StatusOr<std::unique_ptr<Server>> StartLoopbackServer(
    const std::string& pack_root, ServerOptions options) {
  options.address = "127.0.0.1:0";
  options.reload.root = pack_root;
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      LoadServablePack(pack_root, options.reload.engine, nullptr);
  if (!engine.ok()) return engine.status();
  return Server::Start(options,
                       std::shared_ptr<const Engine>(std::move(*engine)));
}

absl::StatusOr<std::unique_ptr<Server>> StartLoopbackServer(
    std::shared_ptr<const Engine> engine, ServerOptions options) {
  options.address = "127.0.0.1:0";
  options.reload.root.clear();
  return Server::Start(options, std::move(engine));
}

std::string AddressOf(const Server& server) {
  return "127.0.0.1:" + std::to_string(server.port());
}

}  // namespace firstline::testing
