// Tests for engine/world/layout_checks.cpp: each check fires where it should, at the line a
// planner has to edit, and stays quiet on good layouts.

#include "engine/world/layout_checks.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/world/layout_fixture.h"

namespace dt {
namespace {

using test::findings;
using test::joined;
using test::layout_from_yaml;

/// The findings containing `fragment`.
std::vector<std::string> matching(const std::vector<std::string>& all, const std::string& fragment) {
  std::vector<std::string> out;
  for (const auto& f : all)
    if (f.find(fragment) != std::string::npos) out.push_back(f);
  return out;
}

// A compliant 6-storey block: the base the cases below change one thing in.
std::string block(const std::string& building_extra = "", const std::string& extra = "") {
  return R"(
buildings:
  - id: B1
    footprint: {width_m: 30, depth_m: 12}
    floors: 6
    units: {per_floor: 4, share: 0.7}
    stairs:
      - {id: S1, at: [8, 5.25], width_m: 1.2}
      - {id: S2, at: [22, 5.25], width_m: 1.2}
    exits:
      - {id: E1, at: [10, 0], width_m: 1.2}
      - {id: E2, at: [20, 0], width_m: 1.2}
)" + building_extra +
         R"(assembly_points:
  - {id: yard, at: [15, -30], capacity_persons: 200}
)" + extra;
}

TEST(LayoutChecks, ACompliantBlockHasNoFindings) {
  const auto f = findings(layout_from_yaml(block()));
  EXPECT_TRUE(f.empty()) << joined(f);
}

TEST(LayoutChecks, EveryAssetLoadsWithoutErrorsAndTheCompoundWithoutWarnings) {
  namespace fs = std::filesystem;
  int layouts = 0;
  for (const auto& e : fs::recursive_directory_iterator(std::string(DRILLTWIN_SOURCE_DIR) + "/assets")) {
    if (e.path().extension() != ".yaml") continue;
    const LayoutConfig l = load_layout(e.path().string());
    ++layouts;
    const auto f = findings(l);
    EXPECT_TRUE(matching(f, ": error: ").empty()) << e.path() << joined(f);
    if (e.path().filename() == "compound.yaml") {
      EXPECT_TRUE(f.empty()) << joined(f);
    }
  }
  EXPECT_GE(layouts, 5);
}

TEST(LayoutChecks, FlatsThatCannotReachAnAssemblyPointAreAnError) {
  // No stairs: the flats above the ground floor have no way down (the lift does not count).
  std::string yaml = block();
  yaml.replace(yaml.find("    stairs:"), yaml.find("    exits:") - yaml.find("    stairs:"),
               "    stairs: []\n    elevators: 1\n");
  const auto f = matching(findings(layout_from_yaml(yaml)), "cannot reach any assembly point");
  ASSERT_EQ(f.size(), 1u) << joined(findings(layout_from_yaml(yaml)));
  EXPECT_EQ(f[0], "6:12: error: 20 of the 24 flats of building 'B1' cannot reach any assembly point on foot "
                  "(e.g. B1/F2/U1); check its stairs, exits and the site paths");
}

TEST(LayoutChecks, NoAssemblyPointIsAnError) {
  std::string yaml = block();
  yaml.erase(yaml.find("assembly_points:"));
  const auto f = findings(layout_from_yaml(yaml));
  EXPECT_EQ(matching(f, "has no assembly_points").size(), 1u) << joined(f);
}

TEST(LayoutChecks, NarrowStairsDoorsAndExitsAreErrors) {
  std::string yaml = block();
  yaml.replace(yaml.find("width_m: 1.2}"), 13, "width_m: 1.0}");  // S1
  yaml.replace(yaml.find("[10, 0], width_m: 1.2"), 21, "[10, 0], width_m: 0.8");
  yaml.replace(yaml.find("share: 0.7}"), 11, "share: 0.7, door_width_m: 0.8}");
  const auto f = findings(layout_from_yaml(yaml));
  EXPECT_EQ(matching(f, "8:42: error: stair 'S1' in building 'B1' is 1 m wide; GB 50016-2014 5.5.30 asks for at least 1.1 m").size(), 1u)
      << joined(f);
  EXPECT_EQ(matching(f, "11:40: error: exit 'E1' in building 'B1' is 0.8 m wide").size(), 1u) << joined(f);
  EXPECT_EQ(matching(f, "6:53: error: flat doors in building 'B1' are 0.8 m wide").size(), 1u) << joined(f);
}

