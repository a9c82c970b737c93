#pragma once
// Arrivals of incidents: a Poisson process whose rate may follow the hour of the day
// (non-homogeneous Poisson process with a piecewise-constant rate).

#include <array>
#include <limits>

namespace dt {

struct ArrivalProcessConfig {
  /// Arrival rate in each hour of the day, hour 0 = 00:00–01:00. [1/h, >= 0]
  std::array<double, 24> rate_per_h{};
  /// Time of day at scenario time 0. [s, 0 <= x < 86400]
  double clock_start_s = 0.0;

  [[nodiscard]] bool homogeneous() const noexcept;
  /// Mean arrivals per day. [1/day]
  [[nodiscard]] double daily_arrivals() const noexcept;
  /// Expected number of arrivals in [from_s, to_s) (integral of the rate). [-]
  [[nodiscard]] double expected_arrivals(double from_s, double to_s) const noexcept;
};

/// Next arrival time after `now_s` given a unit-exponential variate `e` (E ~ Exp(1)).
/// Exact inversion of the cumulative rate (Cinlar's method, see docs/model.md): one variate per
/// arrival, so common random numbers line up arrival by arrival across variants. Returns +inf when
/// the rate is zero all day.
[[nodiscard]] double next_arrival_time(const ArrivalProcessConfig& process, double now_s, double e) noexcept;

}  // namespace dt
