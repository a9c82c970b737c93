#pragma once
// The `plan` job: an emergency response plan generated and ranked by simulation (docs/planning.md).
//
//   1. Search. Every candidate (one alternative per option of the scenario's `plan:` section) runs
//      the same first `screening_replications` replications of the seed (common random numbers)
//      and is scored by the mean of the objective, candidates whose means miss a target ranked
//      after those that meet every one. With at most `exhaustive_up_to` combinations every one is
//      tried; otherwise a coordinate search: from every option's first alternative, each option in
//      turn takes its best alternative with the others fixed, pass after pass, until a pass
//      changes nothing (at most 8 passes). A heuristic: it may stop at a local best.
//   2. Selection. The `finalists` best candidates and the scenario as written go through
//      optimize's procedure (engine/jobs/optimize_job.h) with the objective as a KPI objective and
//      the scenario's targets as constraints: feasibility with Bonferroni bounds, then Kim & Nelson
//      among the feasible ones, at the plan's confidence and indifference zone. When no finalist is
//      shown to meet every target, the selection is repeated without the constraints and the
//      answer says so.
//   3. The plan. The chosen candidate and the scenario as written run `compare_replications`
//      replications each (paired: the same replications); the objective, the targets' KPIs and the
//      timeline KPIs are compared with paired 95 % intervals. The replication of the chosen plan
//      whose objective is closest to the median gives the details: the alarm order per building,
//      each staff member's legs, the residents per building.
//
// Every number depends only on the scenario, its seed and the plan settings — never on threads.
// Writes out_dir/plan.json, plan.html, chosen.yaml (the chosen plan as a scenario to run and replay)
// and out_dir/selection/ (optimize's results.sqlite, summary.json, report.html of the finalists).

#include <filesystem>
#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/output/plan_answer.h"
#include "engine/scenario/plan_loader.h"

namespace dt::jobs {

struct PlanOptions : JobOptions {
  bool write_files = true;
};

struct PlanResult {
  JobStatus status = JobStatus::Completed;
  std::string message;
  PlanAnswer answer;
  std::vector<std::string> headline;
  double seconds = 0;
};

/// Runs the search. Throws InputError when the objective names a KPI the scenario does not report
/// or a candidate is not a valid scenario. out_dir must not hold an earlier plan (Refused).
[[nodiscard]] PlanResult plan(const PlanProblem& problem, const PlanOptions& options);

/// Where `plan` writes unless told otherwise: outputs.dir/plan, else results/<name>/plan.
[[nodiscard]] std::filesystem::path default_plan_dir(const PlanProblem& problem);

}  // namespace dt::jobs
