// The shipped rule pack, read and compiled, for benchmarks.
#ifndef FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_
#define FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

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

// A compiled pack and the message mix of each of its locales (see
// MessageMix): what the benchmarks on the shipped pack start from.
struct CompiledPackWithMixes {
  CompiledPack compiled;
  std::map<std::string, std::vector<std::string>> mixes;
};

// CompilePack, then the mix of every locale of the engine, from the pack and
// the samples under `root`.
absl::StatusOr<CompiledPackWithMixes> CompilePackWithMixes(
    const std::string& root, const std::string& cache_dir);

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_SHIPPED_PACK_H_
