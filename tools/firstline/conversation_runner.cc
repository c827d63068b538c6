#include "tools/firstline/conversation_runner.h"

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/util/time_util.h"
#include "service/content/yaml_reader.h"
#include "tools/firstline/enum_word.h"
#include "tools/firstline/grpc_call.h"

namespace firstline {
namespace {

namespace fs = std::filesystem;

std::string BotSaid(const v1::SendMessageResponse& response) {
  std::vector<std::string> texts;
  for (const v1::BotMessage& message : response.messages())
    texts.push_back(message.text());
  return absl::StrJoin(texts, " / ");
}

}  // namespace

absl::StatusOr<std::vector<LoadedScript>> LoadScripts(
    const std::string& folder, const std::string& shown_as) {
  std::vector<fs::path> paths;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<LoadedScript> scripts;
  std::vector<std::string> problems;
  for (const fs::path& path : paths) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    LoadedScript loaded{absl::StrCat(shown_as, "/", path.filename().string()),
                        std::make_unique<v1::ConversationScript>(),
                        std::make_unique<SourceMap>()};
    absl::Status read = ReadYaml(loaded.file, text.str(), loaded.script.get(),
                                 loaded.positions.get());
    if (!read.ok()) {
      problems.push_back(std::string(read.message()));
      continue;
    }
    scripts.push_back(std::move(loaded));
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return scripts;
}

ConversationRunner::ConversationRunner(const std::string& address) {
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  bot_ = v1::ConversationService::NewStub(channel);
  agents_ = v1::AgentService::NewStub(channel);
}

std::vector<std::string> ConversationRunner::Run(
    const LoadedScript& loaded, const std::string& conversation_id) {
  const v1::ConversationScript& script = *loaded.script;
  const SourceMap& positions = *loaded.positions;
  std::vector<std::string> failures;
  absl::StatusOr<v1::Channel> channel = script.channel().empty()
                                            ? v1::CHANNEL_CHAT
                                            : ChannelFromWord(script.channel());
  if (!channel.ok()) {
    failures.push_back(ErrorAt(positions.Find(script, "channel"),
                               std::string(channel.status().message())));
    return failures;
  }
  int handoffs_seen = 0;
  for (const v1::ConversationStep& step : script.steps()) {
    const SourcePosition at = positions.Find(step);
    auto fail = [&](const std::string& message) {
      failures.push_back(ErrorAt(at, message));
    };
    v1::SendMessageRequest request;
    request.set_conversation_id(conversation_id);
    request.set_channel(*channel);
    request.mutable_customer()->set_id(
        absl::StrCat("customer-", conversation_id));
    request.mutable_customer()->set_display_name(script.customer_name());
    request.mutable_customer()->set_locale(script.locale());
    request.set_text(step.say());
    if (!step.time().empty()) {
      absl::Time time;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, step.time(), &time, &error)) {
        fail(absl::StrCat("time '", step.time(), "' is not RFC 3339: ", error));
        continue;
      }
      *request.mutable_send_time() =
          google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
              absl::ToUnixNanos(time));
    }
    v1::SendMessageResponse response;
    grpc::ClientContext context;
    SetCallDeadline(&context);
    grpc::Status status = bot_->SendMessage(&context, request, &response);
    if (!status.ok()) {
      fail(absl::StrCat("the server refused \"", step.say(),
                        "\": ", status.error_message()));
      continue;
    }
    const v1::Expectation& expect = step.expect();
    const std::string said = BotSaid(response);
    const std::string action =
        EnumWord("BOT_ACTION_", v1::BotAction_Name(response.action()));
    if (!expect.action().empty() && expect.action() != action) {
      fail(absl::StrCat("\"", step.say(), "\": expected the bot to have ",
                        expect.action(), ", it ", action, ": \"", said, "\""));
    }
    const std::string intent =
        response.has_intent() ? response.intent().intent() : "none";
    if (!expect.intent().empty() && expect.intent() != intent) {
      fail(absl::StrCat("\"", step.say(), "\": expected intent ",
                        expect.intent(), ", got ", intent));
    }
    if (expect.candidates_size() > 0) {
      std::vector<std::string> offered;
      for (const v1::IntentScore& candidate : response.candidate_intents()) {
        offered.push_back(candidate.intent());
      }
      const std::vector<std::string> wanted(expect.candidates().begin(),
                                            expect.candidates().end());
      if (offered != wanted) {
        fail(absl::StrCat("\"", step.say(), "\": expected the choice of ",
                          absl::StrJoin(wanted, " or "), ", got \"",
                          absl::StrJoin(offered, " or "), "\""));
      }
    }
    for (const std::string& text : expect.says()) {
      if (!absl::StrContains(said, text)) {
        fail(absl::StrCat("\"", step.say(), "\": expected the bot to say \"",
                          text, "\", it said \"", said, "\""));
      }
    }
    for (const std::string& label : expect.options()) {
      bool offered = false;
      for (const v1::BotMessage& message : response.messages()) {
        for (const v1::QuickReply& reply : message.quick_replies()) {
          offered |= reply.label() == label;
        }
      }
      if (!offered) {
        fail(absl::StrCat("\"", step.say(), "\": expected the option \"", label,
                          "\""));
      }
    }
    for (const auto& [name, value] : expect.slots()) {
      bool found = false;
      for (const v1::Slot& slot : response.slots()) {
        found |= slot.name() == name && slot.value() == value;
      }
      if (!found)
        fail(absl::StrCat("\"", step.say(), "\": expected slot ", name, " = ",
                          value));
    }

    // Handoffs: a new one must appear exactly when the step expects one.
    v1::ListHandoffsRequest list;
    v1::ListHandoffsResponse listed;
    grpc::ClientContext list_context;
    if (!agents_->ListHandoffs(&list_context, list, &listed).ok()) {
      fail("cannot list handoffs");
      continue;
    }
    std::vector<const v1::Handoff*> mine;
    for (const v1::Handoff& handoff : listed.handoffs()) {
      if (handoff.conversation_id() == conversation_id)
        mine.push_back(&handoff);
    }
    const bool expects_handoff = expect.has_handoff();
    const bool created = static_cast<int>(mine.size()) > handoffs_seen;
    handoffs_seen = static_cast<int>(mine.size());
    if (expects_handoff && !created) {
      fail(absl::StrCat("\"", step.say(),
                        "\": expected a handoff, none was made"));
    }
    if (!expects_handoff && created) {
      fail(absl::StrCat("\"", step.say(),
                        "\": a handoff was made that the script does not "
                        "expect"));
    }
    if (!expects_handoff || !created) continue;
    const v1::Handoff& handoff = *mine.back();
    const v1::HandoffExpectation& want = expect.handoff();
    const std::string reason =
        EnumWord("HANDOFF_REASON_", v1::HandoffReason_Name(handoff.reason()));
    if (!want.queue().empty() && want.queue() != handoff.queue()) {
      fail(absl::StrCat("expected the handoff in queue ", want.queue(),
                        ", it is in ", handoff.queue()));
    }
    if (!want.reason().empty() && want.reason() != reason) {
      fail(absl::StrCat("expected handoff reason ", want.reason(), ", got ",
                        reason));
    }
    if (!want.intent().empty() && want.intent() != handoff.intent()) {
      fail(absl::StrCat("expected handoff intent ", want.intent(), ", got '",
                        handoff.intent(), "'"));
    }
    for (const auto& [name, value] : want.details()) {
      bool found = false;
      for (const v1::Slot& detail : handoff.details()) {
        found |= detail.name() == name && detail.value() == value;
      }
      if (!found)
        fail(
            absl::StrCat("expected the handoff to carry ", name, " = ", value));
    }
    for (const std::string& signal : want.signals()) {
      if (std::find(handoff.signals().begin(), handoff.signals().end(),
                    signal) == handoff.signals().end()) {
        fail(absl::StrCat("expected the handoff to carry signal ", signal));
      }
    }
  }
  return failures;
}

}  // namespace firstline
