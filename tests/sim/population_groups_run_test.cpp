// Population groups end to end (scenario reader → Site → run → summary.json): two groups at fixed
// speeds along one corridor, no queue, each group's last arrival = pre-movement + distance / speed
// (hand calculation in docs/validation.md, "Population groups").
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

TEST(PopulationGroupsRun, EachGroupsLastArrivalIsPreMovementPlusDistanceOverItsSpeed) {
  test::TempDir tmp;
  const auto r = test::run_drilltwin({"run", "scenarios/groups_corridor.yaml", "-q", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto k = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"))["kpis"];
  // From the farther flat: door 15 m + corridor 40 m + exit 1 m + path 19 m = 75 m.
  EXPECT_NEAR(k["evacuation.group.fast.total_time_s"]["max"].get<double>(), 30.0 + 75.0 / 1.0, 0.1);
  EXPECT_NEAR(k["evacuation.group.fast.total_time_s"]["min"].get<double>(), 30.0 + 75.0 / 1.0, 0.1);
  EXPECT_NEAR(k["evacuation.group.slow.total_time_s"]["max"].get<double>(), 60.0 + 75.0 / 0.5, 0.1);
  EXPECT_NEAR(k["evacuation.group.slow.total_time_s"]["min"].get<double>(), 60.0 + 75.0 / 0.5, 0.1);
  EXPECT_EQ(k["evacuation.group.fast.present"]["mean"].get<double>(), 2.0);
  EXPECT_EQ(k["evacuation.group.slow.present"]["mean"].get<double>(), 2.0);
  EXPECT_EQ(k["evacuation.group.slow.evacuated_fraction"]["mean"].get<double>(), 1.0);
  EXPECT_EQ(k["evacuation.residents_present"]["mean"].get<double>(), 4.0);  // nobody but the groups
}

TEST(PopulationGroupsRun, AGroupsSpeedCanBeChangedFromTheCommandLine) {
  // --set reaches a group by its index: the slow group at 0.25 m/s takes 60 + 75/0.25 = 360 s.
  test::TempDir tmp;
  const auto r = test::run_drilltwin({"run", "scenarios/groups_corridor.yaml", "-q", "--out", tmp / "o", "--set",
                                      "evacuation.population.groups.1.speed.level=0.25"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto k = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"))["kpis"];
  EXPECT_NEAR(k["evacuation.group.slow.total_time_s"]["max"].get<double>(), 60.0 + 75.0 / 0.25, 0.1);
}

}  // namespace
}  // namespace dt
