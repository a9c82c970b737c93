#pragma once
// What `drilltwin optimize` found, for people and programs: the recommended candidate, its
// objective and KPI intervals, the runner-up, and for each cheaper candidate that was rejected the
// target it misses, by how much and (dispatch scenarios) in which hour. The same facts open the
// console output, report.html and summary.json's "optimize" block (docs/formats.md), so the three
// never disagree. The search itself is engine/jobs/optimize_job.h; the method and its guarantee
// are in docs/optimization.md.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/statistics.h"
#include "engine/output/headline.h"
#include "engine/output/kpi_targets.h"

namespace dt {

/// One target judged on one candidate.
struct OptimizeTargetEstimate {
  enum class Verdict { Met, Missed, Undecided };
  double mean = SampleSummary::kNaN;  ///< the KPI's mean over the candidate's replications
  double low = SampleSummary::kNaN;   ///< the simultaneous (Bonferroni) confidence interval of the mean
  double high = SampleSummary::kNaN;
  double ci95_low = SampleSummary::kNaN;  ///< the ordinary 95 % interval (as every report shows it)
  double ci95_high = SampleSummary::kNaN;
  Verdict verdict = Verdict::Undecided;
  double shortfall = 0.0;  ///< how far the mean is on the wrong side of the bound [KPI units; ≤ 0: the mean meets it]
};

struct OptimizeCandidate {
  enum class Status { Feasible, Infeasible, Undecided };
  std::string label;                                          ///< "staff.count=4"
  std::vector<std::pair<std::string, std::string>> settings;  ///< variable → value text
  std::optional<double> cost;                                 ///< linear cost [CNY/day]
  SampleSummary objective;    ///< KPI objective: its statistics over the candidate's replications
  uint64_t replications = 0;  ///< replications this candidate ran (0, 1, … of the seed)
  Status status = Status::Undecided;
  std::vector<OptimizeTargetEstimate> targets;  ///< one per OptimizeAnswer::targets
  std::optional<WorstHour> worst_hour;          ///< dispatch scenarios with a demand heatmap
  bool eliminated = false;                      ///< KPI objective: eliminated by the Kim–Nelson procedure
};

struct OptimizeAnswer {
  bool linear_cost = true;                                 ///< objective: a linear cost of the variables, else a KPI
  KpiDefinition objective_kpi;                             ///< the KPI minimised (linear_cost == false)
  std::vector<std::pair<std::string, double>> unit_costs;  ///< variable → CNY/day per unit
  double confidence = 0.95;
  double delta = 0.0;  ///< indifference zone [objective units]
  uint64_t first_stage = 0;
  uint64_t max_replications = 0;
  std::vector<KpiTarget> targets;             ///< the constraints, all to be met
  std::vector<KpiDefinition> target_kpis;     ///< the KPI of each target
  std::vector<OptimizeCandidate> candidates;  ///< in grid order (the first variable slowest)
  std::size_t grid_size = 0;                  ///< the whole grid (more than candidates when screened by cost)
  std::optional<std::size_t> recommended;
  std::optional<std::size_t> runner_up;
  std::vector<std::size_t> cheaper_rejected;  ///< candidates cheaper than the recommended one, cheapest first
  uint64_t replications_run = 0;              ///< over every candidate
  std::size_t stages = 0;                     ///< rounds of replications
  bool truncated = false;                     ///< KN stopped at max_replications with more than one candidate left
};

/// The answer in sentences (current language), most important first, and summary.json's "headline".
[[nodiscard]] Headline optimize_headline(const OptimizeAnswer& answer);

/// summary.json's "optimize" block (docs/formats.md).
[[nodiscard]] nlohmann::ordered_json optimize_json(const OptimizeAnswer& answer);

/// report.html's section: the cost-versus-service frontier (objective against the first target's
/// KPI, feasible candidates marked, the recommended one ringed) and the table of candidates.
[[nodiscard]] std::string optimize_html(const OptimizeAnswer& answer);

/// "feasible", "infeasible", "undecided".
[[nodiscard]] const char* to_string(OptimizeCandidate::Status status) noexcept;

}  // namespace dt
