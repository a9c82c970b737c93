#pragma once
// The `optimize:` section of a scenario file: decision variables, an objective and the settings of
// the search that `drilltwin optimize` runs (engine/jobs/optimize_job.h; docs/optimization.md).
// Syntax (docs/scenario-reference.md, "optimize"):
//
//   optimize:
//     variables:                        # any scenario key a sweep could set (sweep_loader.h)
//       staff.count: {min: 2, max: 8, step: 1}      # an integer range, both ends included
//       dispatch.strategy: [fifo, nearest]          # or a list of values
//     minimize:
//       cost: {staff.count: 320}        # CNY per day per unit of a numeric variable (linear cost)
//       # or: kpi: cost.labour_per_day  # any KPI the scenario reports
//     delta: 50                         # indifference zone, in objective units (KPI objective)
//     confidence: 0.95
//     first_stage_replications: 20      # n0
//     max_replications: 160             # per candidate
//     max_candidates: 500               # a larger grid: its 500 cheapest (linear cost), else an error
//
// The constraints are the scenario's own `targets:`; every one must be met. The candidates are the
// grid of the variables, built and checked exactly as a sweep's points are (the first variable
// varies slowest), so every candidate is a complete, validated scenario and every candidate runs
// replications 0, 1, … of the same seed: common random numbers.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/scenario/yaml_tree.h"

namespace dt {

struct OptimizeVariable {
  std::string key;                  ///< dotted scenario key
  SourcePos pos;                    ///< where the variable is declared
  std::vector<std::string> values;  ///< the values as text, in grid order
  std::vector<double> numbers;      ///< the same values as numbers (empty when one is not a number)
};

struct OptimizeSpec {
  std::vector<OptimizeVariable> variables;
  enum class Objective { LinearCost, Kpi };
  Objective objective = Objective::LinearCost;
  std::string objective_kpi;  ///< Objective::Kpi: the KPI to minimise
  SourcePos objective_pos;    ///< where the objective is declared
  /// Objective::LinearCost: cost per unit of each variable [CNY/day per unit], by variable index
  /// (0 for a variable without a cost).
  std::vector<double> unit_costs;
  double delta = 0.0;               ///< indifference zone [objective units, > 0]
  /// KPI objective: the value a replication whose objective is undefined (NaN) counts with — for a
  /// time "until everyone is safe", the run's horizon when someone never is. NaN: not replaced
  /// (`optimize` sections; `plan` sets it, docs/planning.md).
  double objective_if_undefined = std::numeric_limits<double>::quiet_NaN();
  double confidence = 0.95;         ///< 1 − α [0.5, 0.999]
  uint64_t first_stage = 20;        ///< n0 [≥ 5]
  uint64_t max_replications = 160;  ///< per candidate [≥ n0]
  std::size_t max_candidates =
      500;  ///< candidates searched: a linear cost keeps the cheapest; a KPI objective's grid must fit
};

struct OptimizePlan {
  SweepPlan sweep;  ///< the candidates as sweep points (labels, scenarios, fingerprint)
  OptimizeSpec spec;
  std::vector<double> costs;  ///< Objective::LinearCost: each candidate's cost [CNY/day]; else empty
  std::size_t grid_size = 0;  ///< points of the whole grid (more than the candidates when screened by cost)
  std::string fingerprint;    ///< the candidates' fingerprint and the search settings
};

/// Whether the document has a top-level `optimize:` section.
[[nodiscard]] bool has_optimize(const YamlNode& doc);

/// Reads the `optimize:` section of a loaded (and overridden) document and checks every candidate.
/// Throws InputError (file:line:col) for a missing section, reversed bounds, a step ≤ 0, an unknown
/// or unsweepable key, a cost on a variable that is not numeric, bad settings, or (KPI objective) a
/// grid larger than max_candidates. With a linear cost, a larger grid (up to kMaxSweepPoints) is
/// screened to its max_candidates cheapest candidates, kept in grid order.
[[nodiscard]] OptimizePlan read_optimize(const YamlNode& doc, const std::string& source_file);

/// Loads a scenario file, applies `overrides` (--set) and reads its optimize section.
[[nodiscard]] OptimizePlan load_optimize(const std::string& path, const std::vector<std::string>& overrides = {},
                                         const IncludeRules& includes = {});

}  // namespace dt
