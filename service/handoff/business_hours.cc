#include "service/handoff/business_hours.h"

#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"

namespace firstline {
namespace {

// Formatted times kept by Format() before it starts afresh.
constexpr size_t kFormatCacheEntries = 1024;

constexpr const char* kDayNames[] = {"mon", "tue", "wed", "thu",
                                     "fri", "sat", "sun"};

int WeekdayIndex(absl::Weekday day) {
  switch (day) {
    case absl::Weekday::monday:
      return 0;
    case absl::Weekday::tuesday:
      return 1;
    case absl::Weekday::wednesday:
      return 2;
    case absl::Weekday::thursday:
      return 3;
    case absl::Weekday::friday:
      return 4;
    case absl::Weekday::saturday:
      return 5;
    case absl::Weekday::sunday:
      return 6;
  }
  return 0;
}

// "09:30" as 570; -1 when malformed. "24:00" is allowed as a close.
int Minutes(const std::string& text) {
  int hours = 0;
  int minutes = 0;
  if (text.size() != 5 || text[2] != ':' ||
      !absl::SimpleAtoi(text.substr(0, 2), &hours) ||
      !absl::SimpleAtoi(text.substr(3, 2), &minutes) || hours < 0 ||
      hours > 24 || minutes < 0 || minutes > 59 ||
      (hours == 24 && minutes != 0)) {
    return -1;
  }
  return hours * 60 + minutes;
}

// The locale's way to write a weekday, date, time and zone, e.g. "Tuesday,
// November 24 at 09:00 Moscow Standard Time". Looked up once per locale:
// building the generator reads the locale's data, which cost a tenth of a
// handoff's CPU.
std::optional<icu::UnicodeString> DatePattern(const icu::Locale& locale) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* patterns =
      new absl::flat_hash_map<std::string, icu::UnicodeString>();
  absl::MutexLock lock(&mutex);
  if (auto it = patterns->find(locale.getName()); it != patterns->end()) {
    return it->second;
  }
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, error));
  if (U_FAILURE(error)) return std::nullopt;
  icu::UnicodeString pattern =
      generator->getBestPattern(icu::UnicodeString("EEEEdMMMMHHmmzzzz"), error);
  if (U_FAILURE(error)) return std::nullopt;
  return (*patterns)[locale.getName()] = pattern;
}

}  // namespace

BusinessHours::BusinessHours() : zone_(absl::UTCTimeZone()) {}

absl::StatusOr<BusinessHours> BusinessHours::Create(
    const v1::QueuesFile& file, const SourceMap& positions) {
  BusinessHours hours;
  std::vector<std::string> problems;
  auto problem = [&](const SourcePosition& at, absl::string_view message) {
    problems.push_back(ErrorAt(at, message));
  };
  hours.zone_name_ = file.time_zone().empty() ? "UTC" : file.time_zone();
  if (!absl::LoadTimeZone(hours.zone_name_, &hours.zone_)) {
    problem(positions.Find(file, "time_zone"),
            absl::StrCat("unknown time zone '", hours.zone_name_,
                         "'; use an IANA name such as Europe/Moscow"));
  }
  hours.always_open_ = file.hours().empty();
  for (const v1::WorkingHours& entry : file.hours()) {
    const int open = Minutes(entry.open());
    const int close = Minutes(entry.close());
    if (open < 0 || close < 0 || open >= close) {
      problem(positions.Find(entry, open < 0 ? "open" : "close"),
              "open and close must be HH:MM with open before close, e.g. "
              "open: \"09:00\", close: \"18:00\"");
      continue;
    }
    for (int i = 0; i < entry.days_size(); ++i) {
      const auto* day =
          std::find(std::begin(kDayNames), std::end(kDayNames), entry.days(i));
      if (day == std::end(kDayNames)) {
        problem(positions.Find(entry, "days", i),
                absl::StrCat("unknown day '", entry.days(i),
                             "'; use mon, tue, wed, thu, fri, sat, sun"));
        continue;
      }
      hours.periods_[day - std::begin(kDayNames)].emplace_back(open, close);
    }
  }
  for (int i = 0; i < file.days_off_size(); ++i) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(file.days_off(i), &day)) {
      problem(
          positions.Find(file, "days_off", i),
          absl::StrCat("'", file.days_off(i), "' is not a date as YYYY-MM-DD"));
      continue;
    }
    hours.days_off_.insert(day);
  }
  for (auto& periods : hours.periods_)
    std::sort(periods.begin(), periods.end());
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return hours;
}

bool BusinessHours::IsOpen(absl::Time time) const {
  return NextOpen(time) == time;
}

absl::Time BusinessHours::NextOpen(absl::Time time) const {
  if (always_open_) return time;
  const absl::CivilMinute local = absl::ToCivilMinute(time, zone_);
  const absl::CivilDay today = absl::CivilDay(local);
  for (int offset = 0; offset < 366; ++offset) {
    const absl::CivilDay day = today + offset;
    if (days_off_.contains(day)) continue;
    for (const auto& [open, close] :
         periods_[WeekdayIndex(absl::GetWeekday(day))]) {
      const absl::Time start =
          absl::FromCivil(absl::CivilMinute(day) + open, zone_);
      const absl::Time end =
          absl::FromCivil(absl::CivilMinute(day) + close, zone_);
      if (time < start) return start;
      if (time < end) return time;
    }
  }
  return time;
}

std::string BusinessHours::FormatUncached(absl::Time time,
                                          const std::string& locale) const {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Locale icu_locale(locale.c_str());
  const std::optional<icu::UnicodeString> pattern = DatePattern(icu_locale);
  if (!pattern) return absl::FormatTime("%Y-%m-%d %H:%M %Z", time, zone_);
  icu::SimpleDateFormat format(*pattern, icu_locale, error);
  if (U_FAILURE(error))
    return absl::FormatTime("%Y-%m-%d %H:%M %Z", time, zone_);
  format.adoptTimeZone(icu::TimeZone::createTimeZone(zone_name_.c_str()));
  icu::UnicodeString text;
  format.format(static_cast<UDate>(absl::ToUnixMillis(time)), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string BusinessHours::Format(absl::Time time,
                                  const std::string& locale) const {
  // Building the ICU formatter and its time zone cost a sixth of a
  // conversation turn that hands off after hours, while the times asked
  // for are few: the starts of the next working periods. The text depends
  // only on the zone, the locale and the millisecond, so it is kept.
  static absl::Mutex mutex(absl::kConstInit);
  static auto* texts = new absl::flat_hash_map<std::string, std::string>();
  const std::string key =
      absl::StrCat(zone_name_, "\n", locale, "\n", absl::ToUnixMillis(time));
  {
    absl::MutexLock lock(&mutex);
    if (auto it = texts->find(key); it != texts->end()) return it->second;
  }
  std::string text = FormatUncached(time, locale);
  absl::MutexLock lock(&mutex);
  // Bounded: a pack whose periods all change still needs little memory.
  if (texts->size() >= kFormatCacheEntries) texts->clear();
  texts->emplace(key, text);
  return text;
}

}  // namespace firstline
