// engine/jobs/calibrate_job.cpp called in-process: known parameters are recovered within their
// reported 95 % intervals, the estimates do not depend on the thread count, the files it writes
// (the calibrated scenario loads and holds the estimates), and bad records stop it before it runs.
#include "engine/jobs/calibrate_job.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_loader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

const std::string kTower = DRILLTWIN_SOURCE_DIR "/tests/jobs/data/calibration_tower.yaml";
// The true values the synthetic drills are made with (inside the box, off its middle).
const std::vector<std::string> kTruth = {"evacuation.premovement.day.scale=1.4",
                                         "evacuation.movement.door_specific_flow=0.9"};
constexpr double kTrueScale = 1.4, kTrueFlow = 0.9;
const uint64_t kReps = std::getenv("CAL_REPS") ? std::strtoull(std::getenv("CAL_REPS"), nullptr, 10) : 20;

DrillRecords synthetic(uint64_t seed, uint64_t drills) {
  const ScenarioConfig truth = load_scenario(kTower, kTruth);
  jobs::JobOptions o;
  o.threads = 2;
  jobs::SyntheticRecords what;
  what.seed = seed;
  what.count = drills;
  return parse_drill_records(jobs::synthetic_drill_records(truth, what, o), "synthetic.csv");
}

TEST(CalibrateJob, RecoversKnownParametersWithinTheir95PercentIntervals) {
  // 20 repetitions (CAL_REPS=N in the environment runs N, to measure the coverage better): records of 4 drills simulated with the true values and another seed each
  // time (3 fitted, 1 held out); a 95 % interval should hold the truth about 19 times in 20.
  const CalibratePlan plan = load_calibrate(kTower);
  int scale_in = 0, flow_in = 0;
  double held_out_within = 0;
  for (uint64_t rep = 0; rep < kReps; ++rep) {
    jobs::CalibrateOptions o;
    o.threads = 2;
    o.write_files = false;
    const jobs::CalibrateResult r = jobs::calibrate(plan, synthetic(100 + rep, 4), o);
    ASSERT_EQ(r.status, jobs::JobStatus::Completed);
    const auto& p = r.answer.parameters;
    ASSERT_EQ(p.size(), 2u);
    scale_in += p[0].ci95_low <= kTrueScale && kTrueScale <= p[0].ci95_high;
    flow_in += p[1].ci95_low <= kTrueFlow && kTrueFlow <= p[1].ci95_high;
    // An interval is an interval, not the whole box.
    EXPECT_LT(p[0].ci95_high - p[0].ci95_low, 0.5 * (2.0 - 0.5)) << rep;
    held_out_within += r.answer.after.within_5pct;
    EXPECT_TRUE(r.answer.accuracy_held_out);
    EXPECT_EQ(r.answer.held_out_drills, 1u);
    std::printf("rep %2llu: scale %.3f [%.3f, %.3f]  flow %.3f [%.3f, %.3f]  held-out ±5%% %.2f (before %.2f) KS %.3f (before %.3f)\n",
                static_cast<unsigned long long>(rep), p[0].estimate, p[0].ci95_low, p[0].ci95_high, p[1].estimate,
                p[1].ci95_low, p[1].ci95_high, r.answer.after.within_5pct, r.answer.before.within_5pct,
                r.answer.after.mean_ks, r.answer.before.mean_ks);
  }
  if (kReps != 20) GTEST_SKIP() << "scale in its interval " << scale_in << ", flow " << flow_in << " of " << kReps;
  EXPECT_GE(scale_in, 18) << "the pre-movement scale lay in its interval " << scale_in << " times of 20";
  EXPECT_GE(flow_in, 18) << "the door flow lay in its interval " << flow_in << " times of 20";
  std::printf("held-out share of clear times within ±5 %%: %.3f (mean of %llu)\n", held_out_within / kReps,
              static_cast<unsigned long long>(kReps));
}

