#include "tools/firstline/load_command.h"

#include <unistd.h>

#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "firstline/load/v1/load_report.pb.h"
#include "service/server/request_validation.h"
#include "tools/firstline/load_calls.h"
#include "tools/firstline/load_driver.h"
#include "tools/firstline/load_report.h"
#include "tools/firstline/load_script.h"

namespace firstline {
namespace {

// How long a stream may take to answer what it was sent before the end of
// the run.
constexpr int kStreamDrainSeconds = 30;

absl::Status Invalid(absl::string_view flag, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", problem));
}

// Every option a run can refuse, checked before it connects.
absl::Status Validate(const LoadCommandOptions& options, LoadCall call) {
  if (options.channels < 1) return Invalid("channels", "must be at least 1");
  if (options.rate < 0) return Invalid("rate", "must not be negative");
  if (options.rate == 0 && options.concurrency < options.channels) {
    return Invalid("concurrency",
                   absl::StrCat(options.concurrency, " leaves some of the ",
                                options.channels,
                                " channels idle; give at least one each"));
  }
  if (call == LoadCall::kClassifyBatch &&
      (options.batch < 1 || options.batch > kMaxBatchSize)) {
    return Invalid("batch", absl::StrCat("must be 1 to ", kMaxBatchSize));
  }
  if (options.duration <= absl::ZeroDuration()) {
    return Invalid("duration", "must be positive, e.g. 10s");
  }
  if (options.warmup < absl::ZeroDuration()) {
    return Invalid("warmup", "must not be negative");
  }
  if (options.conversations < 1) {
    return Invalid("conversations", "must be at least 1");
  }
  if (options.messages_path.empty()) {
    return Invalid("messages",
                   "required: a file of customer messages, one per line");
  }
  if (!IsEcho(call) && options.locale.empty()) {
    return Invalid("locale", "required, e.g. --locale en");
  }
  if (options.format != "text" && options.format != "json") {
    return Invalid("format", absl::StrCat("unknown format '", options.format,
                                          "'; use text or json"));
  }
  return absl::OkStatus();
}

// Distinct per run and process, so that runs against one server start
// fresh conversations.
std::string RunId() {
  return absl::StrFormat("%x-%x", getpid(),
                         absl::ToUnixMillis(absl::Now()) & 0xffffff);
}

}  // namespace

absl::Status RunLoad(const LoadCommandOptions& options, std::ostream& out) {
  absl::StatusOr<LoadCall> call = LoadCallFromWord(options.call);
  if (!call.ok()) return Invalid("call", call.status().message());
  if (absl::Status valid = Validate(options, *call); !valid.ok()) return valid;
  absl::StatusOr<std::vector<std::string>> texts =
      ReadLoadMessages(options.messages_path);
  if (!texts.ok()) return Invalid("messages", texts.status().message());

  const int batch = *call == LoadCall::kClassifyBatch ? options.batch : 1;
  const LoadScript script(*std::move(texts), options.locale,
                          options.conversations, options.channels, RunId());
  const LoadCallOptions call_options{
      .call = *call,
      .batch = batch,
      .stream_seconds = static_cast<int>(std::ceil(absl::ToDoubleSeconds(
                            options.warmup + options.duration))) +
                        kStreamDrainSeconds};
  LoadPlan plan;
  plan.server = options.server;
  plan.channels = options.channels;
  plan.concurrency = options.concurrency;
  plan.sends_per_second = options.rate / batch;
  plan.warmup = options.warmup;
  plan.duration = options.duration;
  absl::StatusOr<LoadResult> result =
      DriveLoad(plan, [&](const LaneContext& lane) {
        return NewLaneSender(call_options, script, lane);
      });
  if (!result.ok()) return result.status();

  load::v1::LoadReport report;
  report.set_call(options.call);
  const bool open = options.rate > 0;
  report.set_loop(open ? "open" : "closed");
  report.set_concurrency(open ? 0 : options.concurrency);
  report.set_channels(options.channels);
  report.set_rate(options.rate);
  report.set_batch(batch);
  FillMeasurements(*result, &report);
  return PrintLoadReport(report, options.format, out);
}

}  // namespace firstline
