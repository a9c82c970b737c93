#pragma once
// Who follows which routes (docs/model.md, "Route choice"): per present resident his route class
// (EvacuationNetwork::prepare_route_choice) from his building, his floor and whether he knows
// every exit of his building.
//
// Who knows every exit is drawn per household (households move together): the household knows
// them when one uniform draw u < a, a = the highest exit awareness among its present members
// (census-class residents 1 − familiar_share, a group's members its exit_awareness): one member
// who knows the other exits leads the household. The draw comes from its own stream, purpose
// "evac.exit_awareness", entity = household, so no other draw of a replication moves.

#include <cstdint>

#include "engine/people/evacuation_config.h"
#include "engine/people/evacuation_network.h"
#include "engine/people/population.h"

namespace dt {

namespace population_streams {
inline constexpr const char* kExitAwareness = "evac.exit_awareness";  ///< entity: household; draw 0
}  // namespace population_streams

/// Fills population.crowd.route_class (left empty when every resident uses the default routes,
/// e.g. `model: shortest` without `stairs`). `network` is prepared with the same route choice.
void assign_route_classes(const EvacuationNetwork& network, const EvacuationConfig& config, Population& population,
                          uint64_t seed, uint64_t replication);

/// The RouteChoiceSpec of a bound configuration (usual exits and stair assignments by index).
[[nodiscard]] RouteChoiceSpec route_choice_spec(const RouteChoiceConfig& config);

}  // namespace dt
