#include "engine/sim/replication.h"

#include "engine/dispatch/dispatch_model.h"
#include "engine/dispatch/service_desk.h"
#include "engine/sim/emergency_replication.h"

namespace dt {

std::vector<KpiDefinition> kpi_definitions(const Site& site, const ScenarioConfig& scenario) {
  std::vector<KpiDefinition> k;
  if (scenario.desk) {
    k.push_back({"dispatch.incidents", "-", "incidents counted (arrived after warm-up)"});
    k.push_back({"dispatch.response_time_s", "s", "mean time from report until a staff member takes the incident"});
    k.push_back({"dispatch.waited_fraction", "-", "share of incidents that found all staff busy"});
    k.push_back({"dispatch.within_15min_fraction", "-", "share of incidents taken within 15 min"});
    k.push_back({"dispatch.within_30min_fraction", "-", "share of incidents taken within 30 min"});
    k.push_back({"dispatch.resolution_time_s", "s", "mean time from report until the work is done"});
    k.push_back({"dispatch.staff_utilization", "-", "busy staff-time over available staff-time"});
    k.push_back({"dispatch.backlog_at_close", "-", "incidents waiting when arrivals stop"});
  }
  if (site.dispatch) {  // before the evacuation's KPIs, which fill the rest of the row
    std::vector<KpiDefinition> d = dispatch_kpi_definitions(*site.dispatch);
    k.insert(k.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
  }
  if (site.evacuation) {
    std::vector<KpiDefinition> e = evacuation_kpi_definitions(*site.evacuation_network, *site.evacuation);
    k.insert(k.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  }
  if (site.evacuation && site.emergency) {
    std::vector<KpiDefinition> e = emergency_kpi_definitions(*site.evacuation_network, *site.evacuation, *site.emergency);
    k.insert(k.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  }
  return k;
}

std::vector<KpiDefinition> kpi_definitions(const ScenarioConfig& scenario) {
  return kpi_definitions(build_site(scenario), scenario);
}

void run_replication(const ScenarioConfig& scenario, uint64_t replication, std::span<double> out) {
  run_replication(build_site(scenario), scenario, replication, out);
}

void run_replication(const Site& site, const ScenarioConfig& scenario, uint64_t replication, std::span<double> out,
                     ReplicationSeries* series, MovementObserver* observer) {
  std::size_t i = 0;
  if (scenario.desk) {
    const ServiceDeskResult r = run_service_desk(*scenario.desk, scenario.run.seed, replication);
    out[i++] = static_cast<double>(r.incidents);
    out[i++] = r.mean_response_s;
    out[i++] = r.waited_fraction;
    out[i++] = r.within_15min_fraction;
    out[i++] = r.within_30min_fraction;
    out[i++] = r.mean_resolution_s;
    out[i++] = r.staff_utilization;
    out[i++] = r.backlog_at_close;
  }
  if (site.dispatch) {
    const DispatchResult r = run_dispatch(*site.dispatch, scenario.run.seed, replication, series != nullptr);
    const std::size_t n = dispatch_kpi_definitions_count(*site.dispatch);
    dispatch_kpis(*site.dispatch, r, out.subspan(i, n));
    i += n;
    if (series) series->push_back(Series::samples("dispatch.response_time_s", "s", r.response_samples_s));
  }
  if (site.evacuation && site.emergency) {
    const EmergencyOutcome r =
        run_emergency(*site.evacuation_network, *site.evacuation, *site.emergency, scenario.run.seed, replication, observer);
    const std::size_t n = out.size() - i;
    emergency_kpis(*site.evacuation_network, *site.evacuation, *site.emergency, r, out.subspan(i, n));
    i += n;
    if (series) evacuation_series(r.evacuation, *series);
  } else if (site.evacuation) {
    const EvacuationOutcome r = run_evacuation(*site.evacuation_network, *site.evacuation, scenario.run.seed, replication, observer);
    const std::size_t n = out.size() - i;
    evacuation_kpis(*site.evacuation_network, *site.evacuation, r, out.subspan(i, n));
    i += n;
    if (series) evacuation_series(r, *series);
  }
  DT_ASSERT(i == out.size(), "replication wrote a different number of KPIs than it defines");
}

}  // namespace dt
