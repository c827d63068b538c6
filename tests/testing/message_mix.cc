#include "tests/testing/message_mix.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace firstline::testing {
namespace {

namespace fs = std::filesystem;

void AddExamples(const v1::Intent& intent, std::vector<std::string>* out) {
  for (const std::string& example : intent.examples()) out->push_back(example);
  for (const std::string& example : intent.counter_examples()) {
    out->push_back(example);
  }
}

}  // namespace

absl::StatusOr<std::vector<std::string>> MessageMix(
    const RulePack& pack, const std::string& locale,
    const std::string& source_dir) {
  std::vector<std::string> messages;
  auto files = pack.locales().find(locale);
  if (files != pack.locales().end()) {
    for (const auto& file : files->second.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        AddExamples(intent, &messages);
      }
      for (const v1::Intent& alert : file->alerts()) {
        AddExamples(alert, &messages);
      }
    }
  }
  // Sorted, so the mix is the same on every machine.
  std::vector<fs::path> samples;
  std::error_code error;
  const std::string suffix = absl::StrCat(".", locale, ".txt");
  for (const auto& entry :
       fs::directory_iterator(fs::path(source_dir) / "tests" / "data", error)) {
    if (absl::EndsWith(entry.path().filename().string(), suffix)) {
      samples.push_back(entry.path());
    }
  }
  std::sort(samples.begin(), samples.end());
  for (const fs::path& path : samples) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      absl::string_view text = absl::StripAsciiWhitespace(line);
      if (!text.empty()) messages.emplace_back(text);
    }
  }
  if (messages.empty()) {
    return absl::NotFoundError(
        absl::StrCat("no messages in locale '", locale, "'"));
  }
  return messages;
}

}  // namespace firstline::testing
