// Synthetic rule packs of a chosen size, for measuring how matching scales
// with the number of patterns.
//
//   auto files = SyntheticPack({.patterns = 1000});
//   // (*files)["intents/en/synthetic_01.yaml"] holds YAML like the shipped
//   // pack's: phrases such as "cancel my order", "где ... посылка",
//   // all: [refund | exchange, parcel | voucher], regexes with word
//   // alternations, vetoes and an answer for every intent.
//
// Phrases are combinations of real support vocabulary of each locale (verbs,
// nouns and adjectives in agreeing forms), so the patterns look like an
// editor's, and the real compiler turns them into terms.
#ifndef FIRSTLINE_TOOLS_SYNTHETIC_PACK_SYNTHETIC_PACK_H_
#define FIRSTLINE_TOOLS_SYNTHETIC_PACK_SYNTHETIC_PACK_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace firstline {

struct SyntheticPackOptions {
  // Terms (distinct compiled patterns) per locale: the classifier of each
  // locale reports exactly this many in term_count(). At least 10.
  int patterns = 1000;
  // Picks the combinations; the same seed gives the same pack.
  uint32_t seed = 1;
};

// The files of a pack in locales en and ru, by path relative to its root
// (rules/pack.yaml, intents/<locale>/*.yaml, rules/<locale>/*.yaml). Each
// intent's example is its first phrase without a gap; in packs of a thousand
// patterns and more, some such examples get another intent, which lint
// reports as errors (WriteSyntheticPack picks examples that do not).
// INVALID_ARGUMENT when `patterns` is below 10 or beyond what the
// vocabulary can combine.
absl::StatusOr<std::map<std::string, std::string>> SyntheticPack(
    const SyntheticPackOptions& options);

// Writes SyntheticPack(options) under `root`, creating folders, then
// compiles it and gives each intent, for its example, the first of its
// phrases without a gap that the pack classifies as that intent, or none:
// lint passes, so a server serves the pack. Compiling takes as long as
// compiling the pack (seconds per thousand patterns).
absl::Status WriteSyntheticPack(const std::string& root,
                                const SyntheticPackOptions& options);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_SYNTHETIC_PACK_SYNTHETIC_PACK_H_
