// firstline-server: reads flags, loads the rule pack and serves it.
#include <algorithm>
#include <csignal>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/engine/engine.h"
#include "service/reload/pack_reloader.h"
#include "service/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve gRPC on; port 0 picks a free port");
ABSL_FLAG(absl::Duration, idle_timeout, absl::Minutes(30),
          "a conversation idle this long starts afresh");
ABSL_FLAG(std::string, store, "sqlite",
          "where conversations and handoffs are kept: sqlite (durable, in "
          "--data_dir), memory (lost on restart), or redis://host:port "
          "(shared by every replica using that server)");
ABSL_FLAG(std::string, data_dir, "data",
          "the folder of the SQLite file with --store=sqlite");
ABSL_FLAG(absl::Duration, resolved_retention, absl::Hours(24 * 30),
          "resolved handoffs are deleted after this long");
ABSL_FLAG(std::string, redis_key_prefix, "firstline:",
          "with --store=redis://...: what every key starts with, so that "
          "deployments can share a server");
ABSL_FLAG(absl::Duration, redelivery_timeout, absl::Minutes(1),
          "with --store=redis://...: a handoff a desk was given and did not "
          "claim within this goes to another desk of its queue");
ABSL_FLAG(int, turn_threads, 32,
          "with --store=sqlite or redis://...: threads that run conversation "
          "turns, which wait for the disk or the network; with "
          "--store=memory, turns run on gRPC's own threads");
ABSL_FLAG(std::string, pack, ".",
          "the rule pack's root folder (holding intents/ and rules/)");
ABSL_FLAG(std::string, cache_dir, "",
          "where compiled pattern databases are kept between starts; empty "
          "for none");
ABSL_FLAG(absl::Duration, watch_interval, absl::Seconds(1),
          "how often the pack's files are checked for edits, which are then "
          "served without a restart; 0 turns watching off (SIGHUP and the "
          "AdminService.ReloadPack call still reload)");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Serves the firstline gRPC API on a rule pack.\n"
      "Usage: firstline-server [--listen=127.0.0.1:50051] [--pack=DIR]\n"
      "                        [--store=sqlite|memory|redis://host:port]\n"
      "                        [--data_dir=data]\n"
      "                        [--idle_timeout=30m] [--cache_dir=DIR]\n"
      "                        [--watch_interval=1s]\n"
      "SIGHUP reloads the pack; SIGINT and SIGTERM stop the server.");
  absl::ParseCommandLine(argc, argv);

  // Block the signals we handle in every thread; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A store's server may close a connection under us: writing to it must
  // fail that call, not end the process.
  signal(SIGPIPE, SIG_IGN);
  // The deadlock detector, on in this build of Abseil, walks a graph at
  // every lock: a share of each call's CPU for a debugging aid.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  firstline::ServerOptions options;
  options.address = absl::GetFlag(FLAGS_listen);
  const std::string store = absl::GetFlag(FLAGS_store);
  if (store == "sqlite") {
    options.store.data_dir = absl::GetFlag(FLAGS_data_dir);
  } else if (absl::StartsWith(store, "redis://")) {
    options.store.redis_address = store;
    options.store.redis_key_prefix = absl::GetFlag(FLAGS_redis_key_prefix);
    options.store.redelivery_timeout = absl::GetFlag(FLAGS_redelivery_timeout);
  } else if (store != "memory") {
    std::cerr << "firstline-server: --store: unknown store '" << store
              << "'; use sqlite, memory or redis://host:port" << std::endl;
    return 2;
  }
  if (absl::GetFlag(FLAGS_turn_threads) < 1) {
    std::cerr << "firstline-server: --turn_threads: must be at least 1"
              << std::endl;
    return 2;
  }
  options.turn_threads = absl::GetFlag(FLAGS_turn_threads);
  options.store.idle_timeout = absl::GetFlag(FLAGS_idle_timeout);
  options.store.resolved_retention = absl::GetFlag(FLAGS_resolved_retention);
  options.reload.root = absl::GetFlag(FLAGS_pack);
  options.reload.engine.cache_dir = absl::GetFlag(FLAGS_cache_dir);
  options.reload.watch_interval =
      std::max(absl::GetFlag(FLAGS_watch_interval), absl::ZeroDuration());
  options.reload.log = [](const std::string& line) {
    std::cerr << "firstline-server: " << line << std::endl;
  };

  std::vector<std::string> warnings;
  auto engine = firstline::LoadServablePack(options.reload.root,
                                            options.reload.engine, &warnings);
  if (!engine.ok()) {
    std::cerr << "firstline-server: the rule pack has errors:\n"
              << engine.status().message() << std::endl;
    return 1;
  }
  if (!warnings.empty()) {
    std::cerr << "firstline-server: the rule pack has " << warnings.size()
              << " lint warnings; `firstline lint` lists them" << std::endl;
  }
  std::shared_ptr<const firstline::Engine> shared = std::move(*engine);
  auto server = firstline::Server::Start(options, shared);
  if (!server.ok()) {
    std::cerr << "firstline-server: " << server.status().message() << std::endl;
    return 1;
  }
  std::cout << "firstline-server: serving rule set " << shared->version()
            << " (locales " << absl::StrJoin(shared->locales(), ", ")
            << ") on port " << (*server)->port() << std::endl;

  std::thread signal_handler([&] {
    int signal = 0;
    while (sigwait(&signals, &signal) == 0 && signal == SIGHUP) {
      // The reloader logs the outcome either way.
      (*server)->ReloadPack("SIGHUP").IgnoreError();
    }
    std::cout << "firstline-server: stopping" << std::endl;
    (*server)->Shutdown();
  });
  (*server)->Wait();
  signal_handler.join();
  return 0;
}
