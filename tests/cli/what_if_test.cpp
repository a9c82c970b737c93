// What-ifs on the real executable: `--drill-add` adds a drill step and `--set drill.NAME...`
// changes one by name on run, compare and sweep; the sweep's fingerprint carries the added steps;
// `--set KEY.scale=s` scales a whole distribution.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

using test::run_drilltwin;

// Six-storey block, stair S2 closed at 40 s (tests/hazards/data/stair_closure.yaml).
const std::string kFile = "tests/hazards/data/stair_closure.yaml";
const std::string kShutS1 = "{name: s1_shut, at: 20 s, close: T/S1}";

nlohmann::json kpis(const std::string& dir) {
  return nlohmann::json::parse(test::read_file(dir + "/summary.json"))["kpis"];
}

// The step added on the command line runs exactly as the same step written in the file would
// (same numbers), and it changes the drill (closing the second stair too traps residents).
TEST(WhatIf, DrillAddRunsAsTheStepWrittenInTheFile) {
  test::TempDir tmp;
  ASSERT_EQ(run_drilltwin({"run", kFile, "-r", "2", "-q", "--out", tmp / "base"}).exit_status, 0);
  const auto added = run_drilltwin({"run", kFile, "-r", "2", "-q", "--out", tmp / "added", "--drill-add", kShutS1});
  ASSERT_EQ(added.exit_status, 0) << added.err;
  const auto written = run_drilltwin({"run", kFile, "-r", "2", "-q", "--out", tmp / "written", "--set",
                                      "drill=[{at: 40 s, close: T/S2}, {at: 20 s, close: T/S1}]"});
  ASSERT_EQ(written.exit_status, 0) << written.err;
  EXPECT_EQ(kpis(tmp / "added").dump(), kpis(tmp / "written").dump());
  EXPECT_LT(kpis(tmp / "added")["evacuation.evacuated_fraction"]["mean"].get<double>(),
            kpis(tmp / "base")["evacuation.evacuated_fraction"]["mean"].get<double>());
}

// `--set drill.NAME.at` moves the named step (here the one --drill-add gave), as `drill.1.at` does.
TEST(WhatIf, SetMovesADrillStepByNameOrNumber) {
  test::TempDir tmp;
  const auto by_name = run_drilltwin(
      {"run", kFile, "-r", "2", "-q", "--out", tmp / "name", "--drill-add", kShutS1, "--set", "drill.s1_shut.at=3 min"});
  ASSERT_EQ(by_name.exit_status, 0) << by_name.err;
  const auto by_number = run_drilltwin(
      {"run", kFile, "-r", "2", "-q", "--out", tmp / "number", "--drill-add", kShutS1, "--set", "drill.1.at=3 min"});
  ASSERT_EQ(by_number.exit_status, 0) << by_number.err;
  const auto written = run_drilltwin({"run", kFile, "-r", "2", "-q", "--out", tmp / "written", "--set",
                                      "drill=[{at: 40 s, close: T/S2}, {at: 3 min, close: T/S1}]"});
  ASSERT_EQ(written.exit_status, 0) << written.err;
  EXPECT_EQ(kpis(tmp / "name").dump(), kpis(tmp / "written").dump());
  EXPECT_EQ(kpis(tmp / "number").dump(), kpis(tmp / "written").dump());
}

TEST(WhatIf, AnUnknownStepNameIsAnInputErrorWithASuggestion) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"run", kFile, "--out", tmp / "o", "--drill-add", kShutS1, "--set", "drill.s1_shot.at=3 min"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("--set:1:7: error: 'drill.s1_shot.at': the list 'drill' has no item named 's1_shot' (did you "
                       "mean 's1_shut'?)"),
            std::string::npos)
      << r.err;
  const auto bad_step = run_drilltwin({"validate", kFile, "--drill-add", "{at: 20 s, close: T/S9}"});
  EXPECT_EQ(bad_step.exit_status, 2);
  EXPECT_NE(bad_step.err.find("--drill-add:1:19: error: "), std::string::npos) << bad_step.err;
}

TEST(WhatIf, CompareVariesANamedStepAddedOnTheCommandLine) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"compare", kFile, "-r", "2", "-q", "--out", tmp / "c", "--drill-add", kShutS1, "--vary",
                                "drill.s1_shut.at=20 s,10 min"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const std::string csv = test::read_file(tmp / "c/comparison.csv");
  EXPECT_NE(csv.find("10 min"), std::string::npos) << csv;
  const auto typo = run_drilltwin({"compare", kFile, "-r", "2", "--out", tmp / "t", "--drill-add", kShutS1, "--vary",
                                   "drill.s1_shot.at=20 s,10 min"});
  EXPECT_EQ(typo.exit_status, 2);
  EXPECT_NE(typo.err.find("--vary:1:7: error: 'drill.s1_shot.at'"), std::string::npos) << typo.err;
}

