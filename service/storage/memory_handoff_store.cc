#include "service/storage/memory_handoff_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace firstline {

MemoryHandoffStore::MemoryHandoffStore() = default;

MemoryHandoffStore::~MemoryHandoffStore() = default;

absl::StatusOr<v1::Handoff*> MemoryHandoffStore::Find(absl::string_view id) {
  auto it = handoffs_.find(id);
  if (it == handoffs_.end()) {
    return absl::NotFoundError(absl::StrCat("no handoff '", id, "'"));
  }
  return &it->second;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Create(v1::Handoff handoff) {
  absl::MutexLock lock(&mutex_);
  handoff.set_id(absl::StrFormat("h-%08d", next_id_++));
  handoff.set_state(v1::HANDOFF_STATE_WAITING);
  handoffs_[handoff.id()] = handoff;
  feed_.Publish(handoff);
  return handoff;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Get(absl::string_view id) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> handoff = Find(id);
  if (!handoff.ok()) return handoff.status();
  return **handoff;
}

absl::Status MemoryHandoffStore::Append(absl::string_view id,
                                        const v1::TranscriptEntry& entry) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> handoff = Find(id);
  if (!handoff.ok()) return handoff.status();
  *(*handoff)->add_transcript() = entry;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Handoff>> MemoryHandoffStore::List(
    absl::string_view queue, v1::HandoffState state) {
  absl::MutexLock lock(&mutex_);
  std::vector<v1::Handoff> found;
  for (const auto& [id, handoff] : handoffs_) {
    if ((queue.empty() || handoff.queue() == queue) &&
        (state == v1::HANDOFF_STATE_UNSPECIFIED || handoff.state() == state)) {
      found.push_back(handoff);
    }
  }
  return found;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::MoveTo(absl::string_view id,
                                                       absl::string_view agent,
                                                       v1::HandoffState state) {
  absl::MutexLock lock(&mutex_);
  absl::StatusOr<v1::Handoff*> found = Find(id);
  if (!found.ok()) return found.status();
  v1::Handoff& handoff = **found;
  if (handoff.state() == v1::HANDOFF_STATE_RESOLVED) {
    return absl::FailedPreconditionError(
        absl::StrCat("handoff ", id, " is already resolved"));
  }
  if (handoff.state() == v1::HANDOFF_STATE_CLAIMED &&
      handoff.assignee() != agent) {
    return absl::FailedPreconditionError(
        absl::StrCat("handoff ", id, " is held by ", handoff.assignee()));
  }
  handoff.set_state(state);
  handoff.set_assignee(std::string(agent));
  return handoff;
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Claim(absl::string_view id,
                                                      absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_CLAIMED);
}

absl::StatusOr<v1::Handoff> MemoryHandoffStore::Resolve(
    absl::string_view id, absl::string_view agent) {
  return MoveTo(id, agent, v1::HANDOFF_STATE_RESOLVED);
}

absl::StatusOr<std::unique_ptr<HandoffSubscription>> MemoryHandoffStore::Watch(
    absl::string_view queue) {
  absl::MutexLock lock(&mutex_);
  std::vector<v1::Handoff> waiting;
  for (const auto& [id, handoff] : handoffs_) {
    if (handoff.queue() == queue &&
        handoff.state() == v1::HANDOFF_STATE_WAITING) {
      waiting.push_back(handoff);
    }
  }
  return feed_.Subscribe(std::string(queue), std::move(waiting));
}

}  // namespace firstline
