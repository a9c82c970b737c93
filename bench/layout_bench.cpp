// Layout and routing speed on the 2,484-household compound (assets/compound.yaml): reading the
// file, generating its navigation network, checking it, and building the route trees for every
// destination. Targets (issue 3): generation < 200 ms, all route trees < 100 ms. Figures and the
// machine are recorded in docs/performance.md, "Layout and routing".
//
//   build/bin/layout_bench --benchmark_repetitions=9 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "engine/scenario/layout_loader.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"
#include "engine/world/routing.h"

namespace {

// The source tree is where this file is (CMake compiles it by absolute path); else the working directory.
const std::string kCompound = [] {
  const std::filesystem::path beside = std::filesystem::path(__FILE__).parent_path().parent_path() / "assets/compound.yaml";
  return std::filesystem::exists(beside) ? beside.string() : std::string("assets/compound.yaml");
}();

const dt::LayoutConfig& compound() {
  static const dt::LayoutConfig layout = dt::load_layout(kCompound);
  return layout;
}

const dt::Network& compound_network() {
  static const dt::Network net = [] {
    dt::Diagnostics diag;
    return dt::build_network(compound(), diag);
  }();
  return net;
}

void BM_LoadCompoundYaml(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dt::load_layout(kCompound));
}
BENCHMARK(BM_LoadCompoundYaml)->Unit(benchmark::kMillisecond);

void BM_GenerateCompoundNetwork(benchmark::State& state) {
  const dt::LayoutConfig& layout = compound();
  for (auto _ : state) {
    dt::Diagnostics diag;
    dt::Network net = dt::generate_network(layout, diag);
    benchmark::DoNotOptimize(net.graph.link_count());
  }
  state.counters["nodes"] = static_cast<double>(compound_network().graph.node_count());
  state.counters["links"] = static_cast<double>(compound_network().graph.link_count());
}
BENCHMARK(BM_GenerateCompoundNetwork)->Unit(benchmark::kMillisecond);

void BM_CheckCompoundLayout(benchmark::State& state) {
  for (auto _ : state) {
    dt::Diagnostics diag;
    dt::check_layout(compound(), compound_network(), diag);
    benchmark::DoNotOptimize(diag.all().size());
  }
}
BENCHMARK(BM_CheckCompoundLayout)->Unit(benchmark::kMillisecond);

/// Route trees for every standard destination, from scratch (free-flow times included).
void BM_BuildAllRouteTrees(benchmark::State& state) {
  const dt::Network& net = compound_network();
  const std::vector<dt::Destination> dests = dt::standard_destinations(net);
  for (auto _ : state) {
    dt::Router router(net, dests);
    benchmark::DoNotOptimize(router.tree(0).time_s(dt::NodeId(0)));
  }
  state.counters["trees"] = static_cast<double>(dests.size());
}
BENCHMARK(BM_BuildAllRouteTrees)->Unit(benchmark::kMillisecond);

/// Rebuilding every tree after a link is blocked (what a smoke-logged stair costs).
void BM_RerouteAfterBlocking(benchmark::State& state) {
  const dt::Network& net = compound_network();
  dt::Router router(net, dt::standard_destinations(net));
  const dt::LinkId flight = net.graph.find_link("C3/S1/F10-F11");
  bool blocked = false;
  for (auto _ : state) {
    blocked = !blocked;
    router.set_blocked(flight, blocked);
    router.update();
    benchmark::DoNotOptimize(router.version());
  }
}
BENCHMARK(BM_RerouteAfterBlocking)->Unit(benchmark::kMillisecond);

/// "Which link next?" for every resident of the compound (6,508 people at 2.62 per flat).
void BM_NextLinkForEveryResident(benchmark::State& state) {
  const dt::Network& net = compound_network();
  const dt::Router router(net, dt::standard_destinations(net));
  const dt::RouteTree& safety = router.tree(0);
  std::vector<dt::NodeId> people;
  for (const dt::BuildingNet& b : net.buildings)
    for (const dt::NodeId flat : b.units)
      for (int k = 0; k < 3; ++k) people.push_back(flat);
  uint64_t sum = 0;
  for (auto _ : state) {
    for (std::size_t p = 0; p < people.size(); ++p) sum += safety.next_link(people[p], p).value;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * people.size()));
}
BENCHMARK(BM_NextLinkForEveryResident)->Unit(benchmark::kMicrosecond);

}  // namespace
