#include "tools/firstline/load_calls.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "firstline/load/v1/echo.grpc.pb.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "tools/firstline/load_stream_lane.h"
#include "tools/firstline/load_unary_lane.h"

namespace firstline {
namespace {

constexpr std::pair<absl::string_view, LoadCall> kCalls[] = {
    {"send", LoadCall::kSend},
    {"converse", LoadCall::kConverse},
    {"classify", LoadCall::kClassify},
    {"classify_batch", LoadCall::kClassifyBatch},
    {"echo", LoadCall::kEcho},
    {"echo_stream", LoadCall::kEchoStream},
};

using ConversationStub = v1::ConversationService::Stub;
using EchoStub = load::v1::EchoService::Stub;

}  // namespace

absl::StatusOr<LoadCall> LoadCallFromWord(absl::string_view word) {
  for (const auto& [name, call] : kCalls) {
    if (word == name) return call;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown call '", word,
                   "'; use send, converse, classify, classify_batch, echo or "
                   "echo_stream"));
}

bool IsStreaming(LoadCall call) {
  return call == LoadCall::kConverse || call == LoadCall::kEchoStream;
}

bool IsEcho(LoadCall call) {
  return call == LoadCall::kEcho || call == LoadCall::kEchoStream;
}

std::unique_ptr<LaneSender> NewLaneSender(const LoadCallOptions& options,
                                          const LoadScript& script,
                                          const LaneContext& lane) {
  const int at = lane.index;
  std::shared_ptr<ConversationStub> firstline =
      v1::ConversationService::NewStub(lane.channel);
  std::shared_ptr<EchoStub> echo = load::v1::EchoService::NewStub(lane.channel);
  switch (options.call) {
    case LoadCall::kSend:
      return std::make_unique<
          UnaryLane<v1::SendMessageRequest, v1::SendMessageResponse>>(
          lane,
          [firstline](auto* context, const auto& request, auto* cq) {
            return firstline->PrepareAsyncSendMessage(context, request, cq);
          },
          [&script, at](uint64_t n, v1::SendMessageRequest* request) {
            script.FillSendMessage(at, n, request);
          },
          1);
    case LoadCall::kClassify:
      return std::make_unique<
          UnaryLane<v1::ClassifyRequest, v1::ClassifyResponse>>(
          lane,
          [firstline](auto* context, const auto& request, auto* cq) {
            return firstline->PrepareAsyncClassify(context, request, cq);
          },
          [&script, at](uint64_t n, v1::ClassifyRequest* request) {
            script.FillClassify(at, n, request);
          },
          1);
    case LoadCall::kClassifyBatch:
      return std::make_unique<
          UnaryLane<v1::ClassifyBatchRequest, v1::ClassifyBatchResponse>>(
          lane,
          [firstline](auto* context, const auto& request, auto* cq) {
            return firstline->PrepareAsyncClassifyBatch(context, request, cq);
          },
          [&script, at, batch = options.batch](
              uint64_t n, v1::ClassifyBatchRequest* request) {
            script.FillClassifyBatch(at, n, batch, request);
          },
          options.batch);
    case LoadCall::kEcho:
      return std::make_unique<
          UnaryLane<load::v1::EchoRequest, load::v1::EchoResponse>>(
          lane,
          [echo](auto* context, const auto& request, auto* cq) {
            return echo->PrepareAsyncEcho(context, request, cq);
          },
          [&script, at](uint64_t n, load::v1::EchoRequest* request) {
            script.FillEcho(at, n, request);
          },
          1);
    case LoadCall::kConverse:
      return std::make_unique<
          StreamLane<v1::ConverseRequest, v1::ConverseResponse>>(
          lane,
          [firstline](auto* context, auto* cq) {
            return firstline->PrepareAsyncConverse(context, cq);
          },
          [&script, at](uint64_t n, v1::ConverseRequest* request) {
            script.FillConverse(at, n, request);
          },
          [](const v1::ConverseResponse& response) {
            return response.has_error()
                       ? static_cast<absl::StatusCode>(response.error().code())
                       : absl::StatusCode::kOk;
          },
          options.stream_seconds);
    case LoadCall::kEchoStream:
      return std::make_unique<
          StreamLane<load::v1::EchoRequest, load::v1::EchoResponse>>(
          lane,
          [echo](auto* context, auto* cq) {
            return echo->PrepareAsyncEchoStream(context, cq);
          },
          [&script, at](uint64_t n, load::v1::EchoRequest* request) {
            script.FillEcho(at, n, request);
          },
          [](const load::v1::EchoResponse&) { return absl::StatusCode::kOk; },
          options.stream_seconds);
  }
  return nullptr;
}

}  // namespace firstline
