// Decides which intent a message has, for one locale.
//
//   auto classifier = IntentClassifier::Create(options, intents, positions);
//   Classification c = (*classifier)->Classify(normalized);
//   if (c.chosen) std::cout << (*classifier)->intent(c.chosen->intent).id();
//
// Every signal of every intent becomes one or more terms (regular
// expressions); all terms of the locale are matched in one Hyperscan scan,
// then signals are evaluated over the terms that fired and scored as
// intents/README.md describes.
#ifndef FIRSTLINE_SERVICE_MATCHING_CLASSIFIER_H_
#define FIRSTLINE_SERVICE_MATCHING_CLASSIFIER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/content/source_map.h"
#include "service/matching/signal_groups.h"
#include "service/matching/slot_extractor.h"
#include "service/matching/term_matcher.h"
#include "service/text/normalizer.h"

namespace firstline {

struct ClassifierOptions {
  std::string locale;  // Picks the stemmer, e.g. "en".
  v1::Scoring scoring;
  // See TermMatcherOptions::cache_dir.
  std::string cache_dir;
};

// A signal or veto that fired for a message.
struct FiredSignal {
  int intent;
  bool veto;
  double weight;
  const SourcePosition* source;
  const std::string* text;  // The signal as written.
};

struct RankedIntent {
  int intent;  // Index into the classifier's intents.
  double score;
};

// Why a message got its classification, in parts: few callers read it,
// and formatting it for every message cost a tenth of the scoring.
struct Decision {
  enum Kind {
    kNoSignal,        // No signal fired.
    kAllVetoed,       // Every intent that fired was vetoed.
    kBelowMinScore,   // first scored below threshold (min_score).
    kTie,             // first and second, of one priority, within threshold
                      // (margin) of each other.
    kHigherPriority,  // first won over second, within threshold (margin),
                      // by priority.
    kOnlyCandidate,   // first was the only candidate.
    kLeads,           // first led second.
  };
  Kind kind = kNoSignal;
  // Intent ids, owned by the classifier; null when the kind has none.
  const std::string* first = nullptr;
  double first_score = 0;
  const std::string* second = nullptr;
  double second_score = 0;
  double threshold = 0;
  // Appended as it is, e.g. "; the customer then chose X".
  std::string note;

  // One line for people, e.g. "chose track_order: 0.80, the only
  // candidate". Requires the classifier that made it.
  std::string ToString() const;
};

struct Classification {
  // Intents with a score above zero, best first.
  std::vector<RankedIntent> ranked;
  // The intent chosen, if any. Not always ranked[0]: a close call goes to
  // the higher priority.
  std::optional<RankedIntent> chosen;
  // When a close call left no intent: the two intents of equal priority
  // that tied, best first, so the bot can ask which one was meant. Empty
  // otherwise.
  std::vector<RankedIntent> tied;
  std::vector<FiredSignal> fired;
  // The alerts that fired (indices into the classifier's intents), in no
  // particular order. Alerts never appear in `ranked`.
  std::vector<int> alerts;
  // Why this decision; see Decision::ToString().
  Decision decision;
};

class IntentClassifier {
 public:
  // Compiles `intents` (which must outlive nothing: all is copied). On error
  // returns INVALID_ARGUMENT listing every problem as file:line:col: message,
  // one per line. Patterns that fell back to RE2 are listed in notices().
  // `alerts` are recognised like intents and reported apart from them (see
  // IntentFile.alerts); they share the id space.
  static absl::StatusOr<std::unique_ptr<const IntentClassifier>> Create(
      const ClassifierOptions& options,
      const std::vector<const v1::Intent*>& intents,
      const std::vector<const v1::Intent*>& alerts, const SourceMap& positions);

  // Scores `text` (normalised). Thread-safe.
  Classification Classify(const NormalizedText& text) const;

  // The slots of `intent` found in the text.
  std::vector<SlotValue> ExtractSlots(int intent, const NormalizedText& text,
                                      absl::string_view original) const;

  // Intents and alerts.
  int intent_count() const { return static_cast<int>(intents_.size()); }
  bool is_alert(int index) const { return intents_[index].alert; }
  const v1::Intent& intent(int index) const { return intents_[index].spec; }
  // Index of the intent with this id, or nothing.
  std::optional<int> FindIntent(absl::string_view id) const;
  // Things an editor should know that are not errors, e.g. RE2 fallbacks,
  // as file:line:col: message.
  const std::vector<std::string>& notices() const { return notices_; }
  size_t term_count() const { return matcher_->pattern_count(); }
  // The terms messages are scanned with, by id, as the matcher compiled
  // them; for comparing other engines on the same patterns (TermRegexes()).
  // They run over ScanText() of the normalised text.
  const std::vector<Term>& terms() const { return terms_; }

 private:
  // A signal compiled: it fires when every group has a term that fired.
  struct Signal {
    int intent;
    bool veto;
    double weight;
    std::vector<std::vector<int>> groups;  // Term ids; any one of a group.
    SourcePosition source;
    std::string text;
  };
  struct CompiledIntent {
    v1::Intent spec;
    bool alert;
    std::vector<std::unique_ptr<const SlotExtractor>> slots;
  };

  IntentClassifier() = default;

  v1::Scoring scoring_;
  std::vector<CompiledIntent> intents_;
  std::vector<Signal> signals_;
  // The groups of signals_, by index.
  std::unique_ptr<const SignalGroups> signal_groups_;
  std::unique_ptr<const TermMatcher> matcher_;
  std::vector<Term> terms_;
  std::vector<std::string> notices_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_CLASSIFIER_H_
