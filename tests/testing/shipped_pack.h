// The shipped rule pack, read and compiled, for benchmarks.
#ifndef FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_
#define FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/content/rule_pack.h"
#include "service/engine/engine.h"

namespace firstline::testing {

struct CompiledPack {
  std::unique_ptr<const RulePack> pack;
  std::unique_ptr<const Engine> engine;
};

// The pack under `root`, compiled with the pattern cache in `cache_dir`
// (empty for none). The pack's errors when it does not load.
absl::StatusOr<CompiledPack> CompilePack(const std::string& root,
                                         const std::string& cache_dir);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_
