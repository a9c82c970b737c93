// Evacuation benchmarks (figures in docs/performance.md, "Evacuation"):
//  - BM_NineStoreyOffice: one replication of the SFPE nine-storey office (2400 people, two stairs),
//    movement only; the budget is 1,000 replications in 10 s, i.e. 10 ms each.
//  - BM_FireDrillNight: one replication of scenarios/fire_drill_night.yaml (every resident of the
//    compound present at 02:00: population synthesis, pre-movement and movement); budget 0.5 s.
//  - BM_SyntheticTowers: the same work on towers built in code (no layout file needed), 8 towers of
//    33 floors with 8 flats a floor, for comparison.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "engine/sim/site.h"
#include "engine/people/evacuation.h"
#include "engine/people/verification.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"

namespace {

using namespace dt;

void BM_NineStoreyOffice(benchmark::State& state) {
  MovementParams p;
  p.boundary_layer_door_m = p.boundary_layer_stair_m = 0.1524;
  p.door_specific_flow_pps_per_m = 24.0 / 60.0 / 0.3048;
  auto g = verification_networks::nine_storey_office();
  const EvacuationNetwork net(g, p);
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 300; ++i) crowd.add(verification_networks::office_floor(*g, f), 0.0, 5.0, 5.0, 5.0);
  double t = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    const MovementResult r = simulate_movement(net, crowd, 1e6);
    t = r.last_safe_s;
    events = r.events;
    benchmark::DoNotOptimize(events);  // (a double in DoNotOptimize's "+m,r" is garbled by GCC 12)
  }
  state.counters["total_time_s"] = t;
  state.counters["events"] = static_cast<double>(events);
  state.counters["people"] = static_cast<double>(crowd.size());
}
BENCHMARK(BM_NineStoreyOffice)->Unit(benchmark::kMillisecond);

// Towers in a row, each: 33 floors, 8 flats on a corridor, two stairs, two exits to a site path
// that leads to one assembly point.
std::shared_ptr<NavGraph> synthetic_towers(int towers, int floors, int flats) {
  auto g = std::make_shared<NavGraph>();
  const NodeId ap = g->add_node({NodeKind::AssemblyPoint, {0, -50, 0}, 5000.0, -1, 0, "ap"});
  auto link = [&](NodeId a, NodeId b, LinkKind kind, double len, double width, int32_t building, int32_t stair = -1) {
    NavLink l;
    l.a = a;
    l.b = b;
    l.kind = kind;
    l.length_m = len;
    l.width_m = width;
    l.building = building;
    l.stair = stair;
    if (kind == LinkKind::Stair) {
      l.riser_m = 0.175;
      l.tread_m = 0.26;
    }
    g->add_link(l);
  };
  for (int b = 0; b < towers; ++b) {
    const double x = 60.0 * b;
    const NodeId outside = g->add_node({NodeKind::Outdoor, {x, -5, 0}, 200.0, -1, 0, "out"});
    link(outside, ap, LinkKind::Path, 50.0 + x, 3.0, -1);
    std::vector<NodeId> below(2);
    for (int f = 1; f <= floors; ++f) {
      const double z = 2.9 * (f - 1);
      const NodeId corridor = g->add_node({NodeKind::Corridor, {x, 0, z}, 30.0, b, f, "C"});
      for (int s = 0; s < 2; ++s) {
        const NodeId landing = g->add_node({NodeKind::StairLanding, {x, 0, z}, 3.0, b, f, "L"});
        link(corridor, landing, LinkKind::Door, 6.0, 1.0, b);
        if (f == 1)
          link(landing, outside, LinkKind::Exit, 0.0, 1.2, b);
        else
          link(landing, below[s], LinkKind::Stair, 2.9 * 1.79, 1.2, b, s);
        below[s] = landing;
      }
      for (int u = 0; u < flats; ++u) {
        const NodeId unit = g->add_node({NodeKind::Unit, {x, 0, z}, 90.0, b, f, "U"});
        link(unit, corridor, LinkKind::Door, 8.0, 0.9, b);
      }
    }
  }
  g->finalize();
  return g;
}

void BM_SyntheticTowers(benchmark::State& state) {
  EvacuationConfig cfg;
  const EvacuationNetwork net(synthetic_towers(8, 33, 8), MovementParams{});
  cfg.population.presence_by_hour.fill(1.0);
  uint64_t rep = 0;
  std::size_t people = 0;
  double t = 0;
  for (auto _ : state) {
    const EvacuationOutcome o = run_evacuation(net, cfg, 7, rep++);
    people = o.population.crowd.size();
    t = o.movement.last_safe_s;
    benchmark::DoNotOptimize(people);
  }
  state.counters["people"] = static_cast<double>(people);
  state.counters["total_time_s"] = t;
}
BENCHMARK(BM_SyntheticTowers)->Unit(benchmark::kMillisecond);

void BM_FireDrillNight(benchmark::State& state) {
  // Run from the project root (or set DRILLTWIN_SOURCE_DIR).
  const char* root = std::getenv("DRILLTWIN_SOURCE_DIR");
  const std::filesystem::path file = std::filesystem::path(root ? root : ".") / "scenarios/fire_drill_night.yaml";
  if (!std::filesystem::exists(file)) {
    state.SkipWithError("scenarios/fire_drill_night.yaml not found");
    return;
  }
  const PreparedScenario prepared = prepare_scenario(file.string());
  const ScenarioConfig& sc = prepared.config;
  if (!prepared.site->evacuation) {
    state.SkipWithError("fire_drill_night.yaml has no evacuation");
    return;
  }
  uint64_t rep = 0;
  std::size_t people = 0;
  double t = 0;
  for (auto _ : state) {
    const EvacuationOutcome o = run_evacuation(*prepared.site->evacuation_network, *prepared.site->evacuation, sc.run.seed, rep++);
    people = o.population.crowd.size();
    t = o.movement.last_safe_s;
    benchmark::DoNotOptimize(people);
  }
  state.counters["people"] = static_cast<double>(people);
  state.counters["total_time_s"] = t;
}
BENCHMARK(BM_FireDrillNight)->Unit(benchmark::kMillisecond);

}  // namespace
