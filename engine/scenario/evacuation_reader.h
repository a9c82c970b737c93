#pragma once
// The `evacuation:` section of a scenario (with the scenario's `layout:`) → EvacuationConfig.
// The keys, their defaults and ranges are documented in docs/model.md ("People and their movement",
// scenario keys).

#include <memory>
#include <optional>

#include "engine/people/evacuation_config.h"
#include "engine/scenario/reader.h"
#include "engine/world/network.h"

namespace dt {

/// Reads `layout:` and `evacuation:` from `root`, generates the navigation network and prepares
/// it for movement. `alarm_clock_s` is the scenario's clock start (run.start_time): t = 0 is the
/// alarm. Problems go to root's diagnostics; returns nothing when the section is absent or the
/// layout could not be built.
/// When `site` is given it receives the generated network (elevators, sensors, buildings) for the
/// emergency sections (engine/scenario/emergency_reader.h).
[[nodiscard]] std::optional<EvacuationConfig> read_evacuation(MapReader& root, double alarm_clock_s,
                                                              std::shared_ptr<const Network>* site = nullptr);

}  // namespace dt
