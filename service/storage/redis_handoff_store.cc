#include "service/storage/redis_handoff_store.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "service/storage/redis_handoff_keys.h"
#include "service/storage/redis_handoff_watch.h"

namespace firstline {
namespace {

// KEYS: the id counter, the index of all, the queue's index, the queue's
// stream. ARGV: the key prefix, the handoff (without id), the waiting state,
// the desks' group. Gives the new id.
constexpr absl::string_view kCreate = R"lua(
local seq = redis.call('INCR', KEYS[1])
local id = string.format('h-%08d', seq)
-- The desks' group reads the stream from its start: handoffs created before
-- any desk watched reach the first one that does.
redis.pcall('XGROUP', 'CREATE', KEYS[4], ARGV[4], '0', 'MKSTREAM')
local entry = redis.call('XADD', KEYS[4], '*', 'id', id)
redis.call('HSET', ARGV[1] .. 'handoff:' .. id, 'handoff', ARGV[2],
           'state', ARGV[3], 'assignee', '', 'stream', KEYS[4],
           'entry', entry)
redis.call('ZADD', KEYS[2], seq, id)
redis.call('ZADD', KEYS[3], seq, id)
return id
)lua";

// KEYS: the handoff, its transcript. ARGV[1]: the entry. A resolved
// handoff's transcript expires with it.
constexpr absl::string_view kAppend = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('NOTFOUND no such handoff')
end
redis.call('RPUSH', KEYS[2], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
)lua";

// KEYS: the handoff, its transcript. ARGV: the agent, the new state, the
// resolved and claimed states, the retention (ms), the desks' group, the
// id. A claimed handoff is acknowledged on its stream, so no desk gets it
// again; a resolved one leaves the stream and expires after the retention.
constexpr absl::string_view kMoveTo = R"lua(
local f = redis.call('HMGET', KEYS[1], 'state', 'assignee', 'stream', 'entry')
if not f[1] then return redis.error_reply('NOTFOUND no such handoff') end
if f[1] == ARGV[3] then
  return redis.error_reply('PRECONDITION handoff ' .. ARGV[7] ..
                           ' is already resolved')
end
if f[1] == ARGV[4] and f[2] ~= ARGV[1] then
  return redis.error_reply('PRECONDITION handoff ' .. ARGV[7] ..
                           ' is held by ' .. f[2])
end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'assignee', ARGV[1])
redis.call('XACK', f[3], ARGV[6], f[4])
if ARGV[2] == ARGV[3] then
  redis.call('XDEL', f[3], f[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return read(KEYS[1])
)lua";

// KEYS[1]: an index. ARGV: the key prefix, the state wanted ('' for any).
// Gives {id, read()...} for each; forgets ids whose handoff expired.
constexpr absl::string_view kList = R"lua(
local found = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local handoff = read(ARGV[1] .. 'handoff:' .. id)
  if not handoff then
    redis.call('ZREM', KEYS[1], id)
  elseif ARGV[2] == '' or handoff[2] == ARGV[2] then
    table.insert(handoff, 1, id)
    table.insert(found, handoff)
  end
end
return found
)lua";

std::string StateArg(v1::HandoffState state) {
  return absl::StrCat(static_cast<int>(state));
}

}  // namespace

RedisHandoffStore::RedisHandoffStore(std::shared_ptr<RedisClient> client,
                                     RedisHandoffStoreOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

absl::StatusOr<v1::Handoff> RedisHandoffStore::Create(v1::Handoff handoff) {
  const RedisHandoffKeys keys(options_.key_prefix);
  handoff.clear_id();
  handoff.set_state(v1::HANDOFF_STATE_WAITING);
  absl::StatusOr<RedisValue> id =
      client_->Eval(kCreate,
                    {keys.Counter(), keys.All(), keys.Queue(handoff.queue()),
                     keys.Stream(handoff.queue())},
                    {keys.prefix(), handoff.SerializeAsString(),
                     StateArg(v1::HANDOFF_STATE_WAITING), kRedisDeskGroup});
  if (!id.ok()) return id.status();
  handoff.set_id(id->text);
  return handoff;
}

absl::StatusOr<v1::Handoff> RedisHandoffStore::Get(absl::string_view id) {
  const RedisHandoffKeys keys(options_.key_prefix);
  return DecodeRedisHandoff(
      id, client_->Eval(RedisGetHandoffScript(), {keys.Handoff(id)}, {}));
}

absl::Status RedisHandoffStore::Append(absl::string_view id,
                                       const v1::TranscriptEntry& entry) {
  const RedisHandoffKeys keys(options_.key_prefix);
  absl::StatusOr<RedisValue> appended =
      client_->Eval(kAppend, {keys.Handoff(id), keys.Transcript(id)},
                    {entry.SerializeAsString()});
  if (absl::IsNotFound(appended.status())) {
    return absl::NotFoundError(absl::StrCat("no handoff '", id, "'"));
  }
  return appended.status();
}

absl::StatusOr<std::vector<v1::Handoff>> RedisHandoffStore::List(
    absl::string_view queue, v1::HandoffState state) {
  static const std::string* const kScript =
      new std::string(absl::StrCat(kReadHandoffLua, kList));
  const RedisHandoffKeys keys(options_.key_prefix);
  absl::StatusOr<RedisValue> listed = client_->Eval(
      *kScript, {queue.empty() ? keys.All() : keys.Queue(queue)},
      {keys.prefix(),
       state == v1::HANDOFF_STATE_UNSPECIFIED ? "" : StateArg(state)});
  if (!listed.ok()) return listed.status();
  std::vector<v1::Handoff> handoffs;
  handoffs.reserve(listed->elements.size());
  for (RedisValue& item : listed->elements) {
    if (item.elements.empty()) continue;
    const std::string id = std::move(item.elements.front().text);
    item.elements.erase(item.elements.begin());
    absl::StatusOr<v1::Handoff> handoff = DecodeRedisHandoff(id, item);
    if (!handoff.ok()) return handoff.status();
    handoffs.push_back(*std::move(handoff));
  }
  return handoffs;
}

absl::StatusOr<v1::Handoff> RedisHandoffStore::MoveTo(absl::string_view id,
                                                      absl::string_view agent,
                                                      v1::HandoffState state) {
  static const std::string* const kScript =
      new std::string(absl::StrCat(kReadHandoffLua, kMoveTo));
  const RedisHandoffKeys keys(options_.key_prefix);
  return DecodeRedisHandoff(
      id, client_->Eval(
              *kScript, {keys.Handoff(id), keys.Transcript(id)},
              {agent, StateArg(state), StateArg(v1::HANDOFF_STATE_RESOLVED),
               StateArg(v1::HANDOFF_STATE_CLAIMED),
               absl::StrCat(std::max<int64_t>(
                   1, absl::ToInt64Milliseconds(options_.resolved_retention))),
               kRedisDeskGroup, id}));
}

absl::StatusOr<v1::Handoff> RedisHandoffStore::Claim(absl::string_view id,
                                                     absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_CLAIMED);
}

absl::StatusOr<v1::Handoff> RedisHandoffStore::Resolve(
    absl::string_view id, absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_RESOLVED);
}

absl::StatusOr<std::unique_ptr<HandoffSubscription>> RedisHandoffStore::Watch(
    absl::string_view queue) {
  return RedisHandoffWatch::Start(
      client_, RedisHandoffKeys(options_.key_prefix), std::string(queue),
      options_.redelivery_timeout);
}

}  // namespace firstline
