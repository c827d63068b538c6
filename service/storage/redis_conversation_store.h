// Conversation state in Redis, shared by every replica that uses the same
// server and key prefix: one hash per conversation, expiring after the idle
// timeout. Saves check the version in a script, so a write based on a stale
// state is refused however many replicas write; Hold takes a lease with
// SET NX so that the turns of one conversation run one at a time across
// replicas.
#ifndef FIRSTLINE_SERVICE_STORAGE_REDIS_CONVERSATION_STORE_H_
#define FIRSTLINE_SERVICE_STORAGE_REDIS_CONVERSATION_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "service/storage/conversation_store.h"
#include "service/storage/redis_client.h"

namespace firstline {

struct RedisConversationStoreOptions {
  // Starts every key, so that deployments can share one server.
  std::string key_prefix = "firstline:";
  // A conversation idle this long is forgotten (and expires in Redis).
  absl::Duration idle_timeout = absl::Minutes(30);
  // How long a hold lasts if its process dies without letting go.
  absl::Duration hold_lease = absl::Seconds(10);
  // How long Hold waits for another process to let go.
  absl::Duration hold_wait = absl::Seconds(5);
  // The time; tests set their own. Redis expires keys by its own clock.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// Thread-safe.
class RedisConversationStore final : public ConversationStore {
 public:
  // `client` (non-null) may be shared with the handoff store.
  RedisConversationStore(std::shared_ptr<RedisClient> client,
                         RedisConversationStoreOptions options = {});

  absl::StatusOr<std::unique_ptr<ConversationHold>> Hold(
      absl::string_view id) override;
  absl::Status LoadInto(absl::string_view id,
                        ConversationState* state) override;
  absl::Status Save(ConversationState* state) override;
  absl::Status Probe() override;

 private:
  std::string KeyOf(absl::string_view id) const;

  const std::shared_ptr<RedisClient> client_;
  const RedisConversationStoreOptions options_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_REDIS_CONVERSATION_STORE_H_