TEST(LayoutChecks, ResidentialGroundExitsNarrowerThan110AreWarned) {
  std::string yaml = block();
  yaml.replace(yaml.find("[20, 0], width_m: 1.2"), 21, "[20, 0], width_m: 1.0");
  const auto f = findings(layout_from_yaml(yaml));
  ASSERT_EQ(f.size(), 1u) << joined(f);
  EXPECT_EQ(f[0], "12:40: warning: exit 'E2' in building 'B1' is 1 m wide; GB 50016-2014 5.5.30 asks for 1.1 m at "
                  "ground-floor exits of residential buildings");
}

TEST(LayoutChecks, ExitsCloserThanFiveMetresAreAnError) {
  // Centres 5 m apart, 1.2 m doors: 5 − 1.2 = 3.8 m edge to edge.
  std::string yaml = block();
  yaml.replace(yaml.find("[20, 0]"), 7, "[15, 0]");
  const auto f = findings(layout_from_yaml(yaml));
  ASSERT_EQ(matching(f, "apart edge to edge").size(), 1u) << joined(f);
  EXPECT_EQ(matching(f, "apart edge to edge")[0],
            "12:22: error: exits 'E1' and 'E2' of building 'B1' are 3.8 m apart edge to edge; GB 50016-2014 5.5.2 "
            "asks for at least 5 m");
}

TEST(LayoutChecks, OverlappingFootprintsAreAnErrorTouchingOnesAreNot) {
  const std::string second = R"(  - {id: B2, at: [25, 0], footprint: {width_m: 10, depth_m: 10}, floors: 1}
)";
  auto f = findings(layout_from_yaml(block(second)));
  ASSERT_EQ(matching(f, "overlap").size(), 1u) << joined(f);
  EXPECT_EQ(matching(f, "overlap")[0], "13:18: error: the footprints of buildings 'B1' and 'B2' overlap");
  std::string touching = second;
  touching.replace(touching.find("[25, 0]"), 7, "[30, 0]");
  f = findings(layout_from_yaml(block(touching)));
  EXPECT_TRUE(matching(f, "overlap").empty()) << joined(f);
  EXPECT_EQ(matching(f, "GB 50016-2014 table 5.2.2").size(), 0u) << "touching walls are not a gap";
}

TEST(LayoutChecks, BuildingsTooCloseAreWarned) {
  const std::string second = R"(  - {id: B2, at: [34, 0], footprint: {width_m: 10, depth_m: 10}, floors: 1}
)";
  const auto f = findings(layout_from_yaml(block(second)));
  ASSERT_EQ(matching(f, "table 5.2.2").size(), 1u) << joined(f);
  EXPECT_NE(f[0].find("are 4 m apart; GB 50016-2014 table 5.2.2 asks for 6 m"), std::string::npos) << joined(f);
}

TEST(LayoutChecks, ElevatorServingAMissingFloorIsAnError) {
  const auto f = findings(layout_from_yaml(block("    elevators: [{id: L1, floors: [1, 3-8]}]\n")));
  ASSERT_EQ(matching(f, "serves floor 8").size(), 1u) << joined(f);
  EXPECT_EQ(matching(f, "serves floor 8")[0], "13:38: error: elevator 'L1' serves floor 8 but building 'B1' has 6 floors");
}

