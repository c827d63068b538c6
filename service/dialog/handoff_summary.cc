#include "service/dialog/handoff_summary.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace firstline {
namespace {

// The longest quote of the customer or the bot in a summary line.
constexpr size_t kQuoteBytes = 160;

std::string Quote(const std::string& text) {
  if (text.size() <= kQuoteBytes) return absl::StrCat("\"", text, "\"");
  size_t cut = kQuoteBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return absl::StrCat("\"", text.substr(0, cut), "…\"");
}

}  // namespace

std::string SummaryOf(
    const storage::v1::ConversationState& state,
    const google::protobuf::RepeatedPtrField<v1::TranscriptEntry>& transcript,
    const Engine& engine) {
  std::string want = "Not clear yet";
  if (!state.intent().empty()) {
    const IntentClassifier& classifier = engine.classifier(state.locale());
    std::optional<int> intent = classifier.FindIntent(state.intent());
    want = intent && !classifier.intent(*intent).description().empty()
               ? classifier.intent(*intent).description()
               : state.intent();
  }
  std::vector<std::string> details;
  for (const v1::Slot& slot : state.details()) {
    details.push_back(absl::StrCat(slot.name(), " ", slot.value()));
  }
  if (!details.empty())
    absl::StrAppend(&want, " (", absl::StrJoin(details, ", "), ")");
  // The customer's own words about the topic: the last message that had
  // the conversation's intent, else simply the last message.
  std::string words;
  std::string last;
  for (const v1::TranscriptEntry& entry : transcript) {
    if (entry.speaker() != v1::SPEAKER_CUSTOMER || entry.text().empty())
      continue;
    last = entry.text();
    if (!state.intent().empty() && entry.intent() == state.intent())
      words = entry.text();
  }
  if (words.empty()) words = last;
  if (!words.empty())
    absl::StrAppend(&want, "; customer wrote: ", Quote(words));
  return want;
}

std::string ActionLineOf(const v1::SendMessageResponse& response) {
  std::string what;
  switch (response.action()) {
    case v1::BOT_ACTION_ASKED:
      what = "asked";
      break;
    case v1::BOT_ACTION_HANDED_OFF:
      what = "handed off";
      break;
    default:
      what = "answered";
  }
  std::string topic = "no intent";
  if (response.has_intent()) {
    topic = response.intent().intent();
  } else if (response.candidate_intents_size() > 0) {
    std::vector<std::string> candidates;
    for (const v1::IntentScore& candidate : response.candidate_intents()) {
      candidates.push_back(candidate.intent());
    }
    topic = absl::StrJoin(candidates, " or ");
  }
  std::string text;
  for (const v1::BotMessage& message : response.messages()) {
    absl::StrAppend(&text, text.empty() ? "" : " ", message.text());
  }
  return absl::StrCat(what, " (", topic, "): ", Quote(text));
}

}  // namespace firstline
