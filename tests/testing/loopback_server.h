// A real firstline server for tests: on 127.0.0.1, on a free port.
//
//   auto server = testing::StartLoopbackServer(pack.root());
//   ASSERT_TRUE(server.ok()) << server.status();
//   auto channel = grpc::CreateChannel(testing::AddressOf(**server), ...);
#ifndef FIRSTLINE_TESTS_TESTING_LOOPBACK_SERVER_H_
#define FIRSTLINE_TESTS_TESTING_LOOPBACK_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/server/server.h"

namespace firstline::testing {

// Default options, with watching the pack's files turned off.
ServerOptions NoWatching();

// Loads the rule pack under `pack_root` as firstline-server does (refused
// on lint errors) and serves it with `options`, on a free loopback port,
// reloading from `pack_root` on request; files are watched only when
// options.reload.watch_interval is set. The pack's errors or the server's,
// when either fails.
absl::StatusOr<std::unique_ptr<Server>> StartLoopbackServer(
    const std::string& pack_root, ServerOptions options = NoWatching());

// Serves `engine` (non-null), already loaded, with `options` on a free
// loopback port, with no pack folder to reload from: for tests that start
// several servers on one pack.
absl::StatusOr<std::unique_ptr<Server>> StartLoopbackServer(
    std::shared_ptr<const Engine> engine, ServerOptions options = NoWatching());

// "127.0.0.1:PORT" of a server started by StartLoopbackServer.
std::string AddressOf(const Server& server);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_LOOPBACK_SERVER_H_