// A sweep over a step added by --drill-add; --resume with another step is another sweep (its
// fingerprint differs) and is refused, with the same step it continues.
TEST(WhatIf, SweepFingerprintCarriesTheAddedSteps) {
  test::TempDir tmp;
  const std::string grid = "sweep={grid: {drill.s1_shut.at: [20 s, 5 min]}}";
  const auto first = run_drilltwin({"sweep", kFile, "-r", "2", "-q", "--out", tmp / "s", "--drill-add", kShutS1, "--set", grid});
  ASSERT_EQ(first.exit_status, 0) << first.err;
  const auto other = run_drilltwin({"sweep", kFile, "-r", "2", "-q", "--out", tmp / "s", "--drill-add",
                                    "{name: s1_shut, at: 20 s, close: T/S2}", "--set", grid, "--resume"});
  EXPECT_EQ(other.exit_status, 2);
  EXPECT_NE(other.err.find("holds the results of another sweep"), std::string::npos) << other.err;
  const auto none = run_drilltwin({"sweep", kFile, "-r", "2", "-q", "--out", tmp / "s", "--set", grid, "--resume"});
  EXPECT_EQ(none.exit_status, 2);  // without the step, drill.s1_shut names nothing
  const auto same = run_drilltwin({"sweep", kFile, "-r", "2", "-q", "--out", tmp / "s", "--drill-add", kShutS1, "--set", grid, "--resume"});
  EXPECT_EQ(same.exit_status, 0) << same.err;
}

// stair_closure's day pre-movement is uniform [0, 60 s]: scale 0 is refused at the --set, ½ is accepted.
TEST(WhatIf, ScaleIsCheckedAtTheSet) {
  const auto zero = run_drilltwin({"validate", kFile, "--set", "evacuation.premovement.day.scale=0"});
  EXPECT_EQ(zero.exit_status, 2);
  EXPECT_NE(zero.err.find("--set:1:34: error: scale of 'evacuation.premovement.day' must be a number > 0 (got 0)"),
            std::string::npos)
      << zero.err;
  EXPECT_EQ(run_drilltwin({"validate", kFile, "--set", "evacuation.premovement.day.scale=0.5"}).exit_status, 0);
}

// `.scale` is a key like any other for compare --vary and sweep grids. Scale 1 is the file itself
// (the same mean pre-movement as a plain run); scale 2 makes every resident's pre-movement twice as
// long from the same random draws, so the mean pre-movement doubles (to rounding).
TEST(WhatIf, ScaleCanBeVariedAndSwept) {
  test::TempDir tmp;
  ASSERT_EQ(run_drilltwin({"run", kFile, "-r", "2", "-q", "--out", tmp / "base"}).exit_status, 0);
  const double base = kpis(tmp / "base")["evacuation.mean_premovement_s"]["mean"].get<double>();
  const auto c = run_drilltwin({"compare", kFile, "-r", "2", "-q", "--out", tmp / "c", "--vary",
                                "evacuation.premovement.day.scale=1,2"});
  ASSERT_EQ(c.exit_status, 0) << c.err;
  const auto summary = nlohmann::json::parse(test::read_file(tmp / "c/summary.json"));
  ASSERT_EQ(summary["variants"].size(), 2u);
  EXPECT_EQ(summary["variants"][0]["kpis"]["evacuation.mean_premovement_s"]["mean"].get<double>(), base);
  EXPECT_NEAR(summary["variants"][1]["kpis"]["evacuation.mean_premovement_s"]["mean"].get<double>(), 2.0 * base,
              1e-9 * base);
  const auto s = run_drilltwin({"sweep", kFile, "-r", "2", "-q", "--out", tmp / "s", "--set",
                                "sweep={grid: {evacuation.premovement.day.scale: [1, 2]}}"});
  ASSERT_EQ(s.exit_status, 0) << s.err;
  const std::string points = test::read_file(tmp / "s/points.csv");
  EXPECT_NE(points.find("\n0,1,"), std::string::npos) << points;
  EXPECT_NE(points.find("\n1,2,"), std::string::npos) << points;
}

}  // namespace
}  // namespace dt
