#include "service/reload/pack_reloader.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/content/rule_pack.h"
#include "service/lint/pack_lint.h"
#include "service/reload/pack_stamp.h"

namespace firstline {
namespace {

// The engine of `pack` when lint finds no errors, else FAILED_PRECONDITION
// listing them.
absl::StatusOr<std::unique_ptr<const Engine>> ServableEngine(
    const RulePack& pack, const EngineOptions& options,
    std::vector<std::string>* warnings) {
  CheckedPack checked = CheckPack(pack, options);
  std::vector<std::string> errors;
  for (const LintFinding& finding : checked.findings) {
    if (finding.severity == LintFinding::Severity::kError) {
      errors.push_back(finding.ToString());
    } else if (warnings != nullptr) {
      warnings->push_back(finding.ToString());
    }
  }
  if (!errors.empty()) {
    return absl::FailedPreconditionError(absl::StrJoin(errors, "\n"));
  }
  return std::move(checked.engine);
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Engine>> LoadServablePack(
    const std::string& root, const EngineOptions& options,
    std::vector<std::string>* warnings) {
  absl::StatusOr<std::unique_ptr<const RulePack>> pack = RulePack::Load(root);
  if (!pack.ok()) {
    std::vector<std::string> errors;
    for (const LintFinding& finding : LintPack(root, options)) {
      errors.push_back(finding.ToString());
    }
    return absl::FailedPreconditionError(absl::StrJoin(errors, "\n"));
  }
  return ServableEngine(**pack, options, warnings);
}

absl::StatusOr<std::unique_ptr<PackReloader>> PackReloader::Create(
    PackReloaderOptions options, std::shared_ptr<const Engine> serving,
    Install install) {
  if (serving == nullptr) {
    return absl::InvalidArgumentError("a reloader needs the serving engine");
  }
  if (options.root.empty()) {
    return absl::InvalidArgumentError("a reloader needs the pack's folder");
  }
  if (options.watch_interval < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("watch_interval must not be negative");
  }
  std::unique_ptr<PackReloader> reloader(new PackReloader(
      std::move(options), std::move(serving), std::move(install)));
  if (reloader->options_.watch_interval > absl::ZeroDuration()) {
    reloader->watcher_ = std::thread([r = reloader.get()] { r->Watch(); });
  }
  return reloader;
}

PackReloader::PackReloader(PackReloaderOptions options,
                           std::shared_ptr<const Engine> serving,
                           Install install)
    : options_(std::move(options)),
      install_(std::move(install)),
      serving_(std::move(serving)),
      serving_since_(absl::Now()) {}

PackReloader::~PackReloader() {
  stop_.Notify();
  if (watcher_.joinable()) watcher_.join();
  absl::MutexLock wait_for_reload(&reload_mu_);
}

absl::StatusOr<ReloadOutcome> PackReloader::Reload(const std::string& trigger) {
  absl::MutexLock lock(&reload_mu_);
  absl::StatusOr<ReloadOutcome> outcome = ReloadLocked(trigger);
  // The watcher stays quiet about files that gave the same rule set; a
  // person who asked gets an answer.
  if (outcome.ok() && !outcome->changed && options_.log) {
    options_.log(absl::StrCat("reload (", trigger, "): rule set ",
                              outcome->version, " unchanged"));
  }
  return outcome;
}

absl::StatusOr<ReloadOutcome> PackReloader::ReloadLocked(
    const std::string& trigger) {
  // Stamped before reading, so an edit made while we compile is seen by the
  // next check.
  loaded_stamp_ = PackStamp(options_.root);
  const absl::Time start = absl::Now();
  const std::shared_ptr<const Engine> previous = serving();
  ReloadOutcome outcome;
  outcome.previous_version = previous->version();

  absl::StatusOr<std::unique_ptr<const Engine>> engine;
  absl::StatusOr<std::unique_ptr<const RulePack>> pack =
      RulePack::Load(options_.root);
  if (pack.ok() && (*pack)->version() == previous->version()) {
    outcome.version = previous->version();
    outcome.compile_duration = absl::Now() - start;
    absl::MutexLock lock(&mu_);
    last_error_.clear();
    return outcome;
  }
  engine =
      pack.ok()
          ? ServableEngine(**pack, options_.engine, &outcome.warnings)
          : LoadServablePack(options_.root, options_.engine, &outcome.warnings);
  outcome.compile_duration = absl::Now() - start;
  if (!engine.ok()) {
    const std::string why = absl::StrCat(
        "the rule pack in ", options_.root, " has errors; still serving ",
        previous->version(), ":\n", engine.status().message());
    if (options_.log) {
      options_.log(absl::StrCat("reload (", trigger, ") refused: ", why));
    }
    absl::MutexLock lock(&mu_);
    last_error_ = why;
    return absl::FailedPreconditionError(why);
  }
  std::shared_ptr<const Engine> next = std::move(*engine);
  outcome.version = next->version();
  outcome.changed = true;
  install_(next);
  {
    absl::MutexLock lock(&mu_);
    serving_ = std::move(next);
    serving_since_ = absl::Now();
    last_error_.clear();
  }
  if (options_.log) {
    options_.log(absl::StrFormat(
        "reload (%s): serving rule set %s (was %s), compiled in %.2f s, %d "
        "lint warnings",
        trigger, outcome.version, outcome.previous_version,
        absl::ToDoubleSeconds(outcome.compile_duration),
        outcome.warnings.size()));
  }
  return outcome;
}

std::shared_ptr<const Engine> PackReloader::serving() const {
  absl::MutexLock lock(&mu_);
  return serving_;
}

absl::Time PackReloader::serving_since() const {
  absl::MutexLock lock(&mu_);
  return serving_since_;
}

std::string PackReloader::last_error() const {
  absl::MutexLock lock(&mu_);
  return last_error_;
}

void PackReloader::Watch() {
  // The first check compares against nothing, so an edit made between
  // loading the serving engine and starting to watch is not missed; an
  // unchanged pack costs one read of its files, no compile.
  std::string previous_check;
  while (!stop_.WaitForNotificationWithTimeout(options_.watch_interval)) {
    std::string stamp = PackStamp(options_.root);
    const bool settled = stamp == previous_check;
    previous_check = std::move(stamp);
    if (!settled) continue;
    absl::MutexLock lock(&reload_mu_);
    if (previous_check == loaded_stamp_) continue;
    // A refused reload is logged by ReloadLocked and kept in last_error().
    ReloadLocked("files changed").IgnoreError();
  }
}

}  // namespace firstline
