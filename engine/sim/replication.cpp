#include "engine/sim/replication.h"

#include "engine/dispatch/dispatch_model.h"
#include "engine/dispatch/service_desk.h"
#include "engine/sim/emergency_replication.h"

namespace dt {

std::vector<KpiDefinition> kpi_definitions(const Site& site, const ScenarioConfig& scenario) {
  std::vector<KpiDefinition> k;
  KpiSink sink = KpiSink::declaring(k);
  if (scenario.desk) report_desk_kpis(nullptr, sink);
  if (site.dispatch) report_dispatch_kpis(*site.dispatch, nullptr, sink);  // before the evacuation's KPIs
  if (site.evacuation) report_evacuation_kpis(*site.evacuation_network, *site.evacuation, nullptr, sink);
  if (site.evacuation && site.emergency) {
    std::vector<KpiDefinition> e = emergency_kpi_definitions(*site.evacuation_network, *site.evacuation, *site.emergency);
    k.insert(k.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  }
  // Last, after an emergency's KPIs: adding them moved no existing column.
  if (site.evacuation) report_route_choice_kpis(*site.evacuation_network, *site.evacuation, nullptr, sink);
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
  KpiSink sink = KpiSink::filling(out);
  if (scenario.desk) {
    const ServiceDeskResult r = run_service_desk(*scenario.desk, scenario.run.seed, replication);
    report_desk_kpis(&r, sink);
  }
  if (site.dispatch) {
    const DispatchResult r = run_dispatch(*site.dispatch, scenario.run.seed, replication, series != nullptr);
    report_dispatch_kpis(*site.dispatch, &r, sink);
    if (series) {
      series->push_back(Series::samples("dispatch.response_time_s", "s", r.response_samples_s));
      dispatch_demand_series(*site.dispatch, r, *series);
    }
  }
  std::size_t i = sink.filled();
  if (site.evacuation && site.emergency) {
    const EmergencyOutcome r =
        run_emergency(*site.evacuation_network, *site.evacuation, *site.emergency, scenario.run.seed, replication, observer,
                      series != nullptr);
    const std::size_t n = out.size() - i;
    emergency_kpis(*site.evacuation_network, *site.evacuation, *site.emergency, r, out.subspan(i, n));
    i += n;
    if (series) {
      evacuation_series(r.evacuation, *series);
      evacuation_queue_series(*site.evacuation_network, *site.evacuation, r.evacuation, *series);
    }
  } else if (site.evacuation) {
    const EvacuationOutcome r = run_evacuation(*site.evacuation_network, *site.evacuation, scenario.run.seed, replication,
                                               observer, series != nullptr);
    const std::size_t n = out.size() - i;
    evacuation_kpis(*site.evacuation_network, *site.evacuation, r, out.subspan(i, n));
    i += n;
    if (series) {
      evacuation_series(r, *series);
      evacuation_queue_series(*site.evacuation_network, *site.evacuation, r, *series);
    }
  }
  DT_ASSERT(i == out.size(), "replication wrote a different number of KPIs than it defines");
}

}  // namespace dt
