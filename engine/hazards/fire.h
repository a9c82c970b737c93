#pragma once
// The design fire: t² growth, Q(t) = α·(t − t_ignition)², capped at a peak heat release rate.
// α by growth class (NFPA 72 / NFPA 92 / PD 7974-1 "t-squared" fires): slow 0.00293, medium
// 0.01172, fast 0.0469, ultrafast 0.1876 kW/s² — the time to reach 1055 kW (1000 Btu/s) is
// 600 / 300 / 150 / 75 s. docs/model.md, "Hazards, sensors and elevators".

#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

namespace dt::fire {

enum class Growth : unsigned char { Slow, Medium, Fast, Ultrafast };

/// α [kW/s²] of a growth class.
[[nodiscard]] constexpr double alpha_kw_per_s2(Growth g) noexcept {
  switch (g) {
    case Growth::Slow: return 0.00293;
    case Growth::Medium: return 0.01172;
    case Growth::Fast: return 0.0469;
    case Growth::Ultrafast: return 0.1876;
  }
  return 0.01172;
}

[[nodiscard]] inline std::optional<Growth> growth_from_name(std::string_view s) noexcept {
  if (s == "slow") return Growth::Slow;
  if (s == "medium") return Growth::Medium;
  if (s == "fast") return Growth::Fast;
  if (s == "ultrafast") return Growth::Ultrafast;
  return std::nullopt;
}

/// Heat release rate `since_ignition_s` after ignition [kW]: α t², at most `peak_kw`.
[[nodiscard]] inline double hrr_kw(double alpha, double since_ignition_s, double peak_kw) noexcept {
  if (!(since_ignition_s > 0)) return 0.0;
  return std::min(alpha * since_ignition_s * since_ignition_s, peak_kw);
}

/// Time after ignition at which the fire reaches `q_kw` [s]: √(Q/α); +inf when Q exceeds the peak.
[[nodiscard]] inline double time_to_reach_s(double alpha, double q_kw, double peak_kw) noexcept {
  if (q_kw > peak_kw) return std::numeric_limits<double>::infinity();
  return std::sqrt(std::max(0.0, q_kw) / alpha);
}

}  // namespace dt::fire
