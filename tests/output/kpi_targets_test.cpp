// KPI targets and their red/amber/green status (engine/output/kpi_targets.h; DESIGN §1: amber when
// a KPI misses its target by at most 5 %, red beyond).
#include "engine/output/kpi_targets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "tests/support/run_summary.h"

namespace dt {
namespace {

// One replication per mean, so a KPI's mean is its only value.
KpiTable table_of_means(const std::vector<std::pair<std::string, double>>& means) {
  std::vector<KpiDefinition> defs;
  for (const auto& [name, v] : means) defs.push_back({name, "", "", KpiRange::Any});
  KpiTable t(defs, 1);
  for (std::size_t k = 0; k < means.size(); ++k) t.row(0)[k] = means[k].second;
  return t;
}

TEST(KpiTargets, StatusWordsAreTheDocumentedOnes) {
  EXPECT_STREQ(to_string(Rag::Green), "green");
  EXPECT_STREQ(to_string(Rag::Amber), "amber");
  EXPECT_STREQ(to_string(Rag::Red), "red");
  EXPECT_STREQ(to_string(Rag::None), "none");
}

// at_least 0.9: mean 0.95 meets it → green; 0.88 misses by 0.02 = 2.2 % of 0.9 → amber;
// 0.80 misses by 0.10 = 11 % → red. at_most 600 s: 620 misses by 3.3 % → amber; 700 by 17 % → red.
TEST(KpiTargets, JsonGivesTargetMeanAndStatusInTargetOrder) {
  const KpiTable t = table_of_means({{"g", 0.95}, {"a", 0.88}, {"r", 0.80}, {"w", 620.0}, {"x", 700.0}});
  const std::vector<KpiTarget> targets{{"x", KpiTarget::Sense::AtMost, 600.0},
                                       {"g", KpiTarget::Sense::AtLeast, 0.9},
                                       {"a", KpiTarget::Sense::AtLeast, 0.9},
                                       {"r", KpiTarget::Sense::AtLeast, 0.9},
                                       {"w", KpiTarget::Sense::AtMost, 600.0},
                                       {"not_a_kpi", KpiTarget::Sense::AtMost, 1.0}};
  const nlohmann::ordered_json j = targets_json(t, targets);
  ASSERT_EQ(j.size(), 5u);  // a target of an unknown KPI is left out
  EXPECT_EQ(j.begin().key(), "x");
  EXPECT_EQ(j["x"]["at_most"], 600.0);
  EXPECT_EQ(j["x"]["mean"], 700.0);
  EXPECT_EQ(j["x"]["status"], "red");
  EXPECT_EQ(j["g"]["at_least"], 0.9);
  EXPECT_EQ(j["g"]["status"], "green");
  EXPECT_EQ(j["a"]["status"], "amber");
  EXPECT_EQ(j["r"]["status"], "red");
  EXPECT_EQ(j["w"]["status"], "amber");
}

TEST(KpiTargets, UndefinedMeanHasNoStatus) {
  const KpiTable t = table_of_means({{"u", std::numeric_limits<double>::quiet_NaN()}});
  const std::vector<KpiTarget> targets{{"u", KpiTarget::Sense::AtMost, 1.0}};
  const nlohmann::ordered_json j = targets_json(t, targets);
  EXPECT_TRUE(j["u"]["mean"].is_null());
  EXPECT_EQ(j["u"]["status"], "none");
}

TEST(KpiTargets, SummaryGetsTargetsAfterKpisOnlyWhenThereAreAny) {
  const KpiTable t = table_of_means({{"g", 0.95}});
  const test::RunHeader meta{"v", "s", 1, 1, 1};
  EXPECT_EQ(test::run_summary(meta, t, {}), test::run_summary(meta, t));
  EXPECT_EQ(test::run_summary(meta, t).find("\"targets\""), std::string::npos);
  const std::vector<KpiTarget> targets{{"g", KpiTarget::Sense::AtLeast, 0.9}};
  const std::string text = test::run_summary(meta, t, targets);
  const std::size_t kpis = text.find("\"kpis\""), tg = text.find("\"targets\"");
  ASSERT_NE(tg, std::string::npos);
  EXPECT_LT(kpis, tg);
  EXPECT_EQ(nlohmann::json::parse(text)["targets"]["g"]["status"], "green");
}

TEST(KpiTargets, ConsoleTableHasOneLinePerKnownTarget) {
  const KpiTable t = table_of_means({{"g", 0.95}, {"r", 0.5}});
  EXPECT_EQ(targets_console_table(t, {}), "");
  const std::vector<KpiTarget> targets{{"g", KpiTarget::Sense::AtLeast, 0.9}, {"r", KpiTarget::Sense::AtMost, 0.25},
                                       {"zz", KpiTarget::Sense::AtMost, 1}};
  const std::string s = targets_console_table(t, targets);
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 3);  // header + two targets
  EXPECT_NE(s.find("≥ 0.9"), std::string::npos) << s;
  EXPECT_NE(s.find("≤ 0.25"), std::string::npos) << s;
  EXPECT_NE(s.find("● met"), std::string::npos) << s;
  EXPECT_NE(s.find("○ missed"), std::string::npos) << s;  // 0.5 vs at most 0.25: 100 % over
}

// Ten replications 10, 20, …, 100: mean 55; p95 (Hyndman–Fan type 7) at h = 9 · 0.95 = 8.55 lies
// between the 9th and 10th values: 90 + 0.55 · 10 = 95.5.
TEST(KpiTargets, APercentileTargetJudgesThatPercentile) {
  KpiTable t({{"x", "s", "", KpiRange::NonNegative}}, 10);
  for (std::size_t r = 0; r < 10; ++r) t.row(r)[0] = 10.0 * static_cast<double>(r + 1);
  KpiTarget p95{"x", KpiTarget::Sense::AtMost, 100.0, KpiTarget::On::P95};
  TargetCheck c = check_target(t.summary(0), p95);
  EXPECT_DOUBLE_EQ(c.value, 95.5);
  EXPECT_EQ(c.rag, Rag::Green);
  p95.value = 95.0;  // missed by 0.5, 0.53 % of the target: amber
  EXPECT_EQ(check_target(t.summary(0), p95).rag, Rag::Amber);
  p95.value = 60.0;  // the mean (55) would meet it; the 95th percentile does not
  EXPECT_EQ(check_target(t.summary(0), p95).rag, Rag::Red);
  const nlohmann::ordered_json j = targets_json(t, std::vector<KpiTarget>{p95});
  EXPECT_EQ(j["x"]["on"], "p95");
  EXPECT_NEAR(j["x"]["value"].get<double>(), 95.5, 1e-9);
  EXPECT_EQ(j["x"]["mean"], 55.0);
}

// Two replications 0.88 and 0.96: mean 0.92 meets "at least 0.9", but s = 0.0566 and
// t(0.975, 1) = 12.706 give a 95 % interval of 0.92 ± 0.508, whose low end (0.412) does not: with
// confidence the target is only amber. Four replications 0.949, 0.95, 0.95, 0.951 (s = 0.000816,
// t(0.975, 3) = 3.182, half-width 0.0013) meet it with the whole interval: green.
TEST(KpiTargets, AConfidentTargetNeedsTheWholeInterval) {
  KpiTable wide({{"f", "-", "", KpiRange::Any}}, 2);
  wide.row(0)[0] = 0.88;
  wide.row(1)[0] = 0.96;
  KpiTarget t{"f", KpiTarget::Sense::AtLeast, 0.9};
  EXPECT_EQ(check_target(wide.summary(0), t).rag, Rag::Green);
  t.confident = true;
  const TargetCheck c = check_target(wide.summary(0), t);
  EXPECT_EQ(c.rag, Rag::Amber);
  EXPECT_NEAR(c.bound, 0.92 - 12.7062 * 0.08 / std::sqrt(2.0) / std::sqrt(2.0), 1e-3);
  KpiTable tight({{"f", "-", "", KpiRange::Any}}, 4);
  for (std::size_t r = 0; r < 4; ++r) tight.row(r)[0] = std::vector<double>{0.949, 0.95, 0.95, 0.951}[r];
  EXPECT_EQ(check_target(tight.summary(0), t).rag, Rag::Green);
}

}  // namespace
}  // namespace dt
