// Finds which of many regular expressions occur in a text, in one pass.
//
//   auto matcher = TermMatcher::Create({"(?:^|[^a-z])order", "refund"});
//   std::vector<int> hits;
//   (*matcher)->Match("where is my order", &hits);  // hits == {0}
//
// All patterns go into one Hyperscan database (UTF-8 mode, no Unicode
// properties, case-sensitive: the text is normalised to lower case first).
// A pattern Hyperscan cannot compile is matched with RE2 instead, and
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
};

class TermMatcher {
 public:
  // A pattern matched with RE2 because Hyperscan rejected it.
  struct Fallback {
    int pattern;
    std::string reason;  // Hyperscan's message.
  };

  // Compiles `patterns`. INVALID_ARGUMENT names the first pattern neither
  // Hyperscan nor RE2 accepts, as "pattern N: message".
  static absl::StatusOr<std::unique_ptr<const TermMatcher>> Create(
      const std::vector<std::string>& patterns,
      const TermMatcherOptions& options = {});
  ~TermMatcher();
  TermMatcher(const TermMatcher&) = delete;
  TermMatcher& operator=(const TermMatcher&) = delete;

  // Appends to `hits` the index of every pattern that occurs in `text`, each
  // once, in no particular order. Requires valid UTF-8. Thread-safe.
  void Match(absl::string_view text, std::vector<int>* hits) const;

  const std::vector<Fallback>& fallbacks() const { return fallbacks_; }
  size_t pattern_count() const { return pattern_count_; }
  // True when the database came from the cache rather than a compile.
  bool from_cache() const { return from_cache_; }

 private:
  TermMatcher() = default;
  // Compiles the patterns, moving those Hyperscan rejects to fallbacks_.
  absl::Status Compile(const std::vector<std::string>& patterns);
  // Loads the database of `path`; false when it is missing or unusable.
  bool LoadCached(const std::string& path);
  void SaveCached(const std::string& path) const;

  size_t pattern_count_ = 0;
  class ScratchPool;

  hs_database* database_ = nullptr;  // Null when every pattern fell back.
  std::unique_ptr<ScratchPool> scratches_;  // With database_.
  uint64_t id_ = 0;  // Tells per-thread scratch space apart.
  bool from_cache_ = false;
  std::vector<Fallback> fallbacks_;
  std::vector<std::unique_ptr<re2::RE2>> fallback_regexes_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_TERM_MATCHER_H_
