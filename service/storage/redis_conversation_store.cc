#include "service/storage/redis_conversation_store.h"

#include <algorithm>
#include <utility>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/storage/save_stamp.h"

namespace firstline {
namespace {

// KEYS[1]: the conversation. ARGV: the version the state was loaded at, the
// oldest last activity (µs) that is not expired, the new version, now (µs),
// the state, and the key's time to live (ms). A conversation idle too long
// counts as none, so a new one starts at version 0.
constexpr absl::string_view kSave = R"lua(
local stored = redis.call('HMGET', KEYS[1], 'version', 'activity_us')
local version = 0
if stored[1] and tonumber(stored[2]) >= tonumber(ARGV[2]) then
  version = tonumber(stored[1])
end
if version ~= tonumber(ARGV[1]) then
  return redis.error_reply('ABORTED the conversation changed meanwhile')
end
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'activity_us', ARGV[4],
           'state', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
)lua";

// KEYS[1]: the hold. ARGV[1]: the holder's token. Lets go only of one's own
// hold: after a lease ran out, another holder's.
constexpr absl::string_view kRelease = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
)lua";

constexpr absl::Duration kFirstRetry = absl::Milliseconds(1);
constexpr absl::Duration kLongestRetry = absl::Milliseconds(20);

class RedisHold final : public ConversationHold {
 public:
  RedisHold(std::shared_ptr<RedisClient> client, std::string key,
            std::string token)
      : client_(std::move(client)),
        key_(std::move(key)),
        token_(std::move(token)) {}
  ~RedisHold() override {
    // When this fails, the lease runs out by itself.
    client_->Eval(kRelease, {key_}, {token_}).IgnoreError();
  }

 private:
  const std::shared_ptr<RedisClient> client_;
  const std::string key_;
  const std::string token_;
};

std::string NewToken() {
  absl::BitGen random;
  return absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(random),
                         absl::Uniform<uint64_t>(random));
}

}  // namespace

RedisConversationStore::RedisConversationStore(
    std::shared_ptr<RedisClient> client, RedisConversationStoreOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

std::string RedisConversationStore::KeyOf(absl::string_view id) const {
  return absl::StrCat(options_.key_prefix, "conversation:", id);
}

absl::StatusOr<std::unique_ptr<ConversationHold>> RedisConversationStore::Hold(
    absl::string_view id) {
  const std::string key = absl::StrCat(KeyOf(id), ":hold");
  const std::string token = NewToken();
  const std::string lease_ms =
      absl::StrCat(absl::ToInt64Milliseconds(options_.hold_lease));
  const absl::Time give_up = absl::Now() + options_.hold_wait;
  absl::Duration retry = kFirstRetry;
  while (true) {
    absl::StatusOr<RedisValue> set =
        client_->Command({"SET", key, token, "NX", "PX", lease_ms});
    if (!set.ok()) return set.status();
    if (!set->is_nil()) {
      return std::make_unique<RedisHold>(client_, key, token);
    }
    if (absl::Now() + retry > give_up) {
      return absl::AbortedError(absl::StrCat(
          "conversation '", id, "' is busy in another replica; retry"));
    }
    absl::SleepFor(retry);
    retry = std::min(retry * 2, kLongestRetry);
  }
}

absl::Status RedisConversationStore::LoadInto(absl::string_view id,
                                              ConversationState* state) {
  absl::StatusOr<RedisValue> stored =
      client_->Command({"HMGET", KeyOf(id), "activity_us", "state"});
  if (!stored.ok()) return stored.status();
  const int64_t oldest =
      absl::ToUnixMicros(options_.clock() - options_.idle_timeout);
  int64_t activity = 0;
  if (stored->elements.size() != 2 || stored->elements[0].is_nil() ||
      !absl::SimpleAtoi(stored->elements[0].text, &activity) ||
      activity < oldest) {
    return absl::NotFoundError(absl::StrCat("no conversation '", id, "'"));
  }
  return ParseStoredState(id, stored->elements[1].text, state);
}

absl::Status RedisConversationStore::Save(ConversationState* state) {
  const absl::Time now = options_.clock();
  SaveStamp stamp(state, now);
  const std::string bytes = state->SerializeAsString();
  absl::StatusOr<RedisValue> saved = client_->Eval(
      kSave, {KeyOf(state->conversation_id())},
      {absl::StrCat(stamp.loaded_version()),
       absl::StrCat(absl::ToUnixMicros(now - options_.idle_timeout)),
       absl::StrCat(state->version()), absl::StrCat(absl::ToUnixMicros(now)),
       bytes,
       absl::StrCat(std::max<int64_t>(
           1, absl::ToInt64Milliseconds(options_.idle_timeout)))});
  if (!saved.ok()) {
    if (absl::IsAborted(saved.status())) {
      return absl::AbortedError(absl::StrCat(
          "conversation '", state->conversation_id(), "' changed meanwhile"));
    }
    return saved.status();
  }
  stamp.Keep();
  return absl::OkStatus();
}

absl::Status RedisConversationStore::Probe() { return client_->Ping(); }

}  // namespace firstline
