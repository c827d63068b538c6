// One lock per conversation id, so messages of one conversation are handled
// one after the other while different conversations run in parallel.
#ifndef FIRSTLINE_SERVICE_DIALOG_CONVERSATION_LOCKS_H_
#define FIRSTLINE_SERVICE_DIALOG_CONVERSATION_LOCKS_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace firstline {

class ConversationLocks {
 public:
  // Holds the lock of one conversation for its lifetime.
  class Hold {
   public:
    Hold(ConversationLocks* locks, std::string id);
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    ConversationLocks* locks_;
    std::string id_;
    absl::Mutex* mutex_;
  };

  // Blocks until conversation `id` is free, then holds it.
  Hold Lock(absl::string_view id) { return Hold(this, std::string(id)); }

  // Conversations locked or waited for right now.
  size_t active() const;

 private:
  struct Entry {
    absl::Mutex mutex;
    int users = 0;
  };
  mutable absl::Mutex mutex_;
  // An entry lives while someone holds or waits for it.
  absl::flat_hash_map<std::string, std::unique_ptr<Entry>> entries_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_DIALOG_CONVERSATION_LOCKS_H_
