#pragma once
// One replication of an emergency drill, as a pipeline of named stages:
//   1. hazards     fires, smoke and tenability, burst pipes          (engine/hazards/smoke.h, flooding.h)
//   2. detection   sensors and the alarm per building and floor     (engine/hazards/detection.h)
//   3. network     the timeline of closures, smoke and darkness     (engine/world/network_timeline.h)
//   4. residents   synthesised; each starts pre-movement when his floor hears the alarm
//   5. movement    the crowd on the changing network                (engine/people/crowd_model.h)
//   6. elevators   normal service, recall, faults and entrapments   (engine/hazards/elevators.h)
//   7. staff       assisted residents, medical emergencies, sweeps  (engine/hazards/assistance.h)
// Times are seconds from the scenario start (run.start_time); the alarm is no longer t = 0.
//
// With `assistance.from_roster` the staff of stage 7 are the dispatch roster's members on duty
// (JoinedDispatch): the dispatch model runs on the same clock up to the staff alert, the members of
// those roles are taken off their work orders where they are, stage 7 runs with them, and each goes
// back to dispatch when his last emergency task is done (docs/model.md, "One staff for daily work
// and emergencies").

#include <span>
#include <vector>

#include "engine/dispatch/dispatch_model.h"
#include "engine/hazards/assistance.h"
#include "engine/hazards/detection.h"
#include "engine/hazards/elevators.h"
#include "engine/hazards/flooding.h"
#include "engine/hazards/smoke.h"
#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/people/evacuation.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

/// The emergency KPIs, in column order (after the evacuation KPIs, before the route-choice KPIs,
/// which emergency_kpis fills last); docs/model.md lists them.
[[nodiscard]] std::vector<KpiDefinition> emergency_kpi_definitions(const EvacuationNetwork& network, const EvacuationConfig& evacuation,
                                                                   const EmergencyConfig& emergency);

/// Everything one replication produced, stage by stage.
struct EmergencyOutcome {
  std::vector<FireStart> fires;
  SmokeField smoke;
  FloodField flood;
  DetectionResult detection;
  NetworkTimeline timeline;
  EvacuationOutcome evacuation;      ///< population (ready_s: pre-movement only) and movement
  std::vector<double> ready_s;       ///< per resident: alarm on his floor + pre-movement [s]
  std::vector<uint32_t> assisted;    ///< residents awaiting assistance (crowd indices)
  ElevatorOutcome elevators;
  AssistanceOutcome assistance;
  /// Per team of emergency.assistance.responders: each call [s] and when the team is at its gate [s].
  std::vector<std::vector<double>> team_called_s, team_at_gate_s;
};

/// Declares (outcome == nullptr) or fills the KPIs of the hazards, sensors, assistance and elevators
/// (those of the evacuation come from report_evacuation_kpis), each in one place (kernel/kpi_sink.h).
void report_emergency_kpis(const EvacuationConfig& evacuation, const EmergencyConfig& emergency,
                           const EmergencyOutcome* outcome, KpiSink& sink);


/// The dispatch model of a scenario whose emergency staff come from its roster.
struct JoinedDispatch {
  const DispatchConfig* config = nullptr;  ///< the site's bound dispatch config
  bool record_samples = false;             ///< run_dispatch's record_samples
  DispatchResult result;                   ///< filled by run_emergency
};

/// Whether the emergency's staff are the dispatch roster's members (assistance.from_roster).
[[nodiscard]] bool joins_dispatch(const EmergencyConfig& emergency);

/// `observer` (null in ordinary runs) sees the residents and their movement (trace recording);
/// `queue_curves` records the queues of stairs and exits over time (evacuation_queue_series).
/// `network`, `evacuation` and `emergency` come from the site (engine/sim/site.h): bound. With
/// `joined` (required when joins_dispatch(emergency)) the dispatch model runs inside and its result
/// is left in joined->result.
[[nodiscard]] EmergencyOutcome run_emergency(const EvacuationNetwork& network, const EvacuationConfig& evacuation, const EmergencyConfig& emergency,
                                             uint64_t seed, uint64_t replication, MovementObserver* observer = nullptr,
                                             bool queue_curves = false, JoinedDispatch* joined = nullptr);

/// Writes the evacuation KPIs followed by the emergency KPIs of `outcome` into `out`.
void emergency_kpis(const EvacuationNetwork& network, const EvacuationConfig& evacuation, const EmergencyConfig& emergency,
                    const EmergencyOutcome& outcome, std::span<double> out);
}  // namespace dt
