// When people are there to take handoffs: working hours per weekday in one
// time zone, and days off.
//
//   auto hours = BusinessHours::Create(queues_file, positions);
//   if (!hours->IsOpen(now)) tell("A person answers " +
//                                  hours->Format(hours->NextOpen(now), "en"));
#ifndef FIRSTLINE_SERVICE_HANDOFF_BUSINESS_HOURS_H_
#define FIRSTLINE_SERVICE_HANDOFF_BUSINESS_HOURS_H_

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/content/source_map.h"

namespace firstline {

class BusinessHours {
 public:
  // Always open.
  BusinessHours();

  // The hours of a queues file. INVALID_ARGUMENT lists every problem as
  // file:line:col: message (unknown time zone, day name, bad HH:MM ...).
  static absl::StatusOr<BusinessHours> Create(const v1::QueuesFile& file,
                                              const SourceMap& positions);

  bool IsOpen(absl::Time time) const;
  // `time` itself when open, else the start of the next working period
  // (within a year; after that, `time`).
  absl::Time NextOpen(absl::Time time) const;
  // `time` in the locale's words and the pack's time zone, e.g. "Monday,
  // November 24 at 09:00 Moscow Standard Time".
  std::string Format(absl::Time time, const std::string& locale) const;

 private:
  std::string FormatUncached(absl::Time time, const std::string& locale) const;

  std::string zone_name_;
  absl::TimeZone zone_;
  bool always_open_ = true;
  // Open periods per weekday (Monday = 0) as minutes after midnight.
  std::array<std::vector<std::pair<int, int>>, 7> periods_;
  absl::flat_hash_set<absl::CivilDay> days_off_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_HANDOFF_BUSINESS_HOURS_H_
