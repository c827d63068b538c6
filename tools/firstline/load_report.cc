#include "tools/firstline/load_report.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"

namespace firstline {
namespace {

double Micros(absl::Duration duration) {
  return absl::ToDoubleMicroseconds(duration);
}

std::string Setting(const load::v1::LoadReport& report) {
  std::string setting =
      report.loop() == "open"
          ? absl::StrFormat("open loop at %.0f messages/s", report.rate())
          : absl::StrFormat("closed loop, %d %s in flight",
                            report.concurrency(),
                            report.batch() > 1 ? "calls" : "messages");
  absl::StrAppend(&setting, " over ", report.channels(), " channels");
  if (report.batch() > 1) {
    absl::StrAppend(&setting, ", ", report.batch(), " texts per call");
  }
  return setting;
}

std::string Errors(const load::v1::LoadReport& report) {
  if (report.errors().empty()) return "none";
  // Sorted, so that runs compare line by line.
  const std::map<std::string, uint32_t> sorted(report.errors().begin(),
                                               report.errors().end());
  std::string errors;
  for (const auto& [code, count] : sorted) {
    absl::StrAppend(&errors, errors.empty() ? "" : ", ", code, " ", count);
  }
  return errors;
}

}  // namespace

void FillMeasurements(const LoadResult& result, load::v1::LoadReport* report) {
  const LoadTally& tally = result.tally;
  const double seconds = absl::ToDoubleSeconds(result.measured);
  report->set_duration_seconds(seconds);
  report->set_calls(tally.calls());
  report->set_messages(tally.messages());
  report->set_messages_per_second(tally.messages() / seconds);
  report->set_calls_per_second(tally.calls() / seconds);
  for (const auto& [code, count] : tally.errors()) {
    (*report->mutable_errors())[absl::StatusCodeToString(code)] = count;
  }
  const LatencyHistogram& latency = tally.latency();
  load::v1::Latency& out = *report->mutable_latency();
  out.set_p50_us(Micros(latency.Percentile(0.5)));
  out.set_p90_us(Micros(latency.Percentile(0.9)));
  out.set_p99_us(Micros(latency.Percentile(0.99)));
  out.set_p999_us(Micros(latency.Percentile(0.999)));
  out.set_max_us(Micros(latency.max()));
  out.set_mean_us(Micros(latency.mean()));
  report->set_client_cpu_cores(result.cpu_cores);
}

absl::Status PrintLoadReport(const load::v1::LoadReport& report,
                             absl::string_view format, std::ostream& out) {
  if (format == "json") {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(report, &json, options)
             .ok()) {
      return absl::InternalError("cannot print the report as JSON");
    }
    out << json << "\n";
    return absl::OkStatus();
  }
  if (format != "text") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format: unknown format '", format, "'; use text or json"));
  }
  const load::v1::Latency& latency = report.latency();
  out << absl::StrFormat(
      "%s: %s\n"
      "measured   %.2f s\n"
      "messages   %d (%.0f/s)\n"
      "calls      %d (%.1f/s)\n"
      "errors     %s\n"
      "latency    p50 %.0f us, p90 %.0f us, p99 %.0f us, p99.9 %.0f us, "
      "max %.0f us (mean %.0f us)\n"
      "client CPU %.2f cores\n",
      report.call(), Setting(report), report.duration_seconds(),
      report.messages(), report.messages_per_second(), report.calls(),
      report.calls_per_second(), Errors(report), latency.p50_us(),
      latency.p90_us(), latency.p99_us(), latency.p999_us(), latency.max_us(),
      latency.mean_us(), report.client_cpu_cores());
  return absl::OkStatus();
}

}  // namespace firstline
