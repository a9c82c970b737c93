#pragma once
// The emergency sections of a scenario — `hazards:`, `sensors:`, `alarm:`, `elevators:`,
// `assistance:` and the drill timeline `drill:` (or `injections:`) — → EmergencyConfig. Every id a
// drill names (nodes, links, stairs, elevators, sensors, buildings, floors) is kept with its position
// and resolved against the generated network by engine/sim/site.cpp, with a "did you mean". Keys, defaults and ranges:
// docs/scenario-reference.md ("Hazards, sensors, elevators and drills"); sources: docs/model.md.

#include <optional>

#include "engine/hazards/emergency_config.h"
#include "engine/people/evacuation_config.h"
#include "engine/scenario/reader.h"

namespace dt {

/// Whether the scenario has any emergency section.
[[nodiscard]] bool has_emergency_sections(const MapReader& root);

/// Reads the emergency sections. `evacuation` is the scenario's evacuation (null: none, an error
/// when emergency sections are given). Every id the drill names is kept with its position;
/// engine/sim/site.cpp resolves them once the network is built. Problems go to root's diagnostics;
/// nothing when the sections are absent.
[[nodiscard]] std::optional<EmergencyConfig> read_emergency(MapReader& root, const EvacuationConfig* evacuation);

}  // namespace dt
