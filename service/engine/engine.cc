#include "service/engine/engine.h"

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/text/text_shape.h"

namespace firstline {
namespace {

void CopySlots(const std::vector<SlotValue>& slots,
               google::protobuf::RepeatedPtrField<v1::Slot>* out) {
  for (const SlotValue& value : slots) {
    v1::Slot* slot = out->Add();
    slot->set_name(value.name);
    slot->set_value(value.value);
    slot->set_begin(static_cast<int32_t>(value.begin));
    slot->set_end(static_cast<int32_t>(value.end));
  }
}

// Adds `intents` (ranked, tied ...) to a response field as ids and scores.
void AddScores(const std::vector<RankedIntent>& intents,
               const IntentClassifier& classifier,
               google::protobuf::RepeatedPtrField<v1::IntentScore>* out) {
  for (const RankedIntent& ranked : intents) {
    v1::IntentScore* score = out->Add();
    score->set_intent(classifier.intent(ranked.intent).id());
    score->set_score(ranked.score);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Engine>> Engine::Load(
    const std::string& root, const EngineOptions& options) {
  absl::StatusOr<std::unique_ptr<const RulePack>> pack = RulePack::Load(root);
  if (!pack.ok()) return pack.status();
  return Create(**pack, options);
}

absl::StatusOr<std::unique_ptr<const Engine>> Engine::Create(
    const RulePack& pack, const EngineOptions& engine_options) {
  std::unique_ptr<Engine> engine(new Engine());
  absl::StatusOr<std::unique_ptr<Normalizer>> normalizer = Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  engine->normalizer_ = std::move(*normalizer);
  engine->version_ = pack.version();
  const SourceMap& positions = pack.positions();
  std::vector<std::string> problems;

  // Every locale must know every intent: a customer may want anything in
  // any language.
  std::map<std::string, std::vector<const v1::Intent*>> intents_by_locale;
  std::map<std::string, std::vector<const v1::Intent*>> alerts_by_locale;
  absl::flat_hash_set<std::string> all_ids;
  for (const auto& [locale, files] : pack.locales()) {
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        intents_by_locale[locale].push_back(&intent);
        all_ids.insert(intent.id());
      }
      for (const v1::Intent& alert : file->alerts()) {
        alerts_by_locale[locale].push_back(&alert);
      }
    }
  }
  for (const auto& [locale, files] : pack.locales()) {
    absl::flat_hash_set<std::string> ids;
    for (const v1::Intent* intent : intents_by_locale[locale])
      ids.insert(intent->id());
    for (const auto& [other, intents] : intents_by_locale) {
      if (other == locale) continue;
      for (const v1::Intent* intent : intents) {
        if (!ids.contains(intent->id()) && !intent->id().empty()) {
          problems.push_back(
              ErrorAt(positions.Find(*intent, "id"),
                      absl::StrCat("intent '", intent->id(),
                                   "' has no twin in intents/", locale,
                                   "/; every locale needs every intent")));
        }
      }
    }
  }

  if (pack.queues() != nullptr) {
    absl::StatusOr<Routing> routing =
        Routing::Create(*pack.queues(), positions, all_ids);
    if (routing.ok()) {
      engine->routing_ = std::move(*routing);
    } else {
      problems.push_back(std::string(routing.status().message()));
    }
  }

  for (const auto& [locale, files] : pack.locales()) {
    ClassifierOptions options{locale, pack.settings().scoring(),
                              engine_options.cache_dir};
    // Intents and answers compile independently, so an editor sees the
    // problems of both at once.
    absl::StatusOr<std::unique_ptr<const IntentClassifier>> classifier =
        IntentClassifier::Create(options, intents_by_locale[locale],
                                 alerts_by_locale[locale], positions);
    if (!classifier.ok()) {
      problems.push_back(std::string(classifier.status().message()));
    }
    absl::flat_hash_map<std::string, std::vector<std::string>> intent_slots;
    for (const v1::Intent* intent : intents_by_locale[locale]) {
      auto& names = intent_slots[intent->id()];
      for (const auto& slot : intent->slots()) names.push_back(slot.name());
    }
    std::vector<const v1::AnswerFile*> answer_files;
    for (const auto& file : files.answer_files)
      answer_files.push_back(file.get());
    absl::StatusOr<std::unique_ptr<const AnswerBook>> answers =
        AnswerBook::Create(AnswerBookOptions{pack.settings().chat_max_chars(),
                                             engine->normalizer_.get()},
                           answer_files, intent_slots, positions);
    if (!answers.ok()) {
      problems.push_back(std::string(answers.status().message()));
    }
    if (!classifier.ok() || !answers.ok()) continue;
    for (const v1::Intent* intent : intents_by_locale[locale]) {
      if (!(*answers)->Has(intent->id())) {
        problems.push_back(
            ErrorAt(positions.Find(*intent, "id"),
                    absl::StrCat("intent '", intent->id(),
                                 "' has no answer in rules/", locale, "/")));
      }
    }
    for (const auto& [reserved, purpose] :
         {std::pair{kFallbackAnswer, "the reply to messages without an intent"},
          std::pair{kHandoffAnswer,
                    "what the bot says when it passes the conversation to a "
                    "person"},
          std::pair{kOffHoursAnswer,
                    "what the bot adds to a handoff outside working hours"},
          std::pair{kWhichTopicAnswer,
                    "the question when a message could mean two topics"}}) {
      if (!(*answers)->Has(reserved)) {
        problems.push_back(absl::StrCat("rules/", locale,
                                        "/:1:1: no answer for '", reserved,
                                        "', ", purpose));
      }
    }
    for (const std::string& notice : (*classifier)->notices()) {
      engine->notices_.push_back(notice);
    }
    engine->locales_[locale] =
        Locale{std::move(*classifier), std::move(*answers)};
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return std::unique_ptr<const Engine>(std::move(engine));
}

std::vector<std::string> Engine::locales() const {
  std::vector<std::string> names;
  for (const auto& [name, locale] : locales_) names.push_back(name);
  return names;
}

absl::StatusOr<std::string> Engine::ResolveLocale(absl::string_view tag) const {
  std::string language =
      absl::AsciiStrToLower(tag.substr(0, tag.find_first_of("-_")));
  if (locales_.contains(language)) return language;
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported locale '", tag,
                   "'; supported: ", absl::StrJoin(locales(), ", ")));
}

Engine::Analysis Engine::Analyze(absl::string_view text,
                                 const Locale& locale) const {
  Analysis analysis;
  analysis.normalized = normalizer_->Normalize(text);
  analysis.classification = locale.classifier->Classify(analysis.normalized);
  if (analysis.classification.chosen) {
    analysis.slots = locale.classifier->ExtractSlots(
        analysis.classification.chosen->intent, analysis.normalized, text);
  }
  for (int alert : analysis.classification.alerts) {
    analysis.signals.push_back(locale.classifier->intent(alert).id());
  }
  std::sort(analysis.signals.begin(), analysis.signals.end());
  for (std::string& signal : ShapeSignals(text)) {
    analysis.signals.push_back(std::move(signal));
  }
  return analysis;
}

void Engine::FillTrace(const Analysis& analysis,
                       const IntentClassifier& classifier,
                       v1::Trace* trace) const {
  trace->set_normalized_text(analysis.normalized.text);
  trace->set_decision(analysis.classification.decision.ToString());
  AddScores(analysis.classification.ranked, classifier,
            trace->mutable_ranked_intents());
  for (const FiredSignal& fired : analysis.classification.fired) {
    v1::SignalHit* hit = trace->add_hits();
    hit->set_intent(classifier.intent(fired.intent).id());
    hit->set_source(fired.source->ToString());
    hit->set_signal(*fired.text);
    hit->set_weight(fired.weight);
    hit->set_veto(fired.veto);
  }
}

v1::ClassifyResponse Engine::Classify(absl::string_view text,
                                      const std::string& locale_name,
                                      bool include_trace) const {
  const Locale& locale = locales_.at(locale_name);
  const Analysis analysis = Analyze(text, locale);
  v1::ClassifyResponse response;
  response.set_rule_set_version(version_);
  AddScores(analysis.classification.ranked, *locale.classifier,
            response.mutable_ranked_intents());
  if (analysis.classification.chosen) {
    const RankedIntent& chosen = *analysis.classification.chosen;
    response.mutable_intent()->set_intent(
        locale.classifier->intent(chosen.intent).id());
    response.mutable_intent()->set_score(chosen.score);
  }
  CopySlots(analysis.slots, response.mutable_slots());
  for (const std::string& signal : analysis.signals)
    response.add_signals(signal);
  if (include_trace) {
    FillTrace(analysis, *locale.classifier, response.mutable_trace());
  }
  return response;
}

RenderedAnswer Engine::Render(absl::string_view answer,
                              const std::string& locale,
                              const AnswerContext& context) const {
  return locales_.at(locale).answers->Render(answer, context);
}

v1::SendMessageResponse Engine::Respond(const v1::SendMessageRequest& request,
                                        const std::string& locale_name,
                                        NormalizedText* normalized) const {
  const Locale& locale = locales_.at(locale_name);
  if (request.text().empty()) {
    // What Normalize() makes of an empty text.
    if (normalized != nullptr) *normalized = NormalizedText();
    return Reply(request, locale, nullptr);
  }
  Analysis analysis = Analyze(request.text(), locale);
  v1::SendMessageResponse response = Reply(request, locale, &analysis);
  if (normalized != nullptr) *normalized = std::move(analysis.normalized);
  return response;
}

v1::SendMessageResponse Engine::RespondAs(const v1::SendMessageRequest& request,
                                          const std::string& locale_name,
                                          absl::string_view intent,
                                          NormalizedText* normalized) const {
  const Locale& locale = locales_.at(locale_name);
  Analysis analysis = Analyze(request.text(), locale);
  const std::optional<int> index = locale.classifier->FindIntent(intent);
  if (!index) {
    v1::SendMessageResponse response = Reply(request, locale, &analysis);
    if (normalized != nullptr) *normalized = std::move(analysis.normalized);
    return response;
  }
  Classification& classification = analysis.classification;
  RankedIntent chosen{*index, 1.0};
  for (const RankedIntent& ranked : classification.ranked) {
    if (ranked.intent == *index) chosen = ranked;
  }
  classification.chosen = chosen;
  classification.tied.clear();
  absl::StrAppend(&classification.decision.note, "; the customer then chose ",
                  intent);
  analysis.slots = locale.classifier->ExtractSlots(*index, analysis.normalized,
                                                   request.text());
  v1::SendMessageResponse response = Reply(request, locale, &analysis);
  if (normalized != nullptr) *normalized = std::move(analysis.normalized);
  return response;
}

v1::SendMessageResponse Engine::Reply(const v1::SendMessageRequest& request,
                                      const Locale& locale,
                                      const Analysis* analysis) const {
  v1::SendMessageResponse response;
  response.set_rule_set_version(version_);
  if (analysis == nullptr) {
    // Attachments alone: nothing to answer; a person reads them later.
    response.set_action(v1::BOT_ACTION_NONE);
    return response;
  }
  AnswerContext context;
  context.channel = request.channel();
  context.customer_name = request.customer().display_name();
  for (const SlotValue& slot : analysis->slots)
    context.slots[slot.name] = slot.value;

  const Classification& classification = analysis->classification;
  const IntentClassifier& classifier = *locale.classifier;
  const AnswerBook& answers = *locale.answers;
  std::vector<std::string> candidates;
  for (const RankedIntent& tied : classification.tied) {
    candidates.push_back(classifier.intent(tied.intent).id());
  }
  const bool can_ask_which =
      !candidates.empty() && std::all_of(candidates.begin(), candidates.end(),
                                         [&](const std::string& id) {
                                           return !answers.Topic(id).empty();
                                         });
  RenderedAnswer answer;
  if (classification.chosen) {
    const RankedIntent& chosen = *classification.chosen;
    const std::string& id = classifier.intent(chosen.intent).id();
    response.mutable_intent()->set_intent(id);
    response.mutable_intent()->set_score(chosen.score);
    answer = answers.Render(id, context);
  } else if (can_ask_which) {
    AddScores(classification.tied, classifier,
              response.mutable_candidate_intents());
    answer = answers.AskWhich(candidates, context);
  } else {
    answer = answers.Render(kFallbackAnswer, context);
  }
  for (v1::BotMessage& message : answer.messages) {
    *response.add_messages() = std::move(message);
  }
  response.set_action(ToBotAction(answer.action));
  CopySlots(analysis->slots, response.mutable_slots());
  for (const std::string& signal : analysis->signals)
    response.add_signals(signal);
  if (request.include_trace()) {
    FillTrace(*analysis, classifier, response.mutable_trace());
  }
  return response;
}

}  // namespace firstline
