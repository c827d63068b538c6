// Tells gRPC health checking whether the stores can serve: a thread probes
// them now and then and reports the services that need them NOT_SERVING
// while they cannot, SERVING again when they are back.
#ifndef FIRSTLINE_SERVICE_SERVER_STORE_HEALTH_H_
#define FIRSTLINE_SERVICE_SERVER_STORE_HEALTH_H_

#include <grpcpp/health_check_service_interface.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/storage/conversation_store.h"

namespace firstline {

class StoreHealth {
 public:
  // Probes `store` every `interval` and sets the status of `services` ("" is
  // the server as a whole) in `health`; both must outlive this object.
  StoreHealth(ConversationStore* store,
              grpc::HealthCheckServiceInterface* health,
              std::vector<std::string> services, absl::Duration interval);
  // Stops probing; the statuses stay as they are.
  ~StoreHealth();
  StoreHealth(const StoreHealth&) = delete;
  StoreHealth& operator=(const StoreHealth&) = delete;

 private:
  void Run();

  ConversationStore* const store_;
  grpc::HealthCheckServiceInterface* const health_;
  const std::vector<std::string> services_;
  const absl::Duration interval_;
  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_STORE_HEALTH_H_
