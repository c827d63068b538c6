#include "service/storage/memory_conversation_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "service/storage/save_stamp.h"

namespace firstline {
namespace {

// Expired conversations are swept out this many times per idle timeout, so
// memory does not grow with conversations nobody continues. By time, not by
// saves: a sweep walks every conversation under the lock (0.8 ms over a
// hundred thousand of them, every turn waiting), and busy servers save a
// thousand times in well under a second.
constexpr int kSweepsPerIdleTimeout = 30;

}  // namespace

MemoryConversationStore::MemoryConversationStore(
    MemoryConversationStoreOptions options)
    : options_(std::move(options)) {}

bool MemoryConversationStore::Expired(const Stored& stored,
                                      absl::Time now) const {
  return now - stored.last_activity > options_.idle_timeout;
}

absl::Status MemoryConversationStore::LoadInto(absl::string_view id,
                                               ConversationState* state) {
  // The bytes are shared, never changed: the lock is held only to take a
  // reference, and the state is parsed outside it.
  std::shared_ptr<const std::string> bytes;
  {
    absl::MutexLock lock(&mutex_);
    auto it = states_.find(id);
    if (it == states_.end() || Expired(it->second, options_.clock())) {
      return absl::NotFoundError(absl::StrCat("no conversation '", id, "'"));
    }
    bytes = it->second.state;
  }
  return ParseStoredState(id, *bytes, state);
}

absl::Status MemoryConversationStore::Save(ConversationState* state) {
  const absl::Time now = options_.clock();
  SaveStamp stamp(state, now);
  Stored entry{state->version(), now,
               std::make_shared<const std::string>(state->SerializeAsString())};
  {
    absl::MutexLock lock(&mutex_);
    auto it = states_.find(state->conversation_id());
    const int64_t stored = it == states_.end() || Expired(it->second, now)
                               ? 0
                               : it->second.version;
    if (stamp.loaded_version() != stored) {
      return absl::AbortedError(absl::StrCat(
          "conversation '", state->conversation_id(), "' changed meanwhile"));
    }
    states_[state->conversation_id()] = std::move(entry);
    if (now >= next_sweep_) {
      next_sweep_ = now + options_.idle_timeout / kSweepsPerIdleTimeout;
      absl::erase_if(states_, [&](const auto& stored) {
        return Expired(stored.second, now);
      });
    }
  }
  stamp.Keep();
  return absl::OkStatus();
}

size_t MemoryConversationStore::size() const {
  absl::MutexLock lock(&mutex_);
  return states_.size();
}

}  // namespace firstline
