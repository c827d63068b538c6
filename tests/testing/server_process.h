// The firstline-server binary run by a test as an operator runs it: its own
// process, its output on a pipe.
//
//   auto server = testing::SpawnServer({"--pack=" + pack.root()});
//   ... talk to (*server)->address ...
//   auto [code, output] = testing::StopServer(**server);
#ifndef FIRSTLINE_TESTS_TESTING_SERVER_PROCESS_H_
#define FIRSTLINE_TESTS_TESTING_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace firstline::testing {

struct ServerProcess {
  // Kills the server if the test did not stop it, e.g. when an assertion
  // ended the test early.
  ~ServerProcess();

  pid_t pid = 0;  // 0 once it has exited.
  // "127.0.0.1:PORT".
  std::string address;
  // Its stdout and stderr.
  int output = -1;
};

// Starts firstline-server on 127.0.0.1:0 with in-memory stores and then
// `flags` (which may override both), and waits for the line that says
// where it listens. The output up to that line when it exits first.
absl::StatusOr<std::unique_ptr<ServerProcess>> SpawnServer(
    std::vector<std::string> flags);

// Stops the server with SIGTERM; returns its exit code (-1 when it did not
// exit by itself) and the rest of its output.
std::pair<int, std::string> StopServer(ServerProcess& server);

// Kills the server with SIGKILL, as a crash would, and waits for it.
void KillServer(ServerProcess& server);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_SERVER_PROCESS_H_
