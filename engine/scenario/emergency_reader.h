#pragma once
// The emergency sections of a scenario — `hazards:`, `sensors:`, `alarm:`, `elevators:`,
// `assistance:` and the drill timeline `drill:` (or `injections:`) — → EmergencyConfig. Every id a
// drill names (nodes, links, stairs, elevators, sensors, buildings, floors) is resolved against the
// generated network here, with a "did you mean" when it is not found. Keys, defaults and ranges:
// docs/scenario-reference.md ("Hazards, sensors, elevators and drills"); sources: docs/model.md.

#include <memory>
#include <optional>

#include "engine/hazards/emergency_config.h"
#include "engine/people/evacuation_config.h"
#include "engine/scenario/reader.h"

namespace dt {

/// Whether the scenario has any emergency section.
[[nodiscard]] bool has_emergency_sections(const MapReader& root);

/// Reads the emergency sections. `evacuation` is the scenario's evacuation (its population may be
/// narrowed to the burning buildings for alarm modes `building`/`phased`); `site` is the network it
/// was built from. Problems go to root's diagnostics; nothing when the sections are absent.
[[nodiscard]] std::optional<EmergencyConfig> read_emergency(MapReader& root, EvacuationConfig* evacuation,
                                                            std::shared_ptr<const Network> site);

}  // namespace dt
