#include "service/matching/classifier.h"

#include <re2/re2.h>

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "service/matching/phrase_compiler.h"
#include "service/matching/re2_piece.h"
#include "service/matching/scan_text.h"
#include "service/matching/signal_groups.h"

namespace firstline {
namespace {

// Scores are compared with this tolerance, so 0.9 - 0.8 counts as 0.1.
constexpr double kEpsilon = 1e-9;

bool IsIdentifier(absl::string_view id) {
  static const LazyRE2 kIdentifier = {"[a-z][a-z0-9_]*"};
  return RE2::FullMatch(Re2Piece(id), *kIdentifier);
}

// Builds the signals and terms of one locale, collecting every problem.
class Builder {
 public:
  Builder(const ClassifierOptions& options, const SourceMap& positions,
          PhraseCompiler* phrases)
      : options_(options), positions_(positions), phrases_(phrases) {}

  void Problem(const SourcePosition& at, absl::string_view message) {
    problems_.push_back(ErrorAt(at, message));
  }

  // Returns the id of `term`, adding it when new.
  int AddTerm(Term term, const SourcePosition& at) {
    auto [it, added] = term_ids_.try_emplace(term.Regex(), terms_.size());
    if (added) {
      terms_.push_back(std::move(term));
      term_sources_.push_back(at);
    }
    return it->second;
  }

  // The term ids for "a | b | c", or an empty vector after a problem.
  std::vector<int> Alternatives(absl::string_view item,
                                const SourcePosition& at) {
    std::vector<int> ids;
    for (absl::string_view phrase : absl::StrSplit(item, '|')) {
      phrase = absl::StripAsciiWhitespace(phrase);
      absl::StatusOr<Term> term = phrases_->Phrase(phrase);
      if (!term.ok()) {
        Problem(at, absl::StrCat("'", phrase, "': ", term.status().message()));
        return {};
      }
      ids.push_back(AddTerm(*std::move(term), at));
    }
    return ids;
  }

  // Compiles one signal or veto; false after a problem.
  bool Signal(const v1::Signal& spec, std::vector<std::vector<int>>* groups,
              double* weight) {
    const SourcePosition at = positions_.Find(spec);
    const int kinds = (spec.phrases_size() > 0) + (spec.all_size() > 0) +
                      !spec.regex().empty();
    if (kinds != 1) {
      Problem(at, "a signal needs exactly one of: phrases, all, regex");
      return false;
    }
    *weight =
        spec.weight() == 0 ? options_.scoring.default_weight() : spec.weight();
    if (*weight <= 0 || *weight > 1) {
      Problem(positions_.Find(spec, "weight"),
              "weight must be above 0 and at most 1");
      return false;
    }
    if (spec.phrases_size() > 0) {
      std::vector<int> group;
      for (int i = 0; i < spec.phrases_size(); ++i) {
        std::vector<int> ids =
            Alternatives(spec.phrases(i), positions_.Find(spec, "phrases", i));
        if (ids.empty()) return false;
        group.insert(group.end(), ids.begin(), ids.end());
      }
      groups->push_back(std::move(group));
    }
    for (int i = 0; i < spec.all_size(); ++i) {
      std::vector<int> ids =
          Alternatives(spec.all(i), positions_.Find(spec, "all", i));
      if (ids.empty()) return false;
      groups->push_back(std::move(ids));
    }
    if (!spec.regex().empty()) {
      const SourcePosition regex_at = positions_.Find(spec, "regex");
      // Check the regex as the editor wrote it, so the error shows their text.
      RE2 as_written(spec.regex(), RE2::Quiet);
      if (!as_written.ok()) {
        Problem(regex_at, absl::StrCat("bad regex: ", as_written.error()));
        return false;
      }
      absl::StatusOr<Term> term = PhraseCompiler::Regex(spec.regex());
      if (!term.ok()) {
        Problem(regex_at, term.status().message());
        return false;
      }
      groups->push_back({AddTerm(*std::move(term), regex_at)});
    }
    return true;
  }

  std::vector<std::string> problems_;
  std::vector<Term> terms_;
  std::vector<SourcePosition> term_sources_;

