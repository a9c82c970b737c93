// Tests for engine/scenario/optimize_loader.cpp: the candidates of an `optimize:` section (the grid
// of its decision variables, first variable slowest), their linear costs, and bad declarations
// reported at their file:line:col.

#include "engine/scenario/optimize_loader.h"

#include <string>

#include <gtest/gtest.h>

#include "engine/scenario/scenario_loader.h"

namespace dt {
namespace {

constexpr const char* kBase =
    "name: s\n"                                            // line 1
    "run: {replications: 7, seed: 5}\n"                    // 2
    "incidents:\n"                                         // 3
    "  arrivals: {rate_per_hour: 2}\n"                     // 4
    "  service_time: {dist: exponential, mean: 30 min}\n"  // 5
    "staff:\n"                                             // 6
    "  count: 3\n"                                         // 7
    "dispatch: {strategy: fifo}\n";                        // 8

OptimizePlan plan_of(const std::string& optimize) {
  return read_optimize(parse_yaml_string(std::string(kBase) + optimize, "s.yaml"), "s.yaml");
}

std::string error_of(const std::string& optimize) {
  try {
    (void)plan_of(optimize);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for\n" << optimize;
  return {};
}

TEST(OptimizeLoader, RangesAndListsMakeTheGridWithALinearCostPerCandidate) {
  const OptimizePlan plan = plan_of(
      "optimize:\n"
      "  variables:\n"
      "    staff.count: {min: 2, max: 6, step: 2}\n"
      "    dispatch.strategy: [fifo, manual]\n"
      "  minimize: {cost: {staff.count: 320}}\n");
  ASSERT_EQ(plan.sweep.points.size(), 6u);  // {2, 4, 6} × {fifo, nearest}
  EXPECT_EQ(plan.sweep.points[0].label, "staff.count=2, dispatch.strategy=fifo");
  EXPECT_EQ(plan.sweep.points[5].label, "staff.count=6, dispatch.strategy=manual");
  ASSERT_TRUE(plan.sweep.points[3].scenario.dispatch.has_value());
  ASSERT_EQ(plan.costs.size(), 6u);
  // 320 CNY a day per engineer: 2, 2, 4, 4, 6, 6 engineers.
  EXPECT_DOUBLE_EQ(plan.costs[0], 640.0);
  EXPECT_DOUBLE_EQ(plan.costs[2], 1280.0);
  EXPECT_DOUBLE_EQ(plan.costs[5], 1920.0);
  EXPECT_EQ(plan.spec.first_stage, 20u);
  EXPECT_DOUBLE_EQ(plan.spec.confidence, 0.95);
  EXPECT_EQ(plan.fingerprint.size(), 16u);
}

TEST(OptimizeLoader, ARangeEndsAtTheLastStepWithinItsBoundsEvenAtTheEndsOfTheIntegers) {
  // {min: 2, max: 7, step: 2}: 2, 4, 6 (8 would pass max).
  const OptimizePlan plan =
      plan_of("optimize: {variables: {staff.count: {min: 2, max: 7, step: 2}}, minimize: {cost: {staff.count: 1}}}\n");
  ASSERT_EQ(plan.spec.variables.size(), 1u);
  EXPECT_EQ(plan.spec.variables[0].values, (std::vector<std::string>{"2", "4", "6"}));
  // The whole int64 range in steps of 2^63 − 1: three values, computed without overflow (the
  // candidates are then out of staff.count's range: an input error, not undefined behaviour).
  EXPECT_NE(error_of("optimize: {variables: {staff.count: {min: -9223372036854775808, max: 9223372036854775807, "
                     "step: 9223372036854775807}}, minimize: {cost: {staff.count: 1}}}\n")
                .find("error:"),
            std::string::npos);
}

TEST(OptimizeLoader, ALinearCostScreensALargeGridToItsCheapestCandidatesInGridOrder) {
  // staff.count 1..6 × rate_per_hour {2, 3}: 12 points, cost 100 per engineer + 10 per unit of
  // rate (an artificial cost, to give two numeric variables). The 5 cheapest: (1, 2) 120,
  // (1, 3) 130, (2, 2) 220, (2, 3) 230, (3, 2) 320 — kept in grid order.
  const OptimizePlan plan = plan_of(
      "optimize:\n"
      "  variables:\n"
      "    staff.count: {min: 1, max: 6}\n"
      "    incidents.arrivals.rate_per_hour: [2, 3]\n"
      "  minimize: {cost: {staff.count: 100, incidents.arrivals.rate_per_hour: 10}}\n"
      "  max_candidates: 5\n");
  EXPECT_EQ(plan.grid_size, 12u);
  ASSERT_EQ(plan.sweep.points.size(), 5u);
  EXPECT_EQ(plan.costs, (std::vector<double>{120, 130, 220, 230, 320}));
  EXPECT_EQ(plan.sweep.points[4].label, "staff.count=3, incidents.arrivals.rate_per_hour=2");
}

TEST(OptimizeLoader, AKpiObjectiveAndTheSettingsAreRead) {
  const OptimizePlan plan = plan_of(
      "optimize:\n"
      "  variables: {staff.count: [3, 4]}\n"
      "  minimize: {kpi: dispatch.response_time_s}\n"
      "  delta: 30\n"
      "  confidence: 0.9\n"
      "  first_stage_replications: 10\n"
      "  max_replications: 40\n");
  EXPECT_EQ(plan.spec.objective, OptimizeSpec::Objective::Kpi);
  EXPECT_EQ(plan.spec.objective_kpi, "dispatch.response_time_s");
  EXPECT_DOUBLE_EQ(plan.spec.delta, 30.0);
  EXPECT_EQ(plan.spec.max_replications, 40u);
  EXPECT_TRUE(plan.costs.empty());
}

TEST(OptimizeLoader, ChangedSettingsChangeTheFingerprint) {
  const std::string a =
      plan_of("optimize: {variables: {staff.count: [3, 4]}, minimize: {cost: {staff.count: 1}}}\n").fingerprint;
  const std::string b =
      plan_of("optimize: {variables: {staff.count: [3, 4]}, minimize: {cost: {staff.count: 2}}}\n").fingerprint;
  const std::string c =
      plan_of("optimize: {variables: {staff.count: [3, 5]}, minimize: {cost: {staff.count: 1}}}\n").fingerprint;
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
}

TEST(OptimizeLoader, BadDeclarationsAreErrorsAtTheirPosition) {
  // Bounds reversed: at the range (line 11, column 18).
  EXPECT_NE(error_of("optimize:\n"
                     "  variables:\n"
                     "    staff.count: {min: 6, max: 2}\n"
                     "  minimize: {cost: {staff.count: 1}}\n")
                .find("s.yaml:11:18: error: the bounds of 'staff.count' are reversed"),
            std::string::npos);
  // A step of 0: at the step's value.
  EXPECT_NE(error_of("optimize:\n"
                     "  variables:\n"
                     "    staff.count: {min: 2, max: 6, step: 0}\n"
                     "  minimize: {cost: {staff.count: 1}}\n")
                .find("s.yaml:11:41: error: the step of 'staff.count' must be a whole number greater than 0"),
            std::string::npos);
  // A variable that is not a scenario key: at the variable.
  EXPECT_NE(error_of("optimize:\n"
                     "  variables:\n"
                     "    staff.cuont: [2, 3]\n"
                     "  minimize: {cost: {staff.cuont: 1}}\n")
                .find("s.yaml:11:5: error: unknown key 'cuont' in 'staff'"),
            std::string::npos);
  // A cost on something that is not a decision variable.
  EXPECT_NE(error_of("optimize:\n"
                     "  variables: {staff.count: [2, 3]}\n"
                     "  minimize: {cost: {staff.size: 1}}\n")
                .find("s.yaml:11:21: error: 'staff.size' in 'optimize.minimize.cost' is not a decision variable"),
            std::string::npos);
  // A cost on a variable whose values are not numbers: at the first such value.
  EXPECT_NE(error_of("optimize:\n"
                     "  variables: {dispatch.strategy: [fifo, manual]}\n"
                     "  minimize: {cost: {dispatch.strategy: 1}}\n")
                .find("s.yaml:10:35: error: 'dispatch.strategy' has a cost but its value 'fifo' is not a number"),
            std::string::npos);
  // Both objectives, or none.
  EXPECT_NE(error_of("optimize:\n"
                     "  variables: {staff.count: [2, 3]}\n"
                     "  minimize: {cost: {staff.count: 1}, kpi: x}\n")
                .find("s.yaml:11:13: error: 'optimize.minimize' needs exactly one of"),
            std::string::npos);
  // An unsweepable key (every candidate runs the same seed).
  EXPECT_NE(error_of("optimize:\n"
                     "  variables: {run.seed: [1, 2]}\n"
                     "  minimize: {cost: {run.seed: 1}}\n")
                .find("s.yaml:10:15: error: 'run.seed' cannot be swept"),
            std::string::npos);
  // More candidates than allowed, with a KPI objective (no cost to screen them by).
  EXPECT_NE(error_of("optimize:\n"
                     "  variables: {staff.count: {min: 1, max: 100}}\n"
                     "  minimize: {kpi: dispatch.response_time_s}\n"
                     "  max_candidates: 10\n")
                .find("s.yaml:10:14: error: the decision variables give 100 candidates, more than "
                      "'optimize.max_candidates' (10)"),
            std::string::npos);
  // No section at all.
  EXPECT_NE(error_of("").find("error: the file has no 'optimize' section"), std::string::npos);
}

}  // namespace
}  // namespace dt
