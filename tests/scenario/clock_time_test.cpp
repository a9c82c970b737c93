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

}  // namespace
}  // namespace dt
