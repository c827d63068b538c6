#include "tools/firstline/handoff_commands.h"

#include <grpcpp/grpcpp.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "firstline/v1/handoff.grpc.pb.h"
#include "tools/firstline/enum_word.h"
#include "tools/firstline/grpc_call.h"

namespace firstline {
namespace {

std::string TimeText(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                          absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

std::unique_ptr<v1::AgentService::Stub> Connect(const std::string& server) {
  return v1::AgentService::NewStub(
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
}

constexpr const char* kPriorities[] = {"normal", "high", "urgent"};

// Why the bot handed over, as the agent should read it.
std::string ReasonText(v1::HandoffReason reason) {
  switch (reason) {
    case v1::HANDOFF_REASON_CUSTOMER_ASKED:
      return "the customer asked for a person";
    case v1::HANDOFF_REASON_NOT_UNDERSTOOD:
      return "the bot did not understand twice";
    case v1::HANDOFF_REASON_FORM_ATTEMPTS_USED:
      return "the customer's replies did not answer the bot's question";
    case v1::HANDOFF_REASON_ABUSE:
      return "abuse went on after a warning";
    case v1::HANDOFF_REASON_RULE:
      return "the rules give this topic to a person";
    default:
      return "not given";
  }
}

std::string PriorityText(int priority) {
  return priority >= 0 && priority <= 2 ? kPriorities[priority]
                                        : std::to_string(priority);
}

}  // namespace

std::string FormatHandoff(const v1::Handoff& handoff) {
  std::string text;
  absl::StrAppend(
      &text, "Handoff ", handoff.id(), " (",
      EnumWord("HANDOFF_STATE_", v1::HandoffState_Name(handoff.state())),
      handoff.assignee().empty() ? "" : ", held by ", handoff.assignee(),
      ")\n");
  absl::StrAppend(&text, "  Wants:     ", handoff.summary(), "\n");
  const v1::Customer& customer = handoff.customer();
  absl::StrAppend(
      &text, "  Customer:  ",
      customer.display_name().empty() ? "(no name)" : customer.display_name(),
      ", id ", customer.id(), ", via ",
      EnumWord("CHANNEL_", v1::Channel_Name(handoff.channel())), ", writes in ",
      handoff.locale(), ", conversation ", handoff.conversation_id(), "\n");
  absl::StrAppend(&text, "  Intent:    ",
                  handoff.intent().empty() ? "none" : handoff.intent(), "\n");
  std::vector<std::string> details;
  for (const v1::Slot& slot : handoff.details()) {
    details.push_back(absl::StrCat(slot.name(), " = ", slot.value()));
  }
  absl::StrAppend(&text, "  Details:   ",
                  details.empty() ? "none" : absl::StrJoin(details, "; "),
                  "\n");
  absl::StrAppend(
      &text, "  Why:       ", ReasonText(handoff.reason()), " (",
      EnumWord("HANDOFF_REASON_", v1::HandoffReason_Name(handoff.reason())),
      ")\n");
  absl::StrAppend(&text, "  Urgency:   priority ",
                  PriorityText(handoff.priority()), "; signals ",
                  handoff.signals().empty()
                      ? "none"
                      : absl::StrJoin(handoff.signals(), ", "),
                  "\n");
  absl::StrAppend(&text, "  Queue:     ", handoff.queue(), ", created ",
                  TimeText(handoff.create_time()), ", answer by ",
                  TimeText(handoff.sla_due_time()), "\n");
  absl::StrAppend(&text, "  The bot already:\n");
  for (const std::string& action : handoff.bot_actions()) {
    absl::StrAppend(&text, "    - ", action, "\n");
  }
  absl::StrAppend(&text, "  Transcript:\n");
  for (const v1::TranscriptEntry& entry : handoff.transcript()) {
    const bool customer_said = entry.speaker() == v1::SPEAKER_CUSTOMER;
    absl::StrAppend(
        &text, "    ",
        absl::FormatTime("%H:%M", absl::FromUnixSeconds(entry.time().seconds()),
                         absl::UTCTimeZone()),
        customer_said ? " customer: " : " bot:      ", entry.text());
    if (customer_said && !entry.intent().empty()) {
      absl::StrAppend(&text, "   [", entry.intent(), "]");
    }
    for (const v1::Attachment& attachment : entry.attachments()) {
      absl::StrAppend(&text, " <", attachment.file_name(), " ",
                      attachment.uri(), ">");
    }
    absl::StrAppend(&text, "\n");
  }
  return text;
}

absl::Status RunListHandoffs(const HandoffCommandOptions& options,
                             std::ostream& out) {
  v1::ListHandoffsRequest request;
  request.set_queue(options.queue);
  if (!options.state.empty()) {
    v1::HandoffState state;
    if (!v1::HandoffState_Parse(
            absl::StrCat("HANDOFF_STATE_",
                         absl::AsciiStrToUpper(options.state)),
            &state)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--state: unknown state '", options.state,
                       "'; use waiting, claimed or resolved"));
    }
    request.set_state(state);
  }
  grpc::ClientContext context;
  SetCallDeadline(&context);
  v1::ListHandoffsResponse response;
  grpc::Status status =
      Connect(options.server)->ListHandoffs(&context, request, &response);
  if (!status.ok()) return ToStatus(status);
  for (const v1::Handoff& handoff : response.handoffs()) {
    out << handoff.id() << "  "
        << EnumWord("HANDOFF_STATE_", v1::HandoffState_Name(handoff.state()))
        << "  " << handoff.queue() << "  " << PriorityText(handoff.priority())
        << "  "
        << EnumWord("HANDOFF_REASON_", v1::HandoffReason_Name(handoff.reason()))
        << "  " << handoff.summary() << "\n";
  }
  if (response.handoffs().empty()) out << "no handoffs\n";
  return absl::OkStatus();
}

absl::Status RunShowHandoff(const HandoffCommandOptions& options,
                            std::ostream& out) {
  if (options.id.empty()) {
    return absl::InvalidArgumentError(
        "the handoff id is required: firstline handoff ID");
  }
  v1::GetHandoffRequest request;
  request.set_id(options.id);
  grpc::ClientContext context;
  SetCallDeadline(&context);
  v1::Handoff handoff;
  grpc::Status status =
      Connect(options.server)->GetHandoff(&context, request, &handoff);
  if (!status.ok()) return ToStatus(status);
  out << FormatHandoff(handoff);
  return absl::OkStatus();
}

}  // namespace firstline
