#include "tools/firstline/load_script.h"

#include <algorithm>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/text/normalizer.h"

namespace firstline {

absl::StatusOr<std::vector<std::string>> ReadLoadMessages(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<std::string> texts;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (!IsValidUtf8(line)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": not valid UTF-8"));
    }
    texts.push_back(line);
  }
  if (texts.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no messages; write one per line"));
  }
  return texts;
}

LoadScript::LoadScript(std::vector<std::string> texts, std::string locale,
                       int conversations, int lanes, std::string run_id)
    : texts_(std::move(texts)),
      locale_(std::move(locale)),
      per_lane_(static_cast<uint64_t>(std::max(1, conversations / lanes))),
      lanes_(lanes),
      run_id_(std::move(run_id)) {}

const std::string& LoadScript::Text(int lane, uint64_t n) const {
  return texts_[(n * lanes_ + lane) % texts_.size()];
}

std::string LoadScript::ConversationId(int lane, uint64_t n) const {
  return absl::StrCat("load-", run_id_, "-", lane, "-", n % per_lane_);
}

void LoadScript::FillSendMessage(int lane, uint64_t n,
                                 v1::SendMessageRequest* request) const {
  std::string conversation = ConversationId(lane, n);
  request->set_channel(v1::CHANNEL_CHAT);
  request->mutable_customer()->set_id("customer-" + conversation);
  request->mutable_customer()->set_locale(locale_);
  request->set_text(Text(lane, n));
  request->set_conversation_id(std::move(conversation));
}

void LoadScript::FillClassify(int lane, uint64_t n,
                              v1::ClassifyRequest* request) const {
  request->set_text(Text(lane, n));
  request->set_locale(locale_);
}

void LoadScript::FillClassifyBatch(int lane, uint64_t n, int batch,
                                   v1::ClassifyBatchRequest* request) const {
  for (int i = 0; i < batch; ++i) {
    FillClassify(lane, n * batch + i, request->add_requests());
  }
}

void LoadScript::FillConverse(int lane, uint64_t n,
                              v1::ConverseRequest* request) const {
  request->set_tag(absl::StrCat(n));
  FillSendMessage(lane, n, request->mutable_message());
}

void LoadScript::FillEcho(int lane, uint64_t n,
                          load::v1::EchoRequest* request) const {
  v1::SendMessageRequest message;
  FillSendMessage(lane, n, &message);
  request->set_tag(absl::StrCat(n));
  message.SerializeToString(request->mutable_payload());
}

}  // namespace firstline
