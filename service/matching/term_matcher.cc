#include "service/matching/term_matcher.h"

#include <hs/hs.h>
#include <re2/re2.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "firstline/storage/v1/hyperscan_cache.pb.h"
#include "service/content/digest.h"
#include "service/matching/re2_piece.h"
#include "service/matching/scan_text.h"

namespace firstline {
namespace {

namespace fs = std::filesystem;

std::atomic<uint64_t> next_matcher_id{1};

}  // namespace

// Scratch space for scans of one database, lent to one scan at a time. Not
// one per thread: gRPC's server starts and ends threads under load, and
// allocating scratch for each new thread cost a fifth of a call's CPU.
class TermMatcher::ScratchPool {
 public:
  static absl::StatusOr<std::unique_ptr<ScratchPool>> Create(
      const hs_database_t* database) {
    std::unique_ptr<ScratchPool> pool(new ScratchPool());
    if (hs_alloc_scratch(database, &pool->prototype_) != HS_SUCCESS) {
      return absl::ResourceExhaustedError(
          "cannot allocate Hyperscan scratch space");
    }
    return pool;
  }
  ~ScratchPool() {
    for (std::atomic<hs_scratch_t*>& slot : ready_) {
      if (slot.load() != nullptr) hs_free_scratch(slot.load());
    }
    for (hs_scratch_t* scratch : idle_) hs_free_scratch(scratch);
    hs_free_scratch(prototype_);
  }

  // Null only when memory runs out.
  hs_scratch_t* Acquire() {
    for (std::atomic<hs_scratch_t*>& slot : ready_) {
      if (slot.load(std::memory_order_relaxed) == nullptr) continue;
      hs_scratch_t* scratch = slot.exchange(nullptr, std::memory_order_acquire);
      if (scratch != nullptr) return scratch;
    }
    {
      absl::MutexLock lock(&mutex_);
      if (!idle_.empty()) {
        hs_scratch_t* scratch = idle_.back();
        idle_.pop_back();
        return scratch;
      }
    }
    hs_scratch_t* scratch = nullptr;
    if (hs_clone_scratch(prototype_, &scratch) != HS_SUCCESS) return nullptr;
    return scratch;
  }
  void Release(hs_scratch_t* scratch) {
    for (std::atomic<hs_scratch_t*>& slot : ready_) {
      hs_scratch_t* empty = nullptr;
      if (slot.compare_exchange_strong(empty, scratch,
                                       std::memory_order_release,
                                       std::memory_order_relaxed)) {
        return;
      }
    }
    absl::MutexLock lock(&mutex_);
    idle_.push_back(scratch);
  }

 private:
  ScratchPool() = default;

