#include "service/dialog/dialog.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/util/time_util.h"
#include "service/dialog/handoff_summary.h"
#include "service/dialog/transcript.h"

namespace firstline {
namespace {

// The stack block a turn's state starts its arena with: enough for most.
constexpr size_t kStateArenaBlock = 8192;

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(time));
}

}  // namespace

void SetDetail(ConversationState* state, const std::string& name,
               const std::string& value) {
  auto* details = state->mutable_details();
  auto same = std::find_if(details->begin(), details->end(),
                           [&](const v1::Slot& d) { return d.name() == name; });
  v1::Slot* slot = same == details->end() ? details->Add() : &*same;
  slot->set_name(name);
  slot->set_value(value);
}

namespace {

AnswerContext ContextOf(const ConversationState& state,
                        const v1::SendMessageRequest& request) {
  AnswerContext context;
  context.channel = request.channel();
  context.customer_name = request.customer().display_name();
  for (const v1::Slot& detail : state.details()) {
    context.slots[detail.name()] = detail.value();
  }
  return context;
}

void Replace(const RenderedAnswer& answer, v1::SendMessageResponse* response) {
  response->clear_messages();
  for (const v1::BotMessage& message : answer.messages) {
    *response->add_messages() = message;
  }
}

}  // namespace

void Dialog::AskOrAnswer(ConversationState* state, const Engine& engine,
                         const std::string& locale,
                         const v1::SendMessageRequest& request,
                         v1::SendMessageResponse* response) {
  const std::string intent = state->form().intent();
  const AnswerBook& answers = engine.answers(locale);
  const std::vector<FormDetail>& details = answers.Details(intent);
  // The form's intent is known from the conversation, not from this message.
  response->mutable_intent()->set_intent(intent);
  response->mutable_intent()->set_score(1.0);
  const AnswerContext context = ContextOf(*state, request);
  for (size_t i = 0; i < details.size(); ++i) {
    if (context.slots.contains(details[i].slot)) continue;
    state->mutable_form()->set_slot(details[i].slot);
    Replace(answers.Ask(intent, i, state->form().misses(), context), response);
    response->set_action(v1::BOT_ACTION_ASKED);
    return;
  }
  // Everything is in: the answer itself, with the details.
  state->clear_form();
  const RenderedAnswer answer = answers.Render(intent, context);
  Replace(answer, response);
  response->set_action(ToBotAction(answer.action));
}

void Dialog::StartForm(ConversationState* state, const Engine& engine,
                       const std::string& locale,
                       const v1::SendMessageRequest& request,
                       const NormalizedText& normalized,
                       v1::SendMessageResponse* response) {
  const std::string& intent = response->intent().intent();
  const std::vector<FormDetail>& details =
      engine.answers(locale).Details(intent);
  if (details.empty()) return;
  // What the first message already says is not asked again.
  for (const FormDetail& detail : details) {
    const bool known = std::any_of(
        state->details().begin(), state->details().end(),
        [&](const v1::Slot& slot) { return slot.name() == detail.slot; });
    if (known) continue;
    if (std::optional<std::string> value =
            detail.Recognize(normalized, request.text())) {
      SetDetail(state, detail.slot, *value);
    }
  }
  state->mutable_form()->set_intent(intent);
  AskOrAnswer(state, engine, locale, request, response);
}

