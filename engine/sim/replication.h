#pragma once
// One replication of a scenario, assembled from the parts the scenario uses.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/people/evacuation.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

/// The KPIs a scenario reports, in the order of the columns of its KpiTable.
[[nodiscard]] std::vector<KpiDefinition> kpi_definitions(const ScenarioConfig& scenario);

/// Runs replication `replication` and writes one value per KPI into `out` (NaN = undefined).
/// Deterministic in (scenario, scenario.run.seed, replication); safe to call concurrently.
void run_replication(const ScenarioConfig& scenario, uint64_t replication, std::span<double> out);

/// As above; when `series` is not null the models also append the curves and samples they record
/// (engine/kernel/series.h) for reports. The KPI values are the same either way.
/// When `observer` is not null it sees the crowd's movement (engine/people/movement_observer.h),
/// e.g. to record a trace (engine/sim/trace_recorder.h); again the KPI values are the same.
void run_replication(const ScenarioConfig& scenario, uint64_t replication, std::span<double> out,
                     ReplicationSeries* series, MovementObserver* observer = nullptr);

}  // namespace dt
