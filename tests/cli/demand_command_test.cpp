// `drilltwin synth-history`, `fit-demand` and `forecast` end to end: the synthetic history says it
// is synthetic, the commands write their files, and in Chinese they print no untranslated English.
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
const std::string kScenario = std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/workorders_day.yaml";

TEST(DemandCommands, SynthesizeFitAndForecastInBothLanguages) {
  test::TempDir tmp;
  const std::string history = tmp / "orders.csv";
  const test::ProcessResult s =
      test::run_drilltwin({"synth-history", kScenario, "--days", "21", "--seed", "9", "--out", history});
  ASSERT_EQ(s.exit_status, 0) << s.err;
  EXPECT_EQ(test::read_file(history).rfind("# SYNTHETIC work-order history", 0), 0u);

  for (const char* lang : {"en", "zh-CN"}) {
    const std::string fit_dir = tmp / (std::string("fit-") + lang), fc_dir = tmp / (std::string("fc-") + lang);
    const test::ProcessResult fit =
        test::run_drilltwin({"fit-demand", "--lang", lang, kScenario, "--history", history, "--out", fit_dir});
    ASSERT_EQ(fit.exit_status, 0) << fit.err;
    EXPECT_TRUE(fs::exists(fit_dir + "/fitted_scenario.yaml"));
    const test::ProcessResult valid = test::run_drilltwin({"validate", fit_dir + "/fitted_scenario.yaml"});
    EXPECT_EQ(valid.exit_status, 0) << valid.err;
    const test::ProcessResult fc =
        test::run_drilltwin({"forecast", "--lang", lang, kScenario, "--history", history, "--out", fc_dir});
    ASSERT_EQ(fc.exit_status, 0) << fc.err;
    EXPECT_TRUE(fs::exists(fc_dir + "/forecast.csv"));
    EXPECT_NE(fc.out.find("89.2 %"), std::string::npos) << fc.out;
    if (std::string(lang) == "zh-CN") {
      EXPECT_EQ(test::untranslated_english(fit.out + fit.err), std::vector<std::string>{}) << fit.out;
      EXPECT_EQ(test::untranslated_english(fc.out + fc.err), std::vector<std::string>{}) << fc.out;
    }
  }
  // A bad flag value is an input error.
  EXPECT_EQ(test::run_drilltwin({"synth-history", kScenario, "--start", "2026-02-30", "--out", history}).exit_status,
            2);
  EXPECT_EQ(
      test::run_drilltwin({"synth-history", kScenario, "--weekday-factors", "1,1,1", "--out", history}).exit_status, 2);
}

}  // namespace
}  // namespace dt
