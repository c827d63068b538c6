// Finds which of many terms (see term.h) occur in a text, in one pass.
//
//   auto matcher = TermMatcher::Create(
//       {{" order", {TermEnding::Kind::kWordEnds, 0}}, {"refund", {}}});
//   std::vector<int> hits;
//   (*matcher)->Match(" where is my order ", &hits);  // hits == {0}
//
// The heads of all terms go into one Hyperscan database (UTF-8 mode, no
// Unicode properties, case-sensitive: the text is normalised to lower case
// first); each place a head matches, its ending is checked. Phrases are the
// exception: the database finds their words, and a PhraseWalker the
// phrases (see phrase_walker.h), with the same hits. A term whose
// head Hyperscan cannot compile is matched whole with RE2 instead, and
// fallbacks() says which and why. Compiling many patterns takes seconds; with
// a cache folder, a set of patterns compiled before is loaded from there in
// milliseconds.
#ifndef FIRSTLINE_SERVICE_MATCHING_TERM_MATCHER_H_
#define FIRSTLINE_SERVICE_MATCHING_TERM_MATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/matching/phrase_walker.h"
#include "service/matching/term.h"

struct hs_database;
namespace re2 {
class RE2;
}

namespace firstline {

struct TermMatcherOptions {
  // Where compiled databases are kept, one file per set of patterns (and
  // Hyperscan version); created when missing. Empty: no cache. A cache
  // that cannot be read or written is skipped, never an error.
  std::string cache_dir;
  // Find phrases word by word (see phrase_walker.h). Off, each phrase's
  // head is a pattern of its own, as other terms' are: the hits are the
  // same, only slower to find in large packs.
  bool walk_phrases = true;
};

class TermMatcher {
 public:
  // A term matched with RE2 because Hyperscan rejected it.
  struct Fallback {
    int pattern;         // The term's index.
    std::string reason;  // Hyperscan's message.
  };

  // Compiles `terms`. INVALID_ARGUMENT names the first term neither
  // Hyperscan nor RE2 accepts, as "pattern N: message".
  static absl::StatusOr<std::unique_ptr<const TermMatcher>> Create(
      const std::vector<Term>& terms, const TermMatcherOptions& options = {});
  // The Hyperscan flags the head of `term` is compiled with.
  static unsigned int HyperscanFlags(const Term& term);
  ~TermMatcher();
  TermMatcher(const TermMatcher&) = delete;
  TermMatcher& operator=(const TermMatcher&) = delete;

  // Appends to `hits` the index of every term that occurs in `text`, each
  // once, in no particular order. Requires valid UTF-8. Thread-safe.
  void Match(absl::string_view text, std::vector<int>* hits) const;

  const std::vector<Fallback>& fallbacks() const { return fallbacks_; }
  size_t pattern_count() const { return pattern_count_; }
  // True when the database came from the cache rather than a compile.
  bool from_cache() const { return from_cache_; }

 private:
  TermMatcher() = default;
  // Compiles the heads and the walker's literals, moving the terms
  // Hyperscan rejects to fallbacks_.
  absl::Status Compile(const std::vector<Term>& terms);
  // Hyperscan's match callback; `context` is a Scan.
  static int OnMatch(unsigned int id, unsigned long long from,
                     unsigned long long to, unsigned int flags, void* context);
  struct Scan;
  // Loads the database of `path`; false when it is missing or unusable.
  bool LoadCached(const std::string& path);
  void SaveCached(const std::string& path) const;

  size_t pattern_count_ = 0;
  class ScratchPool;
  std::vector<TermEnding> endings_;  // By term.
  // Database ids from pattern_count_ on are the walker's literals.
  std::unique_ptr<const PhraseWalker> walker_;

  hs_database* database_ = nullptr;  // Null when every pattern fell back.
  std::unique_ptr<ScratchPool> scratches_;  // With database_.
  uint64_t id_ = 0;  // Tells per-thread scratch space apart.
  bool from_cache_ = false;
  std::vector<Fallback> fallbacks_;
  std::vector<std::unique_ptr<re2::RE2>> fallback_regexes_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_TERM_MATCHER_H_
