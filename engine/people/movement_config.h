#pragma once
// The plain parameters of crowd movement (engine/people/evacuation_network.h prepares a network
// with them). No behaviour here; engine/scenario/ fills them.

#include <cstdint>
#include <string>

#include "engine/world/hydraulics.h"

namespace dt {

/// Where a person counts as safe.
enum class SafePlace : uint8_t {
  AssemblyPoint,  ///< on reaching a node of kind AssemblyPoint (the default)
  Outside,        ///< on reaching any node outside a building (building == -1)
};

/// Movement parameters; every default is sourced in docs/model.md.
struct MovementParams {
  double door_specific_flow_pps_per_m = 1.3;   ///< doors and exits, SFPE [p/s/m, > 0]
  double boundary_layer_door_m = 0.15;         ///< per side, doors and exits, SFPE [m, >= 0]
  double boundary_layer_stair_m = 0.15;        ///< per side, stairs, SFPE [m, >= 0]
  double boundary_layer_corridor_m = 0.20;     ///< per side, corridors/openings, SFPE (recalled) [m, >= 0]
  double boundary_layer_path_m = 0.15;         ///< per side, site paths [m, >= 0]
  double node_max_density_ppm2 = 3.0;          ///< a node admits nobody at this density [p/m², > 0, < 1/a]
  /// A link admits nobody once this dense: the peak-flow density 1/(2a) [p/m², > 0, < 1/a].
  double link_storage_density_ppm2 = sfpe::kPeakFlowDensity_ppm2;
  double overtaking_min_width_m = 1.5;         ///< narrower links (effective width) are single file [m, >= 0]
  SafePlace safe_at = SafePlace::AssemblyPoint;
  double route_tolerance_fraction = 0.05;      ///< routes within this share of the best are equally good [>= 0]
  double route_tolerance_s = 1.0;              ///< ... or within this many seconds [s, >= 0]
  double exit_flow_window_s = 10.0;            ///< window of the peak exit flow KPI [s, > 0]
};

/// "" when valid, else one sentence naming the parameter and its allowed range.
[[nodiscard]] std::string check_movement_params(const MovementParams& p);

}  // namespace dt
