#include "engine/sim/runner.h"

#include <algorithm>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "engine/kernel/task_handoff.h"
#include "engine/sim/replication.h"

namespace dt {

uint32_t effective_threads(uint32_t requested) {
  if (requested > 0) return requested;
  const int n = tbb::info::default_concurrency();
  return n > 0 ? static_cast<uint32_t>(n) : 1u;
}

KpiTable run_replications(const ScenarioConfig& scenario, RunControl control) {
  const Site site = build_site(scenario);
  return run_replications(site, scenario, control);
}

KpiTable run_replications(const Site& site, const ScenarioConfig& scenario, RunControl control) {
  KpiTable table(kpi_definitions(site, scenario), scenario.run.replications);
  const auto n = static_cast<std::size_t>(scenario.run.replications);
  const std::size_t with_series = std::min(n, kSeriesReplications);  // series.h: bounded
  if (control.series) control.series->assign(with_series, ReplicationSeries{});
  auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      if (control.cancel && control.cancel->load(std::memory_order_relaxed)) return;
      run_replication(site, scenario, r, table.row(r),
                      control.series && r < with_series ? &(*control.series)[r] : nullptr);
      if (control.completed) control.completed->fetch_add(1, std::memory_order_relaxed);
    }
  };
  const uint32_t threads = effective_threads(scenario.run.threads);
  if (threads == 1) {
    body(tbb::blocked_range<std::size_t>(0, n));
  } else {
    tbb::task_arena arena(static_cast<int>(threads));
    TaskHandoff handoff;  // what oneTBB orders, stated for ThreadSanitizer (kernel/task_handoff.h)
    arena.execute([&] { tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), handoff.body(body)); });
    handoff.join();
  }
  if (control.cancel && control.cancel->load()) throw RunCancelled();
  return table;
}

}  // namespace dt
