#include "service/content/rule_pack.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/content/digest.h"
#include "service/content/yaml_reader.h"

namespace firstline {
namespace {

namespace fs = std::filesystem;

constexpr double kDefaultWeight = 0.8;
constexpr double kDefaultMinScore = 0.5;
constexpr double kDefaultMargin = 0.1;
constexpr int kDefaultChatMaxChars = 500;

// Collects every problem of a pack, so an editor sees them all at once.
class Problems {
 public:
  void Add(std::string message) { messages_.push_back(std::move(message)); }
  void Add(const absl::Status& status) {
    if (!status.ok()) Add(std::string(status.message()));
  }
  bool empty() const { return messages_.empty(); }
  absl::Status ToStatus() const {
    return absl::InvalidArgumentError(absl::StrJoin(messages_, "\n"));
  }

 private:
  std::vector<std::string> messages_;
};

absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The YAML files directly in `folder`, sorted by name.
std::vector<fs::path> YamlFiles(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() &&
        (extension == ".yaml" || extension == ".yml")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void ApplyDefaults(v1::PackFile* settings) {
  v1::Scoring* scoring = settings->mutable_scoring();
  if (scoring->default_weight() == 0)
    scoring->set_default_weight(kDefaultWeight);
  if (scoring->min_score() == 0) scoring->set_min_score(kDefaultMinScore);
  if (scoring->margin() == 0) scoring->set_margin(kDefaultMargin);
  if (settings->chat_max_chars() == 0) {
    settings->set_chat_max_chars(kDefaultChatMaxChars);
  }
}

void CheckSettings(const v1::PackFile& settings, const SourceMap& positions,
                   Problems* problems) {
  const v1::Scoring& scoring = settings.scoring();
  auto in_range = [&](double value, double low, double high,
                      const char* field) {
    if (value <= low || value > high) {
      problems->Add(ErrorAt(
          positions.Find(scoring, field),
          absl::StrCat(field, " must be above ", low, " and at most ", high)));
    }
  };
  in_range(scoring.default_weight(), 0, 1, "default_weight");
  in_range(scoring.min_score(), 0, 1, "min_score");
  in_range(scoring.margin(), 0, 1, "margin");
  if (settings.chat_max_chars() < 100) {
    problems->Add(ErrorAt(positions.Find(settings, "chat_max_chars"),
                          "chat_max_chars must be at least 100"));
  }
  if (settings.locales().empty()) {
    problems->Add(ErrorAt(positions.Find(settings),
                          "locales is empty; list the pack's locales, e.g. "
                          "[en, ru]"));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<const RulePack>> RulePack::Load(
    const std::string& root_text) {
  const fs::path root(root_text);
  std::unique_ptr<RulePack> pack(new RulePack());
  Problems problems;
  Digest digest;

  const std::string settings_name = "rules/pack.yaml";
  absl::StatusOr<std::string> settings_text = ReadFile(root / settings_name);
  if (!settings_text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        settings_name, ":1:1: missing: a rule pack needs its settings file (",
        (root / settings_name).string(), ")"));
  }
  digest.Add(settings_name, *settings_text);
  absl::Status status = ReadYaml(settings_name, *settings_text,
                                 &pack->settings_, &pack->positions_);
  if (!status.ok()) return status;
  ApplyDefaults(&pack->settings_);
  CheckSettings(pack->settings_, pack->positions_, &problems);

  const std::string queues_name = "rules/queues.yaml";
  if (absl::StatusOr<std::string> queues_text = ReadFile(root / queues_name);
      queues_text.ok()) {
    digest.Add(queues_name, *queues_text);
    pack->queues_ = std::make_unique<v1::QueuesFile>();
    problems.Add(ReadYaml(queues_name, *queues_text, pack->queues_.get(),
                          &pack->positions_));
  }

  for (int i = 0; i < pack->settings_.locales_size(); ++i) {
    const std::string& locale = pack->settings_.locales(i);
    const SourcePosition where =
        pack->positions_.Find(pack->settings_, "locales", i);
    if (pack->locales_.contains(locale)) {
      problems.Add(ErrorAt(
          where, absl::StrCat("locale '", locale, "' is listed twice")));
      continue;
    }
    LocaleFiles& files = pack->locales_[locale];
    for (const char* kind : {"intents", "rules"}) {
      const fs::path folder = root / kind / locale;
      const std::vector<fs::path> paths = YamlFiles(folder);
      if (paths.empty()) {
        problems.Add(ErrorAt(
            where, absl::StrCat("locale '", locale, "' has no files in ", kind,
                                "/", locale, "/")));
      }
      for (const fs::path& path : paths) {
        const std::string name = fs::relative(path, root).generic_string();
        absl::StatusOr<std::string> text = ReadFile(path);
        if (!text.ok()) {
          problems.Add(absl::StrCat(name, ":1:1: ", text.status().message()));
          continue;
        }
        digest.Add(name, *text);
        google::protobuf::Message* message;
        std::string file_locale;
        if (std::string(kind) == "intents") {
          files.intent_files.push_back(std::make_unique<v1::IntentFile>());
          message = files.intent_files.back().get();
        } else {
          files.answer_files.push_back(std::make_unique<v1::AnswerFile>());
          message = files.answer_files.back().get();
        }
        absl::Status read = ReadYaml(name, *text, message, &pack->positions_);
        if (!read.ok()) {
          problems.Add(read);
          continue;
        }
        const auto* locale_field =
            message->GetDescriptor()->FindFieldByName("locale");
        const std::string declared =
            message->GetReflection()->GetString(*message, locale_field);
        if (declared != locale) {
          problems.Add(ErrorAt(
              pack->positions_.Find(*message, "locale"),
              absl::StrCat("locale is '", declared, "' but the file is in ",
                           kind, "/", locale, "/; set locale: ", locale)));
        }
      }
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  pack->version_ = absl::StrCat(
      pack->settings_.name().empty() ? "pack" : pack->settings_.name(), "@",
      digest.Hex().substr(0, 12));
  return std::unique_ptr<const RulePack>(std::move(pack));
}

}  // namespace firstline