TEST(CalibrateJob, TheSameEstimatesForOneAndTwoThreads) {
  const CalibratePlan plan = load_calibrate(kTower);
  const DrillRecords records = synthetic(7, 3);
  jobs::CalibrateOptions one, two;
  one.threads = 1;
  two.threads = 2;
  one.write_files = two.write_files = false;
  const jobs::CalibrateResult a = jobs::calibrate(plan, records, one), b = jobs::calibrate(plan, records, two);
  ASSERT_EQ(a.answer.parameters.size(), b.answer.parameters.size());
  for (std::size_t j = 0; j < a.answer.parameters.size(); ++j) {
    EXPECT_EQ(a.answer.parameters[j].estimate, b.answer.parameters[j].estimate);
    EXPECT_EQ(a.answer.parameters[j].stderr_, b.answer.parameters[j].stderr_);
  }
  EXPECT_EQ(a.answer.distance_end, b.answer.distance_end);
  EXPECT_EQ(a.answer.evaluations, b.answer.evaluations);
}

TEST(CalibrateJob, WritesSummaryReportAndACalibratedScenarioThatLoads) {
  test::TempDir tmp;
  const CalibratePlan plan = load_calibrate(kTower);
  jobs::CalibrateOptions o;
  o.threads = 2;
  o.out_dir = tmp / "cal";
  const jobs::CalibrateResult r = jobs::calibrate(plan, synthetic(11, 3), o);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  const nlohmann::json s = nlohmann::json::parse(test::read_file(tmp / "cal/summary.json"));
  ASSERT_TRUE(s.contains("calibration"));
  EXPECT_EQ(s["calibration"]["parameters"].size(), 2u);
  EXPECT_EQ(s["calibration"]["parameters"][0]["key"], "evacuation.premovement.day.scale");
  EXPECT_EQ(s["calibration"]["held_out_drills"], 1);
  EXPECT_NE(test::read_file(tmp / "cal/report.html").find("id=\"calibration\""), std::string::npos);
  // The calibrated scenario: the loader accepts it and it holds the estimates.
  const ScenarioConfig cal = load_scenario(tmp / "cal/calibrated.yaml");
  ASSERT_TRUE(cal.evacuation.has_value());
  EXPECT_DOUBLE_EQ(cal.evacuation->movement.door_specific_flow_pps_per_m, r.answer.parameters[1].estimate);
}

TEST(CalibrateJob, RecordsOfAnUnknownBuildingOrFloorStopItBeforeItRuns) {
  const CalibratePlan plan = load_calibrate(kTower);
  const DrillRecords bad = parse_drill_records(
      "drill,building,floor,alarm,exit\n"
      "d1,T,3,10:30:00,10:33:00\n"
      "d1,X,3,10:30:00,10:33:00\n"
      "d1,T,12,10:30:00,10:33:00\n",
      "bad.csv");
  jobs::CalibrateOptions o;
  o.write_files = false;
  try {
    (void)jobs::calibrate(plan, bad, o);
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].pos.str(), "bad.csv:3:4");
    EXPECT_EQ(e.diagnostics()[1].pos.str(), "bad.csv:4:6");  // T has floors 1 to 11
  }
}

TEST(CalibrateCommand, MalformedRecordsExitTwoAtTheirCellAndWriteNothing) {
  test::TempDir tmp;
  const std::string records = tmp / "drills.csv";
  {
    std::FILE* f = std::fopen(records.c_str(), "w");
    std::fputs("drill,building,floor,alarm,start,exit\nd1,T,3,10:30:00,10:31:00,10:29:00\n", f);
    std::fclose(f);
  }
  const test::ProcessResult r =
      test::run_drilltwin({"calibrate", kTower, "--records", records, "--out", tmp / "out"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_NE(r.err.find(records + ":2:26: error:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(CalibrateLoader, BoundsAreCheckedAtTheirPosition) {
  test::TempDir tmp;
  const std::string file = tmp / "s.yaml";
  std::string text = test::read_file(kTower);
  text.replace(text.find("[0.6, 1.6]"), 10, "[1.6, 0.6]");
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
  }
  try {
    (void)load_calibrate(file);
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message.find("lower < upper"), std::string::npos);
  }
}

}  // namespace
}  // namespace dt
