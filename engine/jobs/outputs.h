#pragma once
// What every job's files start with: the header of summary.json and of report.html, taken from
// the scenario that ran (for a compare, its first variant).

#include <string>

#include "engine/output/report_html.h"
#include "engine/output/staged_dir.h"
#include "engine/output/summary.h"
#include "engine/scenario/scenario_config.h"

namespace dt::jobs {

/// A Summary with its header filled: version, scenario, seed, replications.
[[nodiscard]] Summary summary_header(const ScenarioConfig& scenario);

/// A ReportInput of `kind` ("run", "compare") with its header filled: scenario, description,
/// version, seed, replications.
[[nodiscard]] ReportInput report_header(std::string kind, const ScenarioConfig& scenario);

/// A scenario's target as the outputs judge it.
[[nodiscard]] KpiTarget kpi_target(const KpiGoal& goal);

/// What manifest.json says about a job's output set (`command`: "run", "compare").
[[nodiscard]] OutputRun output_run(std::string command, const ScenarioConfig& scenario);

}  // namespace dt::jobs
