#include "tests/testing/whole_term_check.h"

#include <set>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/matching/scan_text.h"
#include "service/matching/term_matcher.h"
#include "tests/testing/message_mix.h"
#include "tests/testing/regex_baselines.h"

namespace firstline::testing {

absl::StatusOr<WholeTermCheck> CheckAgainstWholeTerms(
    const Engine& engine, const RulePack& pack, const std::string& locale,
    const std::string& source_dir) {
  const std::vector<Term>& terms = engine.classifier(locale).terms();
  absl::StatusOr<std::unique_ptr<const TermMatcher>> matcher =
      TermMatcher::Create(terms);
  if (!matcher.ok()) return matcher.status();
  Re2Set whole(TermRegexes(terms));
  if (whole.patterns() != terms.size()) {
    return absl::InternalError("RE2::Set rejects some of the terms");
  }
  absl::StatusOr<std::vector<std::string>> messages =
      MessageMix(pack, locale, source_dir);
  if (!messages.ok()) return messages.status();
  WholeTermCheck check;
  check.messages = messages->size();
  for (const std::string& message : *messages) {
    const std::string scan = ScanText(engine.Normalize(message).text);
    std::vector<int> hits;
    (*matcher)->Match(scan, &hits);
    const std::vector<int>* expected = whole.Matches(scan);
    if (expected == nullptr) {
      return absl::InternalError(
          absl::StrCat("RE2::Set fails on \"", message, "\""));
    }
    const std::set<int> found(hits.begin(), hits.end());
    const std::set<int> wanted(expected->begin(), expected->end());
    if (found != wanted) {
      return absl::FailedPreconditionError(
          absl::StrCat(locale, ": \"", message, "\": the matcher finds terms ",
                       absl::StrJoin(found, ", "), ", the whole terms ",
                       absl::StrJoin(wanted, ", ")));
    }
    if (found.size() != hits.size()) {
      return absl::FailedPreconditionError(
          absl::StrCat(locale, ": a term reported twice in \"", message, "\""));
    }
    check.found += hits.size();
  }
  return check;
}

}  // namespace firstline::testing
