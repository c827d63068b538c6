// How fast messages are classified, and how the same work goes with other
// regex engines: for each locale of the shipped pack, on its message mix
// (see tests/testing/message_mix.h), over the same normalised messages and
// the same patterns (the classifier's terms, over the scan text):
//
//   firstline       IntentClassifier::Classify on normalised text: scan text,
//                   one Hyperscan scan, signals and scores
//   firstline_full  normalisation + the above + slot extraction
//   scan            TermMatcher::Match alone, on the scan text
//   hyperscan_raw   hs_scan over the heads of the terms, one pattern each,
//                   with a callback that only counts: the floor of scanning
//                   for every term (see term.h; TermMatcher walks phrases
//                   instead, see phrase_walker.h)
//   hyperscan_whole hs_scan over the terms whole, one regex each: how the
//                   scan goes without splitting terms
//   re2_set         RE2::Set of the terms, going round the same messages: its
//                   DFA warm (see RunRe2SetOnNewText)
//   re2_set_unseen  the same on messages its DFA has not met, after others
//   re2_set_cold    the same on a DFA that has met no message
//   re2_loop        one RE2 per term, one after another
//   std_regex       one std::regex per term it accepts, one after another
//
// Every engine also reports "patterns" (how many it runs) and "hits/msg"
// (patterns matched per message, counted once before timing): the engines
// that run every pattern must agree on it, except hyperscan_raw, which
// counts heads before their endings are checked.
#include <benchmark/benchmark.h>

#include <iostream>

#include "absl/strings/str_format.h"
#include "service/engine/engine.h"
#include "service/matching/scan_text.h"
#include "service/matching/term_matcher.h"
#include "tests/testing/benchmark_tables.h"
#include "tests/testing/per_message.h"
#include "tests/testing/regex_baselines.h"
#include "tests/testing/shipped_pack.h"

namespace firstline {
namespace {

using testing::Baseline;
using testing::kMessagesPerSecond;

// One locale's messages in the forms the engines take.
struct Messages {
  std::vector<std::string> original;
  std::vector<NormalizedText> normalized;
  std::vector<std::string> scan;  // ScanText() of the normalised text.
};

// Everything measured for one locale; baselines are built when first run,
// so --benchmark_filter skips the cost of those it leaves out.
struct LocaleBench {
  const Engine* engine;
  std::string locale;
  std::string cache_dir;
  Messages messages;
  std::map<std::string, std::unique_ptr<Baseline>> baselines;
  std::unique_ptr<const TermMatcher> matcher;

