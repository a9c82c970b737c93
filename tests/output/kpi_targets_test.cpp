// KPI targets and their red/amber/green status (engine/output/kpi_targets.h; DESIGN §1: amber when
// a KPI misses its target by at most 5 %, red beyond).
#include "engine/output/kpi_targets.h"

#include <gtest/gtest.h>

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
  EXPECT_NE(s.find(">= 0.9"), std::string::npos) << s;
  EXPECT_NE(s.find("<= 0.25"), std::string::npos) << s;
  EXPECT_NE(s.find("green"), std::string::npos);
  EXPECT_NE(s.find("red"), std::string::npos);  // 0.5 vs at most 0.25: 100 % over
}

}  // namespace
}  // namespace dt
