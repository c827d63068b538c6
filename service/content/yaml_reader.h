// Reads a YAML rule file into its schema message (proto/firstline/v1/
// rule_files.proto), so that every file kind is checked against one schema
// and every error names file:line:col.
//
//   IntentFile file;
//   SourceMap positions;
//   absl::Status s = ReadYaml("intents/en/orders.yaml", text, &file,
//   &positions);
//   // s.message(): "intents/en/orders.yaml:7:5: unknown key 'phrase' in
//   //               Signal; expected one of: phrases, all, regex, weight"
#ifndef FIRSTLINE_SERVICE_CONTENT_YAML_READER_H_
#define FIRSTLINE_SERVICE_CONTENT_YAML_READER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "service/content/source_map.h"

namespace firstline {

// Parses `yaml` into `message`, recording where each value stands in
// `positions`. `file` names the file in errors. Keys are the schema's field
// names; a scalar is accepted where a list of scalars is expected; enum
// values are written as the enum value name without its prefix, in any case
// ("handoff" for ANSWER_ACTION_HANDOFF). On error returns INVALID_ARGUMENT
// with "file:line:col: message" and leaves `message` partly filled.
absl::Status ReadYaml(absl::string_view file, absl::string_view yaml,
                      google::protobuf::Message* message, SourceMap* positions);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_CONTENT_YAML_READER_H_