TEST(LayoutChecks, LongWalksToAStairAreWarnedWithTheLimitUsed) {
  // 60 m slab, one stair at its west end (s = 2 m along the corridor, 0.75 m off it). Flat doors
  // at s = 10, 30, 50 on both sides, 0.75 m off the corridor: 9.5, 29.5 and 49.5 m to the stair
  // door. The building is 6 × 2.9 = 17.4 m high: not high-rise, so the dead-end limit is 22 m
  // (GB 50016 table 5.5.29). Over it: the s = 30 and s = 50 doors on floors 2-6 (20), and on the
  // ground floor, where the exit at s = 30 (6 m off the corridor) also counts, the s = 50 doors
  // (0.75 + 20 + 6 = 26.75 m): 22 doors; the worst is 49.5 m.
  const auto f = findings(layout_from_yaml(R"(
buildings:
  - id: L
    footprint: {width_m: 60, depth_m: 12}
    floors: 6
    corridor: {kind: corridor, width_m: 1.5}
    units: {per_floor: 6, share: 0.7}
    stairs: [{id: S1, at: [2, 5.25]}]
    elevators: 1
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)"));
  ASSERT_EQ(matching(f, "5.5.29").size(), 1u) << joined(f);
  EXPECT_NE(f[0].find("7:12: warning: 22 flat door(s) of building 'L' are farther from the nearest stair door than "
                      "GB 50016-2014 5.5.29 allows; the worst, L/F2/U3, walks"),
            std::string::npos)
      << f[0];
  EXPECT_NE(f[0].find("walks 49.5 m (limit 22 m)"), std::string::npos) << f[0];
}

TEST(LayoutChecks, TravelLimitsFollowHeightExitsAndSprinklers) {
  BuildingConfig b;
  b.floors = 6;
  b.floor_height_m = 3.0;  // 18 m: multi-storey
  EXPECT_EQ(door_to_exit_limit_m(b, true), 40.0);
  EXPECT_EQ(door_to_exit_limit_m(b, false), 22.0);
  b.floors = 10;  // 30 m > 27 m: high-rise residential
  EXPECT_TRUE(is_high_rise(b));
  EXPECT_EQ(door_to_exit_limit_m(b, false), 20.0);
  b.sprinklered = true;
  EXPECT_EQ(door_to_exit_limit_m(b, false), 25.0);
  b.use = BuildingUse::Office;
  b.floors = 9;  // 27 m > 24 m: high-rise public building
  EXPECT_TRUE(is_high_rise(b));
}

TEST(LayoutChecks, TallBlocksWantTwoStairsLiftsAndAFirefightingLift) {
  const auto f = findings(layout_from_yaml(R"(
buildings:
  - id: T
    footprint: {width_m: 30, depth_m: 14}
    floors: 20
    units: {per_floor: 2, share: 0.6}
    stairs: [{id: S1, at: [15, 5.25]}]
    elevators: [{id: L1, fire_service: true, speed_mps: 0.8}]
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)"));
  EXPECT_EQ(matching(f, "5.5.25").size(), 1u) << joined(f);      // 58 m, one stair
  EXPECT_EQ(matching(f, "6.4.2").size(), 1u) << joined(f);       // 20 floors, one lift
  EXPECT_EQ(matching(f, "7.3.8").size(), 1u) << joined(f);       // 55.1 m at 0.8 m/s: 68.9 + 1 = 70 s
  EXPECT_EQ(matching(f, ": error: ").size(), 0u) << joined(f);
}

TEST(LayoutChecks, SiteBoundaryGatesAndAssemblyCapacity) {
  const auto f = findings(layout_from_yaml(block("", R"(site:
  boundary: [[-50, -50], [80, -50], [80, 40], [-50, 40]]
gates: [{id: g, at: [0, 0]}]
)")));
  EXPECT_EQ(matching(f, "gate 'g' is 40 m off the site boundary").size(), 1u) << joined(f);
  // The block houses 6 floors × 4 flats × 2.62 persons = 62.88 residents; the yard holds 200: no
  // capacity warning of any wording.
  EXPECT_TRUE(matching(f, "assembly points hold").empty()) << joined(f);
  // At the boundary: 63 places are enough for 62.88 residents, 62 are not.
  std::string enough = block();
  enough.replace(enough.find("capacity_persons: 200"), 21, "capacity_persons: 63");
  EXPECT_TRUE(matching(findings(layout_from_yaml(enough)), "assembly points hold").empty())
      << joined(findings(layout_from_yaml(enough)));
  std::string short_by_one = block();
  short_by_one.replace(short_by_one.find("capacity_persons: 200"), 21, "capacity_persons: 62");
  const auto s = findings(layout_from_yaml(short_by_one));
  ASSERT_EQ(matching(s, "assembly points hold").size(), 1u) << joined(s);
  EXPECT_NE(matching(s, "assembly points hold")[0].find(
                "warning: the assembly points hold 62 persons, fewer than the 63 residents the flats house"),
            std::string::npos)
      << joined(s);
  const auto g = findings(layout_from_yaml(R"(
buildings:
  - {id: B, footprint: {width_m: 20, depth_m: 10}, floors: 2, units: {per_floor: 10, share: 0.7}}
assembly_points: [{id: yard, at: [10, -30], capacity_persons: 20}]
)"));
  EXPECT_EQ(matching(g, "the assembly points hold 20 persons, fewer than the 52 residents the flats house").size(), 1u)
      << joined(g);
}

}  // namespace
}  // namespace dt
