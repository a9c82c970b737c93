// `drilltwin optimize` on the real executable: scenarios/shift_plan.yaml ends with an answer that
// names the binding target and its hour, in English and in Chinese; bad declarations exit 2 with
// file:line:col before anything is written.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

const std::vector<std::string> kNone;

TEST(OptimizeCommand, ShiftPlanRecommendsARosterAndNamesTheBindingTargetAndHour) {
  test::TempDir tmp;
  const test::ProcessResult r =
      run_drilltwin({"optimize", "scenarios/shift_plan.yaml", "--threads", "2", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("Recommended: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Runner-up: "), std::string::npos) << r.out;
  // The binding constraint: which target the cheaper rosters fail on and in which hour; each
  // cheaper roster shown with the target it misses and by how much.
  EXPECT_NE(r.out.find("Binding: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("their worst hour is most often "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Cheaper, rejected: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" by "), std::string::npos) << r.out;
  const std::string report = test::read_file(tmp / "o/report.html");
  EXPECT_NE(report.find("data-chart=\"frontier\""), std::string::npos);
  EXPECT_NE(report.find("worst hour "), std::string::npos);
  for (const char* f : {"summary.json", "report.html", "results.sqlite", "manifest.json"})
    EXPECT_TRUE(fs::exists(tmp / (std::string("o/") + f))) << f;

  const test::ProcessResult zh = run_drilltwin(
      {"optimize", "--lang", "zh-CN", "scenarios/shift_plan.yaml", "--threads", "2", "--out", tmp / "zh"});
  ASSERT_EQ(zh.exit_status, 0) << zh.err;
  EXPECT_NE(zh.out.find("推荐方案："), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("起约束作用的目标："), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("最差时段"), std::string::npos) << zh.out;
  EXPECT_EQ(test::untranslated_english(zh.out + zh.err), kNone);
  const test::ProcessResult again =
      run_drilltwin({"optimize", "--lang", "zh-CN", "scenarios/shift_plan.yaml", "--out", tmp / "zh"});
  EXPECT_EQ(again.exit_status, 2) << again.err;  // results.sqlite exists without --resume
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  EXPECT_EQ(test::untranslated_english(again.err), kNone);
}

TEST(OptimizeCommand, BadDeclarationsExitTwoWithTheirPositionAndWriteNothing) {
  test::TempDir tmp;
  const std::string base =
      "name: bad\n"
      "run: {replications: 5, seed: 1}\n"
      "incidents:\n"
      "  arrivals: {rate_per_hour: 12}\n"
      "  service_time: {dist: exponential, mean: 15 min}\n"
      "staff: {count: 3}\n"
      "targets:\n"
      "  dispatch.within_15min_fractoin: {at_least: 0.9}\n"  // line 8: no such KPI
      "optimize:\n"
      "  variables:\n";
  struct Case {
    std::string variables;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"    staff.count: {min: 7, max: 3}\n", "bad.yaml:11:18: error: the bounds of 'staff.count' are reversed"},
      {"    staff.count: {min: 3, max: 7, step: -1}\n", "bad.yaml:11:41: error: the step of 'staff.count'"},
      {"    staff.cuont: {min: 3, max: 7}\n", "bad.yaml:11:5: error: unknown key 'cuont' in 'staff'"},
      {"    staff.count: {min: 3, max: 7}\n", "bad.yaml:8:3: error: target 'dispatch.within_15min_fractoin' names no KPI"},
  };
  for (const Case& c : cases) {
    const std::string path = tmp / "bad.yaml";
    std::ofstream(path) << base << c.variables << "  minimize: {kpi: dispatch.response_time_s}\n";
    const test::ProcessResult r = run_drilltwin({"optimize", path, "--out", tmp / "o"});
    EXPECT_EQ(r.exit_status, 2) << c.variables << r.err;
    EXPECT_NE(r.err.find(tmp / c.expected), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "o")) << c.variables;
  }
}

}  // namespace
}  // namespace dt
