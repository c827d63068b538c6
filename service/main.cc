// firstline-server: reads flags, loads the rule pack and serves it.
#include <csignal>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "service/engine/engine.h"
#include "service/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve gRPC on; port 0 picks a free port");
ABSL_FLAG(absl::Duration, idle_timeout, absl::Minutes(30),
          "a conversation idle this long starts afresh");
ABSL_FLAG(std::string, pack, ".",
          "the rule pack's root folder (holding intents/ and rules/)");
ABSL_FLAG(std::string, cache_dir, "",
          "where compiled pattern databases are kept between starts; empty "
          "for none");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Serves the firstline gRPC API on a rule pack.\n"
      "Usage: firstline-server [--listen=127.0.0.1:50051] [--pack=DIR]\n"
      "                        [--idle_timeout=30m] [--cache_dir=DIR]");
  absl::ParseCommandLine(argc, argv);

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto engine = firstline::Engine::Load(absl::GetFlag(FLAGS_pack),
                                        {absl::GetFlag(FLAGS_cache_dir)});
  if (!engine.ok()) {
    std::cerr << "firstline-server: the rule pack has errors:\n"
              << engine.status().message() << std::endl;
    return 1;
  }
  for (const std::string& notice : (*engine)->notices()) {
    std::cerr << notice << std::endl;
  }
  std::shared_ptr<const firstline::Engine> shared = std::move(*engine);
  firstline::ServerOptions options;
  options.address = absl::GetFlag(FLAGS_listen);
  options.idle_timeout = absl::GetFlag(FLAGS_idle_timeout);
  auto server = firstline::Server::Start(options, shared);
  if (!server.ok()) {
    std::cerr << "firstline-server: " << server.status().message() << std::endl;
    return 1;
  }
  std::cout << "firstline-server: serving rule set " << shared->version()
            << " (locales " << absl::StrJoin(shared->locales(), ", ")
            << ") on port " << (*server)->port() << std::endl;

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cout << "firstline-server: stopping" << std::endl;
    (*server)->Shutdown();
  });
  (*server)->Wait();
  stopper.join();
  return 0;
}
