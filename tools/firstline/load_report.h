// How `firstline load` reports a run: text for a person, JSON for scripts.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_REPORT_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_REPORT_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "firstline/load/v1/load_report.pb.h"
#include "tools/firstline/load_driver.h"

namespace firstline {

// Fills in what `result` measured: duration, counts, rates, errors,
// latency and client CPU. The run's settings are the caller's to fill.
void FillMeasurements(const LoadResult& result, load::v1::LoadReport* report);

// Prints `report` in `format`: "text" (a few lines) or "json" (one object,
// the fields of LoadReport with their proto names). INVALID_ARGUMENT for
// another format.
absl::Status PrintLoadReport(const load::v1::LoadReport& report,
                             absl::string_view format, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_REPORT_H_
