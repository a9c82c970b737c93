#pragma once
// Smoke spreading through a building's network and the tenability it leaves behind.
//
// Spread: smoke leaves the room of origin when the fire reaches FireParams::smoke_onset_kw, then
// moves node to node: along corridors and openings at corridor_speed, up stairs at shaft_speed,
// down stairs at stair_down_speed; doors hold it back (door_delay, flat doors flat_door_delay);
// the doors of smoke-proof stairs (buildings over 33 m, GB 50016-2014 5.5.27) stop it unless held
// open. Smoke never leaves a building. Arrival times are the earliest over all paths (a
// time-dependent Dijkstra: a held-open door opens a path at a given time).
//
// Tenability: after arrival the extinction coefficient rises linearly to max_extinction over
// rise_time; a node is untenable once visibility V = C/K falls below the limit (10 m; 5 m in
// flats), i.e. K ≥ C/V. docs/model.md, "Hazards, sensors and elevators".

#include <cstdint>
#include <vector>

#include "engine/hazards/emergency_config.h"

namespace dt {

struct FireStart {
  NodeId node;
  double ignition_s = 0.0;
  double alpha = 0.01172;  ///< [kW/s²]
};

struct DoorHeldOpen {
  uint32_t link = 0;
  double from_s = 0.0;
};

struct SmokeField {
  std::vector<double> arrival_s;    ///< per node; +inf: never
  std::vector<double> untenable_s;  ///< per node, rounded up to the check interval; +inf: never
  uint32_t smoke_nodes = 0;         ///< nodes smoke reaches
  uint32_t untenable_nodes = 0;
};

/// Smoke arrival and tenability on `site` for `fires` (may be empty: no smoke).
[[nodiscard]] SmokeField spread_smoke(const Network& site, const HazardParams& params, const std::vector<FireStart>& fires,
                                      const std::vector<DoorHeldOpen>& held_open);

/// Seconds after arrival at which a node becomes untenable (+inf: never): rise·(C/V)/K_max.
[[nodiscard]] double untenable_after_arrival_s(const HazardParams& params, bool small_room);

}  // namespace dt
