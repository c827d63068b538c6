// One desk watching a queue of the Redis handoff store: a consumer of the
// desks' group on the queue's stream, over a connection of its own (reads
// block). See RedisHandoffStore for what the desks of a queue share.
#ifndef FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_WATCH_H_
#define FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_WATCH_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/storage/handoff_store.h"
#include "service/storage/redis_client.h"
#include "service/storage/redis_handoff_keys.h"

namespace firstline {

// Not thread-safe, as subscriptions go.
class RedisHandoffWatch final : public HandoffSubscription {
 public:
  // Joins the desks of `queue`. UNAVAILABLE when Redis cannot be reached.
  static absl::StatusOr<std::unique_ptr<HandoffSubscription>> Start(
      std::shared_ptr<RedisClient> client, RedisHandoffKeys keys,
      std::string queue, absl::Duration redelivery_timeout);

  // Lets go of the handoffs this desk was given and did not claim, so that
  // the other desks get them at once.
  ~RedisHandoffWatch() override;

  // A handoff another desk did not claim in time, else a new one. While
  // Redis is unreachable, waits out `timeout` and gives nothing; it
  // reconnects on a later call.
  std::optional<v1::Handoff> Next(absl::Duration timeout) override;

 private:
  RedisHandoffWatch(std::shared_ptr<RedisClient> client, RedisHandoffKeys keys,
                    std::string queue, absl::Duration redelivery_timeout);

  absl::Status Join();
  absl::StatusOr<std::optional<v1::Handoff>> TryNext(absl::Time deadline);
  // The handoff a stream entry announces if it still waits; acknowledges
  // the entry otherwise.
  absl::StatusOr<std::optional<v1::Handoff>> Deliverable(
      const RedisValue& entry);

  const std::shared_ptr<RedisClient> client_;
  const RedisHandoffKeys keys_;
  const std::string stream_;
  const std::string consumer_;
  const std::string redelivery_ms_;
  std::unique_ptr<RedisConnection> connection_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_WATCH_H_
