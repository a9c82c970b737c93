#pragma once
// The plain configuration of an evacuation (engine/people/evacuation.h runs it). No behaviour and
// no generated network here: engine/scenario/ fills it, engine/sim/site.cpp builds the network it
// runs on (once per run) and resolves the building names.

#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/people/movement_config.h"
#include "engine/people/population_config.h"

namespace dt {

struct EvacuationConfig {
  MovementParams movement;
  /// Population and pre-movement. population.buildings (indices) is empty as read; the bound copy
  /// in the Site (engine/sim/site.h) holds the indices of `buildings` (and of the burning buildings
  /// for alarm modes building/phased).
  PopulationConfig population;
  PreMovementConfig premovement;
  /// `evacuation.buildings`: only these buildings are occupied (empty: every building).
  std::vector<SourceName> buildings;
  SourcePos buildings_pos;  ///< where `evacuation.buildings` is written (unknown names are reported there)
  SourcePos safe_at_pos;    ///< where `evacuation.safe_at` is (or would be) written
  double alarm_clock_s = 2 * 3600.0;   ///< clock time of the alarm, seconds after midnight [0, 86400)
  double max_duration_s = 6 * 3600.0;  ///< stop the movement after this long [s, > 0]
  bool floor_kpis = false;             ///< one clearance KPI per building floor
};

}  // namespace dt
