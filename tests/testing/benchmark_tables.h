// Runs Google Benchmark binaries and sums their results up in tables that
// compare engines on the same cases, e.g. firstline and RE2::Set on the
// English messages.
//
// Benchmarks are named "ENGINE/CASE" ("re2_set/en", "firstline/1000-ru").
//
//   benchmark::Initialize(&argc, argv);
//   RegisterBenchmark("firstline/en", Classify, &english);  // And others.
//   return RunBenchmarks([](const BenchmarkResults& results) {
//     PrintRatioTable(results, "msgs/s", "firstline", "messages/s", std::cout);
//   });
#ifndef FIRSTLINE_TESTS_TESTING_BENCHMARK_TABLES_H_
#define FIRSTLINE_TESTS_TESTING_BENCHMARK_TABLES_H_

#include <benchmark/benchmark.h>

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline::testing {

// The counters every benchmark reported, by its name.
class BenchmarkResults {
 public:
  // Records the counters of one run of `name`. A run marked `median` (the
  // median of repetitions) wins over plain runs of the same name; otherwise
  // the latest wins.
  void Add(const std::string& name, const std::map<std::string, double>& values,
           bool median);

  // The value of `counter` for `name`, if it was reported.
  std::optional<double> Get(absl::string_view name,
                            absl::string_view counter) const;

  // The ENGINE and CASE parts of the names seen, each in the order first
  // seen, or in the order of `names` after OrderAs().
  const std::vector<std::string>& engines() const { return engines_; }
  const std::vector<std::string>& cases() const { return cases_; }

  // Orders engines() and cases() as they first appear in `names`; those
  // that never do follow, in the order they were seen.
  void OrderAs(const std::vector<std::string>& names);

 private:
  struct Entry {
    std::map<std::string, double> values;
    bool median = false;
  };
  std::map<std::string, Entry, std::less<>> entries_;
  std::vector<std::string> engines_;
  std::vector<std::string> cases_;
};

// Registers as benchmark::RegisterBenchmark() does, and remembers the order
// of registration for the tables: with --benchmark_enable_random_interleaving
// the runs come in another order.
void NoteRegistered(const std::string& name);
template <typename... Args>
benchmark::internal::Benchmark* RegisterBenchmark(const std::string& name,
                                                  Args&&... args) {
  NoteRegistered(name);
  return benchmark::RegisterBenchmark(name.c_str(),
                                      std::forward<Args>(args)...);
}

// Runs the benchmarks registered so far, selected by the --benchmark_*
// flags benchmark::Initialize() took, showing every run on the console (and
// in --benchmark_out), then calls `summarize` with the results of all of
// them. Turns off Abseil's deadlock detector first, as the server does.
// Returns the exit code: 1 when a benchmark reported an error.
int RunBenchmarks(
    const std::function<void(const BenchmarkResults&)>& summarize);

// Prints `counter` for every engine (a row) and case (a column), each value
// with its ratio to the value of engine `reference` in the same case (no
// ratios when `reference` is empty).
// Engines without the counter are left out; "-" marks a missing value.
void PrintRatioTable(const BenchmarkResults& results, absl::string_view counter,
                     absl::string_view reference, absl::string_view title,
                     std::ostream& out);

// `value` for people: thousands separated above 1,000, three significant
// digits below.
std::string FormatValue(double value);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_BENCHMARK_TABLES_H_
