// The answers of one locale, compiled: templates checked, facts resolved,
// ready to render for any channel.
//
//   auto book = AnswerBook::Create(options, files, intent_slots, positions);
//   RenderedAnswer a = (*book)->Render("track_order", context);
#ifndef FIRSTLINE_SERVICE_ANSWER_ANSWER_BOOK_H_
#define FIRSTLINE_SERVICE_ANSWER_ANSWER_BOOK_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "firstline/v1/conversation.pb.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/answer/template.h"
#include "service/content/source_map.h"
#include "service/matching/slot_extractor.h"
#include "service/text/normalizer.h"

namespace firstline {

// The answer id for messages without an intent.
inline constexpr char kFallbackAnswer[] = "fallback";
// The answer id for when the bot itself passes the conversation to a person
// (it did not understand twice, abuse went on ...).
inline constexpr char kHandoffAnswer[] = "handoff";
// The answer id added to a handoff outside working hours; it may use
// {handoff.opens_at}.
inline constexpr char kOffHoursAnswer[] = "off_hours";
// The answer id for asking which of two topics a message meant; the topics
// come under it as quick replies.
inline constexpr char kWhichTopicAnswer[] = "which_topic";

// True for the answer ids that are not intents (fallback, handoff ...).
bool IsReservedAnswer(absl::string_view id);

struct AnswerBookOptions {
  int chat_max_chars = 500;
  // Brings option labels and topics to the form replies are compared in
  // (see SpokenForm). Required by Create(), not kept.
  const Normalizer* normalizer = nullptr;
};

// What the answer needs to know about the message.
struct AnswerContext {
  v1::Channel channel = v1::CHANNEL_CHAT;
  std::string customer_name;
  absl::flat_hash_map<std::string, std::string> slots;
  // When a person will answer, in the customer's words; empty when unknown.
  std::string handoff_opens_at;
};

// A detail an answer asks for before it can be given (Answer.details).
struct FormDetail {
  struct Option {
    std::string label;
    std::string value;
  };
  std::string slot;
  std::vector<Template> prompts;
  std::vector<Option> options;
  // For each option, its label and synonyms in SpokenForm.
  std::vector<std::vector<std::string>> option_names;
  // Recognises a typed reply; null when only the options do.
  std::unique_ptr<const SlotExtractor> extractor;

  // The value `reply` (the normalised `original`) gives this detail: the
  // option it picks (see PickOption), else what the extractor finds.
  std::optional<std::string> Recognize(const NormalizedText& reply,
                                       absl::string_view original) const;
};

struct RenderedAnswer {
  std::vector<v1::BotMessage> messages;
  v1::AnswerAction action = v1::ANSWER_ACTION_ANSWER;
};

// What the bot did by giving an answer with `action`.
v1::BotAction ToBotAction(v1::AnswerAction action);

class AnswerBook {
 public:
  // Compiles the answer files of a locale. `intent_slots` maps every intent
  // id of the locale to the slots it declares. On error returns
  // INVALID_ARGUMENT listing every problem as file:line:col: message.
  static absl::StatusOr<std::unique_ptr<const AnswerBook>> Create(
      const AnswerBookOptions& options,
      const std::vector<const v1::AnswerFile*>& files,
      const absl::flat_hash_map<std::string, std::vector<std::string>>&
          intent_slots,
      const SourceMap& positions);

  // True when `intent` (or kFallbackAnswer) has an answer.
  bool Has(absl::string_view intent) const { return answers_.contains(intent); }

  // The details the answer of `intent` (which must satisfy Has()) needs,
  // in the order they are asked; empty for most answers.
  const std::vector<FormDetail>& Details(absl::string_view intent) const {
    return answers_.at(intent)->details;
  }

  // The question for detail `detail` of `intent`, in the wording for the
  // `attempt`-th asking (0 first), with its options as quick replies.
  RenderedAnswer Ask(absl::string_view intent, size_t detail, int attempt,
                     const AnswerContext& context) const;

  // The topic of the answer of `intent` (Answer.topic); empty when it has
  // none or there is no such answer.
  const std::string& Topic(absl::string_view intent) const;

  // Asks which of `intents` (all with a Topic()) the customer meant, with
  // their topics as quick replies in that order.
  RenderedAnswer AskWhich(const std::vector<std::string>& intents,
                          const AnswerContext& context) const;

  // The index of the intent of `intents` that `reply` picks, by the number
  // of its quick reply or by its topic (see PickOption).
  std::optional<size_t> PickTopic(const std::vector<std::string>& intents,
                                  const NormalizedText& reply) const;

  // Renders the answer of `intent`, which must satisfy Has(). Variants are
  // used in turn among those whose variables all have values. Thread-safe.
  RenderedAnswer Render(absl::string_view intent,
                        const AnswerContext& context) const;

 private:
  struct Entry {
    std::vector<Template> variants;
    std::vector<v1::QuickReply> options;
    v1::AnswerAction action;
    std::vector<FormDetail> details;
    std::string topic;
    std::string spoken_topic;  // SpokenForm of the topic.
    // Runtime state, not content: which variant comes next.
    mutable std::atomic<uint32_t> next{0};
  };

  AnswerBook() = default;
  std::string Dress(const std::string& body, const TemplateValues& values,
                    v1::Channel channel) const;
  // The messages of `body` in the form of the channel, `options` under the
  // last one.
  void Shape(const std::string& body, const TemplateValues& values,
             v1::Channel channel, const std::vector<v1::QuickReply>& options,
             RenderedAnswer* rendered) const;

  AnswerBookOptions options_;
  absl::flat_hash_map<std::string, std::unique_ptr<Entry>> answers_;
  absl::flat_hash_map<std::string, std::string> facts_;
  std::vector<Template> email_greetings_;
  std::optional<Template> email_sign_off_;
};

// True for channels that get one dressed message (e-mail, helpdesk) rather
// than short chat messages.
bool IsLetterChannel(v1::Channel channel);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_ANSWER_ANSWER_BOOK_H_
