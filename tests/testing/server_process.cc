#include "tests/testing/server_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/status/status.h"

extern char** environ;

namespace firstline::testing {
namespace {

const char kServer[] = FIRSTLINE_BINARY_DIR "/bin/firstline-server";

// The rest of what `fd` gives until it closes.
std::string ReadAll(int fd) {
  std::string output;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) output.append(buffer, n);
  return output;
}

}  // namespace

ServerProcess::~ServerProcess() {
  if (pid != 0) KillServer(*this);
}

absl::StatusOr<std::unique_ptr<ServerProcess>> SpawnServer(
    std::vector<std::string> flags) {
  int out[2];
  if (pipe(out) != 0) return absl::InternalError("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  flags.insert(flags.begin(),
               {kServer, "--listen=127.0.0.1:0", "--store=memory"});
  std::vector<char*> argv;
  for (std::string& flag : flags) argv.push_back(flag.data());
  argv.push_back(nullptr);
  auto server = std::make_unique<ServerProcess>();
  const int spawned = posix_spawn(&server->pid, kServer, &actions, nullptr,
                                  argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  server->output = out[0];
  if (spawned != 0) {
    server->pid = 0;
    close(server->output);
    return absl::InternalError(std::string("cannot start ") + kServer);
  }
  std::string seen;
  std::string line;
  for (char c; read(server->output, &c, 1) == 1;) {
    if (c != '\n') {
      line += c;
      continue;
    }
    if (const size_t at = line.rfind("on port "); at != std::string::npos) {
      server->address = "127.0.0.1:" + line.substr(at + 8);
      return server;
    }
    seen += line + "\n";
    line.clear();
  }
  auto [code, rest] = StopServer(*server);
  return absl::InternalError("the server exited with " + std::to_string(code) +
                             ":\n" + seen + line + rest);
}

std::pair<int, std::string> StopServer(ServerProcess& server) {
  kill(server.pid, SIGTERM);
  std::string output = ReadAll(server.output);
  close(server.output);
  int status = 0;
  waitpid(server.pid, &status, 0);
  server.pid = 0;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

void KillServer(ServerProcess& server) {
  kill(server.pid, SIGKILL);
  int status = 0;
  waitpid(server.pid, &status, 0);
  server.pid = 0;
  close(server.output);
}

}  // namespace firstline::testing
