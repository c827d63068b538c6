// Other ways to find which of many patterns occur in a text, to compare
// firstline's matcher with on the same patterns and texts (the classifier's
// terms over scan text, see IntentClassifier::terms()).
#ifndef FIRSTLINE_TESTS_TESTING_REGEX_BASELINES_H_
#define FIRSTLINE_TESTS_TESTING_REGEX_BASELINES_H_

#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/matching/term.h"

struct hs_database;
struct hs_scratch;

namespace firstline::testing {

// A multi-pattern matcher built from a list of patterns. Not thread-safe.
class Baseline {
 public:
  virtual ~Baseline() = default;
  // How many of the patterns it accepted and runs.
  virtual size_t patterns() const = 0;
  // How many of them match `text`; -1 when matching failed.
  virtual int Count(absl::string_view text) = 0;
};

// hs_scan over one database of the patterns, each compiled with its flags,
// and a callback that only counts the matches Hyperscan reports. Leaves out
// patterns Hyperscan rejects. See HyperscanHeads and HyperscanWholeTerms.
class RawHyperscan : public Baseline {
 public:
  RawHyperscan(const std::vector<std::string>& patterns,
               const std::vector<unsigned int>& flags);
  ~RawHyperscan() override;
  size_t patterns() const override { return patterns_; }
  int Count(absl::string_view text) override;

 private:
  hs_database* database_ = nullptr;
  hs_scratch* scratch_ = nullptr;
  size_t patterns_ = 0;
};

// RawHyperscan over the heads of `terms`, each head one pattern, compiled as
// TermMatcher compiles the heads it scans: the raw scan with no work around
// it (checking endings, RE2 fallbacks), the floor of matching every term by
// its head. TermMatcher walks phrases instead (see phrase_walker.h), which
// can beat it. It counts heads reported, not terms found.
std::unique_ptr<Baseline> HyperscanHeads(const std::vector<Term>& terms);

// RawHyperscan over each term whole (Term::Regex()), each reported once: the
// scan of the same terms written as one regular expression each.
std::unique_ptr<Baseline> HyperscanWholeTerms(const std::vector<Term>& terms);

// One unanchored RE2::Set of the patterns, given 1 GiB so that its DFA does
// not give up on large sets.
class Re2Set : public Baseline {
 public:
  explicit Re2Set(const std::vector<std::string>& patterns);
  size_t patterns() const override { return compiled_ ? patterns_ : 0; }
  int Count(absl::string_view text) override;
  // The patterns that match `text`, by their index among those accepted,
  // in no particular order; null when matching failed. Valid until the
  // next call.
  const std::vector<int>* Matches(absl::string_view text);

 private:
  std::unique_ptr<RE2::Set> set_;
  size_t patterns_ = 0;
  bool compiled_ = false;
  std::vector<int> ids_;
};

// One RE2 per pattern, tried one after another.
class Re2Loop : public Baseline {
 public:
  explicit Re2Loop(const std::vector<std::string>& patterns);
  size_t patterns() const override { return regexes_.size(); }
  int Count(absl::string_view text) override;

 private:
  std::vector<std::unique_ptr<RE2>> regexes_;
};

// One std::regex (ECMAScript, optimize) per pattern it accepts, tried one
// after another. It reads UTF-8 as bytes: a Cyrillic range becomes a range
// of bytes, so its matches may differ a little.
class StdRegexLoop : public Baseline {
 public:
  explicit StdRegexLoop(const std::vector<std::string>& patterns);
  size_t patterns() const override { return regexes_.size(); }
  int Count(absl::string_view text) override;

 private:
  std::vector<std::regex> regexes_;
};

// The matches of `baseline` over all `texts`; -1 when a match failed.
int64_t CountAll(Baseline& baseline, const std::vector<std::string>& texts);

// RE2::Set builds its DFA while it matches and keeps it, so going round the
// same texts measures it on a warm DFA. This measures it on texts its DFA
// has not met: every round builds the set afresh and, when `warm_up`, runs
// it over the even-numbered texts (neither timed), then times the
// odd-numbered ones. Reports kMessagesPerSecond.
void RunRe2SetOnNewText(benchmark::State& state,
                        const std::vector<std::string>& patterns,
                        const std::vector<std::string>& texts, bool warm_up);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_REGEX_BASELINES_H_
