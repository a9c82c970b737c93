#pragma once
// The `evacuation:` section of a scenario (with the scenario's `layout:`) → EvacuationConfig.
// The keys, their defaults and ranges are documented in docs/model.md ("People and their movement",
// scenario keys).

#include <optional>

#include "engine/people/evacuation_config.h"
#include "engine/scenario/reader.h"
#include "engine/world/layout.h"

namespace dt {

/// Reads `layout:` (into `layout`) and `evacuation:` from `root`. `alarm_clock_s` is the
/// scenario's clock start (run.start_time): t = 0 is the alarm. Problems go to root's diagnostics;
/// returns nothing when the section is absent or could not be read. Names (`buildings:`) are kept
/// with their positions: engine/sim/site.h resolves them once the network is built.
[[nodiscard]] std::optional<EvacuationConfig> read_evacuation(MapReader& root, double alarm_clock_s,
                                                              std::optional<LayoutConfig>& layout);

}  // namespace dt
