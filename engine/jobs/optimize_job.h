#pragma once
// The `optimize` job: the cheapest candidate of an `optimize:` section (scenario/optimize_loader.h)
// that meets every target, chosen with a statistical guarantee (docs/optimization.md).
//
//   1. Screening: every candidate runs the first n0 replications; a candidate whose simultaneous
//      confidence interval lies wholly on the wrong side of a target is dropped.
//   2. Doubling: the candidates that can still change the answer (undecided ones cheaper than the
//      cheapest candidate shown to be feasible; for a KPI objective every undecided one) double
//      their replications, n0, 2·n0, 4·n0, … up to max_replications, until each is decided.
//      A target is decided with a one-sided Student-t bound at level α / (k·m·L) (Bonferroni over
//      k candidates, m targets and L looks), so that with probability ≥ 1 − α every verdict of the
//      whole search is right.
//   3. Selection: with a linear cost, the cheapest candidate shown to be feasible; with a KPI
//      objective, the Kim–Nelson (2001) fully sequential procedure with common random numbers
//      among the feasible candidates (α split in halves between feasibility and selection).
//
// Every candidate runs replications 0, 1, … of the scenario's seed (common random numbers); every
// decision depends only on those values, so the answer is the same for any thread count and after
// --resume. Replications are kept in out_dir/results.sqlite as a sweep keeps them (its points are
// the candidates), and the outputs (summary.json, report.html) are written when the search ends.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/output/optimize_answer.h"
#include "engine/scenario/optimize_loader.h"

namespace dt::jobs {

struct OptimizeStart {
  std::size_t candidates = 0;
  uint64_t first_stage = 0;
  uint64_t max_replications = 0;
  uint32_t threads = 0;
  uint64_t stored = 0;  ///< replications already in results.sqlite (resume)
};

struct OptimizeOptions : JobOptions {
  bool resume = false;        ///< continue the search in out_dir/results.sqlite (else it must not exist)
  bool write_files = true;    ///< summary.json and report.html when the search ends
  bool record_series = true;  ///< keep the models' curves (the worst hour of a rejected candidate)
  std::function<void(const OptimizeStart&)> on_start;
};

struct OptimizeResult {
  JobStatus status = JobStatus::Completed;
  std::string message;                ///< why it was refused or failed
  OptimizeAnswer answer;              ///< Completed: what the search found
  std::vector<std::string> headline;  ///< Completed: the answer in sentences
  double seconds = 0;                 ///< wall time [s]
  uint64_t ran = 0;                   ///< replications run in this session (the rest came from results.sqlite)
  std::filesystem::path db_path;
  std::string resume_command;  ///< the command line that continues this search
};

/// Runs the search (out_dir must be set). Throws InputError when a target or the objective names a
/// KPI the scenario does not report, or a target judges another statistic than the mean.
[[nodiscard]] OptimizeResult optimize(const OptimizePlan& plan, const OptimizeOptions& options);

/// The directory `optimize` writes to unless told otherwise: outputs.dir, else results/<name>.
[[nodiscard]] std::filesystem::path default_optimize_dir(const OptimizePlan& plan);

}  // namespace dt::jobs
