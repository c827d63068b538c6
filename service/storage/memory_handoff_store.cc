#include "service/storage/memory_handoff_store.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace firstline {

// A queue of handoffs for one watcher, fed by the store.
class MemoryHandoffStore::Subscription final : public HandoffSubscription {
 public:
  Subscription(MemoryHandoffStore* store, std::string queue)
      : store_(store), queue_(std::move(queue)) {}
  ~Subscription() override { store_->Unsubscribe(this); }

  std::optional<v1::Handoff> Next(absl::Duration timeout) override {
    absl::MutexLock lock(&mutex_);
    auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      return !pending_.empty();
    };
    mutex_.AwaitWithTimeout(absl::Condition(&ready), timeout);
    if (pending_.empty()) return std::nullopt;
    v1::Handoff next = std::move(pending_.front());
    pending_.pop_front();
    return next;
  }

  void Push(const v1::Handoff& handoff) {
    absl::MutexLock lock(&mutex_);
    pending_.push_back(handoff);
  }

  const std::string& queue() const { return queue_; }

 private:
  MemoryHandoffStore* store_;
  const std::string queue_;
  absl::Mutex mutex_;
  std::deque<v1::Handoff> pending_ ABSL_GUARDED_BY(mutex_);
};

MemoryHandoffStore::MemoryHandoffStore() = default;

MemoryHandoffStore::~MemoryHandoffStore() = default;

absl::StatusOr<v1::Handoff*> MemoryHandoffStore::Find(absl::string_view id) {
  auto it = handoffs_.find(std::string(id));
  if (it == handoffs_.end()) {
    return absl::NotFoundError(absl::StrCat("no handoff '", id, "'"));
  }
  return &it->second;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Create(v1::Handoff handoff) {
  absl::MutexLock lock(&mutex_);
  handoff.set_id(absl::StrFormat("h-%08d", next_id_++));
  handoff.set_state(v1::HANDOFF_STATE_WAITING);
  handoffs_[handoff.id()] = handoff;
  for (Subscription* subscription : subscriptions_) {
    if (subscription->queue() == handoff.queue()) subscription->Push(handoff);
  }
  return handoff;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Get(absl::string_view id) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> handoff = Find(id);
  if (!handoff.ok()) return handoff.status();
  return **handoff;
}

absl::Status MemoryHandoffStore::Append(absl::string_view id,
                                        const v1::TranscriptEntry& entry) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> handoff = Find(id);
  if (!handoff.ok()) return handoff.status();
  *(*handoff)->add_transcript() = entry;
  return absl::OkStatus();
}

std::vector<v1::Handoff> MemoryHandoffStore::List(absl::string_view queue,
                                                  v1::HandoffState state) {
  absl::MutexLock lock(&mutex_);
  std::vector<v1::Handoff> found;
  for (const auto& [id, handoff] : handoffs_) {
    if ((queue.empty() || handoff.queue() == queue) &&
        (state == v1::HANDOFF_STATE_UNSPECIFIED || handoff.state() == state)) {
      found.push_back(handoff);
    }
  }
  return found;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::MoveTo(absl::string_view id,
                                                       absl::string_view agent,
                                                       v1::HandoffState state) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> found = Find(id);
  if (!found.ok()) return found.status();
  v1::Handoff& handoff = **found;
  if (handoff.state() == v1::HANDOFF_STATE_RESOLVED) {
    return absl::FailedPreconditionError(
        absl::StrCat("handoff ", id, " is already resolved"));
  }
  if (handoff.state() == v1::HANDOFF_STATE_CLAIMED &&
      handoff.assignee() != agent) {
    return absl::FailedPreconditionError(
        absl::StrCat("handoff ", id, " is held by ", handoff.assignee()));
  }
  handoff.set_state(state);
  handoff.set_assignee(std::string(agent));
  return handoff;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Claim(absl::string_view id,
                                                      absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_CLAIMED);
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Resolve(
    absl::string_view id, absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_RESOLVED);
}

std::unique_ptr<HandoffSubscription> MemoryHandoffStore::Watch(
    absl::string_view queue) {
  auto subscription = std::make_unique<Subscription>(this, std::string(queue));
  absl::MutexLock lock(&mutex_);
  // Under the store's lock, so no handoff falls between the waiting ones and
  // the live ones.
  for (const auto& [id, handoff] : handoffs_) {
    if (handoff.queue() == queue &&
        handoff.state() == v1::HANDOFF_STATE_WAITING) {
      subscription->Push(handoff);
    }
  }
  subscriptions_.push_back(subscription.get());
  return subscription;
}

void MemoryHandoffStore::Unsubscribe(Subscription* subscription) {
  absl::MutexLock lock(&mutex_);
  subscriptions_.erase(
      std::remove(subscriptions_.begin(), subscriptions_.end(), subscription),
      subscriptions_.end());
}

}  // namespace firstline
