#pragma once
// The `run` job: every replication of one scenario in parallel, their KPIs, and the run's files
// (summary.json, replications.csv, report.html, optionally trace.bin), written atomically.

#include <optional>
#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/kernel/kpi_table.h"
#include "engine/output/report_html.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/trace_recorder.h"

namespace dt::jobs {

struct RunOptions : JobOptions {
  /// Also replay this replication once more and stream its trace to out_dir/trace.bin.
  std::optional<TraceOptions> trace;
};

struct RunResult {
  JobStatus status = JobStatus::Completed;
  std::string message;         ///< why it was refused
  KpiTable kpis;               ///< one row per replication (empty unless Completed)
  std::vector<KpiTarget> targets;  ///< the scenario's targets
  uint32_t threads = 0;        ///< worker threads used
  double seconds = 0;          ///< wall time of the replications [s]
  uint64_t completed = 0;      ///< replications finished (less than asked when Interrupted)
  /// Interrupted while the files were being written, after every replication had finished.
  bool interrupted_while_writing = false;
  std::optional<TraceSummary> trace;  ///< what trace.bin holds, when traced
  std::vector<std::string> headline;  ///< what the run found (summary.json "headline"), when files were written
};

/// Runs `scenario.run.replications` replications of `scenario`. Throws InputError when a trace is
/// asked of a scenario without people or of a replication the run does not have, and
/// std::runtime_error when a file cannot be written.
[[nodiscard]] RunResult run(const ScenarioConfig& scenario, const RunOptions& options = {});

/// The directory `run` writes to unless told otherwise: outputs.dir, else results/<name>.
[[nodiscard]] std::string default_run_dir(const ScenarioConfig& scenario);

}  // namespace dt::jobs
