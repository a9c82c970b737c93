#pragma once
// The `compare` job: variants of one scenario that differ in one value, each running replications
// 0..N-1 of the same seed (common random numbers); per KPI each variant's statistics and the paired
// difference to the first variant; files summary.json, comparison.csv, replications.csv and
// report.html, written atomically.

#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/kernel/kpi_table.h"
#include "engine/output/report_html.h"
#include "engine/scenario/scenario_config.h"
#include "engine/scenario/yaml_tree.h"

namespace dt::jobs {

/// The variants to compare. Make one with load_comparison, or fill it by hand.
struct Comparison {
  std::string vary;                     ///< the varied key, e.g. "dispatch.strategy"
  std::vector<std::string> labels;      ///< each variant's value text, e.g. "nearest"
  std::vector<ScenarioConfig> variants; ///< complete scenarios; the first is the baseline
};

/// Reads `file`, applies `overrides` (KEY=VALUE) to every variant, and makes one variant per value
/// of `vary` ("KEY=V1,V2,...", values split at commas outside brackets, braces and quotes; each a
/// YAML value). Throws InputError with positions in the file or in "--vary".
/// `!include`s in the file, --set and --vary follow `includes` (engine/scenario/yaml_tree.h).
[[nodiscard]] Comparison load_comparison(const std::string& file, const std::string& vary,
                                         const std::vector<std::string>& overrides = {}, const IncludeRules& includes = {});

struct CompareResult {
  JobStatus status = JobStatus::Completed;
  std::string message;             ///< why it was refused
  std::vector<KpiTable> kpis;      ///< per variant (empty unless Completed)
  std::vector<KpiTarget> targets;  ///< the baseline's targets
  uint32_t threads = 0;
  double seconds = 0;  ///< wall time of the replications [s]
};

/// Runs every variant (`run.replications` of the baseline each, at least 2, else Refused).
[[nodiscard]] CompareResult compare(const Comparison& comparison, const JobOptions& options = {});

/// The directory `compare` writes to unless told otherwise: results/<name>-compare.
[[nodiscard]] std::string default_compare_dir(const Comparison& comparison);

}  // namespace dt::jobs
