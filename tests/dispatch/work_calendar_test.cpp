// Working time on a calendar and premium-weighted pay (engine/dispatch/work_calendar.cpp), by hand.
#include "engine/dispatch/work_calendar.h"

#include <gtest/gtest.h>

#include "engine/kernel/civil_date.h"

namespace dt {
namespace {

constexpr double kH = 3600.0;

// Day 0 = Friday 1 March 2024; Monday 4 March (day 3) a holiday; 09:00–18:00.
WorkCalendar march_2024() {
  WorkCalendar c;
  c.start_weekday = 4;  // Friday
  c.holidays = {3};
  return c;
}

TEST(WorkCalendar, WeekdayOfKnownDates) {
  EXPECT_EQ(weekday_of_epoch_day(0), 3) << "1970-01-01 was a Thursday";
  EXPECT_EQ(days_from_civil(2024, 3, 1), 19783);
  EXPECT_EQ(weekday_of_epoch_day(19783), 4) << "2024-03-01 (day 19,783) was a Friday";
  EXPECT_EQ(weekday_of_epoch_day(-1), 2) << "1969-12-31 was a Wednesday";
}

TEST(WorkCalendar, FridayEveningToTuesdayMorningOverAHolidayIsTwoWorkingHours) {
  const WorkCalendar c = march_2024();
  EXPECT_DOUBLE_EQ(working_seconds(c, 0.0, 17 * kH, 4 * 24 * kH + 10 * kH), 2 * kH);
  // The same interval without the holiday adds Monday's 9 hours.
  WorkCalendar no_holiday = c;
  no_holiday.holidays.clear();
  EXPECT_DOUBLE_EQ(working_seconds(no_holiday, 0.0, 17 * kH, 4 * 24 * kH + 10 * kH), 11 * kH);
  // A clock start shifts the calendar: scenario time 0 at 16:00 Friday, 2 h later is 18:00.
  EXPECT_DOUBLE_EQ(working_seconds(c, 16 * kH, 0.0, 2 * kH), 2 * kH);
  EXPECT_DOUBLE_EQ(working_seconds(c, 0.0, 5 * kH, 5 * kH), 0.0);
}

TEST(WorkCalendar, WorkingWeekdaysAreConfigurable) {
  WorkCalendar c = march_2024();
  c.working_weekdays = 0x1F | (1u << 5);  // Monday–Saturday
  EXPECT_DOUBLE_EQ(working_seconds(c, 0.0, 0.0, 3 * 24 * kH), 18 * kH) << "Friday and Saturday";
}

TEST(PremiumWeightedSeconds, NightAndWeekendPremiumsAddUp) {
  CostConfig k;
  k.night_premium = 0.2;
  k.weekend_premium = 1.0;
  WorkCalendar c;
  c.start_weekday = 5;  // day 0 Saturday
  // Saturday 20:00 → Sunday 02:00: 6 h, all weekend (+1.0), of which 22:00–02:00 night (+0.2).
  EXPECT_DOUBLE_EQ(premium_weighted_seconds(k, c, 0.0, 20 * kH, 26 * kH), 6 * kH * 2.0 + 4 * kH * 0.2);
  // Friday 22:00 → Saturday 06:00 (day −1 is a Friday): 8 h night, 6 of them on Saturday.
  EXPECT_DOUBLE_EQ(premium_weighted_seconds(k, c, 0.0, -2 * kH, 6 * kH), 8 * kH * 1.2 + 6 * kH * 1.0);
  // A night from 00:00 to 05:00 only.
  k.night_start_s = 0.0;
  k.night_end_s = 5 * kH;
  k.weekend_premium = 0.0;
  EXPECT_DOUBLE_EQ(premium_weighted_seconds(k, c, 0.0, 22 * kH, 30 * kH), 8 * kH + 5 * kH * 0.2);
}

}  // namespace
}  // namespace dt
