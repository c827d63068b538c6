// How matching scales with the number of patterns: for synthetic packs of
// each --sizes (patterns per locale, see synthetic_pack.h), classification
// of the shipped pack's message mix (tests/testing/message_mix.h) with
// firstline and with RE2::Set over the same terms, and what it costs to get
// there:
//
//   compile_s     IntentClassifier::Create of one locale with no cache: the
//                 phrases compiled, the Hyperscan database built and saved
//   cache_MB      the serialized database it saved
//   load_s        IntentClassifier::Create again, the database from the cache
//   startup_s     what firstline-server does before it listens, from the
//                 cache: LoadServablePack of the whole pack (both locales,
//                 YAML read, compiled, linted with every example classified)
//   build_s       RE2::Set built from the terms (its DFA is built while it
//                 matches)
//
// hyperscan_raw is the scan of every term's head as one pattern
// (testing::HyperscanHeads, no endings checked, nothing scored): the floor
// of matching each term by its own pattern. firstline finds phrases of two
// words or more word by word instead (see phrase_walker.h), and so can go
// past it. RE2::Set is measured as re2_set (going
// round the same messages: a warm DFA), re2_set_unseen (messages its DFA has
// not met, after others) and re2_set_cold (a DFA that has met nothing); see
// RunRe2SetOnNewText.
//
//   scaling_benchmark [--sizes=100,1000,10000] [--benchmark_*]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "service/engine/engine.h"
#include "service/matching/scan_text.h"
#include "service/reload/pack_reloader.h"
#include "tests/testing/benchmark_tables.h"
#include "tests/testing/message_mix.h"
#include "tests/testing/per_message.h"
#include "tests/testing/regex_baselines.h"
#include "tests/testing/temp_pack.h"
#include "tools/synthetic_pack/synthetic_pack.h"

ABSL_FLAG(std::vector<std::string>, sizes,
          (std::vector<std::string>{"100", "1000", "10000"}),
          "synthetic pack sizes, in patterns per locale");

