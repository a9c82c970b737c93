#pragma once
// The plain configuration of an evacuation (engine/people/evacuation.h runs it). No behaviour here;
// engine/scenario/ fills it.

#include <memory>

#include "engine/people/population_config.h"
#include "engine/world/layout.h"

namespace dt {

class EvacuationNetwork;

struct EvacuationConfig {
  /// The prepared network (built once by the scenario loader and shared by every replication).
  std::shared_ptr<const EvacuationNetwork> network;
  /// The layout the network was generated from (drawn in traces; may be null).
  std::shared_ptr<const LayoutConfig> layout;
  PopulationConfig population;
  PreMovementConfig premovement;
  double alarm_clock_s = 2 * 3600.0;   ///< clock time of the alarm, seconds after midnight [0, 86400)
  double max_duration_s = 6 * 3600.0;  ///< stop the movement after this long [s, > 0]
  bool floor_kpis = false;             ///< one clearance KPI per building floor
};

}  // namespace dt
