#include "service/lint/pack_lint.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "re2/re2.h"
#include "service/answer/chat_splitter.h"
#include "service/engine/engine.h"

namespace firstline {
namespace {

using Severity = LintFinding::Severity;

// More emoji than this in one answer reads as noise.
constexpr int kMaxEmoji = 3;
// A signal that fires on examples of this many other intents matches
// almost anything.
constexpr int kTooBroadIntents = 3;

class Findings {
 public:
  void Add(SourcePosition where, Severity severity, std::string message,
           std::string hint = "") {
    list_.push_back(
        {std::move(where), severity, std::move(message), std::move(hint)});
  }
  // Adds every "file:line:col: message" line of a load or compile error.
  void AddLines(absl::string_view text, Severity severity,
                absl::string_view hint) {
    static const LazyRE2 kLine = {R"((.*?):(\d+):(\d+): (.*))"};
    for (absl::string_view line :
         absl::StrSplit(text, '\n', absl::SkipEmpty())) {
      SourcePosition where;
      std::string message;
      if (!RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *kLine,
                          &where.file, &where.line, &where.column, &message)) {
        message = std::string(line);
      }
      Add(std::move(where), severity, std::move(message), std::string(hint));
    }
  }
  std::vector<LintFinding> Take() && { return std::move(list_); }

 private:
  std::vector<LintFinding> list_;
};

int CountEmoji(absl::string_view text) {
  int count = 0;
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    // Digits and # are "Emoji" in Unicode too; pictographs are what
    // customers see as emoji.
    if (c > 0x7f && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
      ++count;
    }
  }
  return count;
}

// The examples and counter-examples say what the intents must do.
void CheckExamples(const RulePack& pack, const Engine& engine,
                   Findings* findings) {
  const SourceMap& positions = pack.positions();
  for (const auto& [locale, files] : pack.locales()) {
    // Every signal of the locale, by where it is written.
    std::map<std::string, SourcePosition> signals;
    // How often each signal fired on its own intent's examples, and on
    // which other intents' examples.
    absl::flat_hash_map<std::string, int> fired_own;
    absl::flat_hash_map<std::string, std::set<std::string>> fired_other;
    // Examples by normalised text, to find one under two intents.
    absl::flat_hash_map<std::string, std::string> intent_of_example;

    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        for (const v1::Signal& signal : intent.signals()) {
          const SourcePosition at = positions.Find(signal);
          signals[at.ToString()] = at;
        }
        if (intent.examples().empty()) {
          findings->Add(
              positions.Find(intent, "id"), Severity::kWarning,
              absl::StrCat("intent '", intent.id(), "' has no examples"),
              "add a few real messages under examples:; they are "
              "the intent's tests");
        }
        for (int i = 0; i < intent.examples_size(); ++i) {
          const std::string& text = intent.examples(i);
          const SourcePosition at = positions.Find(intent, "examples", i);
          const std::string normalized = engine.Normalize(text).text;
          auto [it, inserted] =
              intent_of_example.emplace(normalized, intent.id());
          if (!inserted && it->second != intent.id()) {
            findings->Add(
                at, Severity::kError,
                absl::StrCat("example \"", text, "\" is also an example of '",
                             it->second, "'"),
                "a message can have one intent; keep it under the "
                "one it should get");
          }
          const v1::ClassifyResponse got = engine.Classify(text, locale, true);
          for (const v1::SignalHit& hit : got.trace().hits()) {
            if (hit.veto()) continue;
            if (hit.intent() == intent.id()) {
              ++fired_own[hit.source()];
            } else {
              fired_other[hit.source()].insert(intent.id());
            }
          }
          if (got.intent().intent() == intent.id()) continue;
          const std::string& other = got.intent().intent();
          findings->Add(
              at, Severity::kError,
              absl::StrCat("example \"", text, "\" gets ",
                           other.empty() ? "no intent" : "'" + other + "'",
                           " instead of '", intent.id(),
                           "': ", got.trace().decision()),
              other.empty()
                  ? absl::StrCat("add a phrase to '", intent.id(),
                                 "' that this message uses")
                  : absl::StrCat("add a veto to '", other,
                                 "' for this wording, or a stronger signal "
                                 "to '",
                                 intent.id(), "'"));
        }
        for (int i = 0; i < intent.counter_examples_size(); ++i) {
          const std::string& text = intent.counter_examples(i);
          const v1::ClassifyResponse got = engine.Classify(text, locale, true);
          if (got.intent().intent() != intent.id()) continue;
          findings->Add(
              positions.Find(intent, "counter_examples", i), Severity::kError,
              absl::StrCat("counter-example \"", text, "\" gets '", intent.id(),
                           "': ", got.trace().decision()),
              absl::StrCat("add a veto to '", intent.id(),
                           "' with the words that rule it out"));
        }
      }
    }
    for (const auto& [source, at] : signals) {
      auto other = fired_other.find(source);
      if (other != fired_other.end() &&
          static_cast<int>(other->second.size()) >= kTooBroadIntents) {
        findings->Add(
            at, Severity::kWarning,
            absl::StrCat("the signal fires on examples of ",
                         other->second.size(), " other intents, e.g. '",
                         *other->second.begin(),
                         "': it matches almost anything"),
            "make it longer or more specific, or add vetoes");
      }
      if (!fired_own.contains(source)) {
        findings->Add(at, Severity::kWarning,
                      "no example of its intent fires this signal",
                      "add an example it is meant for, so the pack's tests "
                      "cover it");
      }
    }
  }
}