  hs_scratch_t* prototype_ = nullptr;
  // The first few idle scratches, taken and given back without the mutex:
  // that cost a few percent of a classification.
  std::array<std::atomic<hs_scratch_t*>, 4> ready_{};
  absl::Mutex mutex_;
  // As many as scans ever ran at once.
  std::vector<hs_scratch_t*> idle_ ABSL_GUARDED_BY(mutex_);
};

// What one Match() call's callbacks need.
struct TermMatcher::Scan {
  const TermMatcher* matcher;
  absl::string_view text;
  std::vector<int>* hits;
  size_t first_hit;  // Where this call's hits begin.
  // Where the walker's literals were found. Most messages have a few.
  absl::InlinedVector<PhraseWalker::WordHit, 32> word_hits;
};

unsigned int TermMatcher::HyperscanFlags(const Term& term) {
  // A head with an ending to check is reported at every place it matches,
  // as the ending may hold at any of them; one without, at its first.
  return term.ending.kind == TermEnding::Kind::kNone
             ? HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH
             : HS_FLAG_UTF8;
}

int TermMatcher::OnMatch(unsigned int id, unsigned long long /*from*/,
                         unsigned long long to, unsigned int /*flags*/,
                         void* context) {
  Scan& scan = *static_cast<Scan*>(context);
  if (id >= scan.matcher->pattern_count_) {
    const uint32_t literal =
        static_cast<uint32_t>(id - scan.matcher->pattern_count_);
    const size_t length = scan.matcher->walker_->literals()[literal].size();
    scan.word_hits.push_back({static_cast<uint32_t>(to - length), literal});
    return 0;
  }
  const TermEnding& ending = scan.matcher->endings_[id];
  if (ending.kind == TermEnding::Kind::kNone) {
    scan.hits->push_back(static_cast<int>(id));
    return 0;
  }
  if (!ending.HoldsAt(scan.text, static_cast<size_t>(to))) return 0;
  const auto begin = scan.hits->begin() + scan.first_hit;
  if (std::find(begin, scan.hits->end(), static_cast<int>(id)) ==
      scan.hits->end()) {
    scan.hits->push_back(static_cast<int>(id));
  }
  return 0;
}

absl::StatusOr<std::unique_ptr<const TermMatcher>> TermMatcher::Create(
    const std::vector<Term>& terms, const TermMatcherOptions& options) {
  std::unique_ptr<TermMatcher> matcher(new TermMatcher());
  matcher->pattern_count_ = terms.size();
  matcher->id_ = next_matcher_id.fetch_add(1);
  matcher->endings_.reserve(terms.size());
  for (const Term& term : terms) matcher->endings_.push_back(term.ending);
  matcher->walker_ = std::make_unique<const PhraseWalker>(
      options.walk_phrases ? terms : std::vector<Term>());

  std::string cache_path;
  if (!options.cache_dir.empty()) {
    Digest digest;
    digest.Add("hyperscan", hs_version());
    for (size_t i = 0; i < terms.size(); ++i) {
      if (matcher->walker_->walks(i)) {
        digest.Add("walked", terms[i].Regex());
        continue;
      }
      digest.Add("p", terms[i].head);
      digest.Add("ending", terms[i].ending.Regex());
      digest.Add("flags", std::to_string(HyperscanFlags(terms[i])));
    }
    for (const std::string& literal : matcher->walker_->literals()) {
      digest.Add("literal", literal);
    }
    cache_path =
        (fs::path(options.cache_dir) / ("hs-" + digest.Hex() + ".db")).string();
  }
  if (cache_path.empty() || !matcher->LoadCached(cache_path)) {
    // Every term must at least be valid RE2: that is the syntax editors
    // write, and the fallback engine. A cached database was saved only
    // after this check passed for its very terms, so a cache hit skips it:
    // with thousands of terms it is most of the start-up time.
    for (size_t i = 0; i < terms.size(); ++i) {
      RE2 check(terms[i].Regex(), RE2::Quiet);
      if (!check.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("pattern ", i, ": ", check.error()));
      }
    }
    absl::Status compiled = matcher->Compile(terms);
    if (!compiled.ok()) return compiled;
    if (!cache_path.empty()) matcher->SaveCached(cache_path);
  }
  if (matcher->database_ != nullptr) {
    absl::StatusOr<std::unique_ptr<ScratchPool>> pool =
        ScratchPool::Create(matcher->database_);
    if (!pool.ok()) return pool.status();
    matcher->scratches_ = *std::move(pool);
  }
  for (const Fallback& fallback : matcher->fallbacks_) {
    auto regex =
        std::make_unique<RE2>(terms[fallback.pattern].Regex(), RE2::Quiet);
    if (!regex->ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("pattern ", fallback.pattern, ": ", regex->error()));
    }
    matcher->fallback_regexes_.push_back(std::move(regex));
  }
  return std::unique_ptr<const TermMatcher>(std::move(matcher));
}

