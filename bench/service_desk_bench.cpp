// The M/M/1 benchmark (Cimba's): one server, arrival rate 0.9/s, service rate 1.0/s, 10^6
// customers; the mean time in system is 1/(μ − λ) = 10 s. Times one replication of the service
// desk model, kernel and model together, without process start-up or file output.
#include <benchmark/benchmark.h>

#include "engine/dispatch/service_desk.h"

namespace {

dt::ServiceDeskConfig mm1_config(uint64_t customers) {
  dt::ServiceDeskConfig c;
  c.arrivals.rate_per_h.fill(0.9 * 3600.0);
  c.service_time = dt::Distribution::exponential(1.0);
  c.staff_count = 1;
  c.duration_s = std::numeric_limits<double>::infinity();
  c.max_incidents = customers;
  return c;
}

void BM_MM1(benchmark::State& state) {
  const dt::ServiceDeskConfig config = mm1_config(static_cast<uint64_t>(state.range(0)));
  uint64_t rep = 0;
  double resolution = 0;
  for (auto _ : state) {
    const dt::ServiceDeskResult r = dt::run_service_desk(config, 42, rep++);
    resolution = r.mean_resolution_s;
    benchmark::DoNotOptimize(r);
    state.counters["events"] = static_cast<double>(r.events);
  }
  state.counters["mean_time_in_system_s"] = resolution;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_MM1)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
