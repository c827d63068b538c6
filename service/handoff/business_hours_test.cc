#include "service/handoff/business_hours.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/content/yaml_reader.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class BusinessHoursTest : public ::testing::Test {
 protected:
  absl::StatusOr<BusinessHours> Hours(const std::string& yaml) {
    absl::Status read =
        ReadYaml("rules/queues.yaml", yaml, &file_, &positions_);
    if (!read.ok()) return read;
    return BusinessHours::Create(file_, positions_);
  }
  // A Moscow local time (UTC+3 all year).
  static absl::Time Moscow(int y, int m, int d, int hh, int mm) {
    return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm),
                           absl::FixedTimeZone(3 * 3600));
  }
  v1::QueuesFile file_;
  SourceMap positions_;
};

constexpr char kWeekdays[] = R"(time_zone: Europe/Moscow
hours:
  - days: [mon, tue, wed, thu, fri]
    open: "09:00"
    close: "18:00"
days_off: ["2026-12-31"]
)";

TEST_F(BusinessHoursTest, OpenInsideTheHoursClosedOutside) {
  BusinessHours hours = *Hours(kWeekdays);
  // 2026-11-23 is a Monday.
  EXPECT_TRUE(hours.IsOpen(Moscow(2026, 11, 23, 9, 0)));
  EXPECT_TRUE(hours.IsOpen(Moscow(2026, 11, 23, 17, 59)));
  EXPECT_FALSE(hours.IsOpen(Moscow(2026, 11, 23, 18, 0)));
  EXPECT_FALSE(hours.IsOpen(Moscow(2026, 11, 23, 8, 59)));
  EXPECT_FALSE(hours.IsOpen(Moscow(2026, 11, 28, 12, 0)));  // Saturday.
}

TEST_F(BusinessHoursTest, NextOpenSkipsNightsWeekendsAndDaysOff) {
  BusinessHours hours = *Hours(kWeekdays);
  EXPECT_EQ(hours.NextOpen(Moscow(2026, 11, 23, 20, 0)),
            Moscow(2026, 11, 24, 9, 0));
  EXPECT_EQ(hours.NextOpen(Moscow(2026, 11, 27, 19, 0)),
            Moscow(2026, 11, 30, 9, 0));
  EXPECT_EQ(hours.NextOpen(Moscow(2026, 12, 30, 18, 30)),
            Moscow(2027, 1, 1, 9, 0));
  EXPECT_EQ(hours.NextOpen(Moscow(2026, 11, 23, 10, 0)),
            Moscow(2026, 11, 23, 10, 0));
}

TEST_F(BusinessHoursTest, NoHoursMeansAlwaysOpen) {
  BusinessHours hours;
  EXPECT_TRUE(hours.IsOpen(Moscow(2026, 11, 28, 3, 0)));
}

TEST_F(BusinessHoursTest, FormatsInTheCustomersLanguage) {
  BusinessHours hours = *Hours(kWeekdays);
  const absl::Time monday = Moscow(2026, 11, 30, 9, 0);
  EXPECT_THAT(hours.Format(monday, "en"), HasSubstr("Monday"));
  EXPECT_THAT(hours.Format(monday, "en"), HasSubstr("09:00"));
  EXPECT_THAT(hours.Format(monday, "ru"), HasSubstr("понедельник"));
  EXPECT_THAT(hours.Format(monday, "ru"), HasSubstr("30 ноября"));
}

TEST_F(BusinessHoursTest, ErrorsPointAtTheValue) {
  absl::StatusOr<BusinessHours> hours = Hours(R"(time_zone: Mars/Olympus
hours:
  - days: [mon, funday]
    open: "9am"
    close: "18:00"
  - days: [tue]
    open: "10:00"
    close: "18:00"
days_off: ["31.12.2026"]
)");
  ASSERT_FALSE(hours.ok());
  const std::string message(hours.status().message());
  EXPECT_THAT(
      message,
      HasSubstr("rules/queues.yaml:1:12: unknown time zone 'Mars/Olympus'"));
  EXPECT_THAT(
      message,
      HasSubstr("rules/queues.yaml:4:11: open and close must be HH:MM"));
  EXPECT_THAT(message,
              HasSubstr("rules/queues.yaml:9:12: '31.12.2026' is not a date"));
}

}  // namespace
}  // namespace firstline
