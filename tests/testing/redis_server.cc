#include "tests/testing/redis_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace firstline::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(10);

// 127.0.0.1:`port`.
sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

// A port of 127.0.0.1 that nothing listens on right now.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// True when the server on `port` answers PING.
bool Pongs(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(port);
  bool pong = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      write(fd, "PING\r\n", 6) == 6) {
    char reply[8] = {};
    pong = read(fd, reply, 7) >= 5 && std::string(reply, 5) == "+PONG";
  }
  close(fd);
  return pong;
}

}  // namespace

RedisServer::RedisServer(std::string folder, int port)
    : folder_(std::move(folder)), port_(port) {}

absl::StatusOr<std::unique_ptr<RedisServer>> RedisServer::Start() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "firstline-redis-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError("cannot create a temporary folder");
  }
  absl::Status last = absl::OkStatus();
  // Another process may take the free port first: try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::unique_ptr<RedisServer> server(new RedisServer(pattern, FreePort()));
    last = server->Launch();
    if (last.ok()) return server;
    if (absl::IsFailedPrecondition(last)) break;
  }
  std::filesystem::remove_all(pattern);
  return last;
}

RedisServer::~RedisServer() {
  if (pid_ != 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

std::string RedisServer::address() const {
  return absl::StrCat("redis://127.0.0.1:", port_);
}

absl::Status RedisServer::Launch() {
  std::vector<std::string> args = {"redis-server",
                                   "--port",
                                   absl::StrCat(port_),
                                   "--bind",
                                   "127.0.0.1",
                                   "--dir",
                                   folder_,
                                   "--appendonly",
                                   "yes",
                                   "--appendfsync",
                                   "always",
                                   "--save",
                                   "",
                                   "--logfile",
                                   folder_ + "/redis.log"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) {
    pid_ = 0;
    return absl::InternalError("fork failed");
  }
  if (pid_ == 0) {
    // The server dies with the test, however the test ends, and keeps off
    // the test's output (it logs to its folder).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execvp("redis-server", argv.data());
    _exit(127);
  }
  const absl::Time give_up = absl::Now() + kStartTimeout;
  while (absl::Now() < give_up) {
    if (Pongs(port_)) return absl::OkStatus();
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        return absl::FailedPreconditionError(
            "redis-server is not installed (apt-get install redis-server)");
      }
      return absl::UnavailableError(absl::StrCat(
          "redis-server on port ", port_, " exited; see its log in ", folder_));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("redis-server on port ", port_, " did not answer"));
}

void RedisServer::Stop() {
  if (pid_ == 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = 0;
}

absl::Status RedisServer::Restart() {
  Stop();
  return Launch();
}

}  // namespace firstline::testing
