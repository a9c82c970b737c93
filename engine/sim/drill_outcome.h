#pragma once
// One simulated drill seen as a drill's records would see it: per resident who moved on his own,
// his building and floor, class, and the times an observer writes down, each since the alarm he
// heard (docs/calibration.md). What `drilltwin calibrate` compares with observed drills and what
// `drilltwin drill-records` writes as synthetic records.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/drill_records.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/site.h"

namespace dt {

struct SimulatedDrill {
  std::vector<int32_t> building;  ///< per resident: building index of the site's evacuation network
  std::vector<int32_t> floor;     ///< per resident: his floor
  std::vector<uint8_t> cls;       ///< per resident: ResidentClass
  std::vector<double> alarm_s;    ///< per resident: when he heard the alarm, since the scenario start [s]
  /// Per measure (DrillMeasure) and resident: seconds since his alarm; NaN = did not happen.
  std::vector<double> since_alarm[kDrillMeasureCount];
  [[nodiscard]] std::size_t size() const noexcept { return building.size(); }
};

/// Replication `replication` of `seed` of the evacuation (or emergency) of `scenario` on `site`.
/// Throws InputError (at the scenario) when the scenario has no evacuation.
[[nodiscard]] SimulatedDrill simulate_drill(const Site& site, const ScenarioConfig& scenario, uint64_t seed,
                                            uint64_t replication);

/// Observed records bound to a site: building indices, floors checked.
struct BoundRecords {
  DrillRecords records;
  std::vector<int32_t> building;  ///< per observation: building index
};

/// Checks every observation's building (known, evacuated by the scenario) and floor (one of the
/// building's floors); throws InputError at the offending cells, all at once.
[[nodiscard]] BoundRecords bind_drill_records(DrillRecords records, const Site& site);

/// Synthetic per-person rows of `drill` for the records file (drill_records_csv).
[[nodiscard]] std::vector<DrillPersonRow> drill_person_rows(const SimulatedDrill& drill, const Site& site,
                                                           const std::string& name);

}  // namespace dt
