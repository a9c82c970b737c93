// The classic hold model (Jones 1986; Vaucher & Duval 1975): the event list holds N pending
// events; each operation pops the earliest and pushes one at that time plus an exponential
// increment with mean 1. The time per hold operation is what a simulation pays per event.
#include <benchmark/benchmark.h>

#include "engine/kernel/event_queue.h"
#include "engine/kernel/random.h"

namespace {

void BM_HoldModel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  dt::RandomStream rng(1, 0, dt::purpose_id("bench.hold"), 0);
  dt::EventQueue q;
  q.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) q.push(rng.exponential(1.0), 0, static_cast<uint32_t>(i));
  // Pre-draw increments so the benchmark times the event list, not the generator.
  std::vector<double> inc(1 << 16);
  for (double& x : inc) x = rng.exponential(1.0);
  std::size_t k = 0;
  for (auto _ : state) {
    const dt::Event e = q.pop();
    q.push(e.time_s + inc[k++ & (inc.size() - 1)], e.kind, e.target);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(q.size());
}
BENCHMARK(BM_HoldModel)->Arg(100)->Arg(10'000)->Arg(1'000'000);

}  // namespace
