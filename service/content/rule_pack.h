// A rule pack as its files say it: read and checked against the schema,
// not yet compiled (see service/engine for that).
//
// Layout under the pack's root folder:
//   rules/pack.yaml           settings (PackFile)
//   rules/queues.yaml         handoff queues and hours (QueuesFile), optional
//   intents/<locale>/*.yaml   IntentFile
//   rules/<locale>/*.yaml     AnswerFile
#ifndef FIRSTLINE_SERVICE_CONTENT_RULE_PACK_H_
#define FIRSTLINE_SERVICE_CONTENT_RULE_PACK_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/content/source_map.h"

namespace firstline {

// The files of one locale.
struct LocaleFiles {
  std::vector<std::unique_ptr<v1::IntentFile>> intent_files;
  std::vector<std::unique_ptr<v1::AnswerFile>> answer_files;
};

class RulePack {
 public:
  // Reads the pack under `root`. Settings left out get their documented
  // defaults. On error returns INVALID_ARGUMENT whose message lists every
  // problem found, one "file:line:col: message" per line, with paths
  // relative to `root`.
  static absl::StatusOr<std::unique_ptr<const RulePack>> Load(
      const std::string& root);

  const v1::PackFile& settings() const { return settings_; }
  // By locale, e.g. "en".
  const std::map<std::string, LocaleFiles>& locales() const { return locales_; }
  // The handoff queues and hours; null when the pack has no queues file.
  const v1::QueuesFile* queues() const { return queues_.get(); }
  // Where every message and field of the files was written.
  const SourceMap& positions() const { return positions_; }
  // "name@digest": the digest changes whenever any file of the pack does.
  const std::string& version() const { return version_; }

 private:
  RulePack() = default;

  v1::PackFile settings_;
  std::unique_ptr<v1::QueuesFile> queues_;
  std::map<std::string, LocaleFiles> locales_;
  SourceMap positions_;
  std::string version_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_CONTENT_RULE_PACK_H_
