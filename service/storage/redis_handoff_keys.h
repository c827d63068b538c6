// Where the Redis handoff store keeps what (see RedisHandoffStore), and how
// a handoff is read back: shared by the store and its watchers.
#ifndef FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_KEYS_H_
#define FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_KEYS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "firstline/v1/handoff.pb.h"
#include "service/storage/redis_client.h"

namespace firstline {

// The consumer group of the desks watching a queue's stream.
inline constexpr absl::string_view kRedisDeskGroup = "desks";

class RedisHandoffKeys {
 public:
  explicit RedisHandoffKeys(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& prefix() const { return prefix_; }
  // The counter handoff ids come from.
  std::string Counter() const;
  // The hash of handoff `id`, and the list of what was said after it was
  // created.
  std::string Handoff(absl::string_view id) const;
  std::string Transcript(absl::string_view id) const;
  // Sorted sets of handoff ids by creation: all, and one queue's.
  std::string All() const;
  std::string Queue(absl::string_view queue) const;
  // The stream that announces the new handoffs of `queue`.
  std::string Stream(absl::string_view queue) const;

 private:
  const std::string prefix_;
};

// A Lua function, for the start of a script: read(key) gives the handoff at
// `key` as {handoff, state, assignee, {transcript...}}, or false.
inline constexpr absl::string_view kReadHandoffLua = R"lua(
local function read(key)
  local f = redis.call('HMGET', key, 'handoff', 'state', 'assignee')
  if not f[1] then return false end
  return {f[1], f[2], f[3], redis.call('LRANGE', key .. ':transcript', 0, -1)}
end
)lua";

// A script that gives the handoff whose hash is KEYS[1] as read() does, or
// fails with NOTFOUND.
const std::string& RedisGetHandoffScript();

// Handoff `id` from what a script gave with read(); a NOT_FOUND failure
// comes back naming the handoff.
absl::StatusOr<v1::Handoff> DecodeRedisHandoff(
    absl::string_view id, const absl::StatusOr<RedisValue>& value);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_REDIS_HANDOFF_KEYS_H_