absl::Status TermMatcher::Compile(const std::vector<Term>& terms) {
  std::vector<std::string> literals;
  for (const std::string& literal : walker_->literals()) {
    literals.push_back(
        absl::StrCat(kNonWordChar, RE2::QuoteMeta(Re2Piece(literal))));
  }
  // A rejected term moves to RE2 and the rest is compiled again.
  std::vector<bool> in_hyperscan(terms.size(), true);
  while (true) {
    std::vector<const char*> expressions;
    std::vector<unsigned int> flags;
    std::vector<unsigned int> ids;
    for (size_t i = 0; i < terms.size(); ++i) {
      if (!in_hyperscan[i] || walker_->walks(i)) continue;
      expressions.push_back(terms[i].head.c_str());
      flags.push_back(HyperscanFlags(terms[i]));
      ids.push_back(static_cast<unsigned int>(i));
    }
    // Each literal is found at the start of a word, at every place.
    for (size_t i = 0; i < literals.size(); ++i) {
      expressions.push_back(literals[i].c_str());
      flags.push_back(HS_FLAG_UTF8);
      ids.push_back(static_cast<unsigned int>(terms.size() + i));
    }
    if (expressions.empty()) return absl::OkStatus();
    hs_compile_error_t* error = nullptr;
    hs_database_t* database = nullptr;
    hs_error_t result =
        hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned int>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &database, &error);
    if (result == HS_SUCCESS) {
      database_ = database;
      return absl::OkStatus();
    }
    const int failed = error->expression;
    const std::string message = error->message;
    hs_free_compile_error(error);
    if (failed < 0) {
      return absl::InternalError(
          absl::StrCat("Hyperscan cannot build the database: ", message));
    }
    const int pattern = static_cast<int>(ids[failed]);
    if (static_cast<size_t>(pattern) >= terms.size()) {
      return absl::InternalError(absl::StrCat(
          "Hyperscan rejects the word ", expressions[failed], ": ", message));
    }
    in_hyperscan[pattern] = false;
    fallbacks_.push_back({pattern, message});
  }
}

bool TermMatcher::LoadCached(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  storage::v1::HyperscanCacheEntry entry;
  if (!in || !entry.ParseFromIstream(&in)) return false;
  for (const storage::v1::HyperscanFallback& fallback : entry.fallbacks()) {
    if (fallback.pattern() < 0 ||
        static_cast<size_t>(fallback.pattern()) >= pattern_count_) {
      fallbacks_.clear();
      return false;
    }
    fallbacks_.push_back({fallback.pattern(), fallback.reason()});
  }
  if (!entry.database().empty() &&
      hs_deserialize_database(entry.database().data(), entry.database().size(),
                              &database_) != HS_SUCCESS) {
    database_ = nullptr;
    fallbacks_.clear();
    return false;
  }
  from_cache_ = true;
  return true;
}

void TermMatcher::SaveCached(const std::string& path) const {
  storage::v1::HyperscanCacheEntry entry;
  if (database_ != nullptr) {
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(database_, &bytes, &length) != HS_SUCCESS) {
      return;
    }
    entry.set_database(bytes, length);
    free(bytes);
  }
  for (const Fallback& fallback : fallbacks_) {
    storage::v1::HyperscanFallback* saved = entry.add_fallbacks();
    saved->set_pattern(fallback.pattern);
    saved->set_reason(fallback.reason);
  }
  // Written aside and renamed, so a reader never sees half a file.
  std::error_code ignored;
  fs::create_directories(fs::path(path).parent_path(), ignored);
  const std::string temporary = absl::StrCat(path, ".tmp.", id_, ".", getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out || !entry.SerializeToOstream(&out)) {
      fs::remove(temporary, ignored);
      return;
    }
  }
  fs::rename(temporary, path, ignored);
  if (ignored) fs::remove(temporary, ignored);
}

TermMatcher::~TermMatcher() {
  scratches_.reset();
  if (database_ != nullptr) hs_free_database(database_);
}

void TermMatcher::Match(absl::string_view text, std::vector<int>* hits) const {
  if (database_ != nullptr) {
    hs_scratch_t* scratch = scratches_->Acquire();
    if (scratch != nullptr) {
      Scan scan{this, text, hits, hits->size(), {}};
      hs_scan(database_, text.data(), static_cast<unsigned int>(text.size()), 0,
              scratch, OnMatch, &scan);
      scratches_->Release(scratch);
      if (!scan.word_hits.empty()) {
        walker_->Walk(text, absl::MakeSpan(scan.word_hits), hits,
                      scan.first_hit);
      }
    }
  }
  for (size_t i = 0; i < fallback_regexes_.size(); ++i) {
    if (RE2::PartialMatch(Re2Piece(text), *fallback_regexes_[i])) {
      hits->push_back(fallbacks_[i].pattern);
    }
  }
}

}  // namespace firstline
