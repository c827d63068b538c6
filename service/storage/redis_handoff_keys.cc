#include "service/storage/redis_handoff_keys.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace firstline {

std::string RedisHandoffKeys::Counter() const {
  return absl::StrCat(prefix_, "handoff:next");
}

std::string RedisHandoffKeys::Handoff(absl::string_view id) const {
  return absl::StrCat(prefix_, "handoff:", id);
}

std::string RedisHandoffKeys::Transcript(absl::string_view id) const {
  return absl::StrCat(prefix_, "handoff:", id, ":transcript");
}

std::string RedisHandoffKeys::All() const {
  return absl::StrCat(prefix_, "handoffs");
}

std::string RedisHandoffKeys::Queue(absl::string_view queue) const {
  return absl::StrCat(prefix_, "queue:", queue, ":handoffs");
}

std::string RedisHandoffKeys::Stream(absl::string_view queue) const {
  return absl::StrCat(prefix_, "queue:", queue, ":stream");
}

const std::string& RedisGetHandoffScript() {
  static const std::string* const kScript =
      new std::string(absl::StrCat(kReadHandoffLua, R"lua(
local handoff = read(KEYS[1])
if not handoff then return redis.error_reply('NOTFOUND no such handoff') end
return handoff
)lua"));
  return *kScript;
}

absl::StatusOr<v1::Handoff> DecodeRedisHandoff(
    absl::string_view id, const absl::StatusOr<RedisValue>& reply) {
  if (absl::IsNotFound(reply.status())) {
    return absl::NotFoundError(absl::StrCat("no handoff '", id, "'"));
  }
  if (!reply.ok()) return reply.status();
  const RedisValue& value = *reply;
  v1::Handoff handoff;
  int state = 0;
  if (value.elements.size() != 4 ||
      !handoff.ParseFromString(value.elements[0].text) ||
      !absl::SimpleAtoi(value.elements[1].text, &state) ||
      !v1::HandoffState_IsValid(state)) {
    return absl::DataLossError(
        absl::StrCat("handoff '", id, "' does not parse"));
  }
  handoff.set_id(std::string(id));
  handoff.set_state(static_cast<v1::HandoffState>(state));
  handoff.set_assignee(value.elements[2].text);
  for (const RedisValue& said : value.elements[3].elements) {
    if (!handoff.add_transcript()->ParseFromString(said.text)) {
      return absl::DataLossError(
          absl::StrCat("the transcript of handoff '", id, "' does not parse"));
    }
  }
  return handoff;
}

}  // namespace firstline
