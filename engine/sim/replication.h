#pragma once
// One replication of a scenario, assembled from the parts the scenario uses.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/people/evacuation.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/site.h"

namespace dt {

/// The KPIs a scenario reports on its site (built by build_site), in the order of the columns of
/// its KpiTable.
[[nodiscard]] std::vector<KpiDefinition> kpi_definitions(const Site& site, const ScenarioConfig& scenario);

/// Runs replication `replication` on `site` (shared, read-only) and writes one value per KPI into
/// `out` (NaN = undefined). Deterministic in (scenario, scenario.run.seed, replication); safe to
/// call concurrently. When `series` is not null the models also append the curves and samples they
/// record (engine/kernel/series.h) for reports; when `observer` is not null it sees the crowd's
/// movement (engine/people/movement_observer.h), e.g. to record a trace. The KPI values are the
/// same either way.
void run_replication(const Site& site, const ScenarioConfig& scenario, uint64_t replication, std::span<double> out,
                     ReplicationSeries* series = nullptr, MovementObserver* observer = nullptr);

/// Conveniences that build the site first (once per call: for tests and one-off calls, never in
/// a loop over replications). Throw InputError when the site cannot be built.
[[nodiscard]] std::vector<KpiDefinition> kpi_definitions(const ScenarioConfig& scenario);
void run_replication(const ScenarioConfig& scenario, uint64_t replication, std::span<double> out);

}  // namespace dt
