#include "tools/firstline/classify_command.h"

#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/server/request_validation.h"

namespace firstline {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

Value StringValue(const std::string& text) {
  Value value;
  value.set_string_value(text);
  return value;
}

Value NumberValue(double number) {
  Value value;
  value.set_number_value(number);
  return value;
}

// The JSON line for one message.
Struct Describe(const std::string& text, const v1::ClassifyResponse& response) {
  Struct line;
  auto& fields = *line.mutable_fields();
  fields["text"] = StringValue(text);
  fields["intent"] = StringValue(response.intent().intent());
  fields["score"] = NumberValue(response.intent().score());
  Value& ranked = fields["ranked"];
  ranked.mutable_list_value();
  for (const v1::IntentScore& candidate : response.ranked_intents()) {
    Value entry;
    auto& entry_fields = *entry.mutable_struct_value()->mutable_fields();
    entry_fields["intent"] = StringValue(candidate.intent());
    entry_fields["score"] = NumberValue(candidate.score());
    *ranked.mutable_list_value()->add_values() = std::move(entry);
  }
  Value& slots = fields["slots"];
  slots.mutable_struct_value();
  for (const v1::Slot& slot : response.slots()) {
    (*slots.mutable_struct_value()->mutable_fields())[slot.name()] =
        StringValue(slot.value());
  }
  if (response.has_trace()) {
    Value& trace = fields["trace"];
    auto& trace_fields = *trace.mutable_struct_value()->mutable_fields();
    trace_fields["normalized_text"] =
        StringValue(response.trace().normalized_text());
    trace_fields["decision"] = StringValue(response.trace().decision());
    Value& hits = trace_fields["hits"];
    hits.mutable_list_value();
    for (const v1::SignalHit& hit : response.trace().hits()) {
      Value entry;
      auto& entry_fields = *entry.mutable_struct_value()->mutable_fields();
      entry_fields["intent"] = StringValue(hit.intent());
      entry_fields["source"] = StringValue(hit.source());
      entry_fields["signal"] = StringValue(hit.signal());
      entry_fields["weight"] = NumberValue(hit.weight());
      entry_fields["veto"].set_bool_value(hit.veto());
      *hits.mutable_list_value()->add_values() = std::move(entry);
    }
  }
  return line;
}

}  // namespace

absl::Status RunClassify(const Engine& engine,
                         const ClassifyCommandOptions& options,
                         std::istream& in, std::ostream& out) {
  absl::StatusOr<std::string> locale = engine.ResolveLocale(options.locale);
  if (!locale.ok()) return locale.status();
  std::string line;
  std::string json;
  google::protobuf::util::JsonPrintOptions print_options;
  print_options.preserve_proto_field_names = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Struct description;
    absl::Status valid = ValidateText("text", line);
    if (valid.ok()) {
      description =
          Describe(line, engine.Classify(line, *locale, options.include_trace));
    } else {
      // Keep one output line per input line, so outputs stay aligned.
      const std::string shown = IsValidUtf8(line) ? line : "";
      description = Describe(shown, v1::ClassifyResponse());
      (*description.mutable_fields())["error"] =
          StringValue(std::string(valid.message()));
    }
    json.clear();
    google::protobuf::util::MessageToJsonString(description, &json,
                                                print_options);
    out << json << '\n';
  }
  out.flush();
  return absl::OkStatus();
}

}  // namespace firstline