 private:
  const ClassifierOptions& options_;
  const SourceMap& positions_;
  PhraseCompiler* phrases_;
  absl::flat_hash_map<std::string, int> term_ids_;
};

std::string SignalText(const v1::Signal& spec) {
  if (spec.phrases_size() > 0) {
    return absl::StrCat("phrases: ", absl::StrJoin(spec.phrases(), ", "));
  }
  if (spec.all_size() > 0) {
    return absl::StrCat("all: ", absl::StrJoin(spec.all(), " + "));
  }
  return absl::StrCat("regex: ", spec.regex());
}

}  // namespace

std::string Decision::ToString() const {
  std::string text;
  switch (kind) {
    case kNoSignal:
      text = "no signal fired";
      break;
    case kAllVetoed:
      text = "every intent that fired was vetoed";
      break;
    case kBelowMinScore:
      text =
          absl::StrFormat("no intent: best is %s at %.2f, below min_score %.2f",
                          *first, first_score, threshold);
      break;
    case kTie:
      text = absl::StrFormat(
          "no intent: %s %.2f and %s %.2f are closer than margin %.2f", *first,
          first_score, *second, second_score, threshold);
      break;
    case kHigherPriority:
      text = absl::StrFormat(
          "chose %s: %.2f, within margin %.2f of %s %.2f but of higher "
          "priority",
          *first, first_score, threshold, *second, second_score);
      break;
    case kOnlyCandidate:
      text = absl::StrFormat("chose %s: %.2f, the only candidate", *first,
                             first_score);
      break;
    case kLeads:
      text = absl::StrFormat("chose %s: %.2f, leads %s by %.2f", *first,
                             first_score, *second, first_score - second_score);
      break;
  }
  absl::StrAppend(&text, note);
  return text;
}

absl::StatusOr<std::unique_ptr<const IntentClassifier>>
IntentClassifier::Create(const ClassifierOptions& options,
                         const std::vector<const v1::Intent*>& intents,
                         const std::vector<const v1::Intent*>& alerts,
                         const SourceMap& positions) {
  absl::StatusOr<std::unique_ptr<PhraseCompiler>> phrases =
      PhraseCompiler::Create(options.locale);
  if (!phrases.ok()) return phrases.status();
  std::unique_ptr<IntentClassifier> classifier(new IntentClassifier());
  classifier->scoring_ = options.scoring;
  Builder builder(options, positions, phrases->get());
  absl::flat_hash_set<std::string> ids;

  std::vector<std::pair<const v1::Intent*, bool>> specs;  // Alert or not.
  for (const v1::Intent* spec : intents) specs.emplace_back(spec, false);
  for (const v1::Intent* spec : alerts) specs.emplace_back(spec, true);
  for (const auto& [spec, alert] : specs) {
    const int index = static_cast<int>(classifier->intents_.size());
    const SourcePosition at = positions.Find(*spec);
    if (alert && (spec->slots_size() > 0 || spec->priority() != 0)) {
      builder.Problem(at, absl::StrCat("alert '", spec->id(),
                                       "' cannot have slots or a priority"));
    }
    if (!IsIdentifier(spec->id())) {
      builder.Problem(positions.Find(*spec, "id"),
                      absl::StrCat("intent id '", spec->id(),
                                   "' must be lower-case letters, digits and "
                                   "_, starting with a letter"));
    } else if (spec->id() == "fallback") {
      builder.Problem(positions.Find(*spec, "id"),
                      "'fallback' is the answer for messages without an "
                      "intent; it cannot be an intent");
    } else if (!ids.insert(spec->id()).second) {
      builder.Problem(positions.Find(*spec, "id"),
                      absl::StrCat("intent '", spec->id(),
                                   "' is defined twice in this locale"));
    }
    if (spec->signals_size() == 0) {
      builder.Problem(at, absl::StrCat("intent '", spec->id(),
                                       "' has no signals, so it can never "
                                       "be chosen"));
    }
    CompiledIntent compiled{*spec, alert, {}};
    for (int veto = 0; veto < 2; ++veto) {
      const auto& list = veto ? spec->vetoes() : spec->signals();
      for (const v1::Signal& signal_spec : list) {
        Signal signal{index,
                      veto == 1,
                      0,
                      {},
                      positions.Find(signal_spec),
                      SignalText(signal_spec)};
        if (builder.Signal(signal_spec, &signal.groups, &signal.weight)) {
          classifier->signals_.push_back(std::move(signal));
        }
      }
    }
    absl::flat_hash_set<std::string> slot_names;
    for (const v1::SlotExtractor& slot : spec->slots()) {
      const SourcePosition slot_at = positions.Find(slot);
      if (!IsIdentifier(slot.name())) {
        builder.Problem(slot_at,
                        "a slot needs a name: lower-case letters, "
                        "digits and _");
        continue;
      }
      if (!slot_names.insert(slot.name()).second) {
        builder.Problem(slot_at, absl::StrCat("slot '", slot.name(),
                                              "' is declared twice"));
        continue;
      }
      if (slot.builtin().empty() == slot.regex().empty()) {
        builder.Problem(slot_at, "a slot needs exactly one of: builtin, regex");
        continue;
      }
      auto extractor =
          slot.builtin().empty()
              ? SlotExtractor::FromRegex(slot.name(), slot.regex())
              : SlotExtractor::Builtin(slot.name(), slot.builtin());
      if (!extractor.ok()) {
        builder.Problem(
            positions.Find(slot, slot.builtin().empty() ? "regex" : "builtin"),
            extractor.status().message());
        continue;
      }
      compiled.slots.push_back(std::move(*extractor));
    }
    classifier->intents_.push_back(std::move(compiled));
  }
  if (!builder.problems_.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(builder.problems_, "\n"));
  }

