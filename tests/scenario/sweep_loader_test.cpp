// Tests for engine/scenario/sweep_loader.cpp: the points of a `sweep:` section, their order, their
// validation (every point, before anything runs, at the position of the offending value) and the
// fingerprint that --resume and merge rely on.

#include "engine/scenario/sweep_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/scenario/scenario_loader.h"

namespace dt {
namespace {

constexpr const char* kBase =
    "name: s\n"
    "run: {replications: 7, seed: 5}\n"
    "incidents:\n"
    "  arrivals: {rate_per_hour: 2}\n"
    "  service_time: {dist: exponential, mean: 30 min}\n"
    "staff:\n"
    "  count: 3\n";

SweepPlan plan_of(const std::string& sweep, const std::string& base = kBase) {
  return read_sweep(parse_yaml_string(base + sweep, "s.yaml"), "s.yaml");
}

std::string error_of(const std::string& sweep) {
  try {
    (void)plan_of(sweep);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for\n" << sweep;
  return {};
}

TEST(SweepLoader, GridIsEveryCombinationFirstKeySlowest) {
  const SweepPlan plan = plan_of(
      "sweep:\n"
      "  grid:\n"
      "    staff.count: [2, 4]\n"
      "    incidents.service_time.mean: [10 min, 20 min, 30 min]\n");
  ASSERT_EQ(plan.points.size(), 6u);
  EXPECT_EQ(plan.parameters, (std::vector<std::string>{"staff.count", "incidents.service_time.mean"}));
  EXPECT_EQ(plan.points[0].label, "staff.count=2, incidents.service_time.mean=10 min");
  EXPECT_EQ(plan.points[2].label, "staff.count=2, incidents.service_time.mean=30 min");
  EXPECT_EQ(plan.points[3].label, "staff.count=4, incidents.service_time.mean=10 min");
  EXPECT_EQ(plan.points[3].scenario.desk->staff_count, 4u);
  EXPECT_EQ(plan.points[4].scenario.desk->service_time.mean(), 1200.0);
  EXPECT_EQ(plan.points[4].settings[1].value, "20 min");
  // Every point keeps the base's seed and replications: common random numbers.
  for (const SweepPoint& p : plan.points) {
    EXPECT_EQ(p.scenario.run.seed, 5u);
    EXPECT_EQ(p.scenario.run.replications, 7u);
  }
  EXPECT_EQ(plan.base.desk->staff_count, 3u);
}

TEST(SweepLoader, VariantsAreCrossedWithTheGrid) {
  const SweepPlan plan = plan_of(
      "sweep:\n"
      "  variants:\n"
      "    - name: quiet\n"
      "      set: {incidents.arrivals.rate_per_hour: 1}\n"
      "    - name: busy\n"
      "      set:\n"
      "        incidents.arrivals.rate_per_hour: 6\n"
      "        incidents.service_time: {dist: fixed, value: 10 min}\n"
      "  grid:\n"
      "    staff.count: [1, 2]\n");
  ASSERT_EQ(plan.points.size(), 4u);
  EXPECT_EQ(plan.parameters, (std::vector<std::string>{"variant", "staff.count"}));
  EXPECT_EQ(plan.points[0].label, "quiet, staff.count=1");
  EXPECT_EQ(plan.points[3].label, "busy, staff.count=2");
  EXPECT_EQ(plan.points[3].scenario.desk->arrivals.rate_per_h[0], 6.0);
  EXPECT_EQ(plan.points[3].scenario.desk->service_time.mean(), 600.0);
  EXPECT_EQ(plan.points[0].scenario.desk->service_time.mean(), 1800.0);
}

TEST(SweepLoader, ABadValueInOnePointFailsTheWholeSweepAtItsPosition) {
  // Point 6 of 6 has staff.count 0: reported at the 0 in the sweep section, naming the point.
  const std::string msg = error_of(
      "sweep:\n"
      "  grid:\n"
      "    incidents.service_time.mean: [10 min, 20 min, 30 min]\n"
      "    staff.count: [2, 0]\n");
  EXPECT_NE(msg.find("s.yaml:11:22: error: 'staff.count' must be"), std::string::npos) << msg;
  // Points are numbered from 0 as in points.csv and results.sqlite (issue 13: messages counted from 1).
  EXPECT_NE(msg.find("in sweep point 1 (incidents.service_time.mean=10 min, staff.count=0; points are numbered from 0"),
            std::string::npos)
      << msg;
  // The same mistake in three points is reported once.
  EXPECT_EQ(msg.find("must be", msg.find("must be") + 1), std::string::npos) << msg;
}

TEST(SweepLoader, UnknownKeysTypesAndUnsweepableKeysAreErrors) {
  EXPECT_NE(error_of("sweep:\n  gird:\n    staff.count: [1]\n").find("s.yaml:9:3: error: unknown key 'gird' in 'sweep' (did you mean 'grid'?)"),
            std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    staff.cuont: [1, 2]\n").find("unknown key 'cuont' in 'staff' (did you mean 'count'?)"),
            std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    staff.count: 3\n").find("s.yaml:10:18"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    staff.count: []\n").find("needs at least one value"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    run.seed: [1, 2]\n").find("common random numbers"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    outputs.dir: [a, b]\n").find("cannot be swept"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    staff..count: [1]\n").find("empty name"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  grid:\n    staff.count.x: [1]\n").find("not a mapping"), std::string::npos);
  EXPECT_NE(error_of("sweep: {}\n").find("needs 'grid'"), std::string::npos);
  EXPECT_NE(error_of("sweep:\n  variants:\n    - {name: a}\n    - {name: a}\n").find("duplicate variant name 'a'"),
            std::string::npos);
  EXPECT_NE(error_of("sweep:\n  variants:\n    - {name: a, set: {staff.count: 2}}\n  grid:\n    staff.count: [1]\n")
                .find("set both by variant 'a' and by sweep.grid"),
            std::string::npos);
}

TEST(SweepLoader, TheBaseMustBeAScenarioOfItsOwn) {
  const std::string base = "name: s\nstaff: {count: 1}\n";
  try {
    (void)plan_of("sweep:\n  grid:\n    staff.count: [1, 2]\n", base);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing required key 'incidents'"), std::string::npos) << e.what();
  }
}

TEST(SweepLoader, FingerprintNamesTheSweepNotTheReplicationCount) {
  const std::string sweep = "sweep:\n  grid:\n    staff.count: [1, 2]\n";
  const SweepPlan a = plan_of(sweep);
  EXPECT_EQ(a.fingerprint.size(), 16u);
  EXPECT_EQ(plan_of(sweep).fingerprint, a.fingerprint);
  std::string more_reps = kBase;
  more_reps.replace(more_reps.find("replications: 7"), 15, "replications: 9");
  EXPECT_EQ(plan_of(sweep, more_reps).fingerprint, a.fingerprint);
  std::string other_seed = kBase;
  other_seed.replace(other_seed.find("seed: 5"), 7, "seed: 6");
  EXPECT_NE(plan_of(sweep, other_seed).fingerprint, a.fingerprint);
  EXPECT_NE(plan_of("sweep:\n  grid:\n    staff.count: [1, 3]\n").fingerprint, a.fingerprint);
}

TEST(SweepLoader, AFileWithoutSweepIsOnePoint) {
  const SweepPlan plan = read_sweep(parse_yaml_string(kBase, "s.yaml"), "s.yaml");
  ASSERT_EQ(plan.points.size(), 1u);
  EXPECT_TRUE(plan.parameters.empty());
  EXPECT_FALSE(has_sweep(parse_yaml_string(kBase, "s.yaml")));
}

TEST(SweepLoader, LoadScenarioChecksTheSweepAndGivesTheBase) {
  // read_scenario ignores sweep:, load_scenario (run, validate) checks it.
  const YamlNode doc = parse_yaml_string(std::string(kBase) + "sweep:\n  grid:\n    staff.count: [2, 0]\n", "s.yaml");
  EXPECT_EQ(read_scenario(doc, "s.yaml").desk->staff_count, 3u);
  EXPECT_THROW((void)read_sweep(doc, "s.yaml"), InputError);
}

TEST(SweepLoader, ShippedStaffingSweepHasTwelvePoints) {
  const SweepPlan plan = load_sweep(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/staffing_sweep.yaml");
  EXPECT_EQ(plan.points.size(), 12u);
  EXPECT_EQ(plan.parameters.front(), "staff.count");
}

}  // namespace
}  // namespace dt
