#include "engine/dispatch/work_calendar.h"

#include <algorithm>
#include <cmath>

namespace dt {

namespace {

constexpr double kDay_s = 86400.0;

double overlap(double a, double b, double lo, double hi) { return std::max(0.0, std::min(b, hi) - std::max(a, lo)); }

// Calls f(day, from, to) for each calendar day the interval touches, with [from, to] in seconds
// after that day's midnight.
template <class F>
void for_each_day(double clock_start_s, double from_s, double to_s, F&& f) {
  if (!(to_s > from_s)) return;
  const double a = clock_start_s + from_s, b = clock_start_s + to_s;
  auto day = static_cast<int64_t>(std::floor(a / kDay_s));
  for (;; ++day) {
    const double midnight = static_cast<double>(day) * kDay_s;
    if (midnight >= b) break;
    f(day, std::max(a, midnight) - midnight, std::min(b, midnight + kDay_s) - midnight);
  }
}

}  // namespace

double working_seconds(const WorkCalendar& c, double clock_start_s, double from_s, double to_s) {
  double sum = 0.0;
  for_each_day(clock_start_s, from_s, to_s, [&](int64_t day, double a, double b) {
    const int wd = static_cast<int>((c.start_weekday + (day % 7) + 7) % 7);
    if ((c.working_weekdays & (1u << wd)) == 0) return;
    if (std::binary_search(c.holidays.begin(), c.holidays.end(), day)) return;
    sum += overlap(a, b, c.work_start_s, c.work_end_s);
  });
  return sum;
}

double premium_weighted_seconds(const CostConfig& k, const WorkCalendar& c, double clock_start_s, double from_s,
                                double to_s) {
  double sum = 0.0;
  for_each_day(clock_start_s, from_s, to_s, [&](int64_t day, double a, double b) {
    const int wd = static_cast<int>((c.start_weekday + (day % 7) + 7) % 7);
    const double weekend = wd >= 5 ? k.weekend_premium : 0.0;
    // The night of this calendar day: its early morning [0, end) and its late evening [start, 24 h).
    double night = overlap(a, b, 0.0, k.night_end_s);
    if (k.night_start_s > k.night_end_s) night += overlap(a, b, k.night_start_s, kDay_s);
    sum += (b - a) * (1.0 + weekend) + night * k.night_premium;
  });
  return sum;
}

}  // namespace dt
