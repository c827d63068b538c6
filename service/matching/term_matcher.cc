#include "service/matching/term_matcher.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <atomic>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "service/matching/re2_piece.h"

namespace firstline {
namespace {

// Hyperscan needs scratch space per thread, large enough for every database
// the thread scans. This keeps one per thread and grows it for each new
// database it meets.
class ThreadScratch {
 public:
  ~ThreadScratch() {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
  }

  hs_scratch_t* For(const hs_database_t* database, uint64_t database_id) {
    if (!prepared_.contains(database_id)) {
      if (hs_alloc_scratch(database, &scratch_) != HS_SUCCESS) return nullptr;
      prepared_.insert(database_id);
    }
    return scratch_;
  }

 private:
  hs_scratch_t* scratch_ = nullptr;
  absl::flat_hash_set<uint64_t> prepared_;
};

std::atomic<uint64_t> next_matcher_id{1};

int OnMatch(unsigned int id, unsigned long long /*from*/,
            unsigned long long /*to*/, unsigned int /*flags*/, void* context) {
  static_cast<std::vector<int>*>(context)->push_back(static_cast<int>(id));
  return 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<const TermMatcher>> TermMatcher::Create(
    const std::vector<std::string>& patterns) {
  std::unique_ptr<TermMatcher> matcher(new TermMatcher());
  matcher->pattern_count_ = patterns.size();
  matcher->id_ = next_matcher_id.fetch_add(1);

  // Every pattern must at least be valid RE2: that is the syntax editors
  // write, and the fallback engine.
  for (size_t i = 0; i < patterns.size(); ++i) {
    RE2 check(patterns[i], RE2::Quiet);
    if (!check.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("pattern ", i, ": ", check.error()));
    }
  }

  // Compile with Hyperscan; a rejected pattern moves to RE2 and the rest is
  // compiled again.
  std::vector<bool> in_hyperscan(patterns.size(), true);
  while (true) {
    std::vector<const char*> expressions;
    std::vector<unsigned int> flags;
    std::vector<unsigned int> ids;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!in_hyperscan[i]) continue;
      expressions.push_back(patterns[i].c_str());
      flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH);
      ids.push_back(static_cast<unsigned int>(i));
    }
    if (expressions.empty()) break;
    hs_compile_error_t* error = nullptr;
    hs_database_t* database = nullptr;
    hs_error_t result =
        hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned int>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &database, &error);
    if (result == HS_SUCCESS) {
      matcher->database_ = database;
      break;
    }
    const int failed = error->expression;
    const std::string message = error->message;
    hs_free_compile_error(error);
    if (failed < 0) {
      return absl::InternalError(
          absl::StrCat("Hyperscan cannot build the database: ", message));
    }
    const int pattern = static_cast<int>(ids[failed]);
    in_hyperscan[pattern] = false;
    matcher->fallbacks_.push_back({pattern, message});
  }
  for (const Fallback& fallback : matcher->fallbacks_) {
    matcher->fallback_regexes_.push_back(
        std::make_unique<RE2>(patterns[fallback.pattern], RE2::Quiet));
  }
  return std::unique_ptr<const TermMatcher>(std::move(matcher));
}

TermMatcher::~TermMatcher() {
  if (database_ != nullptr) hs_free_database(database_);
}

void TermMatcher::Match(absl::string_view text, std::vector<int>* hits) const {
  if (database_ != nullptr) {
    thread_local ThreadScratch thread_scratch;
    hs_scratch_t* scratch = thread_scratch.For(database_, id_);
    if (scratch != nullptr) {
      hs_scan(database_, text.data(), static_cast<unsigned int>(text.size()), 0,
              scratch, OnMatch, hits);
    }
  }
  for (size_t i = 0; i < fallback_regexes_.size(); ++i) {
    if (RE2::PartialMatch(Re2Piece(text), *fallback_regexes_[i])) {
      hits->push_back(fallbacks_[i].pattern);
    }
  }
}

}  // namespace firstline
