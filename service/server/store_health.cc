#include "service/server/store_health.h"

#include <iostream>
#include <utility>

namespace firstline {

StoreHealth::StoreHealth(ConversationStore* store,
                         grpc::HealthCheckServiceInterface* health,
                         std::vector<std::string> services,
                         absl::Duration interval)
    : store_(store),
      health_(health),
      services_(std::move(services)),
      interval_(interval),
      thread_([this] { Run(); }) {}

StoreHealth::~StoreHealth() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  thread_.join();
}

void StoreHealth::Run() {
  bool serving = true;
  absl::MutexLock lock(&mutex_);
  while (!mutex_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) {
    mutex_.Unlock();
    const absl::Status probe = store_->Probe();
    mutex_.Lock();
    if (stopping_) break;
    if (probe.ok() == serving) continue;
    serving = probe.ok();
    for (const std::string& service : services_) {
      health_->SetServingStatus(service, serving);
    }
    // An operator wants to see both moments in the log.
    if (serving) {
      std::cerr << "firstline: the store is reachable again; serving\n";
    } else {
      std::cerr << "firstline: the store cannot be reached (" << probe
                << "); NOT_SERVING until it is back\n";
    }
  }
}

}  // namespace firstline
