#include "tests/testing/shipped_pack.h"

#include "tests/testing/message_mix.h"

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

absl::StatusOr<CompiledPackWithMixes> CompilePackWithMixes(
    const std::string& root, const std::string& cache_dir) {
  absl::StatusOr<CompiledPack> compiled = CompilePack(root, cache_dir);
  if (!compiled.ok()) return compiled.status();
  CompiledPackWithMixes with_mixes{*std::move(compiled), {}};
  for (const std::string& locale : with_mixes.compiled.engine->locales()) {
    absl::StatusOr<std::vector<std::string>> mix =
        MessageMix(*with_mixes.compiled.pack, locale, root);
    if (!mix.ok()) return mix.status();
    with_mixes.mixes[locale] = *std::move(mix);
  }
  return with_mixes;
}

}  // namespace firstline::testing
