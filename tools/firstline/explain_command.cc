#include "tools/firstline/explain_command.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/text/normalizer.h"
#include "tools/firstline/enum_word.h"

namespace firstline {

absl::Status RunExplain(const Engine& engine,
                        const ExplainCommandOptions& options,
                        std::ostream& out) {
  absl::StatusOr<std::string> locale = engine.ResolveLocale(options.locale);
  if (!locale.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--locale: ", locale.status().message()));
  }
  if (options.text.empty()) {
    return absl::InvalidArgumentError("the text to explain is empty");
  }
  if (!IsValidUtf8(options.text)) {
    return absl::InvalidArgumentError("the text is not valid UTF-8");
  }
  const v1::ClassifyResponse classified =
      engine.Classify(options.text, *locale, /*include_trace=*/true);
  const v1::Trace& trace = classified.trace();
  out << "text:        " << options.text << "\n";
  out << "normalised:  " << trace.normalized_text() << "\n";
  out << "fired:";
  if (trace.hits().empty()) out << "       nothing";
  out << "\n";
  for (const v1::SignalHit& hit : trace.hits()) {
    // A veto has no weight: it rules its intent out.
    const std::string weight =
        hit.veto() ? "    " : absl::StrFormat("%4.2f", hit.weight());
    out << absl::StrFormat("  %-5s %-24s %s  %s  %s\n",
                           hit.veto() ? "veto" : "", hit.intent(), weight,
                           hit.source(), hit.signal());
  }
  std::vector<std::string> scores;
  for (const v1::IntentScore& ranked : classified.ranked_intents()) {
    scores.push_back(
        absl::StrFormat("%s %.2f", ranked.intent(), ranked.score()));
  }
  out << "scores:      "
      << (scores.empty() ? "none" : absl::StrJoin(scores, ", ")) << "\n";
  out << "decision:    " << trace.decision() << "\n";
  for (const v1::Slot& slot : classified.slots()) {
    out << "slot:        " << slot.name() << " = " << slot.value() << "\n";
  }
  if (!classified.signals().empty()) {
    out << "signals:     " << absl::StrJoin(classified.signals(), ", ") << "\n";
  }

  v1::SendMessageRequest request;
  request.set_channel(v1::CHANNEL_CHAT);
  request.set_text(options.text);
  const v1::SendMessageResponse reply = engine.Respond(request, *locale);
  out << "answer:      "
      << EnumWord("BOT_ACTION_", v1::BotAction_Name(reply.action())) << "\n";
  for (const v1::BotMessage& message : reply.messages()) {
    out << "  bot: " << message.text() << "\n";
    int number = 1;
    for (const v1::QuickReply& option : message.quick_replies()) {
      out << "    [" << number++ << "] " << option.label() << "\n";
    }
  }
  out << "rule set:    " << engine.version() << "\n";
  return absl::OkStatus();
}

}  // namespace firstline