bool Dialog::ContinueForm(ConversationState* state, const Engine& engine,
                          const std::string& locale,
                          const v1::SendMessageRequest& request,
                          const NormalizedText& normalized,
                          const std::string& intent,
                          v1::SendMessageResponse* response,
                          std::optional<v1::HandoffReason>* reason) {
  const storage::v1::PendingForm form =
      state->form();  // A copy: cleared below.
  const AnswerBook& answers = engine.answers(locale);
  const FormDetail* detail = nullptr;
  if (answers.Has(form.intent())) {
    for (const FormDetail& candidate : answers.Details(form.intent())) {
      if (candidate.slot == form.slot()) detail = &candidate;
    }
  }
  if (detail == nullptr) {
    // The rule pack changed under the form: start over.
    state->clear_form();
    return false;
  }
  if (std::optional<std::string> value =
          detail->Recognize(normalized, request.text())) {
    SetDetail(state, detail->slot, *value);
    state->mutable_form()->set_misses(0);
    AskOrAnswer(state, engine, locale, request, response);
    return true;
  }
  if (!intent.empty() && intent != form.intent()) {
    // A new topic with a clear intent wins over the question.
    state->clear_form();
    return false;
  }
  const int misses = form.misses() + 1;
  // An upset or hurried customer is not asked the same thing twice.
  const int max_misses =
      state->signals().empty() ? options_.max_form_misses : 1;
  if (misses >= max_misses) {
    *reason = v1::HANDOFF_REASON_FORM_ATTEMPTS_USED;
    state->set_intent(form.intent());
    state->clear_form();
    return true;
  }
  state->mutable_form()->set_misses(misses);
  AskOrAnswer(state, engine, locale, request, response);
  return true;
}

Dialog::Dialog(DialogOptions options, ConversationStore* conversations,
               HandoffStore* handoffs)
    : options_(std::move(options)),
      conversations_(conversations),
      handoffs_(handoffs) {}

void Dialog::Remember(ConversationState* state,
                      const v1::TranscriptEntry& entry) {
  AppendToTranscript(entry, options_.transcript_limit, state);
}

absl::Status Dialog::HandOff(ConversationState* state, const Engine& engine,
                             v1::HandoffReason reason, absl::Time now,
                             absl::Time sent) {
  // 0 normal; 1 with one urgency or anger signal; 2 with more.
  const int priority = reason == v1::HANDOFF_REASON_ABUSE
                           ? 0
                           : std::min(state->signals_size(), 2);
  const QueueTarget target =
      reason == v1::HANDOFF_REASON_ABUSE
          ? engine.routing().ForAbuse()
          : engine.routing().ForHandoff(state->intent(), priority);
  v1::Handoff handoff;
  handoff.set_conversation_id(state->conversation_id());
  *handoff.mutable_customer() = state->customer();
  handoff.set_channel(state->channel());
  handoff.set_locale(state->locale());
  handoff.set_intent(state->intent());
  *handoff.mutable_details() = state->details();
  *handoff.mutable_transcript() = TranscriptOf(*state);
  handoff.set_summary(SummaryOf(*state, handoff.transcript(), engine));
  *handoff.mutable_bot_actions() = state->bot_actions();
  handoff.set_reason(reason);
  *handoff.mutable_signals() = state->signals();
  handoff.set_priority(priority);
  handoff.set_queue(target.queue);
  *handoff.mutable_create_time() = ToTimestamp(now);
  *handoff.mutable_sla_due_time() =
      ToTimestamp(engine.routing().hours().NextOpen(sent) + target.sla);
  absl::StatusOr<v1::Handoff> created = handoffs_->Create(std::move(handoff));
  if (!created.ok()) return created.status();
  state->set_open_handoff_id(created->id());
  return absl::OkStatus();
}