// Answers read well in a chat: short, no phrases the pack bans, few emoji.
void CheckAnswers(const RulePack& pack, const Engine& engine,
                  Findings* findings) {
  const SourceMap& positions = pack.positions();
  const int max_chars = pack.settings().chat_max_chars();
  std::vector<std::pair<std::string, std::string>> banned;  // Normalised.
  for (const std::string& phrase : pack.settings().banned_phrases()) {
    banned.emplace_back(engine.Normalize(phrase).text, phrase);
  }
  auto check_text = [&](const std::string& text, const SourcePosition& at) {
    const std::string normalized = engine.Normalize(text).text;
    for (const auto& [wanted, phrase] : banned) {
      if (!wanted.empty() && absl::StrContains(normalized, wanted)) {
        findings->Add(at, Severity::kWarning,
                      absl::StrCat("uses \"", phrase,
                                   "\", which the pack bans (rules/pack.yaml, "
                                   "banned_phrases)"),
                      "say what you will do for the customer instead");
      }
    }
    const size_t parts = SplitForChat(text, max_chars).size();
    if (parts > 1) {
      findings->Add(at, Severity::kWarning,
                    absl::StrCat("longer than a chat screen (", max_chars,
                                 " characters): sent as ", parts, " messages"),
                    "shorten it, or move details behind a quick reply");
    }
    const int emoji = CountEmoji(text);
    if (emoji > kMaxEmoji) {
      findings->Add(
          at, Severity::kWarning,
          absl::StrCat(emoji, " emoji; at most ", kMaxEmoji, " read well"),
          "keep one that helps, if any");
    }
  };
  for (const auto& [locale, files] : pack.locales()) {
    for (const auto& file : files.answer_files) {
      for (const v1::Answer& answer : file->answers()) {
        // A button that brings back the answer it stands under is a loop.
        const std::string& own =
            answer.intent() == kFallbackAnswer ? "" : answer.intent();
        for (int i = 0; i < answer.options_size(); ++i) {
          const v1::QuickReplyOption& option = answer.options(i);
          const std::string& value =
              option.value().empty() ? option.label() : option.value();
          const v1::ClassifyResponse got =
              engine.Classify(value, locale, /*include_trace=*/false);
          if (got.intent().intent() != own || IsReservedAnswer(own)) continue;
          findings->Add(positions.Find(answer, "options", i), Severity::kError,
                        absl::StrCat("the quick reply \"", value,
                                     "\" brings back the answer it stands "
                                     "under: a loop"),
                        "give it a value that names where it should lead");
        }
        for (int i = 0; i < answer.variants_size(); ++i) {
          check_text(answer.variants(i), positions.Find(answer, "variants", i));
        }
        for (const v1::Detail& detail : answer.details()) {
          for (int i = 0; i < detail.prompts_size(); ++i) {
            check_text(detail.prompts(i), positions.Find(detail, "prompts", i));
          }
        }
      }
    }
  }
}

void SortByPlace(std::vector<LintFinding>* findings) {
  std::stable_sort(
      findings->begin(), findings->end(),
      [](const LintFinding& a, const LintFinding& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) <
               std::tie(b.where.file, b.where.line, b.where.column);
      });
}

}  // namespace

std::string LintFinding::ToString() const {
  std::string text =
      absl::StrCat(where.file.empty() ? "" : where.ToString() + ": ",
                   SeverityName(severity), ": ", message);
  if (!hint.empty()) absl::StrAppend(&text, " (hint: ", hint, ")");
  return text;
}

const char* SeverityName(LintFinding::Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

bool HasErrors(const std::vector<LintFinding>& findings) {
  return std::any_of(
      findings.begin(), findings.end(),
      [](const LintFinding& f) { return f.severity == Severity::kError; });
}

CheckedPack CheckPack(const RulePack& pack, const EngineOptions& options) {
  Findings findings;
  CheckedPack checked;
  if (absl::StatusOr<std::unique_ptr<const Engine>> engine =
          Engine::Create(pack, options);
      !engine.ok()) {
    findings.AddLines(engine.status().message(), Severity::kError, "");
  } else {
    findings.AddLines(absl::StrJoin((*engine)->notices(), "\n"),
                      Severity::kWarning,
                      "it still works; simplify it if you can");
    CheckExamples(pack, **engine, &findings);
    CheckAnswers(pack, **engine, &findings);
    checked.engine = std::move(*engine);
  }
  checked.findings = std::move(findings).Take();
  SortByPlace(&checked.findings);
  return checked;
}

std::vector<LintFinding> LintPack(const std::string& root,
                                  const EngineOptions& options) {
  absl::StatusOr<std::unique_ptr<const RulePack>> pack = RulePack::Load(root);
  if (pack.ok()) return CheckPack(**pack, options).findings;
  Findings findings;
  findings.AddLines(pack.status().message(), Severity::kError, "");
  std::vector<LintFinding> list = std::move(findings).Take();
  SortByPlace(&list);
  return list;
}

}  // namespace firstline
