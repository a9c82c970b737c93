// The files of a run (engine/output/run_results.h, docs/formats.md): summary.json's statistics,
// replications.csv's numbers and the terminal table.
#include "engine/output/run_results.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "tests/support/run_summary.h"

namespace dt {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Column a = {1, 2, 3, 4}; b = {NaN, 0.5, NaN, 0.25} (undefined in two replications);
// c = all NaN (never defined); d = {0.1 + 0.2, ...} to check the shortest round-trip form.
KpiTable example() {
  KpiTable t({{"a", "s", "", KpiRange::Any}, {"b", "1", "", KpiRange::Fraction}, {"c", "-", "", KpiRange::Any},
              {"d", "-", "", KpiRange::Any}},
             4);
  const double b[] = {kNaN, 0.5, kNaN, 0.25};
  for (std::size_t r = 0; r < 4; ++r) {
    t.row(r)[0] = static_cast<double>(r + 1);
    t.row(r)[1] = b[r];
    t.row(r)[2] = kNaN;
    t.row(r)[3] = 0.1 + 0.2;
  }
  return t;
}

// a = {1,2,3,4}: mean 2.5; s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3; CI = mean ± t(0.975, 3)·s/√4
// with t(0.975, 3) = 3.182446305 (Student t table); type-7 quantiles: h = 3p →
// p50 = x[1.5] = 2.5, p90 = x[2.7] = 3.7, p95 = x[2.85] = 3.85.
TEST(RunResults, SummaryStatisticsMatchTheHandCalculation) {
  const auto j = nlohmann::json::parse(
      test::run_summary({"9.9.9", "demo", 42, 4, 3}, example()));
  EXPECT_EQ(j["drilltwin_version"], "9.9.9");
  EXPECT_EQ(j["scenario"], "demo");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["replications"], 4);
  EXPECT_EQ(j["threads"], 3);
  const auto& a = j["kpis"]["a"];
  const double sd = std::sqrt(5.0 / 3.0), half = 3.182446305284263 * sd / 2.0;
  EXPECT_EQ(a["n"], 4);
  EXPECT_DOUBLE_EQ(a["mean"].get<double>(), 2.5);
  EXPECT_NEAR(a["stddev"].get<double>(), sd, 1e-12);
  EXPECT_NEAR(a["ci95_low"].get<double>(), 2.5 - half, 1e-9);
  EXPECT_NEAR(a["ci95_high"].get<double>(), 2.5 + half, 1e-9);
  EXPECT_EQ(a["min"].get<double>(), 1.0);
  EXPECT_NEAR(a["p50"].get<double>(), 2.5, 1e-12);
  EXPECT_NEAR(a["p90"].get<double>(), 3.7, 1e-12);
  EXPECT_NEAR(a["p95"].get<double>(), 3.85, 1e-12);
  EXPECT_EQ(a["max"].get<double>(), 4.0);
}

TEST(RunResults, UndefinedValuesAreSkippedAndUndefinedStatisticsAreNull) {
  const auto j = nlohmann::json::parse(test::run_summary({"v", "s", 1, 4, 1}, example()));
  const auto& b = j["kpis"]["b"];  // two defined values: 0.5 and 0.25
  EXPECT_EQ(b["n"], 2);
  EXPECT_DOUBLE_EQ(b["mean"].get<double>(), 0.375);
  const auto& c = j["kpis"]["c"];
  EXPECT_EQ(c["n"], 0);
  for (const char* field : {"mean", "stddev", "ci95_low", "ci95_high", "min", "p50", "p90", "p95", "max"})
    EXPECT_TRUE(c[field].is_null()) << field;
}

TEST(RunResults, KpisKeepTheTableOrder) {
  const std::string text = test::run_summary({"v", "s", 1, 4, 1}, example());
  EXPECT_LT(text.find("\"a\""), text.find("\"b\""));
  EXPECT_LT(text.find("\"b\""), text.find("\"c\""));
  EXPECT_LT(text.find("\"c\""), text.find("\"d\""));
  EXPECT_EQ(text.back(), '\n');
}

// Whole numbers print without ".0", an undefined value is an empty field, and 0.1 + 0.2 prints
// as 0.30000000000000004 (the shortest text that reads back to the same double, not "0.3").
TEST(RunResults, ReplicationsCsvUsesShortestRoundTripNumbers) {
  EXPECT_EQ(replications_csv(example()),
            "replication,a,b,c,d\n"
            "0,1,,,0.30000000000000004\n"
            "1,2,0.5,,0.30000000000000004\n"
            "2,3,,,0.30000000000000004\n"
            "3,4,0.25,,0.30000000000000004\n");
}

TEST(RunResults, ConsoleTableShowsFourSignificantFigures) {
  const std::string t = kpi_console_table(example());
  EXPECT_EQ(t.substr(0, 3), "KPI");
  const std::size_t row = t.find("\na ");
  ASSERT_NE(row, std::string::npos) << t;
  const std::string line = t.substr(row + 1, t.find('\n', row + 1) - row - 1);
  EXPECT_NE(line.find("2.500"), std::string::npos) << line;  // mean and p50
  EXPECT_NE(line.find("3.850"), std::string::npos) << line;  // p95
  EXPECT_EQ(line.back(), '4');                                // n
  const std::size_t c_row = t.find("\nc ");
  ASSERT_NE(c_row, std::string::npos);
  EXPECT_NE(t.find("–", c_row), std::string::npos);  // undefined mean shows a dash, not "nan"
  EXPECT_EQ(t.find("nan"), std::string::npos);
}

}  // namespace
}  // namespace dt
