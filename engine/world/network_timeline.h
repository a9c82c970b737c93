#pragma once
// How the navigation network changes during a replication: links closed and reopened (a drill
// closes a stair, a door is locked), nodes that become untenable or impassable (smoke, water), the
// smoke that slows people down and the lights that go out. Hazard models (engine/hazards/) write
// it; the movement model (engine/people/crowd_model.h) reads it. Plain data, no behaviour beyond
// the two speed rules below (docs/model.md, "Hazards, sensors and elevators").
//
// Closed node: nobody *enters* it from a node that is not closed itself — a person caught in smoke
// may walk through more smoke to get out, but nobody walks into it. Closed link: nobody enters it
// in either direction; people already on it walk on.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "engine/world/nav_graph.h"

namespace dt {

enum class NetworkChangeKind : uint8_t { CloseLink, OpenLink, CloseNode, OpenNode };

struct NetworkChange {
  double time_s = 0.0;  ///< [s from scenario start, >= 0]
  NetworkChangeKind kind = NetworkChangeKind::CloseLink;
  uint32_t target = 0;  ///< link or node index
};

/// Frantzich & Nilsson (2003): walking speed in smoke v = v0·(1 + β·K/α), K the extinction
/// coefficient [1/m], β = −0.057 m²/s, α = 0.706 m/s, never below `min_factor`·v0.
struct SmokeWalkingParams {
  double beta_m2ps = -0.057;   ///< β [m²/s]
  double alpha_mps = 0.706;    ///< α [m/s, > 0]
  double min_factor = 0.1;     ///< floor of v/v0 [0, 1]
};

/// v/v0 for extinction coefficient `k_per_m` (>= 0) under the Frantzich–Nilsson relation.
[[nodiscard]] inline double smoke_speed_factor(double k_per_m, const SmokeWalkingParams& p) noexcept {
  return std::clamp(1.0 + p.beta_m2ps * k_per_m / p.alpha_mps, p.min_factor, 1.0);
}

struct NetworkTimeline {
  static constexpr double kNever = std::numeric_limits<double>::infinity();

  /// Changes in ascending time (changes at one instant are applied together).
  std::vector<NetworkChange> changes;

  /// Smoke per node: arrival time [s] (+inf: never); empty = no smoke anywhere. After arrival the
  /// extinction coefficient rises linearly from 0 to `smoke_max_k_per_m` over `smoke_rise_s`.
  std::vector<double> smoke_arrival_s;
  double smoke_rise_s = 60.0;          ///< [s, >= 0]
  double smoke_max_k_per_m = 3.0;      ///< [1/m, >= 0]
  SmokeWalkingParams walking;

  /// Per building: intervals [from, until) without normal lighting (a power cut).
  std::vector<std::vector<std::pair<double, double>>> dark_intervals;
  double dark_speed_factor = 0.8;      ///< v/v0 on emergency lighting [(0, 1]]

  /// Extinction coefficient at node `n` at time `t_s` [1/m].
  [[nodiscard]] double extinction_per_m(NodeId n, double t_s) const noexcept {
    if (smoke_arrival_s.empty()) return 0.0;
    const double dt = t_s - smoke_arrival_s[n.index()];
    if (!(dt >= 0.0)) return 0.0;
    if (smoke_rise_s <= 0.0 || dt >= smoke_rise_s) return smoke_max_k_per_m;
    return smoke_max_k_per_m * dt / smoke_rise_s;
  }

  [[nodiscard]] bool dark(int32_t building, double t_s) const noexcept {
    if (building < 0 || static_cast<std::size_t>(building) >= dark_intervals.size()) return false;
    for (const auto& [from, until] : dark_intervals[building])
      if (t_s >= from && t_s < until) return true;
    return false;
  }

  /// Factor on a person's speed entering link `l` at `t_s`: smoke (the denser end of the link,
  /// Frantzich–Nilsson) times darkness (the link's building on emergency lighting).
  [[nodiscard]] double speed_factor(const NavGraph& g, LinkId l, double t_s) const noexcept {
    const NavLink& link = g.link(l);
    double f = 1.0;
    if (!smoke_arrival_s.empty())
      f = smoke_speed_factor(std::max(extinction_per_m(link.a, t_s), extinction_per_m(link.b, t_s)), walking);
    if (!dark_intervals.empty() && dark(link.building >= 0 ? link.building : g.node(link.a).building, t_s))
      f *= dark_speed_factor;
    return f;
  }
};

}  // namespace dt
