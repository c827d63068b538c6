#include "tests/testing/benchmark_tables.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"

namespace firstline::testing {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void AddOnce(const std::string& item, std::vector<std::string>* list) {
  if (!Contains(*list, item)) list->push_back(item);
}

// The ENGINE and CASE of "ENGINE/CASE"; CASE is empty without a slash.
std::pair<std::string, std::string> EngineAndCase(const std::string& name) {
  const size_t slash = name.find('/');
  return {name.substr(0, slash),
          slash == std::string::npos ? "" : name.substr(slash + 1)};
}

// Shows runs as the console reporter does and keeps their counters.
class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  // Tabular, without colours: the output often ends up in a log.
  CollectingReporter() : ConsoleReporter(OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) {
        failed_ = true;
        continue;
      }
      const bool median = run.run_type == Run::RT_Aggregate;
      if (median && run.aggregate_name != "median") continue;
      std::map<std::string, double> values;
      for (const auto& [name, counter] : run.counters) {
        values[name] = counter.value;
      }
      results_.Add(run.run_name.str(), values, median);
    }
  }

  const BenchmarkResults& results() const { return results_; }
  bool failed() const { return failed_; }

 private:
  BenchmarkResults results_;
  bool failed_ = false;
};

std::vector<std::string>& Registered() {
  static auto* names = new std::vector<std::string>();
  return *names;
}

}  // namespace

void NoteRegistered(const std::string& name) { Registered().push_back(name); }

void BenchmarkResults::OrderAs(const std::vector<std::string>& names) {
  std::vector<std::string> engines;
  std::vector<std::string> cases;
  for (const std::string& name : names) {
    const auto [engine, test_case] = EngineAndCase(name);
    if (Contains(engines_, engine)) AddOnce(engine, &engines);
    if (Contains(cases_, test_case)) AddOnce(test_case, &cases);
  }
  for (const std::string& engine : engines_) AddOnce(engine, &engines);
  for (const std::string& test_case : cases_) AddOnce(test_case, &cases);
  engines_ = std::move(engines);
  cases_ = std::move(cases);
}

void BenchmarkResults::Add(const std::string& name,
                           const std::map<std::string, double>& values,
                           bool median) {
  Entry& entry = entries_[name];
  if (entry.median && !median) return;
  entry.values = values;
  entry.median = median;
  const auto [engine, test_case] = EngineAndCase(name);
  AddOnce(engine, &engines_);
  AddOnce(test_case, &cases_);
}

std::optional<double> BenchmarkResults::Get(absl::string_view name,
                                            absl::string_view counter) const {
  auto entry = entries_.find(name);
  if (entry == entries_.end()) return std::nullopt;
  auto value = entry->second.values.find(std::string(counter));
  if (value == entry->second.values.end()) return std::nullopt;
  return value->second;
}

int RunBenchmarks(
    const std::function<void(const BenchmarkResults&)>& summarize) {
  // Measured as firstline-server runs: without Abseil's deadlock detector,
  // on in Debian's build, which walks a graph at every lock (the matcher
  // takes one to borrow Hyperscan scratch).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  BenchmarkResults results = reporter.results();
  results.OrderAs(Registered());
  summarize(results);
  return reporter.failed() ? 1 : 0;
}

std::string FormatValue(double value) {
  if (std::abs(value) < 1000) return absl::StrFormat("%.3g", value);
  const std::string digits = absl::StrFormat("%.0f", std::abs(value));
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void PrintRatioTable(const BenchmarkResults& results, absl::string_view counter,
                     absl::string_view reference, absl::string_view title,
                     std::ostream& out) {
  const auto name = [](absl::string_view engine, absl::string_view test_case) {
    return absl::StrCat(engine, "/", test_case);
  };
  std::vector<std::string> header = {"engine"};
  for (const std::string& test_case : results.cases()) {
    header.push_back(test_case);
  }
  std::vector<std::vector<std::string>> rows;
  for (const std::string& engine : results.engines()) {
    std::vector<std::string> row = {engine};
    bool any = false;
    for (const std::string& test_case : results.cases()) {
      const std::optional<double> value =
          results.Get(name(engine, test_case), counter);
      const std::optional<double> base =
          results.Get(name(reference, test_case), counter);
      if (!value) {
        row.push_back("-");
        continue;
      }
      any = true;
      std::string cell = FormatValue(*value);
      if (!reference.empty() && base && *base != 0) {
        absl::StrAppend(&cell, " (", FormatValue(*value / *base), "x)");
      }
      row.push_back(std::move(cell));
    }
    if (any) rows.push_back(std::move(row));
  }
  if (rows.empty()) return;
  std::vector<size_t> widths(header.size(), 0);
  for (size_t i = 0; i < header.size(); ++i) widths[i] = header[i].size();
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  out << "\n" << title << " (" << counter;
  if (!reference.empty()) out << "; in brackets: ratio to " << reference;
  out << ")\n";
  const auto print = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      out << (i == 0 ? "" : "  ")
          << absl::StrFormat(i == 0 ? "%-*s" : "%*s", widths[i], row[i]);
    }
    out << "\n";
  };
  print(header);
  for (const auto& row : rows) print(row);
}

}  // namespace firstline::testing
