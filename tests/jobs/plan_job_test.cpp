// engine/jobs/plan_job.cpp called in-process: on a two-stair block whose best stair assignment is
// computed by hand, `plan` finds it in at least 95 % of 40 seeds; the plan files are the same for
// 1 and 2 threads; a coordinate search finds the same answer; an objective that is not a KPI of the
// scenario is an input error at its position; `drilltwin plan` on a bad declaration exits 2 and
// writes nothing.
#include "engine/jobs/plan_job.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engine/kernel/input_error.h"
#include "engine/scenario/plan_loader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

const std::string kTwoStairs = DRILLTWIN_SOURCE_DIR "/tests/jobs/data/plan_two_stairs.yaml";

// The hand calculation (SFPE Handbook, hydraulic model; docs/model.md "Crowd movement").
// Stairs with 0.178 m risers and 0.279 m treads (7/11): k = 1.08 m/s, a = 0.266 s/m (SFPE), so the
// largest specific flow is Fsm = k/(4a) = 1.015 p/s per metre of effective width; the boundary
// layer is 0.15 m a side. S1, 1.2 m wide: C1 = 1.015 · 0.90 = 0.914 p/s; S2, 2.0 m wide:
// C2 = 1.015 · 1.70 = 1.726 p/s. The flights are the narrowest places on every way down, so a
// stair that takes N people passes its last one (N − 1)/C after the first, who steps in once the
// 30 s of pre-movement have passed at the latest; the last then walks the rest of the way: about
// 7 s from floor 2 and 25 s from floor 4 (one or three storeys of 3 m flights at the crowd's speed,
// plus the exit) — small beside the queues.
//   low → S1, high → S1: S1 takes 260:  30 + 259/0.914 +  7 ≈ 320 s
//   low → S1, high → S2: max(30 + 199/0.914 + 7, 30 + 59/1.726 + 25) ≈ max(255, 89)  = 255 s
//   low → S2, high → S1: max(30 + 199/1.726 + 7, 30 + 59/0.914 + 25) ≈ max(152, 120) = 152 s
//   low → S2, high → S2: S2 takes 260:  30 + 259/1.726 +  7 ≈ 187 s
// The best assignment is low → S2, high → S1, by more than 30 s: the plan "S2/S1".
struct Hand {
  static constexpr double kFsm = 1.08 / (4 * 0.266);
  static constexpr double kC1 = kFsm * (1.2 - 0.30), kC2 = kFsm * (2.0 - 0.30);
  static double time(double low_c, double high_c, bool shared) {
    if (shared) return 30 + 259 / low_c + 7;
    return std::max(30 + 199 / low_c + 7, 30 + 59 / high_c + 25);
  }
  static std::string best() {
    const std::array<std::pair<std::string, double>, 4> t{{
        {"S1/S1", time(kC1, kC1, true)},
        {"S1/S2", time(kC1, kC2, false)},
        {"S2/S1", time(kC2, kC1, false)},
        {"S2/S2", time(kC2, kC2, true)},
    }};
    return std::min_element(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  }
};

jobs::PlanResult plan_once(const fs::path& out, uint64_t seed, uint32_t threads, std::vector<std::string> extra = {}) {
  std::vector<std::string> overrides{fmt::format("run.seed={}", seed)};
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  const PlanProblem problem = load_plan(kTwoStairs, overrides);
  jobs::PlanOptions options;
  options.out_dir = out;
  options.threads = threads;
  return jobs::plan(problem, options);
}

std::string chosen_stairs(const jobs::PlanResult& r) {
  for (const auto& [option, alternative] : r.answer.chosen)
    if (option == "stairs") return alternative;
  return "as written";
}

TEST(PlanJob, TheBestStairAssignmentIsFoundInAtLeast95PercentOf40Seeds) {
  // The case is meant to have a clear best by hand: S2/S1, more than 30 s ahead of the next.
  ASSERT_EQ(Hand::best(), "S2/S1");
  ASSERT_GT(Hand::time(Hand::kC2, Hand::kC2, true) - Hand::time(Hand::kC2, Hand::kC1, false), 30.0);
  test::TempDir tmp;
  int found = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const jobs::PlanResult r = plan_once(tmp / fmt::format("s{}", seed), seed, 2);
    ASSERT_EQ(r.status, jobs::JobStatus::Completed) << r.message;
    found += chosen_stairs(r) == Hand::best() ? 1 : 0;
    if (seed == 1) {
      // The chosen plan is compared with the scenario as written (every resident on S1: 320 s by
      // hand) on the same replications, and the search tried all four assignments.
      EXPECT_EQ(r.answer.method, "every combination");
      EXPECT_EQ(r.answer.evaluated, 4u);
      ASSERT_FALSE(r.answer.comparisons.empty());
      EXPECT_EQ(r.answer.comparisons.front().kpi.name, "evacuation.total_time_s");
      EXPECT_EQ(r.answer.comparisons.front().difference.n, 10u);
      EXPECT_TRUE(r.answer.comparisons.front().difference.significant);
      EXPECT_NEAR(r.answer.comparisons.front().as_written.mean, Hand::time(Hand::kC1, Hand::kC1, true),
                  0.15 * Hand::time(Hand::kC1, Hand::kC1, true));
      // Its last resident is out within 15 % of the hand value of its assignment.
      EXPECT_NEAR(r.answer.comparisons.front().chosen.mean, Hand::time(Hand::kC2, Hand::kC1, false),
                  0.15 * Hand::time(Hand::kC2, Hand::kC1, false));
    }
  }
  EXPECT_GE(found, 38) << Hand::best() << " chosen in " << found << " of 40 seeds";
}

