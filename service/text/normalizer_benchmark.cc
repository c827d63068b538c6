// How fast customer messages are normalised, on the message mix of each
// locale of the shipped pack (see tests/testing/message_mix.h).
#include <benchmark/benchmark.h>

#include <iostream>

#include "service/content/rule_pack.h"
#include "service/text/normalizer.h"
#include "tests/testing/benchmark_tables.h"
#include "tests/testing/message_mix.h"
#include "tests/testing/per_message.h"

namespace firstline {
namespace {

void Normalize(benchmark::State& state, const Normalizer* normalizer,
               const std::vector<std::string>* messages) {
  size_t bytes = 0;
  testing::RunPerMessage(state, *messages, [&](const std::string& message) {
    NormalizedText normalized = normalizer->Normalize(message);
    benchmark::DoNotOptimize(normalized);
    bytes += message.size();
  });
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  absl::StatusOr<std::unique_ptr<const RulePack>> pack =
      RulePack::Load(FIRSTLINE_SOURCE_DIR);
  absl::StatusOr<std::unique_ptr<Normalizer>> normalizer = Normalizer::Create();
  if (!pack.ok() || !normalizer.ok()) {
    std::cerr << (pack.ok() ? normalizer.status() : pack.status()) << "\n";
    return 1;
  }
  std::map<std::string, std::vector<std::string>> mixes;
  for (const auto& [locale, files] : (*pack)->locales()) {
    absl::StatusOr<std::vector<std::string>> mix =
        testing::MessageMix(**pack, locale, FIRSTLINE_SOURCE_DIR);
    if (!mix.ok()) {
      std::cerr << mix.status() << "\n";
      return 1;
    }
    mixes[locale] = std::move(*mix);
  }
  for (const auto& [locale, mix] : mixes) {
    testing::RegisterBenchmark("normalize/" + locale, Normalize,
                               normalizer->get(), &mix);
  }
  return testing::RunBenchmarks([](const testing::BenchmarkResults& results) {
    testing::PrintRatioTable(results, testing::kMessagesPerSecond, "",
                             "Normalisation, messages per second per core",
                             std::cout);
  });
}

}  // namespace
}  // namespace firstline

int main(int argc, char** argv) { return firstline::Main(argc, argv); }
