#pragma once
// Runs the replications of a scenario in parallel (oneTBB). Each replication writes its own row
// of the KpiTable, so the table — and every statistic reduced from it in replication order — is
// bit-identical for any number of threads.

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/site.h"

namespace dt {

/// Thrown by run_replications when `cancel` was raised (e.g. Ctrl-C).
class RunCancelled : public std::runtime_error {
 public:
  RunCancelled() : std::runtime_error("run interrupted") {}
};

struct RunControl {
  const std::atomic<bool>* cancel = nullptr;  ///< raised by a signal handler: stop starting replications
  std::atomic<uint64_t>* completed = nullptr; ///< counts finished replications (for progress)
  /// When set, resized to one entry per replication and filled with the series each replication
  /// recorded (engine/kernel/series.h), for reports.
  std::vector<ReplicationSeries>* series = nullptr;
};

/// Worker threads that `requested` means on this machine (0 = one per core).
[[nodiscard]] uint32_t effective_threads(uint32_t requested);

/// Runs every replication of `scenario` on `site` (built once by build_site, shared read-only by
/// every thread).
[[nodiscard]] KpiTable run_replications(const Site& site, const ScenarioConfig& scenario, RunControl control = {});

/// Convenience: builds the site of `scenario` (throws InputError when it cannot), then runs.
[[nodiscard]] KpiTable run_replications(const ScenarioConfig& scenario, RunControl control = {});

}  // namespace dt