  absl::StatusOr<std::unique_ptr<const TermMatcher>> matcher =
      TermMatcher::Create(builder.terms_, {options.cache_dir});
  if (!matcher.ok()) return matcher.status();
  classifier->matcher_ = std::move(*matcher);
  classifier->terms_ = std::move(builder.terms_);
  for (const TermMatcher::Fallback& fallback :
       classifier->matcher_->fallbacks()) {
    classifier->notices_.push_back(
        ErrorAt(builder.term_sources_[fallback.pattern],
                absl::StrCat("Hyperscan cannot compile this (", fallback.reason,
                             "); it is matched with RE2, which is slower")));
  }
  std::vector<std::vector<std::vector<int>>> signal_terms;
  for (const Signal& signal : classifier->signals_) {
    signal_terms.push_back(signal.groups);
  }
  classifier->signal_groups_ = std::make_unique<const SignalGroups>(
      signal_terms, classifier->terms_.size());
  return std::unique_ptr<const IntentClassifier>(std::move(classifier));
}

Classification IntentClassifier::Classify(const NormalizedText& text) const {
  Classification result;
  // Reused by the calls of one thread: a message fires a handful of terms,
  // and allocating these each time cost more than scoring them.
  thread_local std::vector<int> hits;
  thread_local std::vector<int> fired_signals;
  thread_local std::string scan;
  hits.clear();
  scan.clear();
  AppendScanText(text.text, &scan);
  matcher_->Match(scan, &hits);
  if (hits.empty()) {
    result.decision.kind = Decision::kNoSignal;
    return result;
  }
  signal_groups_->Fired(hits, &fired_signals);

  // The intents that fired, a few at most.
  struct Score {
    int intent;
    double miss;  // Product of (1 - w).
    bool vetoed;
  };
  absl::InlinedVector<Score, 8> scores;
  result.fired.reserve(fired_signals.size());
  for (int s : fired_signals) {
    const Signal& signal = signals_[s];
    result.fired.push_back({signal.intent, signal.veto, signal.weight,
                            &signal.source, &signal.text});
    auto score = std::find_if(
        scores.begin(), scores.end(),
        [&](const Score& score) { return score.intent == signal.intent; });
    if (score == scores.end()) {
      score = scores.insert(scores.end(), {signal.intent, 1.0, false});
    }
    if (signal.veto) {
      score->vetoed = true;
    } else {
      score->miss *= 1.0 - signal.weight;
    }
  }
  // A veto matters only where a signal of its intent fired; others would
  // just clutter the trace.
  std::erase_if(result.fired, [&](const FiredSignal& fired) {
    if (!fired.veto) return false;
    for (const Score& score : scores) {
      if (score.intent == fired.intent) return score.miss == 1.0;
    }
    return true;
  });
  result.ranked.reserve(scores.size());
  for (const Score& score : scores) {
    if (score.miss == 1.0 || score.vetoed) continue;
    if (!intents_[score.intent].alert) {
      result.ranked.push_back({score.intent, 1.0 - score.miss});
    } else if (1.0 - score.miss + kEpsilon >= scoring_.min_score()) {
      result.alerts.push_back(score.intent);
    }
  }
  std::sort(result.ranked.begin(), result.ranked.end(),
            [this](const RankedIntent& a, const RankedIntent& b) {
              if (std::abs(a.score - b.score) > kEpsilon)
                return a.score > b.score;
              const v1::Intent& x = intents_[a.intent].spec;
              const v1::Intent& y = intents_[b.intent].spec;
              if (x.priority() != y.priority())
                return x.priority() > y.priority();
              return x.id() < y.id();
            });

  if (result.ranked.empty()) {
    result.decision.kind = Decision::kAllVetoed;
    return result;
  }
  const RankedIntent& top = result.ranked[0];
  const v1::Intent& top_spec = intents_[top.intent].spec;
  if (top.score + kEpsilon < scoring_.min_score()) {
    result.decision = {Decision::kBelowMinScore,
                       &top_spec.id(),
                       top.score,
                       nullptr,
                       0,
                       scoring_.min_score(),
                       ""};
    return result;
  }
  // The close call: every candidate within the margin of the top one. The
  // one of highest priority wins it, if no other shares that priority.
  const RankedIntent* winner = &top;
  const RankedIntent* rival = nullptr;
  for (size_t i = 1; i < result.ranked.size(); ++i) {
    const RankedIntent& candidate = result.ranked[i];
    if (top.score - candidate.score + kEpsilon >= scoring_.margin()) break;
    const int priority = intents_[candidate.intent].spec.priority();
    const int best = intents_[winner->intent].spec.priority();
    if (priority > best) {
      rival = winner;
      winner = &candidate;
    } else if (priority == best) {
      rival = &candidate;
    } else if (rival == nullptr) {
      rival = &candidate;
    }
  }
  const v1::Intent& winner_spec = intents_[winner->intent].spec;
  if (rival != nullptr) {
    const v1::Intent& rival_spec = intents_[rival->intent].spec;
    const bool tie = winner_spec.priority() == rival_spec.priority();
    result.decision = {tie ? Decision::kTie : Decision::kHigherPriority,
                       &winner_spec.id(),
                       winner->score,
                       &rival_spec.id(),
                       rival->score,
                       scoring_.margin(),
                       ""};
    if (tie) {
      result.tied = {*winner, *rival};
    } else {
      result.chosen = *winner;
    }
    return result;
  }
  result.chosen = top;
  if (result.ranked.size() == 1) {
    result.decision = {
        Decision::kOnlyCandidate, &top_spec.id(), top.score, nullptr, 0, 0, ""};
  } else {
    const RankedIntent& second = result.ranked[1];
    result.decision = {Decision::kLeads,
                       &top_spec.id(),
                       top.score,
                       &intents_[second.intent].spec.id(),
                       second.score,
                       0,
                       ""};
  }
  return result;
}

std::vector<SlotValue> IntentClassifier::ExtractSlots(
    int intent, const NormalizedText& text, absl::string_view original) const {
  std::vector<SlotValue> values;
  for (const auto& extractor : intents_[intent].slots) {
    std::optional<SlotValue> value = extractor->Extract(text, original);
    if (value) values.push_back(std::move(*value));
  }
  return values;
}

std::optional<int> IntentClassifier::FindIntent(absl::string_view id) const {
  for (size_t i = 0; i < intents_.size(); ++i) {
    if (intents_[i].spec.id() == id) return static_cast<int>(i);
  }
  return std::nullopt;
}

}  // namespace firstline
