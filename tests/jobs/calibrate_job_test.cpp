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
#include "engine/sim/drill_outcome.h"
#include "engine/sim/site.h"
#include "tests/support/process.h"
#include "tests/support/untranslated.h"

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

TEST(CalibrateJob, DoorCounterRecordsRecoverThePreMovementScale) {
  // Counts per 30 s of people off each floor and out of the building: the same parameters are
  // seen through intervals instead of stopwatch times.
  const ScenarioConfig truth = load_scenario(kTower, kTruth);
  jobs::JobOptions jo;
  jo.threads = 2;
  jobs::SyntheticRecords what;
  what.seed = 31;
  what.count = 4;
  what.counter_interval_s = 30;
  const DrillRecords records = parse_drill_records(jobs::synthetic_drill_records(truth, what, jo), "counter.csv");
  ASSERT_TRUE(records.door_counter);
  jobs::CalibrateOptions o;
  o.threads = 2;
  o.write_files = false;
  const jobs::CalibrateResult r = jobs::calibrate(load_calibrate(kTower), records, o);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  const auto& p = r.answer.parameters;
  EXPECT_LE(p[0].ci95_low, kTrueScale);
  EXPECT_GE(p[0].ci95_high, kTrueScale);
  EXPECT_LE(p[1].ci95_low, kTrueFlow);
  EXPECT_GE(p[1].ci95_high, kTrueFlow);
  // Floors 2–11 and the building: 11 streams of 5 quantiles (a floor's stream needs 5 people).
  EXPECT_GT(r.answer.statistics, 30u);
}

TEST(CalibrateCommand, SpeaksChineseOnValidAndMalformedRecords) {
  test::TempDir tmp;
  const std::string records = tmp / "drills.csv";
  const test::ProcessResult w = test::run_drilltwin(
      {"--lang", "zh-CN", "drill-records", kTower, "--drills", "3", "--seed", "5", "--out", records});
  ASSERT_EQ(w.exit_status, 0) << w.err;
  EXPECT_EQ(test::untranslated_english(w.out + w.err), std::vector<std::string>{}) << w.out << w.err;
  const test::ProcessResult r = test::run_drilltwin(
      {"--lang", "zh-CN", "calibrate", kTower, "--records", records, "--out", tmp / "out", "--threads", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("95% 区间"), std::string::npos) << r.out;
  EXPECT_EQ(test::untranslated_english(r.out + r.err), std::vector<std::string>{}) << r.out << r.err;
  // The page's visible text (without its markup and style sheet).
  std::string html = test::read_file(tmp / "out/report.html"), text;
  html.erase(html.find("<style>"), html.find("</style>") - html.find("<style>"));
  bool in_tag = false;
  for (const char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') {
      in_tag = false;
      text += '\n';
    }
  }
  EXPECT_EQ(test::untranslated_english(text), std::vector<std::string>{}) << text;
  {
    std::FILE* f = std::fopen(records.c_str(), "w");
    std::fputs("drill,building,alarm,exit\nd1,Q,10:30:00,nan\n", f);
    std::fclose(f);
  }
  const test::ProcessResult bad =
      test::run_drilltwin({"--lang", "zh-CN", "calibrate", kTower, "--records", records, "--out", tmp / "out2"});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_EQ(test::untranslated_english(bad.err), std::vector<std::string>{}) << bad.err;
  EXPECT_FALSE(fs::exists(tmp / "out2"));
}

TEST(CalibrateJob, WithOneDrillTheAccuracyIsInSampleAndSaysSo) {
  const CalibratePlan plan = load_calibrate(kTower);
  jobs::CalibrateOptions o;
  o.threads = 2;
  o.write_files = false;
  const jobs::CalibrateResult r = jobs::calibrate(plan, synthetic(21, 1), o);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  EXPECT_EQ(r.answer.fitted_drills, 1u);
  EXPECT_EQ(r.answer.held_out_drills, 0u);
  EXPECT_FALSE(r.answer.accuracy_held_out);
  bool said = false;
  for (const std::string& line : r.headline) said = said || line.find("No drill was held out") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(CalibrateJob, MutatedRecordsFailOnlyAsInputErrorsWithAPlace) {
  // A small deterministic stand-in for fuzz/fuzz_drill_records.cpp: 3,000 byte-level mutations
  // (replace, delete, insert, duplicate a line) of valid records in both forms, read and bound to
  // the tower's site. Anything but an InputError naming the file is a defect.
  const ScenarioConfig sc = load_scenario(kTower);
  const Site site = build_site(sc);
  jobs::JobOptions jo;
  jobs::SyntheticRecords what;
  what.seed = 2;
  what.count = 1;
  std::string persons = jobs::synthetic_drill_records(sc, what, jo);
  persons.resize(std::min<std::size_t>(persons.size(), 1500));
  what.counter_interval_s = 60;
  std::string counter = jobs::synthetic_drill_records(sc, what, jo);
  counter.resize(std::min<std::size_t>(counter.size(), 1500));
  const std::string alphabet = "0123456789:,.-\n\"#abTinfNaé\r ";
  uint64_t x = 88172645463325252ull;  // xorshift64
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  int input_errors = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string t = i % 2 ? persons : counter;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !t.empty(); ++e) {
      const std::size_t at = next() % t.size();
      switch (next() % 4) {
        case 0: t[at] = alphabet[next() % alphabet.size()]; break;
        case 1: t.erase(at, 1 + next() % 8); break;
        case 2: t.insert(at, 1, alphabet[next() % alphabet.size()]); break;
        default: {
          const std::size_t end = t.find('\n', at);
          t.insert(at, t.substr(at, end == std::string::npos ? std::string::npos : end - at));
        }
      }
    }
    try {
      (void)bind_drill_records(parse_drill_records(t, "m.csv"), site);
    } catch (const InputError& e) {
      ++input_errors;
      for (const Diagnostic& d : e.diagnostics()) ASSERT_EQ(d.pos.file, "m.csv") << d.str();
    }
  }
  EXPECT_GT(input_errors, 1000);  // most mutations break something, and it is reported
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
