// Route choice end to end (scenario → Site → run → summary.json), docs/model.md "Route choice":
// stair assignment per floor group on tests/people/data/two_stairs.yaml against the SFPE hand
// calculation, and exit choice by familiarity on tests/people/data/familiar_block.yaml.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

nlohmann::json run_kpis(const std::string& scenario, const std::vector<std::string>& extra, test::TempDir& tmp,
                        const std::string& out = "o") {
  std::vector<std::string> args{"run", scenario, "-q", "--out", tmp / out};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = test::run_drilltwin(args);
  EXPECT_EQ(r.exit_status, 0) << r.err;
  return nlohmann::json::parse(test::read_file(tmp / (out + "/summary.json")))["kpis"];
}

double mean(const nlohmann::json& k, const std::string& name) { return k.at(name)["mean"].get<double>(); }

// The hand calculation (SFPE Handbook 5th ed. ch. 59 hydraulic model; the same conventions as the
// verification cases, docs/validation.md). Steps 0.178/0.279 m: k = 51.8/60·√(T/R) = 1.08087 m/s,
// Fs = k/(4a) = 1.01586 p/s/m; flights: C = Fs·(w − 2·0.15): S1 (1.2 m) 0.91426 p/s, S2 (2.0 m)
// 1.72694 p/s. Every other place on the way is wider (flat doors 4 × 1.3·0.6 = 3.12 p/s, stair doors
// 1.3·0.9 = 1.17 and 1.3·1.7 = 2.21 p/s, exits 1.3·2.1 = 2.73 p/s), so the top flight of the
// group's stair is its bottleneck. A flight rises 3.0 m: L = 3.0·√(1 + (T/R)²) = 5.5777 m, walked
// at S(1.88) = k(1 − 0.266·1.88) = 0.54034 m/s in a saturated stream. The first person of a group
// reaches his stair landing after pre-movement 10 s + flat door 9.471 m + stair door 8.062 m at
// his own 1.0 m/s (the generator's distances for this footprint, `drilltwin layout --export dot`).
// The last enters the top flight (N − 1)/C later (the model's convention; SFPE writes N/C), walks
// down his flights and the 5 m exit at 1.0 m/s; safe outside.
struct Hand {
  double k = 51.8 / 60.0 * std::sqrt(0.279 / 0.178);
  double fs = k / (4 * 0.266);
  double c1 = fs * (1.2 - 0.30), c2 = fs * (2.0 - 0.30);
  double flight_m = 3.0 * std::sqrt(1 + (0.279 / 0.178) * (0.279 / 0.178));
  double saturated_mps = k * (1 - 0.266 * 1.88);
  double reach_s = 10.0 + (9.470994 + 8.062258) / 1.0;
  // Last out of a group of n on `flights` flights of a stair of capacity c: saturated on every
  // flight (upper), or saturated on the top flight and at his own 0.8 m/s below it (lower).
  double upper(int n, double c, int flights) const { return reach_s + (n - 1) / c + flights * flight_m / saturated_mps + 5.0; }
  double lower(int n, double c, int flights) const {
    return reach_s + (n - 1) / c + flight_m / saturated_mps + (flights - 1) * flight_m / 0.8 + 5.0;
  }
};

TEST(StairAssignment, EachStairCarriesExactlyItsFloorGroupAtItsOwnCapacity) {
  const Hand h;
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/two_stairs.yaml", {}, tmp);
  // Floors 1-2 (group low, 150) down S1 and out E1; floors 3-4 (group high, 120) down S2 and out E2.
  EXPECT_EQ(mean(k, "evacuation.exit.T/E1.count"), 150.0);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E2.count"), 120.0);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E3.count"), 0.0);
  EXPECT_EQ(mean(k, "evacuation.stair_assigned_residents"), 270.0);
  EXPECT_EQ(mean(k, "evacuation.route_fallbacks"), 0.0);
  // Low: one flight, 10 + 17.533 + 149/0.91426 + 5.5777/0.54034 + 5 = 205.83 s (± 0.5 s).
  EXPECT_NEAR(mean(k, "evacuation.group.low.total_time_s"), h.upper(150, h.c1, 1), 0.5);
  // High: three flights, between 125.7 s (free below the top flight) and 132.4 s (saturated on all).
  const double high = mean(k, "evacuation.group.high.total_time_s");
  EXPECT_GE(high, h.lower(120, h.c2, 3));
  EXPECT_LE(high, h.upper(120, h.c2, 3));
}

TEST(StairAssignment, SwappingTheStairsChangesTheTimesAsTheHandCalculationSays) {
  const Hand h;
  test::TempDir tmp;
  const auto plan = run_kpis("tests/people/data/two_stairs.yaml", {}, tmp, "plan");
  const auto swapped = run_kpis("tests/people/data/two_stairs.yaml",
                                {"--set", "evacuation.stairs.0.stair=S2", "--set", "evacuation.stairs.1.stair=S1"}, tmp,
                                "swapped");
  EXPECT_EQ(mean(swapped, "evacuation.exit.T/E1.count"), 120.0);
  EXPECT_EQ(mean(swapped, "evacuation.exit.T/E2.count"), 150.0);
  // Low on the wide stair: 149/C2 − 149/C1 = 86.28 − 162.97 = −76.69 s; the rest of his way is the same.
  EXPECT_NEAR(mean(swapped, "evacuation.group.low.total_time_s") - mean(plan, "evacuation.group.low.total_time_s"),
              149 / h.c2 - 149 / h.c1, 0.5);
  EXPECT_NEAR(mean(swapped, "evacuation.group.low.total_time_s"), h.upper(150, h.c2, 1), 0.5);
  // High on the narrow stair: between 186.9 and 193.7 s.
  const double high = mean(swapped, "evacuation.group.high.total_time_s");
  EXPECT_GE(high, h.lower(120, h.c1, 3));
  EXPECT_LE(high, h.upper(120, h.c1, 3));
}