  const IntentClassifier& classifier() const {
    return engine->classifier(locale);
  }
};

// Sets the counters every engine reports.
void ReportPatterns(benchmark::State& state, size_t patterns, int64_t hits,
                    size_t messages) {
  state.counters["patterns"] = static_cast<double>(patterns);
  state.counters["hits/msg"] =
      static_cast<double>(hits) / static_cast<double>(messages);
}

void Firstline(benchmark::State& state, LocaleBench* bench) {
  const IntentClassifier& classifier = bench->classifier();
  testing::RunPerMessage(state, bench->messages.normalized,
                         [&](const NormalizedText& text) {
                           Classification c = classifier.Classify(text);
                           benchmark::DoNotOptimize(c);
                         });
  state.counters["patterns"] = static_cast<double>(classifier.term_count());
}

void FirstlineFull(benchmark::State& state, LocaleBench* bench) {
  const IntentClassifier& classifier = bench->classifier();
  testing::RunPerMessage(
      state, bench->messages.original, [&](const std::string& message) {
        const NormalizedText text = bench->engine->Normalize(message);
        Classification c = classifier.Classify(text);
        if (c.chosen) {
          std::vector<SlotValue> slots =
              classifier.ExtractSlots(c.chosen->intent, text, message);
          benchmark::DoNotOptimize(slots);
        }
        benchmark::DoNotOptimize(c);
      });
  state.counters["patterns"] = static_cast<double>(classifier.term_count());
}

void Scan(benchmark::State& state, LocaleBench* bench) {
  if (bench->matcher == nullptr) {
    // The classifier's own database: the same patterns hit the cache.
    auto matcher =
        TermMatcher::Create(bench->classifier().terms(), {bench->cache_dir});
    if (!matcher.ok()) {
      state.SkipWithError(std::string(matcher.status().message()).c_str());
      return;
    }
    bench->matcher = std::move(*matcher);
  }
  std::vector<int> hits;
  int64_t total = 0;
  for (const std::string& scan : bench->messages.scan) {
    hits.clear();
    bench->matcher->Match(scan, &hits);
    total += static_cast<int64_t>(hits.size());
  }
  testing::RunPerMessage(state, bench->messages.scan,
                         [&](const std::string& scan) {
                           hits.clear();
                           bench->matcher->Match(scan, &hits);
                           benchmark::DoNotOptimize(hits.data());
                         });
  ReportPatterns(state, bench->matcher->pattern_count(), total,
                 bench->messages.scan.size());
}

// Builds a baseline from the classifier's terms.
using BaselineFactory = std::unique_ptr<Baseline> (*)(const std::vector<Term>&);

// A baseline that takes one regex per term.
template <typename Kind>
std::unique_ptr<Baseline> OnRegexes(const std::vector<Term>& terms) {
  return std::make_unique<Kind>(TermRegexes(terms));
}

template <BaselineFactory make>
void RunBaseline(benchmark::State& state, LocaleBench* bench,
                 const std::string& name) {
  std::unique_ptr<Baseline>& baseline = bench->baselines[name];
  if (baseline == nullptr) baseline = make(bench->classifier().terms());
  const int64_t total = testing::CountAll(*baseline, bench->messages.scan);
  if (baseline->patterns() == 0 || total < 0) {
    state.SkipWithError("the engine accepted no pattern or failed to match");
    return;
  }
  testing::RunPerMessage(state, bench->messages.scan,
                         [&](const std::string& scan) {
                           benchmark::DoNotOptimize(baseline->Count(scan));
                         });
  ReportPatterns(state, baseline->patterns(), total,
                 bench->messages.scan.size());
}

// RE2::Set on messages its DFA has not met; after others when `warm_up`.
template <bool warm_up>
void RunRe2SetOnNewText(benchmark::State& state, LocaleBench* bench,
                        const std::string& /*name*/) {
  testing::RunRe2SetOnNewText(state, TermRegexes(bench->classifier().terms()),
                              bench->messages.scan, warm_up);
}

// The budget of the classifier on the shipped pack, checked on the results.
void PrintBudget(const testing::BenchmarkResults& results,
                 const std::vector<std::string>& locales) {
  std::cout << "\nBudget on the shipped pack: classification >= 200,000 "
               "msgs/s per core and >= 40% of hyperscan_raw\n";
  for (const std::string& locale : locales) {
    const auto raw = results.Get("hyperscan_raw/" + locale, kMessagesPerSecond);
    for (const std::string engine : {"firstline", "firstline_full"}) {
      const auto rate = results.Get(engine + "/" + locale, kMessagesPerSecond);
      if (!rate) continue;
      std::cout << absl::StrFormat("  %s/%s: %s msgs/s (%s)", engine, locale,
                                   testing::FormatValue(*rate),
                                   *rate >= 200000 ? "holds" : "below 200,000");
      if (raw) {
        std::cout << absl::StrFormat(
            ", %.0f%% of hyperscan_raw (%s)", 100 * *rate / *raw,
            *rate >= 0.4 * *raw ? "holds" : "below 40%");
      }
      std::cout << "\n";
    }
  }
}

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const std::string cache_dir = FIRSTLINE_BINARY_DIR "/cache";
  absl::StatusOr<testing::CompiledPackWithMixes> shipped =
      testing::CompilePackWithMixes(FIRSTLINE_SOURCE_DIR, cache_dir);
  if (!shipped.ok()) {
    std::cerr << shipped.status() << "\n";
    return 1;
  }
  const Engine& engine = *shipped->compiled.engine;
  std::map<std::string, LocaleBench> benches;
  for (auto& [locale, mix] : shipped->mixes) {
    LocaleBench& bench = benches[locale];
    bench.engine = &engine;
    bench.locale = locale;
    bench.cache_dir = cache_dir;
    for (std::string& message : mix) {
      NormalizedText normalized = engine.Normalize(message);
      bench.messages.scan.push_back(ScanText(normalized.text));
      bench.messages.normalized.push_back(std::move(normalized));
      bench.messages.original.push_back(std::move(message));
    }
    std::cerr << absl::StrFormat("%s: %d messages, %d patterns\n", locale,
                                 bench.messages.original.size(),
                                 bench.classifier().term_count());
  }
  const auto add = [](const std::string& name, auto function,
                      LocaleBench* bench) {
    testing::RegisterBenchmark(name, function, bench);
  };
  for (auto& [locale, bench] : benches) {
    add("firstline/" + locale, Firstline, &bench);
    add("firstline_full/" + locale, FirstlineFull, &bench);
    add("scan/" + locale, Scan, &bench);
  }
  const std::vector<
      std::pair<std::string,
                void (*)(benchmark::State&, LocaleBench*, const std::string&)>>
      baselines = {
          {"hyperscan_raw", RunBaseline<testing::HyperscanHeads>},
          {"hyperscan_whole", RunBaseline<testing::HyperscanWholeTerms>},
          {"re2_set", RunBaseline<OnRegexes<testing::Re2Set>>},
          {"re2_set_unseen", RunRe2SetOnNewText<true>},
          {"re2_set_cold", RunRe2SetOnNewText<false>},
          {"re2_loop", RunBaseline<OnRegexes<testing::Re2Loop>>},
          {"std_regex", RunBaseline<OnRegexes<testing::StdRegexLoop>>}};
  for (const auto& [name, function] : baselines) {
    for (auto& [locale, bench] : benches) {
      testing::RegisterBenchmark(name + "/" + locale, function, &bench, name);
    }
  }
  std::vector<std::string> locales = engine.locales();
  return testing::RunBenchmarks([&](const testing::BenchmarkResults& results) {
    testing::PrintRatioTable(results, kMessagesPerSecond, "firstline",
                             "Messages per second per core", std::cout);
    testing::PrintRatioTable(results, "patterns", "",
                             "Patterns each engine runs", std::cout);
    testing::PrintRatioTable(results, "hits/msg", "",
                             "Patterns matched per message", std::cout);
    PrintBudget(results, locales);
  });
}

}  // namespace
}  // namespace firstline

int main(int argc, char** argv) { return firstline::Main(argc, argv); }
