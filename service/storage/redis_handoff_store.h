// Handoffs in Redis, shared by every replica that uses the same server and
// key prefix. Each handoff is a hash (its transcript a list beside it),
// listed in sorted sets by creation, and announced on a stream per queue.
// The desks watching a queue read its stream through one consumer group, so
// each handoff goes to one desk; claiming it acknowledges it, and one that a
// desk was given but did not claim in time, or let go of by going away, goes
// to another desk. Every change is one script, atomic in Redis.
//
// Needs one Redis server (with its own replicas if wanted), not Redis
// Cluster: a script touches keys it names as it runs.
#ifndef FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "service/storage/handoff_store.h"
#include "service/storage/redis_client.h"

namespace firstline {

struct RedisHandoffStoreOptions {
  // Starts every key, so that deployments can share one server.
  std::string key_prefix = "firstline:";
  // Resolved handoffs expire this long after they were resolved.
  absl::Duration resolved_retention = absl::Hours(24 * 30);
  // A handoff a desk was given and did not claim within this goes to
  // another desk of its queue.
  absl::Duration redelivery_timeout = absl::Minutes(1);
};

// Thread-safe.
class RedisHandoffStore final : public HandoffStore {
 public:
  // `client` (non-null) may be shared with the conversation store.
  RedisHandoffStore(std::shared_ptr<RedisClient> client,
                    RedisHandoffStoreOptions options = {});

  absl::StatusOr<v1::Handoff> Create(v1::Handoff handoff) override;
  absl::StatusOr<v1::Handoff> Get(absl::string_view id) override;
  absl::Status Append(absl::string_view id,
                      const v1::TranscriptEntry& entry) override;
  absl::StatusOr<std::vector<v1::Handoff>> List(
      absl::string_view queue, v1::HandoffState state) override;
  absl::StatusOr<v1::Handoff> Claim(absl::string_view id,
                                    absl::string_view agent) override;
  absl::StatusOr<v1::Handoff> Resolve(absl::string_view id,
                                      absl::string_view agent) override;
  // The waiting handoffs of `queue` not given to another desk yet, oldest
  // first, then new ones, shared with the other desks watching it.
  absl::StatusOr<std::unique_ptr<HandoffSubscription>> Watch(
      absl::string_view queue) override;

 private:
  absl::StatusOr<v1::Handoff> MoveTo(absl::string_view id,
                                     absl::string_view agent,
                                     v1::HandoffState state);

  const std::shared_ptr<RedisClient> client_;
  const RedisHandoffStoreOptions options_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_STORE_H_
