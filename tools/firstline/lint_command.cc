#include "tools/firstline/lint_command.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "firstline/v1/rule_files.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/lint/pack_lint.h"

namespace firstline {

absl::StatusOr<bool> RunLint(const LintCommandOptions& options,
                             std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format: unknown format '", options.format, "'; use text or json"));
  }
  const std::vector<LintFinding> findings =
      LintPack(options.root, {options.cache_dir});
  v1::LintReport report;
  for (const LintFinding& finding : findings) {
    v1::LintFinding* entry = report.add_findings();
    entry->set_file(finding.where.file);
    entry->set_line(finding.where.line);
    entry->set_column(finding.where.column);
    const bool error = finding.severity == LintFinding::Severity::kError;
    entry->set_severity(error ? v1::LintFinding::SEVERITY_ERROR
                              : v1::LintFinding::SEVERITY_WARNING);
    entry->set_message(finding.message);
    entry->set_hint(finding.hint);
    if (error) {
      report.set_errors(report.errors() + 1);
    } else {
      report.set_warnings(report.warnings() + 1);
    }
  }
  if (options.format == "json") {
    std::string json;
    google::protobuf::util::JsonPrintOptions print_options;
    print_options.always_print_primitive_fields = true;
    if (!google::protobuf::util::MessageToJsonString(report, &json,
                                                     print_options)
             .ok()) {
      return absl::InternalError("cannot print the report as JSON");
    }
    out << json << "\n";
  } else {
    for (const LintFinding& finding : findings) {
      out << finding.ToString() << "\n";
    }
    out << report.errors() << " errors, " << report.warnings() << " warnings\n";
  }
  return report.errors() > 0;
}

}  // namespace firstline
