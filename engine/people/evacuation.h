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
  Population population;  ///< crowd.ready_s holds each resident's pre-movement alone
  MovementResult movement;
  /// Per resident: when he heard the alarm [s]. Empty: at t = 0 (a drill that starts with the alarm).
  std::vector<double> alarm_s;
  /// When the fire started [s]; NaN: no fire, the evacuation starts with the alarm (detection 0).
  double ignition_s = MovementResult::kNaN;
};

/// How one resident's evacuation splits (docs/model.md, "Where the time goes"): from the fire's
/// start (or the alarm, when there is no fire) until he is safe. The four parts add up to total_s.
struct TimeSplit {
  double detection_s = 0.0;    ///< fire start → the alarm heard (0 without a fire)
  double premovement_s = 0.0;  ///< alarm → he starts to move
  double walking_s = 0.0;      ///< moving at his free or density speed (the rest)
  double queuing_s = 0.0;      ///< waiting at a door, stair or exit (crowd_model.h, rule 7)
  double total_s = 0.0;        ///< fire start (or alarm) → safe
};

/// The split of resident `p`, who reached safety (movement.safe_time_s[p] not NaN).
[[nodiscard]] TimeSplit time_split(const EvacuationOutcome& outcome, std::size_t p);

/// The interval of the queue curves recorded for report series (evacuation_queue_series) [s].
inline constexpr double kQueueCurveStepS = 10.0;

/// Random-stream purposes live in population_streams (engine/people/population.h).
/// `observer` (null in ordinary runs) sees the residents and their movement, e.g. to record a trace.
/// `network` is the site's prepared network (engine/sim/site.h); `config` the bound config (its
/// population.buildings are indices into the network's buildings).
[[nodiscard]] EvacuationOutcome run_evacuation(const EvacuationNetwork& network, const EvacuationConfig& config,
                                               uint64_t seed, uint64_t replication, MovementObserver* observer = nullptr,
                                               bool queue_curves = false);

/// The KPIs of an evacuation, in column order (docs/model.md lists their definitions):
///   evacuation.total_time_s, evacuation.evacuated_fraction, evacuation.residents_present,
///   evacuation.awaiting_assistance, evacuation.stranded, evacuation.mean_premovement_s,
///   evacuation.building.<id>.total_time_s, evacuation.building.<id>.clear_time_s,
///   [evacuation.building.<id>.floor.<n>.clear_time_s], evacuation.exit.<name>.count,
///   evacuation.exit.<name>.peak_flow_pps, evacuation.stair.<name>.peak_queue, then the time split
///   (evacuation.site.{last,mean}_{detection,premovement,walking,queuing}_s, the same per
///   building as evacuation.building.<id>.…) and the queues (evacuation.stair.<name>.{queue_time_s,
///   wait_person_s,queue_end_s}, evacuation.exit.<name>.{peak_queue,queue_time_s,wait_person_s,
///   queue_end_s}).
/// Declares (outcome == nullptr) or fills the evacuation's KPIs into `sink`, each declared and
/// filled in one place (engine/kernel/kpi_sink.h).
void report_evacuation_kpis(const EvacuationNetwork& network, const EvacuationConfig& config,
                            const EvacuationOutcome* outcome, KpiSink& sink);

/// The route-choice KPIs (docs/model.md, "Route choice"): evacuation.familiar_residents,
/// evacuation.stair_assigned_residents, evacuation.route_fallbacks. They come last in a
/// replication's KPIs (after an emergency's), so that adding them moved no existing column.
void report_route_choice_kpis(const EvacuationNetwork& network, const EvacuationConfig& config,
                              const EvacuationOutcome* outcome, KpiSink& sink);

/// report_evacuation_kpis then report_route_choice_kpis.
[[nodiscard]] std::vector<KpiDefinition> evacuation_kpi_definitions(const EvacuationNetwork& network, const EvacuationConfig& config);

/// Writes the KPI values of `outcome` in the order of evacuation_kpi_definitions (NaN = undefined).
void evacuation_kpis(const EvacuationNetwork& network, const EvacuationConfig& config, const EvacuationOutcome& outcome,
                     std::span<double> out);

/// Appends the curves of `outcome` (engine/kernel/series.h): evacuation.safe_count and
/// evacuation.safe_fraction over time, at most ~200 points each.
void evacuation_series(const EvacuationOutcome& outcome, ReplicationSeries& series);

/// Appends, per reported stair and exit (the order of its KPIs), the curves
/// evacuation.queue.<name> (the most people waiting at once in each interval) and
/// evacuation.queue.<name>.wait_s (the mean wait of those who stepped out of the queue in each
/// interval; 0 where nobody did), at most ~200 points each, only where the value changes (and the
/// last); both empty where nobody waited. Needs
/// an outcome run with queue_curves.
void evacuation_queue_series(const EvacuationNetwork& network, const EvacuationConfig& config,
                             const EvacuationOutcome& outcome, ReplicationSeries& series);

}  // namespace dt
