#pragma once
// The dispatch sections of a scenario — `incidents:`, `staff:`, `dispatch:`, `stores:` and
// `targets:` (and `layout:` when no evacuation read it) — → ServiceDeskConfig (the plain desk:
// `incidents.arrivals` + `staff.count`) or DispatchConfig (the catalogue: `incidents.types` +
// `staff.roster`). Skills and store kinds are resolved here with a "did you mean"; buildings and
// posts are kept with their positions for engine/sim/site.cpp. Keys, defaults and ranges: docs/scenario-reference.md ("Incidents", "Staff", "Dispatch",
// "Stores", "Targets"); sources: docs/model.md ("Staff and dispatch").

#include <optional>

#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

struct DispatchTiming {
  double clock_start_s = 0.0;
  double duration_s = 86400.0;
  double warmup_s = 0.0;
  uint64_t max_incidents = 0;
};

/// Whether the scenario has any of the dispatch sections.
[[nodiscard]] bool has_dispatch_sections(const MapReader& root);

/// Reads the dispatch sections into `sc.desk` or `sc.dispatch` (a scenario without an evacuation
/// must have them), and `targets:` into sc.targets.
/// `sc.layout` is the evacuation's layout (none: read `layout:` here into it when there is one).
/// Names (posts, zones, patrol routes) are kept with their positions; engine/sim/site.cpp resolves
/// them and builds the travel model.
void read_dispatch(MapReader& root, const DispatchTiming& timing, ScenarioConfig& sc);

}  // namespace dt
