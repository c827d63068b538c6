// Labeled messages from a CSV file (RFC 4180), as editors export them from
// a spreadsheet or a support desk: a header row, then one message per row.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LABELED_CSV_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LABELED_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace firstline {

struct LabeledMessage {
  std::string text;
  // The intent the message should get; empty for none.
  std::string intent;
  // The line its row starts on, counting from 1 (the header's line).
  int line = 0;
};

// Reads the rows of the CSV file at `path`. The header names the columns;
// `text` and `intent` are required, others are ignored. Quoted fields may
// hold commas, quotes ("") and line breaks. NOT_FOUND when the file cannot
// be read; INVALID_ARGUMENT, with "path:line: " first, for a missing column
// or a row that is not valid CSV.
absl::StatusOr<std::vector<LabeledMessage>> ReadLabeledCsv(
    const std::string& path);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LABELED_CSV_H_
