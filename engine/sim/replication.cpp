#include "engine/sim/replication.h"

#include "engine/dispatch/dispatch_model.h"
#include "engine/dispatch/service_desk.h"
#include "engine/sim/emergency_replication.h"

#include <optional>

namespace dt {

namespace {

// The dispatch roster supplies the emergency staff (assistance.from_roster): one model of both.
bool joined(const Site& site) {
  return site.dispatch && site.evacuation && site.emergency && joins_dispatch(*site.emergency);
}

// The KPIs of report_emergency_dispatch_kpis (the last block of a joined scenario).
std::size_t joined_kpi_count() {
  std::vector<KpiDefinition> k;
  KpiSink sink = KpiSink::declaring(k);
  report_emergency_dispatch_kpis(nullptr, sink);
  return k.size();
}

}  // namespace

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
  if (joined(site)) report_emergency_dispatch_kpis(nullptr, sink);  // appended: the other columns keep their places
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
  // Joined: the dispatch model runs inside the emergency (engine/sim/emergency_replication.h).
  const bool joined_run = joined(site);
  std::optional<EmergencyOutcome> emergency;
  JoinedDispatch joint;
  if (joined_run) {
    joint.config = &*site.dispatch;
    joint.record_samples = series != nullptr;
    emergency = run_emergency(*site.evacuation_network, *site.evacuation, *site.emergency, scenario.run.seed, replication,
                              observer, series != nullptr, &joint);
  }
  if (site.dispatch) {
    if (!joined_run) joint.result = run_dispatch(*site.dispatch, scenario.run.seed, replication, series != nullptr);
    const DispatchResult& r = joint.result;
    report_dispatch_kpis(*site.dispatch, &r, sink);
    if (series) {
      series->push_back(Series::samples("dispatch.response_time_s", "s", r.response_samples_s));
      dispatch_demand_series(*site.dispatch, r, *series);
    }
  }
  std::size_t i = sink.filled();
  const std::size_t tail = joined_run ? joined_kpi_count() : 0;
  if (site.evacuation && site.emergency) {
    const EmergencyOutcome r =
        joined_run ? std::move(*emergency)
                  : run_emergency(*site.evacuation_network, *site.evacuation, *site.emergency, scenario.run.seed, replication,
                                  observer, series != nullptr);
    const std::size_t n = out.size() - i - tail;
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
  if (joined_run) {
    KpiSink last = KpiSink::filling(out.subspan(i, tail));
    report_emergency_dispatch_kpis(&joint.result, last);
    i += tail;
  }
  DT_ASSERT(i == out.size(), "replication wrote a different number of KPIs than it defines");
}

}  // namespace dt
