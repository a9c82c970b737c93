#pragma once
// A burst pipe floods its floor: a "bathtub cascade". Water from the pipe (flow Q) first fills the
// node where the pipe burst up to the spill depth, then spills into the next node of the same floor
// (in order of walking distance through doors and openings), and so on; once every node of the
// floor holds the spill depth, the depth rises evenly over the whole floor: d = V / A_floor. A node
// is impassable once its depth exceeds impassable_depth. Water running down the stairs is ignored
// (landings get wet, not deep). docs/model.md, "Hazards, sensors and elevators".

#include <vector>

#include "engine/hazards/emergency_config.h"

namespace dt {

struct BurstPipe {
  NodeId node;
  double start_s = 0.0;
  double flow_lps = 5.0;  ///< [L/s, > 0]
};

struct FloodField {
  std::vector<double> wet_s;         ///< per node: water arrives [s]; +inf never
  std::vector<double> impassable_s;  ///< per node: deeper than the limit [s]; +inf never
};

[[nodiscard]] FloodField spread_water(const NavGraph& graph, const FloodParams& params, const std::vector<BurstPipe>& pipes);

}  // namespace dt
