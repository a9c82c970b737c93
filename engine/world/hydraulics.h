#pragma once
// The equations of the SFPE hydraulic model (SFPE Handbook of Fire Protection Engineering, 5th ed.,
// ch. 59, Gwynne & Rosenbaum; after Nelson & Mowrer and Fruin/Pauls): speed from density, specific
// flow, stair speed constants from the step geometry, boundary layers. Pure functions with units in
// their names; docs/model.md "People and their movement" lists every constant with its source.
// The one definition of these constants: the crowd model (engine/people/) and the free-flow route
// times (engine/world/routing.cpp) both use them, so the two can never disagree.

#include <algorithm>
#include <cmath>

namespace dt::sfpe {

/// a in S = k(1 − a·D) [m²/person].
inline constexpr double kA = 0.266;
/// k on level ground, in corridors and through doors [m/s].
inline constexpr double kLevelK_mps = 1.40;
/// Below this density people walk at S(kFreeDensity) or their own free speed [p/m²].
inline constexpr double kFreeDensity_ppm2 = 0.54;
/// Density of peak specific flow, dFs/dD = 0: D = 1/(2a) = 1.880 [p/m²].
inline constexpr double kPeakFlowDensity_ppm2 = 1.0 / (2.0 * kA);
/// Density at which S(D) reaches zero, 1/a = 3.76 [p/m²].
inline constexpr double kJamDensity_ppm2 = 1.0 / kA;
/// The stair constant: k = kStairK·√(T/R) for a stair of tread T and riser R [m/min] (SFPE; the
/// Handbook's table of k for 7/11 in, 7.5/10 in, 6.5/12 in and 6.5/13 in steps follows from it).
inline constexpr double kStairK_m_per_min = 51.8;

/// k for a stair from its step geometry: k = 51.8·√(T/R) m/min (SFPE), returned in m/s.
/// 7/11 in (0.178/0.279 m): 1.08 m/s; 18/28 cm: 1.077 m/s.
[[nodiscard]] inline double stair_k_mps(double riser_m, double tread_m) noexcept {
  return kStairK_m_per_min / 60.0 * std::sqrt(tread_m / riser_m);
}

/// S = k(1 − a·D) [m/s]; D below 0.54 counts as 0.54 (unimpeded walking).
[[nodiscard]] inline double speed_mps(double k_mps, double density_ppm2) noexcept {
  return k_mps * (1.0 - kA * std::max(density_ppm2, kFreeDensity_ppm2));
}

/// Specific flow Fs = S·D [persons/s per metre of effective width].
[[nodiscard]] inline double specific_flow_pps_per_m(double k_mps, double density_ppm2) noexcept {
  return k_mps * (1.0 - kA * density_ppm2) * density_ppm2;
}

/// Maximum specific flow Fsm = k/(4a), reached at D = 1/(2a) [persons/s/m].
/// Level: 1.316; 7/11 in stair: 1.017; 18/28 cm stair: 1.012.
[[nodiscard]] inline double max_specific_flow_pps_per_m(double k_mps) noexcept { return k_mps / (4.0 * kA); }

/// Along-the-incline length of a flight that rises `height_m`: L = H·√(1 + (T/R)²) [m].
[[nodiscard]] inline double stair_incline_length_m(double height_m, double riser_m, double tread_m) noexcept {
  const double r = tread_m / riser_m;
  return height_m * std::sqrt(1.0 + r * r);
}

/// Clear width less a boundary layer on each side; never below 0 [m].
[[nodiscard]] inline double effective_width_m(double width_m, double boundary_layer_m) noexcept {
  return std::max(0.0, width_m - 2.0 * boundary_layer_m);
}

}  // namespace dt::sfpe
