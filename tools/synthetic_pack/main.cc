// synthetic_pack: writes a synthetic rule pack, for measuring how firstline
// scales with the number of patterns (see synthetic_pack.h).
//
//   synthetic_pack --patterns 10000 --out DIR [--seed 1]
//   firstline lint DIR
//   firstline-server --pack DIR
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "tools/synthetic_pack/synthetic_pack.h"

ABSL_FLAG(int, patterns, 1000, "distinct patterns (terms) per locale");
ABSL_FLAG(std::string, out, "", "the folder to write the pack into");
ABSL_FLAG(uint32_t, seed, 1, "picks the phrases; the same seed, the same pack");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "writes a synthetic rule pack (locales en and ru) of --patterns "
      "patterns per locale into --out, compiling it once to pick examples "
      "that lint passes (seconds per thousand patterns)");
  absl::ParseCommandLine(argc, argv);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) {
    std::cerr << "synthetic_pack: --out is required\n";
    return 2;
  }
  absl::Status written = firstline::WriteSyntheticPack(
      out, {absl::GetFlag(FLAGS_patterns), absl::GetFlag(FLAGS_seed)});
  if (!written.ok()) {
    std::cerr << "synthetic_pack: " << written.message() << "\n";
    return 1;
  }
  std::cout << "wrote a pack of " << absl::GetFlag(FLAGS_patterns)
            << " patterns per locale to " << out << "\n";
  return 0;
}
