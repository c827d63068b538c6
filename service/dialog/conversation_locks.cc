#include "service/dialog/conversation_locks.h"

namespace firstline {

ConversationLocks::Hold::Hold(ConversationLocks* locks, std::string id)
    : locks_(locks), id_(std::move(id)) {
  {
    absl::MutexLock lock(&locks_->mutex_);
    std::unique_ptr<Entry>& entry = locks_->entries_[id_];
    if (entry == nullptr) entry = std::make_unique<Entry>();
    ++entry->users;
    mutex_ = &entry->mutex;
  }
  mutex_->Lock();
}

ConversationLocks::Hold::~Hold() {
  mutex_->Unlock();
  absl::MutexLock lock(&locks_->mutex_);
  auto it = locks_->entries_.find(id_);
  if (--it->second->users == 0) locks_->entries_.erase(it);
}

size_t ConversationLocks::active() const {
  absl::MutexLock lock(&mutex_);
  return entries_.size();
}

}  // namespace firstline
