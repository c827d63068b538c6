#include "tests/testing/regex_baselines.h"

#include <hs/hs.h>

#include "service/matching/re2_piece.h"
#include "service/matching/term_matcher.h"
#include "tests/testing/per_message.h"

namespace firstline::testing {
namespace {

int CountMatch(unsigned int, unsigned long long, unsigned long long,
               unsigned int, void* count) {
  ++*static_cast<int*>(count);
  return 0;
}

}  // namespace

RawHyperscan::RawHyperscan(const std::vector<std::string>& patterns,
                           const std::vector<unsigned int>& pattern_flags) {
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags = pattern_flags;
  std::vector<unsigned int> ids;
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    ids.push_back(static_cast<unsigned int>(i));
  }
  // Like TermMatcher: a rejected pattern is left out and the rest compiled
  // again.
  while (!expressions.empty()) {
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned int>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &database_,
                         &error) == HS_SUCCESS) {
      break;
    }
    const int failed = error->expression;
    hs_free_compile_error(error);
    if (failed < 0) break;
    expressions.erase(expressions.begin() + failed);
    flags.erase(flags.begin() + failed);
    ids.erase(ids.begin() + failed);
  }
  if (database_ != nullptr &&
      hs_alloc_scratch(database_, &scratch_) == HS_SUCCESS) {
    patterns_ = expressions.size();
  }
}

RawHyperscan::~RawHyperscan() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
  if (database_ != nullptr) hs_free_database(database_);
}

int RawHyperscan::Count(absl::string_view text) {
  int count = 0;
  if (patterns_ > 0 &&
      hs_scan(database_, text.data(), static_cast<unsigned int>(text.size()), 0,
              scratch_, CountMatch, &count) != HS_SUCCESS) {
    return -1;
  }
  return count;
}

std::unique_ptr<Baseline> HyperscanHeads(const std::vector<Term>& terms) {
  std::vector<std::string> heads;
  std::vector<unsigned int> flags;
  for (const Term& term : terms) {
    heads.push_back(term.head);
    flags.push_back(TermMatcher::HyperscanFlags(term));
  }
  return std::make_unique<RawHyperscan>(heads, flags);
}

std::unique_ptr<Baseline> HyperscanWholeTerms(const std::vector<Term>& terms) {
  return std::make_unique<RawHyperscan>(
      TermRegexes(terms),
      std::vector<unsigned int>(terms.size(),
                                HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH));
}

Re2Set::Re2Set(const std::vector<std::string>& patterns) {
  RE2::Options options;
  options.set_max_mem(int64_t{1} << 30);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const std::string& pattern : patterns) {
    if (set_->Add(pattern, nullptr) >= 0) ++patterns_;
  }
  compiled_ = set_->Compile();
}

const std::vector<int>* Re2Set::Matches(absl::string_view text) {
  ids_.clear();
  RE2::Set::ErrorInfo error;
  if (!compiled_ || !set_->Match(Re2Piece(text), &ids_, &error)) {
    return error.kind == RE2::Set::kNoError ? &ids_ : nullptr;
  }
  return &ids_;
}

int Re2Set::Count(absl::string_view text) {
  const std::vector<int>* ids = Matches(text);
  return ids == nullptr ? -1 : static_cast<int>(ids->size());
}

Re2Loop::Re2Loop(const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    auto regex = std::make_unique<RE2>(pattern, RE2::Quiet);
    if (regex->ok()) regexes_.push_back(std::move(regex));
  }
}

int Re2Loop::Count(absl::string_view text) {
  int count = 0;
  for (const auto& regex : regexes_) {
    count += RE2::PartialMatch(Re2Piece(text), *regex);
  }
  return count;
}

StdRegexLoop::StdRegexLoop(const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    try {
      regexes_.emplace_back(pattern, std::regex::ECMAScript |
                                         std::regex::optimize |
                                         std::regex::nosubs);
    } catch (const std::regex_error&) {
      // Not accepted: patterns() tells how many were.
    }
  }
}

int StdRegexLoop::Count(absl::string_view text) {
  int count = 0;
  for (const std::regex& regex : regexes_) {
    count += std::regex_search(text.begin(), text.end(), regex);
  }
  return count;
}

int64_t CountAll(Baseline& baseline, const std::vector<std::string>& texts) {
  int64_t total = 0;
  for (const std::string& text : texts) {
    const int count = baseline.Count(text);
    if (count < 0) return -1;
    total += count;
  }
  return total;
}

void RunRe2SetOnNewText(benchmark::State& state,
                        const std::vector<std::string>& patterns,
                        const std::vector<std::string>& texts, bool warm_up) {
  std::vector<std::string> others;
  std::vector<std::string> timed;
  for (size_t i = 0; i < texts.size(); ++i) {
    (i % 2 == 0 ? others : timed).push_back(texts[i]);
  }
  if (timed.empty()) {
    state.SkipWithError("too few texts");
    return;
  }
  std::unique_ptr<Re2Set> set;
  size_t next = timed.size();
  for (auto _ : state) {
    if (next == timed.size()) {
      state.PauseTiming();
      set = std::make_unique<Re2Set>(patterns);
      if (warm_up) CountAll(*set, others);
      state.ResumeTiming();
      next = 0;
    }
    benchmark::DoNotOptimize(set->Count(timed[next++]));
  }
  state.counters[kMessagesPerSecond] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace firstline::testing
