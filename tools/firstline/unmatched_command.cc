#include "tools/firstline/unmatched_command.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "service/answer/option_pick.h"
#include "service/text/normalizer.h"
#include "service/text/stemmer.h"

namespace firstline {
namespace {

// Words that say nothing about the topic, by locale; shorter words are
// skipped anyway.
const absl::flat_hash_set<std::string>& FunctionWords() {
  static const auto* words = new absl::flat_hash_set<std::string>{
      // English.
      "this", "that", "with", "have", "what", "when", "where", "your", "from",
      "there", "about", "would", "could", "please", "they", "them", "will",
      "just", "like", "want", "need", "know", "been", "does", "were", "which",
      "thank", "thanks", "hello",
      // Russian.
      "меня", "можно", "если", "этот", "есть", "было", "чтобы", "пожалуйста",
      "очень", "когда", "только", "какой", "какие", "почему", "нужно", "хочу",
      "здравствуйте", "спасибо", "вообще", "всего", "тогда", "сейчас",
      "который", "которая", "которое", "которые", "которого", "которой",
      "которым", "которую", "которых", "моей", "моего", "моих", "моим", "мною",
      "свой", "своя", "свое", "свои", "своей", "своего", "своих", "своим",
      "свою", "этого", "этой", "этом", "этим", "этих", "также", "может", "могу",
      "были", "была"};
  return *words;
}

constexpr size_t kMinLetters = 4;

size_t Letters(absl::string_view word) {
  size_t count = 0;
  for (const char c : word)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

absl::Status RunUnmatched(const Engine& engine,
                          const UnmatchedCommandOptions& options,
                          std::istream& in, std::ostream& out) {
  absl::StatusOr<std::string> locale = engine.ResolveLocale(options.locale);
  if (!locale.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--locale: ", locale.status().message()));
  }
  absl::StatusOr<std::unique_ptr<Stemmer>> stemmer = Stemmer::Create(*locale);
  if (!stemmer.ok()) return stemmer.status();

  int total = 0;
  std::vector<std::string> unmatched;
  std::vector<std::vector<std::string>> stems_of;  // Per unmatched message.
  absl::flat_hash_map<std::string, int> messages_with;  // By stem.
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || !IsValidUtf8(line)) continue;
    ++total;
    if (engine.Classify(line, *locale, false).has_intent()) continue;
    std::vector<std::string> stems;
    for (absl::string_view word : absl::StrSplit(
             SpokenForm(engine.Normalize(line).text), ' ', absl::SkipEmpty())) {
      if (Letters(word) < kMinLetters ||
          FunctionWords().contains(std::string(word))) {
        continue;
      }
      std::string stem = (*stemmer)->Stem(word);
      if (std::find(stems.begin(), stems.end(), stem) == stems.end()) {
        ++messages_with[stem];
        stems.push_back(std::move(stem));
      }
    }
    unmatched.push_back(line);
    stems_of.push_back(std::move(stems));
  }

  // Each message joins the group of its most shared word.
  std::map<std::string, std::vector<int>> groups;
  std::vector<int> ungrouped;
  for (size_t i = 0; i < unmatched.size(); ++i) {
    const std::string* best = nullptr;
    for (const std::string& stem : stems_of[i]) {
      if (best == nullptr || messages_with[stem] > messages_with[*best] ||
          (messages_with[stem] == messages_with[*best] && stem < *best)) {
        best = &stem;
      }
    }
    if (best == nullptr || messages_with[*best] < 2) {
      ungrouped.push_back(static_cast<int>(i));
    } else {
      groups[*best].push_back(static_cast<int>(i));
    }
  }
  std::vector<std::pair<std::string, std::vector<int>>> ordered;
  for (auto& [stem, members] : groups) {
    if (members.size() < 2) {
      ungrouped.push_back(members[0]);
    } else {
      ordered.emplace_back(stem, std::move(members));
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) {
                     return a.second.size() > b.second.size();
                   });

  out << unmatched.size() << " of " << total << " messages have no intent\n";
  int printed = 0;
  for (const auto& [stem, members] : ordered) {
    if (printed++ == options.groups) break;
    out << "\n" << members.size() << "  " << stem << "\n";
    for (int i = 0; i < std::min<int>(options.examples, members.size()); ++i) {
      out << "    " << unmatched[members[i]] << "\n";
    }
  }
  if (!ungrouped.empty()) {
    out << "\n" << ungrouped.size() << " more in no group\n";
  }
  return absl::OkStatus();
}

}  // namespace firstline