namespace firstline {
namespace {

namespace fs = std::filesystem;
using testing::kMessagesPerSecond;

// The shipped pack's messages of one locale, as the classifier and RE2::Set
// take them.
struct Messages {
  std::vector<NormalizedText> normalized;
  std::vector<std::string> scan;
};

struct LocaleScale {
  std::unique_ptr<const IntentClassifier> classifier;  // From the cache.
  std::unique_ptr<testing::Re2Set> set;
  // Built by the first hyperscan_raw benchmark.
  std::unique_ptr<testing::Baseline> raw;
  double compile_s = 0;
  double cache_bytes = 0;
  double load_s = 0;
  double build_s = 0;
};

// One pack size, prepared by the first benchmark that needs it.
struct SizeScale {
  int patterns;
  const std::map<std::string, Messages>* messages;
  testing::TempPack folder;
  bool prepared = false;
  absl::Status status;
  std::map<std::string, LocaleScale> locales;
  double startup_s = 0;
};

double SecondsSince(absl::Time start) {
  return absl::ToDoubleSeconds(absl::Now() - start);
}

double FolderBytes(const fs::path& folder) {
  double bytes = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    bytes += static_cast<double>(entry.file_size(error));
  }
  return bytes;
}

absl::Status Prepare(SizeScale* size) {
  const fs::path root = fs::path(size->folder.root()) / "pack";
  const fs::path cache = fs::path(size->folder.root()) / "cache";
  absl::Status written =
      WriteSyntheticPack(root.string(), {.patterns = size->patterns});
  if (!written.ok()) return written;
  absl::StatusOr<std::unique_ptr<const RulePack>> pack =
      RulePack::Load(root.string());
  if (!pack.ok()) return pack.status();
  for (const auto& [locale, files] : (*pack)->locales()) {
    std::vector<const v1::Intent*> intents;
    std::vector<const v1::Intent*> alerts;
    for (const auto& file : files.intent_files) {
      for (const v1::Intent& intent : file->intents()) {
        intents.push_back(&intent);
      }
      for (const v1::Intent& alert : file->alerts()) alerts.push_back(&alert);
    }
    const ClassifierOptions options{locale, (*pack)->settings().scoring(),
                                    cache.string()};
    LocaleScale& scale = size->locales[locale];
    const double cached_before = FolderBytes(cache);
    absl::Time start = absl::Now();
    auto compiled = IntentClassifier::Create(options, intents, alerts,
                                             (*pack)->positions());
    scale.compile_s = SecondsSince(start);
    if (!compiled.ok()) return compiled.status();
    scale.cache_bytes = FolderBytes(cache) - cached_before;
    start = absl::Now();
    auto loaded = IntentClassifier::Create(options, intents, alerts,
                                           (*pack)->positions());
    scale.load_s = SecondsSince(start);
    if (!loaded.ok()) return loaded.status();
    scale.classifier = std::move(*loaded);
    start = absl::Now();
    scale.set = std::make_unique<testing::Re2Set>(
        TermRegexes(scale.classifier->terms()));
    scale.build_s = SecondsSince(start);
  }
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      LoadServablePack(root.string(), {cache.string()}, nullptr);
  size->startup_s = SecondsSince(start);
  return engine.status();
}

// The locale's scale of `size`, prepared on first use; null after an error
// (reported on `state`).
LocaleScale* Scale(benchmark::State& state, SizeScale* size,
                   const std::string& locale) {
  if (!size->prepared) {
    size->prepared = true;
    size->status = Prepare(size);
  }
  if (!size->status.ok()) {
    state.SkipWithError(std::string(size->status.message()).c_str());
    return nullptr;
  }
  return &size->locales.at(locale);
}

void Firstline(benchmark::State& state, SizeScale* size,
               const std::string& locale) {
  LocaleScale* scale = Scale(state, size, locale);
  if (scale == nullptr) return;
  const IntentClassifier& classifier = *scale->classifier;
  testing::RunPerMessage(state, size->messages->at(locale).normalized,
                         [&](const NormalizedText& text) {
                           Classification c = classifier.Classify(text);
                           benchmark::DoNotOptimize(c);
                         });
  state.counters["patterns"] = static_cast<double>(classifier.term_count());
  state.counters["compile_s"] = scale->compile_s;
  state.counters["cache_MB"] = scale->cache_bytes / (1 << 20);
  state.counters["load_s"] = scale->load_s;
  state.counters["startup_s"] = size->startup_s;
}

void HyperscanRaw(benchmark::State& state, SizeScale* size,
                  const std::string& locale) {
  LocaleScale* scale = Scale(state, size, locale);
  if (scale == nullptr) return;
  if (scale->raw == nullptr) {
    scale->raw = testing::HyperscanHeads(scale->classifier->terms());
  }
  const std::vector<std::string>& texts = size->messages->at(locale).scan;
  if (scale->raw->patterns() == 0 ||
      testing::CountAll(*scale->raw, texts) < 0) {
    state.SkipWithError("Hyperscan accepted no pattern or failed to match");
    return;
  }
  testing::RunPerMessage(state, texts, [&](const std::string& scan) {
    benchmark::DoNotOptimize(scale->raw->Count(scan));
  });
}

void Re2SetWarm(benchmark::State& state, SizeScale* size,
                const std::string& locale) {
  LocaleScale* scale = Scale(state, size, locale);
  if (scale == nullptr) return;
  // Also warms the DFA up.
  const int64_t hits =
      testing::CountAll(*scale->set, size->messages->at(locale).scan);
  if (hits < 0) {
    state.SkipWithError("RE2::Set failed to match");
    return;
  }
  testing::RunPerMessage(state, size->messages->at(locale).scan,
                         [&](const std::string& scan) {
                           benchmark::DoNotOptimize(scale->set->Count(scan));
                         });
  state.counters["patterns"] = static_cast<double>(scale->set->patterns());
  state.counters["hits/msg"] =
      static_cast<double>(hits) /
      static_cast<double>(size->messages->at(locale).scan.size());
  state.counters["build_s"] = scale->build_s;
}

// RE2::Set on messages its DFA has not met; after others when `warm_up`.
template <bool warm_up>
void Re2SetOnNewText(benchmark::State& state, SizeScale* size,
                     const std::string& locale) {
  LocaleScale* scale = Scale(state, size, locale);
  if (scale == nullptr) return;
  testing::RunRe2SetOnNewText(state, TermRegexes(scale->classifier->terms()),
                              size->messages->at(locale).scan, warm_up);
}

// The scaling table: one row per pack size and locale.
void PrintScaling(const testing::BenchmarkResults& results,
                  const std::vector<std::string>& cases) {
  constexpr char kRow[] =
      "%-9s %8s %10s %10s %10s %10s %10s %7s %7s %7s %9s %8s %7s %7s "
      "%9s\n";
  std::cout << "\nScaling (msgs/s per core; seconds; MB):\n"
            << absl::StrFormat(kRow, "case", "patterns", "firstline", "hs_raw",
                               "re2_set", "re2_unseen", "re2_cold", "x_set",
                               "x_unseen", "raw_x_un", "compile_s", "cache_MB",
                               "load_s", "build_s", "startup_s");
  for (const std::string& test_case : cases) {
    const auto get = [&](const std::string& engine, const std::string& name) {
      return results.Get(absl::StrCat(engine, "/", test_case), name);
    };
    const auto show = [](std::optional<double> value) {
      return value ? testing::FormatValue(*value) : std::string("-");
    };
    const auto firstline = get("firstline", kMessagesPerSecond);
    const auto ratio = [](std::optional<double> one,
                          std::optional<double> other) {
      return one && other ? absl::StrFormat("%.3g", *one / *other)
                          : std::string("-");
    };
    const auto raw = get("hyperscan_raw", kMessagesPerSecond);
    const auto set = get("re2_set", kMessagesPerSecond);
    const auto unseen = get("re2_set_unseen", kMessagesPerSecond);
    std::cout << absl::StrFormat(
        kRow, test_case, show(get("firstline", "patterns")), show(firstline),
        show(raw), show(set), show(unseen),
        show(get("re2_set_cold", kMessagesPerSecond)), ratio(firstline, set),
        ratio(firstline, unseen), ratio(raw, unseen),
        show(get("firstline", "compile_s")), show(get("firstline", "cache_MB")),
        show(get("firstline", "load_s")), show(get("re2_set", "build_s")),
        show(get("firstline", "startup_s")));
  }
  std::cout << "x_set, x_unseen: firstline / re2_set, / re2_set_unseen; "
               "raw_x_un: hs_raw / re2_set_unseen. "
               "startup_s: both locales. Budget: 10,000 patterns >= 50,000 "
               "msgs/s and startup_s < 1; >= 10x RE2::Set at 1,000, "
               "widening with size.\n";
}

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  absl::ParseCommandLine(argc, argv);
  absl::StatusOr<std::unique_ptr<const RulePack>> shipped =
      RulePack::Load(FIRSTLINE_SOURCE_DIR);
  absl::StatusOr<std::unique_ptr<Normalizer>> normalizer = Normalizer::Create();
  if (!shipped.ok() || !normalizer.ok()) {
    std::cerr << (shipped.ok() ? normalizer.status() : shipped.status())
              << "\n";
    return 1;
  }
  std::map<std::string, Messages> messages;
  for (const std::string locale : {"en", "ru"}) {
    absl::StatusOr<std::vector<std::string>> mix =
        testing::MessageMix(**shipped, locale, FIRSTLINE_SOURCE_DIR);
    if (!mix.ok()) {
      std::cerr << mix.status() << "\n";
      return 1;
    }
    for (const std::string& message : *mix) {
      NormalizedText normalized = (*normalizer)->Normalize(message);
      messages[locale].scan.push_back(ScanText(normalized.text));
      messages[locale].normalized.push_back(std::move(normalized));
    }
  }
  std::vector<std::unique_ptr<SizeScale>> sizes;
  std::vector<std::string> cases;
  for (const std::string& text : absl::GetFlag(FLAGS_sizes)) {
    int patterns = 0;
    if (!absl::SimpleAtoi(text, &patterns) || patterns < 10) {
      std::cerr << "--sizes: '" << text << "' is not a size of 10 or more\n";
      return 2;
    }
    auto& size = sizes.emplace_back(std::make_unique<SizeScale>());
    size->patterns = patterns;
    size->messages = &messages;
    for (const std::string locale : {"en", "ru"}) {
      const std::string test_case = absl::StrCat(patterns, "-", locale);
      cases.push_back(test_case);
      using Function =
          void (*)(benchmark::State&, SizeScale*, const std::string&);
      const std::pair<const char*, Function> engines[] = {
          {"firstline", Firstline},
          {"hyperscan_raw", HyperscanRaw},
          {"re2_set", Re2SetWarm},
          {"re2_set_unseen", Re2SetOnNewText<true>},
          {"re2_set_cold", Re2SetOnNewText<false>}};
      for (const auto& [engine, function] : engines) {
        testing::RegisterBenchmark(absl::StrCat(engine, "/", test_case),
                                   function, size.get(), locale);
      }
    }
  }
  return testing::RunBenchmarks([&](const testing::BenchmarkResults& results) {
    testing::PrintRatioTable(results, kMessagesPerSecond, "firstline",
                             "Messages per second per core", std::cout);
    PrintScaling(results, cases);
  });
}

}  // namespace
}  // namespace firstline

int main(int argc, char** argv) { return firstline::Main(argc, argv); }
