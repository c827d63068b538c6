#include "tools/firstline/reply_printer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/firstline/enum_word.h"

namespace firstline {

std::vector<const v1::QuickReply*> NumberedQuickReplies(
    const v1::SendMessageResponse& response) {
  std::vector<const v1::QuickReply*> replies;
  for (const v1::BotMessage& message : response.messages()) {
    for (const v1::QuickReply& reply : message.quick_replies()) {
      replies.push_back(&reply);
    }
  }
  return replies;
}

void PrintReply(const v1::SendMessageResponse& response, std::ostream& out) {
  int number = 1;
  for (const v1::BotMessage& message : response.messages()) {
    out << "bot: " << message.text() << "\n";
    for (const v1::QuickReply& reply : message.quick_replies()) {
      out << "  [" << number++ << "] " << reply.label() << "\n";
    }
  }
  out << "(" << EnumWord("BOT_ACTION_", v1::BotAction_Name(response.action()))
      << "; intent "
      << (response.has_intent() ? absl::StrCat(response.intent().intent(), " ",
                                               response.intent().score())
                                : "none")
      << "; rule set " << response.rule_set_version() << ")\n";
  if (response.candidate_intents_size() > 0) {
    std::vector<std::string> candidates;
    for (const v1::IntentScore& candidate : response.candidate_intents()) {
      candidates.push_back(
          absl::StrCat(candidate.intent(), " ", candidate.score()));
    }
    out << "  which one: " << absl::StrJoin(candidates, " or ") << "\n";
  }
  for (const v1::Slot& slot : response.slots()) {
    out << "  slot " << slot.name() << " = " << slot.value() << "\n";
  }
  if (response.has_trace()) {
    out << "  normalised: " << response.trace().normalized_text() << "\n";
    for (const v1::SignalHit& hit : response.trace().hits()) {
      out << "  " << (hit.veto() ? "veto " : "fired ") << hit.intent() << " "
          << hit.weight() << " at " << hit.source() << ": " << hit.signal()
          << "\n";
    }
    out << "  " << response.trace().decision() << "\n";
  }
}

}  // namespace firstline
