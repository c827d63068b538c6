#include "tools/firstline/labeled_csv.h"

#include <csv.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace firstline {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// What libcsv's callbacks build: rows with the line each starts on, which
// libcsv does not track, so the text is fed to it one line at a time.
struct RowCollector {
  int line = 1;  // The line being fed.
  bool between_rows = true;
  int row_line = 1;
  std::vector<std::string> row;
  std::vector<std::pair<int, std::vector<std::string>>> rows;
};

void OnField(void* data, size_t size, void* collector) {
  auto* rows = static_cast<RowCollector*>(collector);
  if (rows->between_rows) {
    rows->row_line = rows->line;
    rows->between_rows = false;
  }
  rows->row.emplace_back(size > 0 ? static_cast<const char*>(data) : "", size);
}

void OnRowEnd(int /*terminator*/, void* collector) {
  auto* rows = static_cast<RowCollector*>(collector);
  rows->rows.emplace_back(rows->row_line, std::move(rows->row));
  rows->row.clear();
  rows->between_rows = true;
}

bool IsBlank(absl::string_view line) {
  return absl::StripAsciiWhitespace(line).empty();
}

// libcsv in strict mode, freed however parsing ends.
class Parser {
 public:
  Parser() { csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI); }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // False when `text` is not valid CSV.
  bool Feed(absl::string_view text, RowCollector* rows) {
    return csv_parse(&parser_, text.data(), text.size(), OnField, OnRowEnd,
                     rows) == text.size();
  }
  // Ends the last row; false when a quoted field is still open.
  bool Finish(RowCollector* rows) {
    return csv_fini(&parser_, OnField, OnRowEnd, rows) == 0;
  }

 private:
  csv_parser parser_;
};

std::optional<size_t> ColumnNamed(const std::vector<std::string>& header,
                                  absl::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(header[i]), name)) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::vector<LabeledMessage>> ReadLabeledCsv(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  const std::string content((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
  absl::string_view rest = content;
  // Spreadsheets often start their CSV files with a byte order mark.
  absl::ConsumePrefix(&rest, kUtf8Bom);

  RowCollector rows;
  Parser parser;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const absl::string_view line =
        end == absl::string_view::npos ? rest : rest.substr(0, end + 1);
    rest.remove_prefix(line.size());
    if (rows.between_rows && !IsBlank(line)) {
      rows.row_line = rows.line;
      rows.between_rows = false;
    }
    if (!parser.Feed(line, &rows)) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", rows.line,
          ": not valid CSV: a field with quotes, commas or line breaks must "
          "be in double quotes, with each quote inside it written twice"));
    }
    ++rows.line;
  }
  if (!parser.Finish(&rows)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", rows.row_line,
                     ": not valid CSV: a quoted field is never closed"));
  }
  if (rows.rows.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path,
        ":1: the file is empty; its first row must name the columns, "
        "e.g. text,intent"));
  }

  const auto& [header_line, header] = rows.rows.front();
  const std::optional<size_t> text_column = ColumnNamed(header, "text");
  const std::optional<size_t> intent_column = ColumnNamed(header, "intent");
  for (const auto& [column, name] :
       {std::pair{text_column, "text"}, std::pair{intent_column, "intent"}}) {
    if (!column.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", header_line, ": the header has no column '",
                       name, "'; it needs text and intent"));
    }
  }
  std::vector<LabeledMessage> messages;
  for (size_t i = 1; i < rows.rows.size(); ++i) {
    auto& [line, fields] = rows.rows[i];
    LabeledMessage message;
    message.line = line;
    // A short row leaves the missing fields empty.
    if (*text_column < fields.size()) {
      message.text = std::move(fields[*text_column]);
    }
    if (*intent_column < fields.size()) {
      message.intent =
          std::string(absl::StripAsciiWhitespace(fields[*intent_column]));
    }
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace firstline
