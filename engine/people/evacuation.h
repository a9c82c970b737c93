#pragma once
// One evacuation replication: residents synthesised for the alarm's time of day, each household's
// pre-movement, the crowd's movement to safety, and the KPIs and curves a drill planner reads.
//
// Time: t = 0 is the alarm (given by the scenario's clock time; detection comes with the hazards
// model). A person's timeline is alarm → pre-movement (per household) → movement → safe.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/kernel/kpi_sink.h"
#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/people/crowd_model.h"
#include "engine/people/evacuation_config.h"
#include "engine/people/population.h"
#include "engine/world/layout.h"

namespace dt {

/// What one evacuation replication produced.
struct EvacuationOutcome {
  Population population;
  MovementResult movement;
};

/// Random-stream purposes live in population_streams (engine/people/population.h).
/// `observer` (null in ordinary runs) sees the residents and their movement, e.g. to record a trace.
/// `network` is the site's prepared network (engine/sim/site.h); `config` the bound config (its
/// population.buildings are indices into the network's buildings).
[[nodiscard]] EvacuationOutcome run_evacuation(const EvacuationNetwork& network, const EvacuationConfig& config,
                                               uint64_t seed, uint64_t replication, MovementObserver* observer = nullptr);

/// The KPIs of an evacuation, in column order (docs/model.md lists their definitions):
///   evacuation.total_time_s, evacuation.evacuated_fraction, evacuation.residents_present,
///   evacuation.awaiting_assistance, evacuation.stranded, evacuation.mean_premovement_s,
///   evacuation.building.<id>.total_time_s, evacuation.building.<id>.clear_time_s,
///   [evacuation.building.<id>.floor.<n>.clear_time_s], evacuation.exit.<name>.count,
///   evacuation.exit.<name>.peak_flow_pps, evacuation.stair.<name>.peak_queue.
/// Declares (outcome == nullptr) or fills the evacuation's KPIs into `sink`, each declared and
/// filled in one place (engine/kernel/kpi_sink.h).
void report_evacuation_kpis(const EvacuationNetwork& network, const EvacuationConfig& config,
                            const EvacuationOutcome* outcome, KpiSink& sink);

[[nodiscard]] std::vector<KpiDefinition> evacuation_kpi_definitions(const EvacuationNetwork& network, const EvacuationConfig& config);

/// Writes the KPI values of `outcome` in the order of evacuation_kpi_definitions (NaN = undefined).
void evacuation_kpis(const EvacuationNetwork& network, const EvacuationConfig& config, const EvacuationOutcome& outcome,
                     std::span<double> out);

/// Appends the curves of `outcome` (engine/kernel/series.h): evacuation.safe_count and
/// evacuation.safe_fraction over time, at most ~200 points each.
void evacuation_series(const EvacuationOutcome& outcome, ReplicationSeries& series);

}  // namespace dt
