// The conversation policy around the stateless engine: it remembers each
// conversation, never lets the bot go in circles, and hands the
// conversation to a person with everything collected.
//
//   Dialog dialog(options, &conversations, &handoffs);
//   absl::StatusOr<v1::SendMessageResponse> reply =
//       dialog.Handle(request, engine, "en");
//
// Rules, in order:
//   - while a person has the conversation, the bot says nothing and the
//     message is added to the handoff's transcript;
//   - an intent whose answer hands off (e.g. "I want a person") hands off at
//     once, with the intent's own answer;
//   - abuse gets one boundary (the abuse answer); abuse again hands off to
//     the abuse queue;
//   - an answer with details (a form) first asks for those the conversation
//     has not given, one at a time with options; a reply that does not fit
//     is asked again in other words, max_form_misses of them hand off; a new
//     clear intent drops the form;
//   - a message that could mean two topics gets the question which one;
//     a reply that picks one gets that topic's answer to the first message;
//   - a message without an intent gets the fallback question; max_misses of
//     them in a row hand off;
//   - once the conversation has shown urgency or anger (signals), the first
//     miss or unfitting form reply hands off, and the handoff's priority
//     rises.
// Handoffs go to the queue the pack's routing gives. When the customer wrote
// outside working hours (by the message's send time, else the clock), the bot
// adds when a person will answer (the off_hours answer).
#ifndef FIRSTLINE_SERVICE_DIALOG_DIALOG_H_
#define FIRSTLINE_SERVICE_DIALOG_DIALOG_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "firstline/v1/conversation.pb.h"
#include "service/dialog/conversation_locks.h"
#include "service/engine/engine.h"
#include "service/storage/conversation_store.h"
#include "service/storage/handoff_store.h"

namespace firstline {

struct DialogOptions {
  // Messages in a row without an intent before a person takes over.
  int max_misses = 2;
  // Abusive messages before a person takes over; the first gets a boundary.
  int max_abuse = 2;
  // Replies to one question that do not fit before a person takes over; the
  // ones before are asked again in other words.
  int max_form_misses = 2;
  // Recent messages kept with the conversation.
  int transcript_limit = 50;
  // Lines of what the bot did (one a message) kept for the handoff.
  int action_limit = 25;
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// Sets detail `name` of the conversation, replacing an earlier value.
void SetDetail(ConversationState* state, const std::string& name,
               const std::string& value);

// The intent whose answer is the abuse boundary.
inline constexpr char kAbuseIntent[] = "abuse";
// The intent of customers asking for a person.
inline constexpr char kHumanAgentIntent[] = "contact_human_agent";

class Dialog {
 public:
  // The stores must outlive the dialog.
  Dialog(DialogOptions options, ConversationStore* conversations,
         HandoffStore* handoffs);

  // Handles one validated request in `locale` (from Engine::ResolveLocale).
  // Messages of one conversation are handled one at a time. UNAVAILABLE
  // when a store cannot be reached; nothing is half-saved then.
  absl::StatusOr<v1::SendMessageResponse> Handle(
      const v1::SendMessageRequest& request, const Engine& engine,
      const std::string& locale);

  // Gives a conversation back to the bot after its handoff was resolved.
  absl::Status ReturnToBot(absl::string_view conversation_id);

 private:
  // Creates the handoff of `state` and puts the conversation in human mode.
  // Its priority comes from the signals, its queue from the pack's routing.
  absl::Status HandOff(ConversationState* state, const Engine& engine,
                       v1::HandoffReason reason, absl::Time now,
                       absl::Time sent);
  void Remember(ConversationState* state, const v1::TranscriptEntry& entry);
  // Asks for the first missing detail of the pending form, or gives the
  // form's answer when all are in.
  void AskOrAnswer(ConversationState* state, const Engine& engine,
                   const std::string& locale,
                   const v1::SendMessageRequest& request,
                   v1::SendMessageResponse* response);
  // Starts the form of the answer in `response`, if it has one: takes what
  // the message already gives, then asks for the rest or answers.
  // `normalized` is engine.Normalize(request.text()).
  void StartForm(ConversationState* state, const Engine& engine,
                 const std::string& locale,
                 const v1::SendMessageRequest& request,
                 const NormalizedText& normalized,
                 v1::SendMessageResponse* response);
  // Takes the message as the reply to the pending form. False when it is
  // not (a new topic): the form is dropped and the message handled as any.
  // `normalized` is engine.Normalize(request.text()).
  bool ContinueForm(ConversationState* state, const Engine& engine,
                    const std::string& locale,
                    const v1::SendMessageRequest& request,
                    const NormalizedText& normalized, const std::string& intent,
                    v1::SendMessageResponse* response,
                    std::optional<v1::HandoffReason>* reason);

  const DialogOptions options_;
  ConversationStore* conversations_;
  HandoffStore* handoffs_;
  ConversationLocks locks_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_DIALOG_DIALOG_H_
