#pragma once
// The dispatch model: incidents occur, are reported, a strategy assigns them to qualified staff
// who walk (and ride) to the place on the site's network, work, and become free again.
//
// One replication is a discrete-event simulation with these stages per incident:
//   fault (non-homogeneous Poisson per type) → report (resident/sensor delay, or a patrol finds a
//   latent fault) → dispatch (the strategy; manual dispatch first passes a dispatcher) → travel →
//   on site (response = report → arrival) → work (service time; supplies from the stores) → done
//   (resolution = report → done).
// Staff come and go with their shifts, patrol when idle, and a strategy sees only what a real
// dispatcher could know: reported incidents, who is free, where staff are (except `manual`), never
// how long a job will take. docs/model.md, "Staff and dispatch".
//
// With no layout, one skill, identical staff always on duty, instant reports and strategy `fifo`
// this is exactly the M/M/c (M/G/c) service desk of service_desk.h — the same code path.

#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "engine/dispatch/dispatch_config.h"
#include "engine/kernel/kpi_sink.h"
#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"

namespace dt {

/// Tallies of one group of incidents (all, one type, one priority). Means over counted incidents.
struct DispatchTally {
  uint64_t incidents = 0;        ///< counted (reported after warm-up)
  uint64_t reached = 0;          ///< staff arrived on site
  uint64_t resolved = 0;
  uint64_t waited = 0;           ///< not dispatched at the moment of the report
  uint64_t within_15min = 0, within_30min = 0, within_sla = 0;
  uint64_t latent = 0, found_by_patrol = 0;
  double response_sum_s = 0.0, resolution_sum_s = 0.0, detection_sum_s = 0.0;
};

/// Where and when service is asked for and missed (服务需求热力图): counted incidents by the hour of
/// day of their report (0..23, from the scenario clock) and by type or place, and of them those
/// whose response missed a target (reached later than it, or never). Matrices row by row, 24
/// columns: row = type (DispatchConfig::types) or place (the layout's buildings, then one row for
/// places outside any building; no rows without a layout).
struct DemandHeatmap {
  static constexpr std::size_t kHours = 24;
  std::vector<uint32_t> incidents_by_type, miss_sla_by_type, miss_15min_by_type, miss_30min_by_type;
  std::vector<uint32_t> incidents_by_place, miss_sla_by_place, miss_15min_by_place, miss_30min_by_place;
};

/// The "1+3+N" times and the repair quality, over counted incidents (docs/model.md, "Service quality").
struct ServiceQualityTally {
  uint64_t dispatched = 0;                 ///< assigned to staff at least once
  uint64_t accepted_within_1min = 0, dispatched_within_3min = 0;
  double accept_sum_s = 0.0, dispatch_sum_s = 0.0;  ///< report → accepted, report → first assigned [s]
  uint64_t fixed = 0, fixed_first_time = 0, revisits = 0;
  double material_cny = 0.0;               ///< materials of the incidents fixed [CNY]
};

/// Complaint closure of one incident type on the working-day calendar.
struct ComplaintTally {
  uint64_t closed = 0, closed_within = 0;
  double working_sum_s = 0.0;  ///< working time from report to closure, summed [s]
};

/// One counted incident of a replication as drilltwin-view draws it (`drilltwin run --trace` of a
/// dispatch scenario): where and when it was reported and when staff reached it. Recorded only when
/// run_dispatch is asked for samples.
struct DispatchIncidentRecord {
  double report_s = 0;                                       ///< [s]
  double on_site_s = std::numeric_limits<double>::quiet_NaN(); ///< staff arrived [s]; NaN: never
  double sla_s = 0;                                          ///< the type's response target [s]
  int32_t building = -1;                                     ///< index of the layout's building; -1 outside any
  uint32_t type = 0;                                         ///< index into DispatchConfig::types
  uint32_t node = 0;                                         ///< its place on the network (node index)
};

/// What an emergency did to the work orders (DispatchResult::emergency).
struct EmergencyDispatchTally {
  bool called = false;              ///< the call came (at_s within the run)
  uint32_t pulled = 0;              ///< members taken off dispatch
  double alert_s = std::numeric_limits<double>::quiet_NaN();    ///< when [s]
  double last_back_s = std::numeric_limits<double>::quiet_NaN();///< the last of them back [s]
  uint64_t interrupted = 0;         ///< work orders whose visit was interrupted (on site or on the way)
  uint64_t resumed = 0;             ///< of them, the interrupted visit finished within run.duration
  double delay_sum_s = 0.0;         ///< over the resumed: finished − when it would have finished [s]
  double backlog_peak = 0.0;        ///< largest backlog between the alert and the last return [-]
  uint64_t sla_missed = 0;          ///< counted orders whose response target fell in [alert, last back] and was missed
};

struct DispatchResult {
  DispatchTally all;
  std::vector<DispatchTally> by_type;      ///< aligned with DispatchConfig::types
  std::vector<DispatchTally> by_priority;  ///< priorities 1..4
  double staff_utilization = 0.0;          ///< busy staff-time / on-duty staff-time over the window [-]
  std::vector<double> role_utilization;    ///< per role (DispatchModel roles order)
  double distance_walked_m = 0.0;          ///< by all staff, to incidents and on patrol [m]
  double backlog_at_close = 0.0;           ///< reported, not yet dispatched, when arrivals stop [-]
  double max_backlog = 0.0;                ///< largest backlog at any time [-]
  uint64_t preemptions = 0;
  std::vector<uint64_t> stockouts;         ///< per store
  std::vector<double> min_stock;           ///< per store
  uint64_t events = 0;
  std::vector<double> response_samples_s;  ///< when asked for: every counted response [s]
  DemandHeatmap demand;                    ///< incidents and target misses by hour × type and × place
  ServiceQualityTally quality;
  std::vector<ComplaintTally> complaints;  ///< aligned with DispatchConfig::types (used where closure_working_days > 0)
  std::vector<double> facility_down_s;     ///< per facility class: unit down-time within the window, summed [s]
  std::vector<uint64_t> facility_failures; ///< per facility class: failures within the window
  double window_s = 0.0;                   ///< the observation window [warm-up, close] [s]
  double labour_cny = 0.0;                 ///< wages of every rostered member over the window, premiums included [CNY]
  double overtime_s = 0.0;                 ///< staff-time past shift ends over the window [s]
  std::vector<DispatchIncidentRecord> incident_log;  ///< with record_samples: every counted incident, by report time
  EmergencyDispatchTally emergency;        ///< staff called away by an emergency (run_dispatch's `emergency`)
};

/// A staff member taken off dispatch by an emergency, and where he is: the node he last reached
/// (on site: the work order's place; on his way: the node he set off from; idle or on patrol: the
/// last place he stopped at).
struct PulledMember {
  uint32_t staff = 0;  ///< into DispatchConfig::staff
  NodeId at;
};
/// When a pulled member is free again and where (an invalid node: where he was pulled).
struct ReturnedMember {
  double back_s = 0.0;  ///< [s, scenario clock, >= the pull]
  NodeId at;
};

/// An emergency that takes staff off their work orders (docs/model.md, "One staff for daily work
/// and emergencies"). At `at_s` every member on duty whose `answers` flag is set stops what he is
/// doing: a job in hand goes back to the queue (with its report time and, when he was on site, the
/// work still left, as a pre-emption does); `respond` is called once with them and says when and
/// where each is free again; from then on he takes work as any free member does.
struct EmergencyCall {
  double at_s = std::numeric_limits<double>::infinity();  ///< the staff are alerted [s, scenario clock]
  std::vector<uint8_t> answers;                             ///< per DispatchConfig::staff: 1 = answers it
  std::function<std::vector<ReturnedMember>(double at_s, std::span<const PulledMember> pulled)> respond;
};


/// Runs one replication. Deterministic in (config, seed, replication). With `emergency` (not null)
/// its staff are called away as EmergencyCall says; without one nothing changes.
[[nodiscard]] DispatchResult run_dispatch(const DispatchConfig& config, uint64_t seed, uint64_t replication,
                                          bool record_samples = false, const EmergencyCall* emergency = nullptr);

/// Declares (result == nullptr) or fills the KPIs of staff called away by an emergency (after the
/// emergency's KPIs when a scenario joins the dispatch roster and the emergency staff).
void report_emergency_dispatch_kpis(const DispatchResult* result, KpiSink& sink);

/// The rows of DemandHeatmap's place matrices: the layout's building ids, then "outside"; empty
/// without a layout.
[[nodiscard]] std::vector<std::string> demand_places(const DispatchConfig& config);

/// Appends the demand heatmaps of `result` as curves over the hour of day (x = 0..23, x_unit "h",
/// one series per row): dispatch.demand.<incidents|miss_sla|miss_15min|miss_30min>.type.<type> and
/// ….place.<place> (engine/kernel/series.h). Reports add them up over replications in order.
void dispatch_demand_series(const DispatchConfig& config, const DispatchResult& result, ReplicationSeries& series);

/// The distinct roles of the roster, in order of first appearance.
[[nodiscard]] std::vector<std::string> dispatch_roles(const DispatchConfig& config);

/// Declares (result == nullptr) or fills the KPIs of a dispatch scenario into `sink`, each declared
/// and filled in one place (engine/kernel/kpi_sink.h); docs/model.md lists them. NaN = undefined.
void report_dispatch_kpis(const DispatchConfig& config, const DispatchResult* result, KpiSink& sink);

/// The KPIs of a dispatch scenario, in column order (report_dispatch_kpis, declaring).
[[nodiscard]] std::vector<KpiDefinition> dispatch_kpi_definitions(const DispatchConfig& config);

}  // namespace dt
