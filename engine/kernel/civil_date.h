#pragma once
// Calendar dates as day numbers: the scenario reader turns "2024-03-01" into one, the dispatch
// model's working-day calendar asks for its weekday. Proleptic Gregorian calendar, day 0 =
// 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil).

#include <cstdint>

namespace dt {

/// Days from 1970-01-01 to year-month-day (month 1..12, day 1..31; not checked here).
[[nodiscard]] constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

/// Weekday of a day number: 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
[[nodiscard]] constexpr int weekday_of_epoch_day(int64_t days) noexcept {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(weekday_of_epoch_day(days_from_civil(2024, 3, 1)) == 4, "1 March 2024 was a Friday");

}  // namespace dt
