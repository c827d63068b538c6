#include "tools/firstline/send_command.h"

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "tools/firstline/enum_word.h"
#include "tools/firstline/grpc_call.h"
#include "tools/firstline/reply_printer.h"

namespace firstline {

absl::Status RunSend(const SendCommandOptions& options, std::ostream& out) {
  absl::StatusOr<v1::Channel> channel = ChannelFromWord(options.channel);
  if (!channel.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--channel: ", channel.status().message()));
  }
  v1::SendMessageRequest request;
  request.set_conversation_id(options.conversation_id);
  request.set_channel(*channel);
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
  PrintReply(response, out);
  return absl::OkStatus();
}

}  // namespace firstline
