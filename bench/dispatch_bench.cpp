// 1,000 replications of scenarios/workorders_day.yaml (one day each: ~53 incidents, 70 staff with
// shifts and patrols, on the 5,913-node compound network) per strategy, on all cores as
// `drilltwin run` does (engine/sim/runner.h). Loading the scenario (layout, network, travel-time
// trees) happens once, outside the timed loop, and is timed separately. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "engine/sim/site.h"
#include "engine/dispatch/dispatch_model.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/runner.h"

namespace {

// Found beside this source file, else from the working directory (run from the project root).
const std::string kScenario = [] {
  const std::filesystem::path beside =
      std::filesystem::path(__FILE__).parent_path().parent_path() / "scenarios/workorders_day.yaml";
  return std::filesystem::exists(beside) ? beside.string() : std::string("scenarios/workorders_day.yaml");
}();
const char* const kStrategies[] = {"manual", "nearest", "priority", "optimal", "zone_butler"};

void BM_WorkordersDay1000(benchmark::State& state) {
  const std::string strategy = kStrategies[state.range(0)];
  dt::ScenarioConfig sc = dt::load_scenario(kScenario, {"dispatch.strategy=" + strategy});
  sc.run.replications = 1000;
  sc.run.threads = 0;  // one per core
  for (auto _ : state) {
    const dt::KpiTable t = dt::run_replications(sc);
    benchmark::DoNotOptimize(t.row(0).data());
  }
  state.SetLabel(strategy);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_WorkordersDay1000)->DenseRange(0, 4)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WorkordersLoad(benchmark::State& state) {
  for (auto _ : state) {
    const dt::PreparedScenario p = dt::prepare_scenario(kScenario);  // read + site (network, travel model)
    benchmark::DoNotOptimize(p.site->travel.get());
  }
}
BENCHMARK(BM_WorkordersLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
