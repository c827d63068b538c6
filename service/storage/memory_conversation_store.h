// Conversation state in this process's memory: fast, lost on restart.
#ifndef FIRSTLINE_SERVICE_STORAGE_MEMORY_CONVERSATION_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_MEMORY_CONVERSATION_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "service/storage/conversation_store.h"

namespace firstline {

struct MemoryConversationStoreOptions {
  // A conversation idle this long is forgotten.
  absl::Duration idle_timeout = absl::Minutes(30);
  // The time; tests set their own.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// Thread-safe. States are kept serialized: compact, and shared in and out
// of the one lock as an immutable block of bytes, parsed and serialized
// outside it.
class MemoryConversationStore final : public ConversationStore {
 public:
  explicit MemoryConversationStore(MemoryConversationStoreOptions options = {});

  absl::Status LoadInto(absl::string_view id,
                        ConversationState* state) override;
  absl::Status Save(ConversationState* state) override;

  // Conversations held, expired ones included until they are swept.
  size_t size() const;

 private:
  struct Stored {
    int64_t version = 0;
    absl::Time last_activity;
    // A serialized ConversationState.
    std::shared_ptr<const std::string> state;
  };
  bool Expired(const Stored& stored, absl::Time now) const;

  const MemoryConversationStoreOptions options_;
  mutable absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Stored> states_ ABSL_GUARDED_BY(mutex_);
  absl::Time next_sweep_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_MEMORY_CONVERSATION_STORE_H_
