#include "tests/testing/shipped_pack.h"

namespace firstline::testing {

absl::StatusOr<CompiledPack> CompilePack(const std::string& root,
                                         const std::string& cache_dir) {
  absl::StatusOr<std::unique_ptr<const RulePack>> pack = RulePack::Load(root);
  if (!pack.ok()) return pack.status();
  absl::StatusOr<std::unique_ptr<const Engine>> engine =
      Engine::Create(**pack, {cache_dir});
  if (!engine.ok()) return engine.status();
  return CompiledPack{*std::move(pack), *std::move(engine)};
}

}  // namespace firstline::testing
