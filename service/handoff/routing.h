// Which queue a handoff goes to and when it is due, from rules/queues.yaml.
#ifndef FIRSTLINE_SERVICE_HANDOFF_ROUTING_H_
#define FIRSTLINE_SERVICE_HANDOFF_ROUTING_H_

#include <map>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/content/source_map.h"
#include "service/handoff/business_hours.h"

namespace firstline {

struct QueueTarget {
  std::string queue;
  absl::Duration sla;
};

class Routing {
 public:
  // Without a queues file: queues "general" and "abuse", always open, 15
  // minutes to answer.
  Routing();

  // INVALID_ARGUMENT lists every problem as file:line:col: message: unknown
  // intents (not in `intents`), an intent in two queues, a missing default
  // or abuse queue, bad hours.
  static absl::StatusOr<Routing> Create(
      const v1::QueuesFile& file, const SourceMap& positions,
      const absl::flat_hash_set<std::string>& intents);

  // The queue of a handoff about `intent` ("" when unknown) with
  // `priority`: the queue with the highest min_priority the priority
  // reaches, else the queue listing the intent, else the default queue.
  QueueTarget ForHandoff(absl::string_view intent, int priority) const;
  // The queue of a handoff for abuse.
  QueueTarget ForAbuse() const;
  const BusinessHours& hours() const { return hours_; }

 private:
  QueueTarget Target(const std::string& queue) const;

  absl::flat_hash_map<std::string, absl::Duration> sla_;  // By queue.
  absl::flat_hash_map<std::string, std::string> queue_of_intent_;
  // Queues by min_priority, for the priorities that have one.
  std::map<int, std::string> queue_of_priority_;
  std::string default_queue_ = "general";
  std::string abuse_queue_ = "abuse";
  BusinessHours hours_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_HANDOFF_ROUTING_H_
