// The messages the benchmarks run on: what customers write, in one locale.
#ifndef FIRSTLINE_TESTS_TESTING_MESSAGE_MIX_H_
#define FIRSTLINE_TESTS_TESTING_MESSAGE_MIX_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/content/rule_pack.h"

namespace firstline::testing {

// The mix of `locale`: every example and counter-example of the pack's
// intents and alerts in that locale, then every non-empty line of the files
// tests/data/*.<locale>.txt under `source_dir` (samples of real messages).
// NOT_FOUND when the locale has no message at all.
absl::StatusOr<std::vector<std::string>> MessageMix(
    const RulePack& pack, const std::string& locale,
    const std::string& source_dir);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_MESSAGE_MIX_H_
