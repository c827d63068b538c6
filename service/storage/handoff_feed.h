// Hands new handoffs to the desks watching their queue, for stores whose
// handoffs are all created in this process (memory, SQLite).
#ifndef FIRSTLINE_SERVICE_STORAGE_HANDOFF_FEED_H_
#define FIRSTLINE_SERVICE_STORAGE_HANDOFF_FEED_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "service/storage/handoff_store.h"

namespace firstline {

// Thread-safe. Must outlive its subscriptions.
class HandoffFeed {
 public:
  HandoffFeed() = default;
  HandoffFeed(const HandoffFeed&) = delete;
  HandoffFeed& operator=(const HandoffFeed&) = delete;

  // A subscription to `queue` that yields `waiting` first, then each
  // handoff of the queue published from now on. The caller makes sure no
  // handoff is created between reading `waiting` and this call (e.g. under
  // the lock it creates handoffs with).
  std::unique_ptr<HandoffSubscription> Subscribe(
      std::string queue, std::vector<v1::Handoff> waiting);

  // Gives `handoff` to every subscription of its queue.
  void Publish(const v1::Handoff& handoff);

 private:
  class Subscription;
  void Unsubscribe(Subscription* subscription);

  absl::Mutex mutex_;
  std::vector<Subscription*> subscriptions_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_HANDOFF_FEED_H_
