#include "service/storage/redis_handoff_watch.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace firstline {
namespace {

// Where the handoffs of a desk that went away wait for another desk.
constexpr absl::string_view kReleased = "released";
// How long to wait before trying an unreachable Redis again.
constexpr absl::Duration kRetry = absl::Milliseconds(100);
// The longest a read waits for new handoffs before it looks again for ones
// to redeliver.
constexpr absl::Duration kLongestBlock = absl::Milliseconds(100);
// Handoffs let go of at once when a desk goes away; more wait for the
// redelivery timeout.
constexpr absl::string_view kMostReleased = "1000";

std::string NewConsumer() {
  absl::BitGen random;
  return absl::StrFormat("desk-%016x", absl::Uniform<uint64_t>(random));
}

}  // namespace

RedisHandoffWatch::RedisHandoffWatch(std::shared_ptr<RedisClient> client,
                                     RedisHandoffKeys keys, std::string queue,
                                     absl::Duration redelivery_timeout)
    : client_(std::move(client)),
      keys_(std::move(keys)),
      stream_(keys_.Stream(queue)),
      consumer_(NewConsumer()),
      redelivery_ms_(absl::StrCat(std::max<int64_t>(
          1, absl::ToInt64Milliseconds(redelivery_timeout)))) {}

absl::StatusOr<std::unique_ptr<HandoffSubscription>> RedisHandoffWatch::Start(
    std::shared_ptr<RedisClient> client, RedisHandoffKeys keys,
    std::string queue, absl::Duration redelivery_timeout) {
  std::unique_ptr<RedisHandoffWatch> watch(
      new RedisHandoffWatch(std::move(client), std::move(keys),
                            std::move(queue), redelivery_timeout));
  absl::Status joined = watch->Join();
  if (!joined.ok()) return joined;
  return watch;
}

absl::Status RedisHandoffWatch::Join() {
  absl::StatusOr<std::unique_ptr<RedisConnection>> connection =
      client_->Connect();
  if (!connection.ok()) return connection.status();
  connection_ = *std::move(connection);
  absl::StatusOr<RedisValue> created = connection_->Command(
      {"XGROUP", "CREATE", stream_, kRedisDeskGroup, "0", "MKSTREAM"});
  if (!created.ok() &&
      !absl::StrContains(created.status().message(), "BUSYGROUP")) {
    return created.status();
  }
  return absl::OkStatus();
}

RedisHandoffWatch::~RedisHandoffWatch() {
  if (connection_ == nullptr || connection_->broken()) return;
  absl::StatusOr<RedisValue> pending =
      connection_->Command({"XPENDING", stream_, kRedisDeskGroup, "-", "+",
                            kMostReleased, consumer_});
  if (!pending.ok()) return;
  std::vector<absl::string_view> release = {"XCLAIM", stream_, kRedisDeskGroup,
                                            kReleased, "0"};
  for (const RedisValue& entry : pending->elements) {
    if (!entry.elements.empty()) release.push_back(entry.elements[0].text);
  }
  if (release.size() > 5) {
    // Idle as long as the redelivery timeout: the next desk takes them.
    release.insert(release.end(), {"IDLE", redelivery_ms_, "JUSTID"});
    if (!connection_->Command(release).ok()) return;
  }
  connection_
      ->Command({"XGROUP", "DELCONSUMER", stream_, kRedisDeskGroup, consumer_})
      .IgnoreError();
}

std::optional<v1::Handoff> RedisHandoffWatch::Next(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::Status ready = absl::OkStatus();
    if (connection_ == nullptr || connection_->broken()) ready = Join();
    if (ready.ok()) {
      absl::StatusOr<std::optional<v1::Handoff>> next = TryNext(deadline);
      if (next.ok() && next->has_value()) return *std::move(*next);
      ready = next.status();
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return std::nullopt;
    if (!ready.ok()) absl::SleepFor(std::min(left, kRetry));
  }
}

absl::StatusOr<std::optional<v1::Handoff>> RedisHandoffWatch::TryNext(
    absl::Time deadline) {
  // Handoffs other desks were given and did not claim in time come first:
  // they are the oldest.
  while (true) {
    absl::StatusOr<RedisValue> claimed =
        connection_->Command({"XAUTOCLAIM", stream_, kRedisDeskGroup, consumer_,
                              redelivery_ms_, "0-0", "COUNT", "1"});
    if (!claimed.ok()) return claimed.status();
    if (claimed->elements.size() < 2 || claimed->elements[1].elements.empty()) {
      break;
    }
    absl::StatusOr<std::optional<v1::Handoff>> handoff =
        Deliverable(claimed->elements[1].elements[0]);
    if (!handoff.ok() || handoff->has_value()) return handoff;
  }
  const absl::Duration left =
      std::clamp(deadline - absl::Now(), absl::Milliseconds(1), kLongestBlock);
  const std::string block_ms = absl::StrCat(absl::ToInt64Milliseconds(left));
  absl::StatusOr<RedisValue> read = connection_->Command(
      {"XREADGROUP", "GROUP", kRedisDeskGroup, consumer_, "COUNT", "1", "BLOCK",
       block_ms, "STREAMS", stream_, ">"},
      left);
  if (!read.ok()) {
    // The group went away with its stream (e.g. Redis was emptied): join
    // again next time.
    if (absl::StrContains(read.status().message(), "NOGROUP")) {
      connection_.reset();
    }
    return read.status();
  }
  // Nil when the wait ran out; else {{stream, {entry}}}.
  if (read->elements.empty() || read->elements[0].elements.size() < 2 ||
      read->elements[0].elements[1].elements.empty()) {
    return std::nullopt;
  }
  return Deliverable(read->elements[0].elements[1].elements[0]);
}

absl::StatusOr<std::optional<v1::Handoff>> RedisHandoffWatch::Deliverable(
    const RedisValue& entry) {
  // {entry id, {"id", handoff id}}.
  if (entry.elements.size() < 2) return std::nullopt;
  const std::string& entry_id = entry.elements[0].text;
  const std::vector<RedisValue>& fields = entry.elements[1].elements;
  if (fields.size() == 2 && fields[0].text == "id") {
    const std::string& id = fields[1].text;
    absl::StatusOr<v1::Handoff> handoff = DecodeRedisHandoff(
        id,
        connection_->Eval(RedisGetHandoffScript(), {keys_.Handoff(id)}, {}));
    if (handoff.ok() && handoff->state() == v1::HANDOFF_STATE_WAITING) {
      return *std::move(handoff);
    }
    if (!handoff.ok() && !absl::IsNotFound(handoff.status())) {
      return handoff.status();
    }
  }
  // Claimed, resolved or expired meanwhile: no desk needs it.
  absl::StatusOr<RedisValue> acked =
      connection_->Command({"XACK", stream_, kRedisDeskGroup, entry_id});
  if (!acked.ok()) return acked.status();
  return std::nullopt;
}

}  // namespace firstline
