// A real redis-server of a test's own: on a free port of 127.0.0.1, its data
// in a temporary folder, written to disk at every change so that a restart
// keeps it.
//
//   auto redis = testing::RedisServer::Start();
//   store_options.redis_address = (*redis)->address();
//   (*redis)->Stop();     // the store is unreachable now ...
//   (*redis)->Restart();  // ... and back, on the same port, with its data.
#ifndef FIRSTLINE_TESTS_TESTING_REDIS_SERVER_H_
#define FIRSTLINE_TESTS_TESTING_REDIS_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace firstline::testing {

class RedisServer {
 public:
  // Starts redis-server from the PATH. FAILED_PRECONDITION when it is not
  // installed (the README's test command installs it).
  static absl::StatusOr<std::unique_ptr<RedisServer>> Start();
  // Kills the server and removes its folder.
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // redis://127.0.0.1:PORT
  std::string address() const;
  int port() const { return port_; }

  // Stops the server (SIGTERM) and waits until it has exited.
  void Stop();
  // Starts it again on the same port and data.
  absl::Status Restart();

 private:
  RedisServer(std::string folder, int port);
  absl::Status Launch();

  const std::string folder_;
  const int port_;
  pid_t pid_ = 0;
};

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_REDIS_SERVER_H_