TEST(StairAssignment, WithoutTheAssignmentEveryoneTakesTheShortestRoute) {
  // No `stairs:`: the shortest routes share both stairs and nobody is assigned.
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/two_stairs.yaml", {"--set", "evacuation.stairs=[]"}, tmp);
  EXPECT_EQ(mean(k, "evacuation.stair_assigned_residents"), 0.0);
  EXPECT_GT(mean(k, "evacuation.exit.T/E1.count") * mean(k, "evacuation.exit.T/E2.count"), 0.0);
}

TEST(FamiliarExit, WithShareOneEveryResidentLeavesByTheUsualExit) {
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/familiar_block.yaml", {}, tmp);
  const double walkers = mean(k, "evacuation.residents_present") - mean(k, "evacuation.awaiting_assistance");
  ASSERT_GT(walkers, 0.0);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E3.count"), walkers);  // E3: the first exit from the ground lobby
  EXPECT_EQ(mean(k, "evacuation.exit.T/E1.count"), 0.0);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E2.count"), 0.0);
  EXPECT_EQ(mean(k, "evacuation.familiar_residents"), walkers);
  EXPECT_EQ(mean(k, "evacuation.route_fallbacks"), 0.0);
}

TEST(FamiliarExit, TheExitMarkedUsualIsTheOneTheyKnow) {
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/familiar_block.yaml", {"--set", "layout.buildings.0.exits.1.usual=true"}, tmp);
  const double walkers = mean(k, "evacuation.residents_present") - mean(k, "evacuation.awaiting_assistance");
  EXPECT_EQ(mean(k, "evacuation.exit.T/E2.count"), walkers);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E3.count"), 0.0);
}

TEST(FamiliarExit, ShareZeroAndTheShortestModelGiveTheResultsOfAScenarioWithoutTheKeys) {
  test::TempDir tmp;
  const std::string sc = "tests/people/data/familiar_block.yaml";
  const auto none = test::run_drilltwin({"run", sc, "-q", "--out", tmp / "none", "--set", "evacuation.exit_choice=null"});
  ASSERT_EQ(none.exit_status, 0) << none.err;
  const auto zero = test::run_drilltwin({"run", sc, "-q", "--out", tmp / "zero", "--set", "evacuation.exit_choice.familiar_share=0"});
  ASSERT_EQ(zero.exit_status, 0) << zero.err;
  const auto shortest = test::run_drilltwin({"run", sc, "-q", "--out", tmp / "shortest", "--set", "evacuation.exit_choice.model=shortest"});
  ASSERT_EQ(shortest.exit_status, 0) << shortest.err;
  const std::string rows = test::read_file(tmp / "none/replications.csv");
  EXPECT_EQ(test::read_file(tmp / "zero/replications.csv"), rows);
  EXPECT_EQ(test::read_file(tmp / "shortest/replications.csv"), rows);
  const auto k = nlohmann::json::parse(test::read_file(tmp / "none/summary.json"))["kpis"];
  EXPECT_GT(mean(k, "evacuation.exit.T/E1.count") + mean(k, "evacuation.exit.T/E2.count"), 0.0);  // the keys matter
}

TEST(FamiliarExit, ClosingTheUsualExitMakesThemFallBackAndNobodyIsStranded) {
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/familiar_block.yaml",
                          {"--set", "alarm.mode=given", "--drill-add", "{at: 0 s, close: T/E3}"}, tmp);
  const double walkers = mean(k, "evacuation.residents_present") - mean(k, "evacuation.awaiting_assistance");
  EXPECT_EQ(mean(k, "evacuation.exit.T/E3.count"), 0.0);
  EXPECT_EQ(mean(k, "evacuation.exit.T/E1.count") + mean(k, "evacuation.exit.T/E2.count"), walkers);
  EXPECT_EQ(mean(k, "evacuation.route_fallbacks"), walkers);
  EXPECT_EQ(mean(k, "evacuation.stranded"), 0.0);
  EXPECT_EQ(mean(k, "evacuation.evacuated_fraction"), 1.0);
}

TEST(FamiliarExit, ClosingTheUsualExitLateReroutesThoseStillInside) {
  // Closed at 60 s (pre-movement runs to 60 s): those out by then used E3; everybody still inside
  // falls back to the stair exits (the familiar routes lead only to E3), so the fallbacks are
  // exactly the persons through E1 and E2, and everybody gets out.
  test::TempDir tmp;
  const auto k = run_kpis("tests/people/data/familiar_block.yaml",
                          {"--set", "alarm.mode=given", "--drill-add", "{at: 60 s, close: T/E3}"}, tmp);
  const double walkers = mean(k, "evacuation.residents_present") - mean(k, "evacuation.awaiting_assistance");
  EXPECT_GT(mean(k, "evacuation.exit.T/E3.count"), 0.0);
  EXPECT_DOUBLE_EQ(mean(k, "evacuation.route_fallbacks"),
                   mean(k, "evacuation.exit.T/E1.count") + mean(k, "evacuation.exit.T/E2.count"));
  EXPECT_DOUBLE_EQ(mean(k, "evacuation.exit.T/E1.count") + mean(k, "evacuation.exit.T/E2.count") +
                       mean(k, "evacuation.exit.T/E3.count"),
                   walkers);
  EXPECT_EQ(mean(k, "evacuation.stranded"), 0.0);
}

}  // namespace
}  // namespace dt
