#include "service/storage/handoff_feed.h"

#include <algorithm>
#include <deque>

namespace firstline {

// The handoffs waiting for one watcher.
class HandoffFeed::Subscription final : public HandoffSubscription {
 public:
  Subscription(HandoffFeed* feed, std::string queue,
               std::vector<v1::Handoff> waiting)
      : feed_(feed),
        queue_(std::move(queue)),
        pending_(std::make_move_iterator(waiting.begin()),
                 std::make_move_iterator(waiting.end())) {}
  ~Subscription() override { feed_->Unsubscribe(this); }

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
  HandoffFeed* const feed_;
  const std::string queue_;
  absl::Mutex mutex_;
  std::deque<v1::Handoff> pending_ ABSL_GUARDED_BY(mutex_);
};

std::unique_ptr<HandoffSubscription> HandoffFeed::Subscribe(
    std::string queue, std::vector<v1::Handoff> waiting) {
  auto subscription = std::make_unique<Subscription>(this, std::move(queue),
                                                     std::move(waiting));
  absl::MutexLock lock(&mutex_);
  subscriptions_.push_back(subscription.get());
  return subscription;
}

void HandoffFeed::Publish(const v1::Handoff& handoff) {
  absl::MutexLock lock(&mutex_);
  for (Subscription* subscription : subscriptions_) {
    if (subscription->queue() == handoff.queue()) subscription->Push(handoff);
  }
}

void HandoffFeed::Unsubscribe(Subscription* subscription) {
  absl::MutexLock lock(&mutex_);
  subscriptions_.erase(
      std::remove(subscriptions_.begin(), subscriptions_.end(), subscription),
      subscriptions_.end());
}

}  // namespace firstline
