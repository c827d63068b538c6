#include "service/answer/answer_book.h"

#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/answer/chat_splitter.h"
#include "service/answer/option_pick.h"

namespace firstline {

bool IsLetterChannel(v1::Channel channel) {
  return channel == v1::CHANNEL_EMAIL || channel == v1::CHANNEL_HELPDESK;
}

v1::BotAction ToBotAction(v1::AnswerAction action) {
  switch (action) {
    case v1::ANSWER_ACTION_ASK:
      return v1::BOT_ACTION_ASKED;
    case v1::ANSWER_ACTION_HANDOFF:
      return v1::BOT_ACTION_HANDED_OFF;
    default:
      return v1::BOT_ACTION_ANSWERED;
  }
}

bool IsReservedAnswer(absl::string_view id) {
  return id == kFallbackAnswer || id == kHandoffAnswer ||
         id == kOffHoursAnswer || id == kWhichTopicAnswer;
}

std::optional<std::string> FormDetail::Recognize(
    const NormalizedText& reply, absl::string_view original) const {
  if (std::optional<size_t> picked =
          PickOption(SpokenForm(reply.text), option_names)) {
    return options[*picked].value;
  }
  if (extractor != nullptr) {
    if (std::optional<SlotValue> value = extractor->Extract(reply, original)) {
      return value->value;
    }
  }
  return std::nullopt;
}

namespace {

// Checks one template against what can fill it; returns the problem or "".
std::string CheckVariables(
    const Template& t,
    const absl::flat_hash_map<std::string, std::string>& facts,
    const std::vector<std::string>* slots, bool customer_allowed) {
  for (const Template::Variable& v : t.variables()) {
    if (v.space == "shop" && !facts.contains(v.name)) {
      return absl::StrCat(v.ToString(), ": no fact '", v.name,
                          "' in the facts of this locale; add it under facts:");
    }
    if (v.space == "slot") {
      const bool declared =
          slots != nullptr &&
          std::find(slots->begin(), slots->end(), v.name) != slots->end();
      if (!declared) {
        return absl::StrCat(v.ToString(), ": the intent declares no slot '",
                            v.name, "', so nothing can fill it");
      }
    }
    if (v.space == "customer" && !customer_allowed) {
      return absl::StrCat(v.ToString(), " cannot be used here");
    }
  }
  return "";
}

// Compiles one detail of a form; nothing after a problem.
std::optional<FormDetail> CompileDetail(
    const v1::Detail& spec,
    const absl::flat_hash_map<std::string, std::string>& facts,
    const std::vector<std::string>& slots, const Normalizer& normalizer,
    const SourceMap& positions, std::vector<std::string>* problems) {
  const SourcePosition at = positions.Find(spec);
  auto problem = [&](const SourcePosition& where, absl::string_view message) {
    problems->push_back(ErrorAt(where, message));
  };
  FormDetail detail;
  detail.slot = spec.slot();
  if (spec.slot().empty()) {
    problem(at, "a detail needs the slot it fills: slot: NAME");
    return std::nullopt;
  }
  bool plain_prompt = false;
  for (int i = 0; i < spec.prompts_size(); ++i) {
    const SourcePosition prompt_at = positions.Find(spec, "prompts", i);
    absl::StatusOr<Template> prompt = Template::Parse(spec.prompts(i));
    if (!prompt.ok()) {
      problem(prompt_at, prompt.status().message());
      return std::nullopt;
    }
    std::string bad = CheckVariables(*prompt, facts, &slots, true);
    if (!bad.empty()) {
      problem(prompt_at, bad);
      return std::nullopt;
    }
    plain_prompt |= prompt->NeedsOnlyFacts();
    detail.prompts.push_back(std::move(*prompt));
  }
  if (!plain_prompt) {
    problem(at,
            absl::StrCat("detail '", spec.slot(),
                         "' needs a prompt without {customer.name} or slots"));
    return std::nullopt;
  }
  for (const v1::DetailOption& option : spec.options()) {
    if (option.label().empty()) {
      problem(positions.Find(option), "an option needs a label");
      return std::nullopt;
    }
    detail.options.push_back({option.label(), option.value().empty()
                                                  ? option.label()
                                                  : option.value()});
    std::vector<std::string>& names = detail.option_names.emplace_back();
    names.push_back(SpokenForm(normalizer.Normalize(option.label()).text));
    for (const std::string& synonym : option.synonyms()) {
      names.push_back(SpokenForm(normalizer.Normalize(synonym).text));
    }
  }
  if (!spec.builtin().empty() || !spec.regex().empty()) {
    auto extractor = spec.builtin().empty()
                         ? SlotExtractor::FromRegex(spec.slot(), spec.regex())
                         : SlotExtractor::Builtin(spec.slot(), spec.builtin());
    if (!extractor.ok()) {
      problem(
          positions.Find(spec, spec.builtin().empty() ? "regex" : "builtin"),
          extractor.status().message());
      return std::nullopt;
    }
    detail.extractor = std::move(*extractor);
  } else if (detail.options.empty()) {
    problem(at,
            absl::StrCat("detail '", spec.slot(),
                         "' needs options, a builtin or a regex to recognise "
                         "the reply"));
    return std::nullopt;
  }
  return detail;
}

}  // namespace

absl::StatusOr<std::unique_ptr<const AnswerBook>> AnswerBook::Create(
    const AnswerBookOptions& options,
    const std::vector<const v1::AnswerFile*>& files,
    const absl::flat_hash_map<std::string, std::vector<std::string>>&
        intent_slots,
    const SourceMap& positions) {
  std::unique_ptr<AnswerBook> book(new AnswerBook());
  if (options.normalizer == nullptr) {
    return absl::InvalidArgumentError("AnswerBookOptions.normalizer is unset");
  }
  book->options_ = options;
  book->options_.normalizer = nullptr;
  std::vector<std::string> problems;
  auto problem = [&](const SourcePosition& at, absl::string_view message) {
    problems.push_back(ErrorAt(at, message));
  };

  // Facts first: templates anywhere may use facts from any file.
  const v1::AnswerFile* email_file = nullptr;
  for (const v1::AnswerFile* file : files) {
    for (const auto& [name, value] : file->facts()) {
      if (value.empty()) {
        problem(positions.Find(*file, "facts"),
                absl::StrCat("fact '", name, "' is empty; give it a value"));
      } else if (!book->facts_.emplace(name, value).second) {
        problem(
            positions.Find(*file, "facts"),
            absl::StrCat("fact '", name, "' is defined twice in this locale"));
      }
    }
    if (file->has_email()) {
      if (email_file != nullptr) {
        problem(positions.Find(*file, "email"),
                "email is set in two files of this locale; keep one");
      }
      email_file = file;
    }
  }

  if (email_file != nullptr) {
    const v1::EmailForm& form = email_file->email();
    bool has_plain_greeting = false;
    for (int i = 0; i < form.greetings_size(); ++i) {
      const SourcePosition at = positions.Find(form, "greetings", i);
      absl::StatusOr<Template> greeting = Template::Parse(form.greetings(i));
      if (!greeting.ok()) {
        problem(at, greeting.status().message());
        continue;
      }
      std::string bad = CheckVariables(*greeting, book->facts_, nullptr, true);
      if (!bad.empty()) problem(at, bad);
      has_plain_greeting |= greeting->NeedsOnlyFacts();
      book->email_greetings_.push_back(std::move(*greeting));
    }
    if (!has_plain_greeting) {
      problem(positions.Find(form),
              "email needs a greeting without {customer.name}, for customers "
              "whose name is unknown");
    }
    absl::StatusOr<Template> sign_off = Template::Parse(form.sign_off());
    if (!sign_off.ok()) {
      problem(positions.Find(form, "sign_off"), sign_off.status().message());
    } else if (std::string bad =
                   CheckVariables(*sign_off, book->facts_, nullptr, false);
               !bad.empty()) {
      problem(positions.Find(form, "sign_off"), bad);
    } else {
      book->email_sign_off_ = std::move(*sign_off);
    }
  }

  for (const v1::AnswerFile* file : files) {
    for (const v1::Answer& answer : file->answers()) {
      const SourcePosition at = positions.Find(answer, "intent");
      const std::string& intent = answer.intent();
      const std::vector<std::string>* slots = nullptr;
      if (!IsReservedAnswer(intent)) {
        auto it = intent_slots.find(intent);
        if (it == intent_slots.end()) {
          problem(at,
                  absl::StrCat("no intent '", intent,
                               "' in this locale; answers need an intent "
                               "of the same id in intents/, or 'fallback'"));
          continue;
        }
        slots = &it->second;
      }
      if (book->answers_.contains(intent)) {
        problem(at, absl::StrCat("intent '", intent, "' is answered twice"));
        continue;
      }
      // The detail slots are slots of this answer too.
      std::vector<std::string> answer_slots =
          slots ? *slots : std::vector<std::string>();
      for (const v1::Detail& detail : answer.details()) {
        answer_slots.push_back(detail.slot());
      }
      slots = &answer_slots;
      auto entry = std::make_unique<Entry>();
      for (const v1::Detail& spec : answer.details()) {
        std::optional<FormDetail> detail =
            CompileDetail(spec, book->facts_, answer_slots, *options.normalizer,
                          positions, &problems);
        if (detail) entry->details.push_back(std::move(*detail));
      }
      entry->topic = answer.topic();
      entry->spoken_topic =
          SpokenForm(options.normalizer->Normalize(answer.topic()).text);
      entry->action = answer.action() == v1::ANSWER_ACTION_UNSPECIFIED
                          ? v1::ANSWER_ACTION_ANSWER
                          : answer.action();
      bool always_renders = false;
      bool bad_variant = false;
      for (int i = 0; i < answer.variants_size(); ++i) {
        const SourcePosition variant_at = positions.Find(answer, "variants", i);
        absl::StatusOr<Template> variant = Template::Parse(answer.variants(i));
        if (!variant.ok()) {
          problem(variant_at, variant.status().message());
          bad_variant = true;
          continue;
        }
        std::string bad = CheckVariables(*variant, book->facts_, slots, true);
        if (!bad.empty()) {
          problem(variant_at, bad);
          bad_variant = true;
          continue;
        }
        always_renders |= variant->NeedsOnlyFacts();
        entry->variants.push_back(std::move(*variant));
      }
      if (answer.variants_size() == 0) {
        problem(positions.Find(answer),
                absl::StrCat("the answer to '", intent, "' has no variants"));
      } else if (!always_renders && !bad_variant) {
        problem(positions.Find(answer, "variants"),
                "every variant needs {customer.name} or a slot; add one that "
                "needs neither, for messages without them");
      }
      for (int i = 0; i < answer.options_size(); ++i) {
        const v1::QuickReplyOption& option = answer.options(i);
        if (option.label().empty()) {
          problem(positions.Find(answer, "options", i),
                  "an option needs a label");
          continue;
        }
        v1::QuickReply reply;
        reply.set_label(option.label());
        reply.set_value(option.value().empty() ? option.label()
                                               : option.value());
        entry->options.push_back(std::move(reply));
      }
      book->answers_.emplace(intent, std::move(entry));
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return std::unique_ptr<const AnswerBook>(std::move(book));
}

std::string AnswerBook::Dress(const std::string& body,
                              const TemplateValues& values,
                              v1::Channel channel) const {
  if (!IsLetterChannel(channel)) return body;
  std::string letter;
  for (const Template& greeting : email_greetings_) {
    if (std::optional<std::string> text = greeting.Render(values)) {
      letter = absl::StrCat(*text, "\n\n");
      break;
    }
  }
  absl::StrAppend(&letter, body);
  if (email_sign_off_) {
    if (std::optional<std::string> text = email_sign_off_->Render(values)) {
      absl::StrAppend(&letter, "\n\n", *text);
    }
  }
  return letter;
}

RenderedAnswer AnswerBook::Render(absl::string_view intent,
                                  const AnswerContext& context) const {
  const Entry& entry = *answers_.at(intent);
  TemplateValues values{context.customer_name, context.slots, &facts_,
                        context.handoff_opens_at};
  // The variants that can be filled and use the most of what is known
  // about this message (its slots, the name ...): a known order number is
  // worth mentioning.
  // Only the variant given is rendered.
  absl::InlinedVector<const Template*, 8> usable;
  size_t best = 0;
  for (const Template& variant : entry.variants) {
    if (!variant.CanRender(values)) continue;
    const size_t known = variant.KnownValuesUsed();
    if (known > best) {
      usable.clear();
      best = known;
    }
    if (known == best) usable.push_back(&variant);
  }
  // Create() guarantees one variant that needs only facts, which exist.
  const Template& chosen =
      *usable[entry.next.fetch_add(1, std::memory_order_relaxed) %
              usable.size()];
  const std::string body = chosen.Render(values).value_or("");

  RenderedAnswer rendered;
  rendered.action = entry.action;
  Shape(body, values, context.channel, entry.options, &rendered);
  return rendered;
}

void AnswerBook::Shape(const std::string& body, const TemplateValues& values,
                       v1::Channel channel,
                       const std::vector<v1::QuickReply>& options,
                       RenderedAnswer* rendered) const {
  if (IsLetterChannel(channel)) {
    rendered->messages.emplace_back().set_text(Dress(body, values, channel));
  } else {
    for (std::string& part : SplitForChat(body, options_.chat_max_chars)) {
      rendered->messages.emplace_back().set_text(std::move(part));
    }
  }
  if (!rendered->messages.empty()) {
    for (const v1::QuickReply& option : options) {
      *rendered->messages.back().add_quick_replies() = option;
    }
  }
}

RenderedAnswer AnswerBook::Ask(absl::string_view intent, size_t detail_index,
                               int attempt,
                               const AnswerContext& context) const {
  const FormDetail& detail = answers_.at(intent)->details.at(detail_index);
  TemplateValues values{context.customer_name, context.slots, &facts_,
                        context.handoff_opens_at};
  // The wording for this attempt, or the next one that can be filled;
  // Create() guarantees a plain one.
  std::string question;
  const size_t count = detail.prompts.size();
  for (size_t i = 0; i < count && question.empty(); ++i) {
    const Template& prompt =
        detail.prompts[(static_cast<size_t>(attempt) + i) % count];
    if (std::optional<std::string> text = prompt.Render(values))
      question = *text;
  }
  std::vector<v1::QuickReply> options;
  for (const FormDetail::Option& option : detail.options) {
    v1::QuickReply reply;
    reply.set_label(option.label);
    reply.set_value(option.label);
    options.push_back(std::move(reply));
  }
  RenderedAnswer rendered;
  rendered.action = v1::ANSWER_ACTION_ASK;
  Shape(question, values, context.channel, options, &rendered);
  return rendered;
}

const std::string& AnswerBook::Topic(absl::string_view intent) const {
  static const std::string* const kNone = new std::string();
  auto it = answers_.find(intent);
  return it == answers_.end() ? *kNone : it->second->topic;
}

RenderedAnswer AnswerBook::AskWhich(const std::vector<std::string>& intents,
                                    const AnswerContext& context) const {
  RenderedAnswer rendered = Render(kWhichTopicAnswer, context);
  v1::BotMessage& last = rendered.messages.back();
  last.clear_quick_replies();
  for (const std::string& intent : intents) {
    v1::QuickReply* reply = last.add_quick_replies();
    reply->set_label(Topic(intent));
    reply->set_value(Topic(intent));
  }
  rendered.action = v1::ANSWER_ACTION_ASK;
  return rendered;
}

std::optional<size_t> AnswerBook::PickTopic(
    const std::vector<std::string>& intents,
    const NormalizedText& reply) const {
  std::vector<std::vector<std::string>> names;
  for (const std::string& intent : intents) {
    auto it = answers_.find(intent);
    names.push_back({it == answers_.end() ? "" : it->second->spoken_topic});
  }
  return PickOption(SpokenForm(reply.text), names);
}

}  // namespace firstline
