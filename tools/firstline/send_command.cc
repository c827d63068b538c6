#include "tools/firstline/send_command.h"

#include <grpcpp/grpcpp.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "tools/firstline/enum_word.h"
#include "tools/firstline/grpc_call.h"

namespace firstline {

absl::Status RunSend(const SendCommandOptions& options, std::ostream& out) {
  v1::Channel channel;
  if (!v1::Channel_Parse(
          absl::StrCat("CHANNEL_", absl::AsciiStrToUpper(options.channel)),
          &channel)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--channel: unknown channel '", options.channel,
                     "'; use chat, email, messenger, social or helpdesk"));
  }
  v1::SendMessageRequest request;
  request.set_conversation_id(options.conversation_id);
  request.set_channel(channel);
  request.mutable_customer()->set_id("cli-customer");
  request.mutable_customer()->set_display_name(options.customer_name);
  request.mutable_customer()->set_locale(options.locale);
  request.set_text(options.text);
  request.set_include_trace(options.include_trace);

  auto stub = v1::ConversationService::NewStub(
      grpc::CreateChannel(options.server, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  SetCallDeadline(&context);
  v1::SendMessageResponse response;
  grpc::Status status = stub->SendMessage(&context, request, &response);
  if (!status.ok()) {
    return ToStatus(status);
  }
  for (const v1::BotMessage& message : response.messages()) {
    out << "bot: " << message.text() << "\n";
    int number = 1;
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
  return absl::OkStatus();
}

}  // namespace firstline
