// A compiled rule pack: everything needed to turn a customer message into
// the bot's reply, for every locale of the pack.
//
//   auto pack = RulePack::Load("path/to/pack");
//   auto engine = Engine::Create(**pack);
//   v1::SendMessageResponse reply = (*engine)->Respond(request, "en");
//
// An Engine is immutable once built and shared as
// std::shared_ptr<const Engine>; a new rule pack means a new Engine.
#ifndef FIRSTLINE_SERVICE_ENGINE_ENGINE_H_
#define FIRSTLINE_SERVICE_ENGINE_ENGINE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "firstline/v1/conversation.pb.h"
#include "service/answer/answer_book.h"
#include "service/content/rule_pack.h"
#include "service/handoff/routing.h"
#include "service/matching/classifier.h"
#include "service/text/normalizer.h"

namespace firstline {

struct EngineOptions {
  // Where compiled pattern databases are kept between runs, so an unchanged
  // locale loads in milliseconds instead of being compiled again. Empty: no
  // cache.
  std::string cache_dir;
};

class Engine {
 public:
  // Compiles `pack`. On error returns INVALID_ARGUMENT listing every problem
  // as file:line:col: message, one per line.
  static absl::StatusOr<std::unique_ptr<const Engine>> Create(
      const RulePack& pack, const EngineOptions& options = {});
  // Loads and compiles the pack under `root`.
  static absl::StatusOr<std::unique_ptr<const Engine>> Load(
      const std::string& root, const EngineOptions& options = {});

  // The pack locale serving a BCP 47 tag: "en-GB" and "EN" give "en".
  // INVALID_ARGUMENT naming the supported locales when none does.
  absl::StatusOr<std::string> ResolveLocale(absl::string_view tag) const;

  // Classifies `text` (valid UTF-8) in `locale` (from ResolveLocale).
  v1::ClassifyResponse Classify(absl::string_view text,
                                const std::string& locale,
                                bool include_trace) const;

  // The bot's reply to a validated request in `locale`. When the message
  // could mean two topics that both have one (Answer.topic), the reply asks
  // which, and names them in candidate_intents. When `normalized` is not
  // null it is set to Normalize(request.text()), which the reply was
  // worked out from.
  v1::SendMessageResponse Respond(const v1::SendMessageRequest& request,
                                  const std::string& locale,
                                  NormalizedText* normalized = nullptr) const;

  // The reply to `request` as if its text had intent `intent`, e.g. the
  // one the customer picked when asked which topic they meant: its slots
  // come from the text, the answer is the intent's. Respond() when `intent`
  // is not an intent of `locale`. Requires a non-empty text. `normalized`
  // as for Respond().
  v1::SendMessageResponse RespondAs(const v1::SendMessageRequest& request,
                                    const std::string& locale,
                                    absl::string_view intent,
                                    NormalizedText* normalized = nullptr) const;

  // Renders answer `answer` (an intent id, kFallbackAnswer or
  // kHandoffAnswer, all of which every locale has) in `locale`.
  RenderedAnswer Render(absl::string_view answer, const std::string& locale,
                        const AnswerContext& context) const;

  // "name@digest" of the pack this engine was built from.
  const std::string& version() const { return version_; }
  std::vector<std::string> locales() const;
  // Where handoffs go and when people work.
  const Routing& routing() const { return routing_; }
  // Things editors should know that are not errors (file:line:col: ...).
  const std::vector<std::string>& notices() const { return notices_; }
  // The answers of `locale`, which must be one of locales().
  const AnswerBook& answers(const std::string& locale) const {
    return *locales_.at(locale).answers;
  }
  // `text` (valid UTF-8) as the patterns see it.
  NormalizedText Normalize(absl::string_view text) const {
    return normalizer_->Normalize(text);
  }
  // The classifier of `locale`, which must be one of locales().
  const IntentClassifier& classifier(const std::string& locale) const {
    return *locales_.at(locale).classifier;
  }

 private:
  struct Locale {
    std::unique_ptr<const IntentClassifier> classifier;
    std::unique_ptr<const AnswerBook> answers;
  };
  // Everything the two calls share about one text.
  struct Analysis {
    NormalizedText normalized;
    Classification classification;
    std::vector<SlotValue> slots;
    // Alerts that fired and the shape signals of the text.
    std::vector<std::string> signals;
  };

  Engine() = default;
  Analysis Analyze(absl::string_view text, const Locale& locale) const;
  // The response for `analysis` of the request's text; null for a request
  // without text.
  v1::SendMessageResponse Reply(const v1::SendMessageRequest& request,
                                const Locale& locale,
                                const Analysis* analysis) const;
  void FillTrace(const Analysis& analysis, const IntentClassifier& classifier,
                 v1::Trace* trace) const;

  std::unique_ptr<const Normalizer> normalizer_;
  std::map<std::string, Locale> locales_;
  std::string version_;
  Routing routing_;
  std::vector<std::string> notices_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_ENGINE_ENGINE_H_
