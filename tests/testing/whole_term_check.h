// The check that TermMatcher finds just the terms RE2 finds reading each
// term whole (Term::Regex()): that splitting terms into heads and endings,
// and following phrases word by word, changes no hit.
#ifndef FIRSTLINE_TESTS_TESTING_WHOLE_TERM_CHECK_H_
#define FIRSTLINE_TESTS_TESTING_WHOLE_TERM_CHECK_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "service/content/rule_pack.h"
#include "service/engine/engine.h"

namespace firstline::testing {

struct WholeTermCheck {
  size_t messages = 0;  // Of the mix.
  size_t found = 0;     // Terms found, over all of them.
};

// Runs the check for `locale` of `engine` on every message of the mix of
// `pack` (see message_mix.h). The error names the first message where the
// two differ, or where a term is reported twice.
absl::StatusOr<WholeTermCheck> CheckAgainstWholeTerms(
    const Engine& engine, const RulePack& pack, const std::string& locale,
    const std::string& source_dir);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_WHOLE_TERM_CHECK_H_
