#include "tools/firstline/chat_command.h"

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "service/reload/pack_reloader.h"
#include "service/server/server.h"
#include "tools/firstline/enum_word.h"
#include "tools/firstline/grpc_call.h"
#include "tools/firstline/reply_printer.h"

namespace firstline {
namespace {

constexpr char kHelp[] =
    "Type a message; a number picks a quick reply. /trace shows or hides why "
    "the bot answers, /new starts a new conversation, /locale L switches "
    "language, /quit ends.\n";

// One chat: the conversation, its settings and the quick replies on screen.
class ChatSession {
 public:
  ChatSession(const ChatCommandOptions& options, v1::Channel channel,
              std::shared_ptr<grpc::Channel> server)
      : options_(options),
        channel_(channel),
        locale_(options.locale),
        trace_(options.trace),
        bot_(v1::ConversationService::NewStub(std::move(server))),
        // Distinct per run, so a chat never continues an earlier one's
        // conversation on a long-running server.
        run_(absl::StrCat("chat-", getpid(), "-",
                          absl::ToUnixMillis(absl::Now()))) {}

  // Handles one line; false when the chat should end.
  bool Handle(absl::string_view line, std::ostream& out) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) return true;
    if (absl::StartsWith(line, "/")) return Command(line, out);
    std::string text(line);
    int number = 0;
    if (absl::SimpleAtoi(line, &number) && number >= 1 &&
        number <= static_cast<int>(quick_replies_.size())) {
      const v1::QuickReply& reply = quick_replies_[number - 1];
      text = reply.value().empty() ? reply.label() : reply.value();
      out << "you: " << reply.label() << "\n";
    }
    Send(text, out);
    return true;
  }

  std::string conversation_id() const {
    return absl::StrCat(run_, "-", conversation_);
  }

 private:
  bool Command(absl::string_view line, std::ostream& out) {
    std::string command(line);
    std::string argument;
    if (const size_t space = command.find(' '); space != std::string::npos) {
      argument =
          std::string(absl::StripAsciiWhitespace(command.substr(space + 1)));
      command.resize(space);
    }
    if (command == "/quit" || command == "/exit") return false;
    if (command == "/help") {
      out << kHelp;
    } else if (command == "/trace") {
      trace_ = !trace_;
      out << "(trace " << (trace_ ? "on" : "off") << ")\n";
    } else if (command == "/new") {
      ++conversation_;
      quick_replies_.clear();
      out << "(new conversation " << conversation_id() << ")\n";
    } else if (command == "/locale" && !argument.empty()) {
      locale_ = argument;
      out << "(locale " << locale_ << ")\n";
    } else {
      out << "unknown command " << line << "; " << kHelp;
    }
    return true;
  }

  void Send(const std::string& text, std::ostream& out) {
    v1::SendMessageRequest request;
    request.set_conversation_id(conversation_id());
    request.set_channel(channel_);
    request.mutable_customer()->set_id("chat-customer");
    request.mutable_customer()->set_display_name(options_.customer_name);
    request.mutable_customer()->set_locale(locale_);
    request.set_text(text);
    request.set_include_trace(trace_);
    grpc::ClientContext context;
    SetCallDeadline(&context);
    v1::SendMessageResponse response;
    grpc::Status status = bot_->SendMessage(&context, request, &response);
    if (!status.ok()) {
      out << "error: " << ToStatus(status) << "\n";
      return;
    }
    PrintReply(response, out);
    quick_replies_.clear();
    for (const v1::QuickReply* reply : NumberedQuickReplies(response)) {
      quick_replies_.push_back(*reply);
    }
    if (response.action() == v1::BOT_ACTION_HANDED_OFF) {
      out << "(a person has the conversation now; the bot stays silent. "
             "/new starts a new one)\n";
    }
  }

  const ChatCommandOptions& options_;
  const v1::Channel channel_;
  std::string locale_;
  bool trace_;
  std::unique_ptr<v1::ConversationService::Stub> bot_;
  const std::string run_;
  int conversation_ = 1;
  std::vector<v1::QuickReply> quick_replies_;
};

}  // namespace

absl::Status RunChat(const ChatCommandOptions& options, std::istream& in,
                     std::ostream& out) {
  if (options.locale.empty()) {
    return absl::InvalidArgumentError(
        "--locale is required, e.g. --locale en or --locale ru");
  }
  absl::StatusOr<v1::Channel> channel = ChannelFromWord(options.channel);
  if (!channel.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--channel: ", channel.status().message()));
  }
  std::unique_ptr<Server> in_process;
  std::string address = options.server;
  std::string talking_to = address;
  if (address.empty()) {
    ServerOptions server_options;
    server_options.address = "127.0.0.1:0";
    server_options.reload.root = options.pack_root;
    server_options.reload.engine.cache_dir = options.cache_dir;
    server_options.reload.log = [](const std::string& line) {
      std::cerr << "(" << line << ")" << std::endl;
    };
    absl::StatusOr<std::unique_ptr<const Engine>> engine = LoadServablePack(
        options.pack_root, server_options.reload.engine, nullptr);
    if (!engine.ok()) return engine.status();
    talking_to = absl::StrCat("the pack in ", options.pack_root, ", rule set ",
                              (*engine)->version());
    absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(
        server_options, std::shared_ptr<const Engine>(std::move(*engine)));
    if (!server.ok()) return server.status();
    in_process = std::move(*server);
    address = absl::StrCat("127.0.0.1:", in_process->port());
  }
  ChatSession session(
      options, *channel,
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  out << "Chatting with " << talking_to << " in " << options.locale
      << ", conversation " << session.conversation_id() << ".\n"
      << kHelp;
  std::string line;
  while (true) {
    if (options.prompt) out << "you> " << std::flush;
    if (!std::getline(in, line) || !session.Handle(line, out)) break;
  }
  return absl::OkStatus();
}

}  // namespace firstline