TEST(PlanJob, ACoordinateSearchFindsTheSameAssignment) {
  test::TempDir tmp;
  const jobs::PlanResult r = plan_once(tmp / "c", 1, 2, {"plan.exhaustive_up_to=1"});
  ASSERT_EQ(r.status, jobs::JobStatus::Completed) << r.message;
  EXPECT_EQ(r.answer.method, "coordinate search");
  EXPECT_GE(r.answer.passes, 2u);  // the pass that changed the assignment, then one that confirms it
  EXPECT_EQ(chosen_stairs(r), Hand::best());
}

TEST(PlanJob, ThePlanFilesAreTheSameForOneAndTwoThreads) {
  test::TempDir tmp;
  std::string json[2], yaml[2];
  for (uint32_t threads : {1u, 2u}) {
    const jobs::PlanResult r = plan_once(tmp / fmt::format("t{}", threads), 3, threads);
    ASSERT_EQ(r.status, jobs::JobStatus::Completed) << r.message;
    json[threads - 1] = test::read_file(tmp / fmt::format("t{}/plan.json", threads));
    yaml[threads - 1] = test::read_file(tmp / fmt::format("t{}/chosen.yaml", threads));
  }
  // Wall time differs between runs; everything else must not.
  auto without_seconds = [](std::string s) {
    const std::size_t at = s.find("\"seconds\":");
    if (at != std::string::npos) s.erase(at, s.find_first_of(",}", at) - at);
    return s;
  };
  EXPECT_EQ(without_seconds(json[0]), without_seconds(json[1]));
  EXPECT_EQ(yaml[0], yaml[1]);
  EXPECT_NE(yaml[0].find("stair: S2"), std::string::npos);
}

TEST(PlanJob, AnObjectiveThatIsNotAKpiIsAnInputErrorAtItsPosition) {
  test::TempDir tmp;
  const PlanProblem problem = load_plan(kTwoStairs, {"plan.minimize=evacuation.total_tme_s"});
  jobs::PlanOptions options;
  options.out_dir = tmp / "bad";
  try {
    (void)jobs::plan(problem, options);
    FAIL() << "an unknown objective was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'plan.minimize' names 'evacuation.total_tme_s'"), std::string::npos) << what;
    EXPECT_NE(what.find("evacuation.total_time_s"), std::string::npos) << what;  // the hint
  }
  EXPECT_FALSE(fs::exists(fs::path(tmp / "bad") / "plan.json"));
}

// The shipped night-fire plan (scenarios/plan_night_fire.yaml): `drilltwin plan` finishes, the plan
// it chooses beats the response as written on the objective with a paired difference whose 95 %
// interval lies below zero, meets its constraints, and plan.html shows the difference as significant.
TEST(PlanCommand, TheNightFirePlanBeatsTheResponseAsWrittenSignificantly) {
  test::TempDir tmp;
  const test::ProcessResult r =
      test::run_drilltwin({"plan", "scenarios/plan_night_fire.yaml", "--out", tmp / "night", "--threads", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("(significant, paired over 40 runs)"), std::string::npos) << r.out;
  const std::string json = test::read_file(fs::path(tmp / "night") / "plan.json");
  EXPECT_NE(json.find("\"chosen_is_as_written\": false"), std::string::npos);
  EXPECT_NE(json.find("\"meets_targets\": true"), std::string::npos);
  const std::size_t cmp = json.find("\"comparison\"");
  ASSERT_NE(cmp, std::string::npos);
  const std::size_t sig = json.find("\"significant\": true", cmp);
  const std::size_t next = json.find("\"kpi\"", json.find("\"kpi\"", cmp) + 1);
  EXPECT_LT(sig, next) << "the objective's difference is the first comparison and must be significant";
  const std::size_t high = json.find("\"ci95_high\"", json.find("\"difference\"", cmp));
  ASSERT_NE(high, std::string::npos);
  EXPECT_LT(std::stod(json.substr(json.find(':', high) + 1)), 0.0) << "the plan must be faster than as written";
  const std::string html = test::read_file(fs::path(tmp / "night") / "plan.html");
  EXPECT_NE(html.find("✱"), std::string::npos);
  EXPECT_TRUE(fs::exists(fs::path(tmp / "night") / "chosen.yaml"));
}

TEST(PlanCommand, BadDeclarationsExitTwoWithTheirPositionAndWriteNothing) {
  test::TempDir tmp;
  for (const char* file : {"plan_unknown_alarm.yaml", "plan_groups_overlap.yaml", "plan_set_clash.yaml",
                           "plan_constraint_not_target.yaml"}) {
    const test::ProcessResult r =
        test::run_drilltwin({"plan", std::string("tests/malformed/") + file, "--out", tmp / file});
    EXPECT_EQ(r.exit_status, 2) << file << ": " << r.err;
    EXPECT_NE(r.err.find(std::string("tests/malformed/") + file + ":"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / file)) << file;
  }
}

}  // namespace
}  // namespace dt
