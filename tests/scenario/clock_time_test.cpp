// Clock times in scenarios ("02:00", "17:30:00") → seconds after midnight (engine/scenario/clock_time.h).
#include "engine/scenario/clock_time.h"

#include <gtest/gtest.h>

namespace dt {
namespace {

// Hand calculation: h·3600 + m·60 + s.
TEST(ClockTime, HoursMinutesAndSecondsBecomeSecondsAfterMidnight) {
  EXPECT_EQ(parse_clock_time("00:00"), 0.0);
  EXPECT_EQ(parse_clock_time("02:00"), 7200.0);
  EXPECT_EQ(parse_clock_time("17:30"), 63000.0);          // 17·3600 + 30·60
  EXPECT_EQ(parse_clock_time("17:30:15"), 63015.0);
  EXPECT_EQ(parse_clock_time("23:59:59"), 86399.0);       // the last second of the day
  EXPECT_EQ(parse_clock_time("7:05"), 25500.0);           // one-digit hour as people write it
}

TEST(ClockTime, OutOfRangeFieldsAreRejected) {
  EXPECT_FALSE(parse_clock_time("24:00"));
  EXPECT_FALSE(parse_clock_time("12:60"));
  EXPECT_FALSE(parse_clock_time("12:00:60"));
  EXPECT_FALSE(parse_clock_time("-1:00"));
}

TEST(ClockTime, MalformedTextIsRejected) {
  for (const char* text : {"", "12", "12:", ":30", "12:30:", "12:30:00:00", "123:00", "12:300", "12-30", "12:30 ",
                           " 12:30", "noon", "12:3a", "1e1:00"})
    EXPECT_FALSE(parse_clock_time(text)) << '"' << text << '"';
}

// Day numbers counted by hand from 1970-01-01: 2024 starts 54 years later, 13 of them leap years
// (1972 … 2020): 54·365 + 13 = 19,723; March 1 is 31 + 29 days on (a leap year): 19,783.
TEST(Date, DatesBecomeDaysSince1970) {
  EXPECT_EQ(parse_date("1970-01-01"), 0);
  EXPECT_EQ(parse_date("2024-01-01"), 19723);
  EXPECT_EQ(parse_date("2024-03-01"), 19783);
  EXPECT_EQ(parse_date("2024-02-29"), 19782);  // a leap day
}

TEST(Date, ImpossibleOrMalformedDatesAreRejected) {
  for (const char* text : {"2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "2024-1-01", "2024/03/01", "01-03-2024",
                           "", "2024-03-01 ", "20240301"})
    EXPECT_FALSE(parse_date(text)) << '"' << text << '"';
}

}  // namespace
}  // namespace dt
