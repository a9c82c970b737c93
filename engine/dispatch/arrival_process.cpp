#include "engine/dispatch/arrival_process.h"

#include <cmath>

namespace dt {

namespace {
constexpr double kHour_s = 3600.0;
constexpr double kDay_s = 86400.0;
}  // namespace

bool ArrivalProcessConfig::homogeneous() const noexcept {
  for (double r : rate_per_h)
    if (r != rate_per_h[0]) return false;
  return true;
}

double ArrivalProcessConfig::daily_arrivals() const noexcept {
  double sum = 0.0;
  for (double r : rate_per_h) sum += r;
  return sum;
}

double ArrivalProcessConfig::expected_arrivals(double from_s, double to_s) const noexcept {
  double total = 0.0;
  double t = from_s;
  while (t < to_s) {
    const double clock = std::fmod(clock_start_s + t, kDay_s);
    const auto hour = static_cast<int>(clock / kHour_s) % 24;
    const double segment_end = t + (kHour_s * (hour + 1) - clock);
    const double end = segment_end < to_s ? segment_end : to_s;
    total += rate_per_h[static_cast<std::size_t>(hour)] / kHour_s * (end - t);
    t = end;
  }
  return total;
}

double next_arrival_time(const ArrivalProcessConfig& process, double now_s, double e) noexcept {
  if (process.homogeneous()) {
    const double rate_per_s = process.rate_per_h[0] / kHour_s;
    return rate_per_s > 0.0 ? now_s + e / rate_per_s : std::numeric_limits<double>::infinity();
  }
  if (process.daily_arrivals() <= 0.0) return std::numeric_limits<double>::infinity();
  // Walk hour segments, spending the unit-exponential "budget" e against the integrated rate.
  double t = now_s;
  double clock = std::fmod(process.clock_start_s + now_s, kDay_s);
  auto hour = static_cast<int>(clock / kHour_s) % 24;
  double remaining_s = kHour_s * (hour + 1) - clock;
  for (;;) {
    const double rate_per_s = process.rate_per_h[static_cast<std::size_t>(hour)] / kHour_s;
    const double mass = rate_per_s * remaining_s;
    if (mass >= e && rate_per_s > 0.0) return t + e / rate_per_s;
    e -= mass;
    t += remaining_s;
    hour = (hour + 1) % 24;
    remaining_s = kHour_s;
  }
}

}  // namespace dt
