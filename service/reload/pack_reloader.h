// Serves a new rule pack without a restart: reads the pack folder again,
// compiles and lints it off the request path, and installs it only when lint
// finds no errors. Reloads come from an admin call, a signal or the watcher
// that notices edited files.
//
//   PackReloaderOptions options;
//   options.root = "path/to/pack";
//   auto reloader = PackReloader::Create(
//       options, engine, [&](auto next) { service.SetEngine(next); });
//   absl::StatusOr<ReloadOutcome> outcome = (*reloader)->Reload("SIGHUP");
#ifndef FIRSTLINE_SERVICE_RELOAD_PACK_RELOADER_H_
#define FIRSTLINE_SERVICE_RELOAD_PACK_RELOADER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "service/engine/engine.h"

namespace firstline {

struct PackReloaderOptions {
  // The pack's root folder (holding intents/ and rules/).
  std::string root;
  // How the pack is compiled; its cache spares unchanged locales.
  EngineOptions engine;
  // How often the files are checked for edits; zero turns watching off.
  // An edit is taken once the files stayed the same for one interval, so a
  // checkout of many files loads once.
  absl::Duration watch_interval = absl::Seconds(1);
  // Where each reload that changed something or failed is reported.
  std::function<void(const std::string&)> log;
};

// The engine of the pack under `root` when lint finds no errors in it, with
// the lint warnings in `warnings` (may be null). FAILED_PRECONDITION
// listing every error as "file:line:col: error: message (hint: ...)" when it
// does.
absl::StatusOr<std::unique_ptr<const Engine>> LoadServablePack(
    const std::string& root, const EngineOptions& options,
    std::vector<std::string>* warnings);

struct ReloadOutcome {
  // The rule set serving from now on, and the one before the reload.
  std::string version;
  std::string previous_version;
  // False when the pack gave the rule set already serving.
  bool changed = false;
  absl::Duration compile_duration;
  std::vector<std::string> warnings;
};

class PackReloader {
 public:
  // Receives each newly accepted engine; must swap it in atomically.
  using Install = std::function<void(std::shared_ptr<const Engine>)>;

  // `serving` (non-null) is the engine serving now, built from the pack
  // under options.root; later engines go to `install`. Starts watching the
  // files unless options.watch_interval is zero.
  static absl::StatusOr<std::unique_ptr<PackReloader>> Create(
      PackReloaderOptions options, std::shared_ptr<const Engine> serving,
      Install install);
  // Stops watching; waits for a reload in progress.
  ~PackReloader();

  PackReloader(const PackReloader&) = delete;
  PackReloader& operator=(const PackReloader&) = delete;

  // Reads the pack again and installs it when it is a new rule set without
  // lint errors. FAILED_PRECONDITION listing the errors when it has some;
  // the serving engine stays. `trigger` says in the log what asked for it
  // (e.g. "SIGHUP"). One reload runs at a time; callers wait their turn.
  absl::StatusOr<ReloadOutcome> Reload(const std::string& trigger)
      ABSL_LOCKS_EXCLUDED(mu_);

  // The engine serving now.
  std::shared_ptr<const Engine> serving() const ABSL_LOCKS_EXCLUDED(mu_);
  // When it started serving.
  absl::Time serving_since() const ABSL_LOCKS_EXCLUDED(mu_);
  // Why the latest reload was refused; empty when it was not.
  std::string last_error() const ABSL_LOCKS_EXCLUDED(mu_);
  const std::string& root() const { return options_.root; }

 private:
  PackReloader(PackReloaderOptions options,
               std::shared_ptr<const Engine> serving, Install install);
  absl::StatusOr<ReloadOutcome> ReloadLocked(const std::string& trigger)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_);
  void Watch();

  const PackReloaderOptions options_;
  const Install install_;
  // Held for a whole reload, so reloads run one at a time; mu_ guards the
  // state readers see and is held only briefly.
  absl::Mutex reload_mu_;
  // The stamp of the files the latest reload read, good or broken.
  std::string loaded_stamp_ ABSL_GUARDED_BY(reload_mu_);
  mutable absl::Mutex mu_;
  std::shared_ptr<const Engine> serving_ ABSL_GUARDED_BY(mu_);
  absl::Time serving_since_ ABSL_GUARDED_BY(mu_);
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  absl::Notification stop_;
  std::thread watcher_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_RELOAD_PACK_RELOADER_H_
