#include "service/handoff/routing.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace firstline {
namespace {

constexpr int kDefaultSlaMinutes = 15;

}  // namespace

Routing::Routing() {
  sla_[default_queue_] = absl::Minutes(kDefaultSlaMinutes);
  sla_[abuse_queue_] = absl::Minutes(kDefaultSlaMinutes);
}

absl::StatusOr<Routing> Routing::Create(
    const v1::QueuesFile& file, const SourceMap& positions,
    const absl::flat_hash_set<std::string>& intents) {
  Routing routing;
  routing.sla_.clear();
  std::vector<std::string> problems;
  auto problem = [&](const SourcePosition& at, absl::string_view message) {
    problems.push_back(ErrorAt(at, message));
  };
  for (const v1::Queue& queue : file.queues()) {
    if (queue.id().empty()) {
      problem(positions.Find(queue), "a queue needs an id");
      continue;
    }
    const int minutes =
        queue.sla_minutes() == 0 ? kDefaultSlaMinutes : queue.sla_minutes();
    if (minutes < 0) {
      problem(positions.Find(queue, "sla_minutes"),
              "sla_minutes must be positive");
    }
    if (!routing.sla_.emplace(queue.id(), absl::Minutes(minutes)).second) {
      problem(positions.Find(queue, "id"),
              absl::StrCat("queue '", queue.id(), "' is defined twice"));
    }
    if (queue.min_priority() < 0) {
      problem(positions.Find(queue, "min_priority"),
              "min_priority must be 0 (by intents only), 1 or 2");
    } else if (queue.min_priority() > 0 &&
               !routing.queue_of_priority_
                    .emplace(queue.min_priority(), queue.id())
                    .second) {
      problem(
          positions.Find(queue, "min_priority"),
          absl::StrCat("priority ", queue.min_priority(),
                       " is already routed to queue '",
                       routing.queue_of_priority_[queue.min_priority()], "'"));
    }
    for (int i = 0; i < queue.intents_size(); ++i) {
      const std::string& intent = queue.intents(i);
      if (!intents.contains(intent)) {
        problem(positions.Find(queue, "intents", i),
                absl::StrCat("no intent '", intent, "' in intents/"));
      } else if (!routing.queue_of_intent_.emplace(intent, queue.id()).second) {
        problem(
            positions.Find(queue, "intents", i),
            absl::StrCat("intent '", intent, "' is already routed to queue '",
                         routing.queue_of_intent_[intent], "'"));
      }
    }
  }
  for (const auto& [field, value, target] :
       {std::tuple{"default_queue", file.default_queue(),
                   &routing.default_queue_},
        std::tuple{"abuse_queue", file.abuse_queue(), &routing.abuse_queue_}}) {
    if (!routing.sla_.contains(value)) {
      problem(positions.Find(file, field),
              absl::StrCat(field,
                           " must name a queue defined under queues, found '",
                           value, "'"));
    }
    *target = value;
  }
  absl::StatusOr<BusinessHours> hours = BusinessHours::Create(file, positions);
  if (!hours.ok()) problems.push_back(std::string(hours.status().message()));
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  routing.hours_ = std::move(*hours);
  return routing;
}

QueueTarget Routing::Target(const std::string& queue) const {
  return {queue, sla_.at(queue)};
}

QueueTarget Routing::ForHandoff(absl::string_view intent, int priority) const {
  // The first queue whose min_priority is above `priority`; the one before
  // it, if any, is the one the priority reaches.
  auto reached = queue_of_priority_.upper_bound(priority);
  if (reached != queue_of_priority_.begin()) {
    return Target(std::prev(reached)->second);
  }
  auto it = queue_of_intent_.find(intent);
  return Target(it == queue_of_intent_.end() ? default_queue_ : it->second);
}

QueueTarget Routing::ForAbuse() const { return Target(abuse_queue_); }

}  // namespace firstline