absl::StatusOr<v1::SendMessageResponse> Dialog::Handle(
    const v1::SendMessageRequest& request, const Engine& engine,
    const std::string& locale) {
  const ConversationLocks::Hold hold = locks_.Lock(request.conversation_id());
  // Replicas sharing the store take turns too.
  absl::StatusOr<std::unique_ptr<ConversationHold>> shared_hold =
      conversations_->Hold(request.conversation_id());
  if (!shared_hold.ok()) return shared_hold.status();
  const absl::Time now = options_.clock();

  // A state is a few hundred small objects (its transcript, the bot's
  // actions, details): on an arena they cost a few allocations, not
  // hundreds, and go all at once.
  alignas(8) char first_block[kStateArenaBlock];
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = first_block;
  arena_options.initial_block_size = sizeof(first_block);
  google::protobuf::Arena arena(arena_options);
  ConversationState& state =
      *google::protobuf::Arena::CreateMessage<ConversationState>(&arena);
  absl::Status loaded =
      conversations_->LoadInto(request.conversation_id(), &state);
  if (!loaded.ok() && !absl::IsNotFound(loaded)) return loaded;
  state.set_conversation_id(request.conversation_id());
  *state.mutable_customer() = request.customer();
  state.set_channel(request.channel());
  state.set_locale(locale);

  v1::TranscriptEntry said;
  said.set_speaker(v1::SPEAKER_CUSTOMER);
  said.set_text(request.text());
  *said.mutable_time() =
      request.has_send_time() ? request.send_time() : ToTimestamp(now);
  *said.mutable_attachments() = request.attachments();

  v1::SendMessageResponse response;
  if (!state.open_handoff_id().empty()) {
    // A person has the conversation: the message goes to them, not the bot.
    absl::Status appended = handoffs_->Append(state.open_handoff_id(), said);
    if (!appended.ok()) return appended;
    Remember(&state, said);
    absl::Status saved = conversations_->Save(&state);
    if (!saved.ok()) return saved;
    response.set_action(v1::BOT_ACTION_NONE);
    response.set_rule_set_version(engine.version());
    return response;
  }

  // The engine's normalisation of the text, which the form and choice
  // below read too.
  NormalizedText normalized;
  response = engine.Respond(request, locale, &normalized);
  // The message the topic comes from: this one, or the one a picked topic
  // was about, and its normalisation.
  const v1::SendMessageRequest* topic_message = &request;
  const NormalizedText* topic_normalized = &normalized;
  v1::SendMessageRequest picked_topic_message;
  NormalizedText picked_normalized;
  if (state.has_choice()) {
    // The bot asked which of two topics the last message meant: a reply
    // that picks one gets that topic's answer to that message.
    const storage::v1::PendingChoice choice =
        std::move(*state.mutable_choice());
    state.clear_choice();
    const std::vector<std::string> intents(choice.intents().begin(),
                                           choice.intents().end());
    if (std::optional<size_t> picked =
            engine.answers(locale).PickTopic(intents, normalized)) {
      picked_topic_message = request;
      picked_topic_message.set_text(choice.text());
      topic_message = &picked_topic_message;
      response = engine.RespondAs(*topic_message, locale, intents[*picked],
                                  &picked_normalized);
      topic_normalized = &picked_normalized;
    }
  }
  const std::string intent =
      response.has_intent() ? response.intent().intent() : "";
  said.set_intent(intent);
  Remember(&state, said);

  for (const std::string& signal : response.signals()) {
    if (std::find(state.signals().begin(), state.signals().end(), signal) ==
        state.signals().end()) {
      state.add_signals(signal);
    }
  }
  // A customer who was upset or hurried anywhere in the conversation gets a
  // person sooner: at the first miss.
  const int max_misses = state.signals().empty() ? options_.max_misses : 1;

  for (const v1::Slot& slot : response.slots()) {
    SetDetail(&state, slot.name(), slot.value());
  }

  // A pending question first: the message may be its answer.
  std::optional<v1::HandoffReason> reason;
  const bool answered_form =
      state.has_form() && ContinueForm(&state, engine, locale, request,
                                       normalized, intent, &response, &reason);
  if (answered_form) {
    // The message belonged to the form: not a miss, not a new topic.
  } else if (request.text().empty()) {
    // Attachments alone: nothing understood or missed.
  } else if (response.candidate_intents_size() > 0) {
    // Two topics fit: the bot asked which one. Not understood yet, but not
    // a miss either: the customer has a one-tap way forward.
    storage::v1::PendingChoice* choice = state.mutable_choice();
    for (const v1::IntentScore& candidate : response.candidate_intents()) {
      choice->add_intents(candidate.intent());
    }
    choice->set_text(request.text());
  } else if (intent.empty()) {
    state.set_consecutive_misses(state.consecutive_misses() + 1);
    if (state.consecutive_misses() >= max_misses) {
      reason = v1::HANDOFF_REASON_NOT_UNDERSTOOD;
    }
  } else {
    state.set_consecutive_misses(0);
    if (intent == kAbuseIntent) {
      state.set_abuse_count(state.abuse_count() + 1);
      if (state.abuse_count() >= options_.max_abuse) {
        reason = v1::HANDOFF_REASON_ABUSE;
      }
    } else if (response.action() != v1::BOT_ACTION_HANDED_OFF ||
               !engine.answers(locale).Details(intent).empty()) {
      // An answer that hands off after a form asks its questions first, so
      // the person gets the details.
      state.set_intent(intent);
      StartForm(&state, engine, locale, *topic_message, *topic_normalized,
                &response);
    }
  }
  if (!reason && response.action() == v1::BOT_ACTION_HANDED_OFF) {
    // The answer itself hands off: a person was asked for, or the pack
    // says this topic (or this completed form) needs one.
    reason = intent == kHumanAgentIntent ? v1::HANDOFF_REASON_CUSTOMER_ASKED
                                         : v1::HANDOFF_REASON_RULE;
  }

  AnswerContext context = ContextOf(state, request);
  if (reason && *reason != v1::HANDOFF_REASON_CUSTOMER_ASKED &&
      *reason != v1::HANDOFF_REASON_RULE) {
    // The bot decided to hand over: say so, instead of the answer it had.
    Replace(engine.Render(kHandoffAnswer, locale, context), &response);
    response.set_action(v1::BOT_ACTION_HANDED_OFF);
  }
  // Working hours are judged by when the customer wrote, as they see it.
  const absl::Time sent =
      request.has_send_time()
          ? absl::FromUnixSeconds(request.send_time().seconds()) +
                absl::Nanoseconds(request.send_time().nanos())
          : now;
  const BusinessHours& hours = engine.routing().hours();
  if (reason && !hours.IsOpen(sent)) {
    context.handoff_opens_at = hours.Format(hours.NextOpen(sent), locale);
    for (v1::BotMessage& message :
         engine.Render(kOffHoursAnswer, locale, context).messages) {
      *response.add_messages() = std::move(message);
    }
  }
  state.add_bot_actions(ActionLineOf(response));
  const int old_actions = state.bot_actions_size() - options_.action_limit;
  if (old_actions > 0) {
    state.mutable_bot_actions()->DeleteSubrange(0, old_actions);
  }
  for (const v1::BotMessage& message : response.messages()) {
    v1::TranscriptEntry reply;
    reply.set_speaker(v1::SPEAKER_BOT);
    reply.set_text(message.text());
    *reply.mutable_time() = ToTimestamp(now);
    Remember(&state, reply);
  }
  if (reason) {
    absl::Status handed = HandOff(&state, engine, *reason, now, sent);
    if (!handed.ok()) return handed;
  }
  absl::Status saved = conversations_->Save(&state);
  if (!saved.ok()) return saved;
  return response;
}

absl::Status Dialog::ReturnToBot(absl::string_view conversation_id) {
  const ConversationLocks::Hold hold = locks_.Lock(conversation_id);
  absl::StatusOr<std::unique_ptr<ConversationHold>> shared_hold =
      conversations_->Hold(conversation_id);
  if (!shared_hold.ok()) return shared_hold.status();
  absl::StatusOr<ConversationState> state =
      conversations_->Load(conversation_id);
  if (absl::IsNotFound(state.status())) return absl::OkStatus();
  if (!state.ok()) return state.status();
  state->clear_open_handoff_id();
  state->set_consecutive_misses(0);
  state->set_abuse_count(0);
  return conversations_->Save(&*state);
}

}  // namespace firstline
