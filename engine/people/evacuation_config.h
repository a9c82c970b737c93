#pragma once
// The plain configuration of an evacuation (engine/people/evacuation.h runs it). No behaviour and
// no generated network here: engine/scenario/ fills it, engine/sim/site.cpp builds the network it
// runs on (once per run) and resolves the building names.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/people/movement_config.h"
#include "engine/people/population_config.h"

namespace dt {

/// `evacuation.exit_choice.model` (docs/model.md, "Route choice").
enum class ExitChoiceModel : uint8_t {
  Shortest,  ///< every resident takes the shortest route to any safe place
  Familiar,  ///< residents who know only their building's usual exit leave by it while they can
};

/// One item of `evacuation.stairs`: the residents of floors [floor_min, floor_max] of `building`
/// use only the stair core `stair` while a route through it exists.
struct StairAssignment {
  SourceName building;          ///< as written; bound to building_index by the Site
  SourceName stair;             ///< as written ("S1"); bound to stair_index by the Site
  int32_t floor_min = 1, floor_max = 1;  ///< [1, floors of the building], floor_min <= floor_max
  SourcePos pos, floors_pos;
  int32_t building_index = -1;  ///< bound: index into the layout's buildings
  int32_t stair_index = -1;     ///< bound: index of the stair core within its building
};

struct RouteChoiceConfig {
  ExitChoiceModel model = ExitChoiceModel::Shortest;
  /// Census-class residents who know only their building's usual exit [0, 1]. An assumption (no
  /// survey of Chinese residential towers gives it; docs/model.md); population groups use
  /// 1 − exit_awareness instead.
  double familiar_share = 0.7;
  std::vector<StairAssignment> stairs;
  /// Bound by the Site: per building the link index of its usual exit (-1: none).
  std::vector<int32_t> usual_exit_link;
  /// Whether anything differs from the shortest route for anybody.
  [[nodiscard]] bool active() const noexcept { return model != ExitChoiceModel::Shortest || !stairs.empty(); }
};

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
  RouteChoiceConfig route_choice;      ///< `evacuation.exit_choice` and `evacuation.stairs`
};

}  // namespace dt
