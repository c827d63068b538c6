#include "service/storage/memory_conversation_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace firstline {
namespace {

// Expired conversations are swept out after this many saves, so memory does
// not grow with conversations nobody continues.
constexpr size_t kSavesPerSweep = 1024;

absl::Time ToTime(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

}  // namespace

MemoryConversationStore::MemoryConversationStore(
    MemoryConversationStoreOptions options)
    : options_(std::move(options)) {}

bool MemoryConversationStore::Expired(const ConversationState& state,
                                      absl::Time now) const {
  return now - ToTime(state.last_activity()) > options_.idle_timeout;
}

absl::StatusOr<ConversationState> MemoryConversationStore::Load(
    absl::string_view id) {
  absl::MutexLock lock(&mutex_);
  auto it = states_.find(id);
  if (it == states_.end() || Expired(it->second, options_.clock())) {
    return absl::NotFoundError(absl::StrCat("no conversation '", id, "'"));
  }
  return it->second;
}

absl::Status MemoryConversationStore::Save(ConversationState* state) {
  const absl::Time now = options_.clock();
  absl::MutexLock lock(&mutex_);
  auto it = states_.find(state->conversation_id());
  const int64_t stored = it == states_.end() || Expired(it->second, now)
                             ? 0
                             : it->second.version();
  if (state->version() != stored) {
    return absl::AbortedError(absl::StrCat(
        "conversation '", state->conversation_id(), "' changed meanwhile"));
  }
  state->set_version(stored + 1);
  *state->mutable_last_activity() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(now));
  states_[state->conversation_id()] = *state;
  if (++saves_since_sweep_ >= kSavesPerSweep) {
    saves_since_sweep_ = 0;
    absl::erase_if(
        states_, [&](const auto& entry) { return Expired(entry.second, now); });
  }
  return absl::OkStatus();
}

size_t MemoryConversationStore::size() const {
  absl::MutexLock lock(&mutex_);
  return states_.size();
}

}  // namespace firstline
