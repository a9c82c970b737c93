// Population groups (engine/people/population.cpp): where a group's members live, that their
// speeds and pre-movement are the group's own, exactly, and that a scenario without groups draws
// the census classes alone. Expected values are the groups' own parameters or hand counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/people/population.h"

namespace dt {
namespace {

// `floors` floors of `per_floor` flats each in building 0, every flat with a door to the floor's
// corridor; each corridor leads straight to one assembly point (no stairs: the tests are about
// who lives where, not about stairs).
std::shared_ptr<NavGraph> flats(int floors, int per_floor) {
  auto g = std::make_shared<NavGraph>();
  const NodeId safe = g->add_node(NavNode{NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "safe"});
  for (int f = 1; f <= floors; ++f) {
    const NodeId c = g->add_node(NavNode{NodeKind::Corridor, {}, 1e4, 0, f, "C" + std::to_string(f)});
    NavLink out;
    out.a = c;
    out.b = safe;
    out.kind = LinkKind::Opening;
    out.width_m = 2.0;
    out.length_m = 10.0;
    g->add_link(out);
    for (int u = 0; u < per_floor; ++u) {
      NavLink door;
      door.a = g->add_node(NavNode{NodeKind::Unit, {}, 80.0, 0, f, "F" + std::to_string(f) + "U" + std::to_string(u)});
      door.b = c;
      door.kind = LinkKind::Door;
      door.width_m = 0.9;
      door.length_m = 3.0;
      g->add_link(door);
    }
  }
  g->finalize();
  return g;
}

PopulationGroup group(const char* name, double share, uint32_t count = 0) {
  PopulationGroup g;
  g.name = name;
  g.share = share;
  g.count = count;
  return g;
}

PopulationConfig everybody_home() {
  PopulationConfig cfg;
  cfg.presence_by_hour.fill(1.0);
  return cfg;
}

Population synth(const EvacuationNetwork& net, const PopulationConfig& cfg, uint64_t seed = 5) {
  return synthesize_population(net, cfg, PreMovementConfig{}, 14 * 3600.0, seed, 0);
}

TEST(PopulationGroups, WithoutGroupsNobodyHasAGroupAndTheCensusDrawsAreUnchanged) {
  const EvacuationNetwork net(flats(3, 4), MovementParams{});
  PopulationConfig cfg = everybody_home();
  const Population plain = synth(net, cfg);
  EXPECT_TRUE(plain.group.empty());
  // A group that lives nowhere near (floor 99) must not move a single census draw either.
  PopulationGroup far = group("far", 0.5);
  far.floor_min = far.floor_max = 99;
  cfg.groups = {far};
  const Population with = synth(net, cfg);
  ASSERT_EQ(with.crowd.size(), plain.crowd.size());
  for (std::size_t p = 0; p < plain.crowd.size(); ++p) {
    EXPECT_EQ(with.group[p], kNoGroup);
    EXPECT_EQ(with.crowd.speed_level_mps[p], plain.crowd.speed_level_mps[p]);
    EXPECT_EQ(with.crowd.ready_s[p], plain.crowd.ready_s[p]);
    EXPECT_EQ(with.cls[p], plain.cls[p]);
  }
}

TEST(PopulationGroups, AFixedSpeedIsUsedExactlyOnEveryTerrain) {
  const EvacuationNetwork net(flats(2, 3), MovementParams{});
  PopulationConfig cfg = everybody_home();
  PopulationGroup g = group("walkers", 1.0);
  g.speed_level = Distribution::fixed(0.83);
  g.speed_down = Distribution::fixed(0.61);
  g.speed_up = Distribution::fixed(0.47);
  cfg.groups = {g};
  const Population pop = synth(net, cfg);
  ASSERT_GT(pop.crowd.size(), 0u);
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    ASSERT_EQ(pop.group[p], 0);  // share 1: everybody
    EXPECT_EQ(pop.crowd.speed_level_mps[p], 0.83);
    EXPECT_EQ(pop.crowd.speed_down_mps[p], 0.61);
    EXPECT_EQ(pop.crowd.speed_up_mps[p], 0.47);
  }
}

TEST(PopulationGroups, OneDrawFeedsTheThreeSpeeds) {
  // Uniform ranges: a member at quantile q of the level range is at q of both stair ranges.
  const EvacuationNetwork net(flats(2, 10), MovementParams{});
  PopulationConfig cfg = everybody_home();
  cfg.households_move_together = false;
  PopulationGroup g = group("u", 1.0);
  g.speed_level = Distribution::uniform(0.5, 1.0);
  g.speed_down = Distribution::uniform(0.3, 0.6);
  g.speed_up = Distribution::uniform(0.2, 0.3);
  cfg.groups = {g};
  const Population pop = synth(net, cfg);
  ASSERT_GT(pop.crowd.size(), 20u);
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    const double q = (pop.crowd.speed_level_mps[p] - 0.5) / 0.5;
    EXPECT_NEAR((pop.crowd.speed_down_mps[p] - 0.3) / 0.3, q, 1e-12);
    EXPECT_NEAR((pop.crowd.speed_up_mps[p] - 0.2) / 0.1, q, 1e-12);
  }
}

TEST(PopulationGroups, MembersLiveOnlyInTheGroupsBuildingsAndFloors) {
  const auto graph = flats(4, 5);
  const EvacuationNetwork net(graph, MovementParams{});
  PopulationConfig cfg = everybody_home();
  PopulationGroup g = group("upper", 1.0);
  g.floor_min = 3;
  g.floor_max = 4;
  g.buildings = {0};
  cfg.groups = {g};
  const Population pop = synth(net, cfg);
  std::size_t in = 0, out = 0;
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    const int floor = graph->node(pop.crowd.start_node[p]).floor;
    if (pop.group[p] == 0) {
      ++in;
      EXPECT_GE(floor, 3);
    } else {
      ++out;
      EXPECT_LE(floor, 2);  // share 1 upstairs: everybody there is in the group
    }
  }
  EXPECT_GT(in, 0u);
  EXPECT_GT(out, 0u);
  g.buildings = {1};  // another building: nobody
  cfg.groups = {g};
  const Population none = synth(net, cfg);
  EXPECT_EQ(std::count(none.group.begin(), none.group.end(), uint16_t{0}), 0);
}

TEST(PopulationGroups, ACountGroupPlacesExactlyThatManyInTurnOverItsFlats) {
  // 5 persons over the 2 flats of floor 2 (network order F2U0, F2U1): 3 and 2, present at any hour.
  const auto graph = flats(2, 2);
  const EvacuationNetwork net(graph, MovementParams{});
  PopulationConfig cfg;
  cfg.presence_by_hour.fill(0.0);  // the census residents are all out
  PopulationGroup g = group("five", 0.0, 5);
  g.floor_min = g.floor_max = 2;
  cfg.groups = {g};
  const Population pop = synth(net, cfg);
  ASSERT_EQ(pop.crowd.size(), 5u);
  std::map<std::string, int> per_flat;
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    EXPECT_EQ(pop.group[p], 0);
    ++per_flat[graph->node(pop.crowd.start_node[p]).label];
  }
  EXPECT_EQ(per_flat["F2U0"], 3);
  EXPECT_EQ(per_flat["F2U1"], 2);
  EXPECT_EQ(pop.households, 4u + 5u);  // the 4 census households (all out) and 5 of one
}

TEST(PopulationGroups, TheGroupsPreMovementByTimeOfDayIsUsed) {
  const EvacuationNetwork net(flats(1, 2), MovementParams{});
  PopulationConfig cfg;
  cfg.persons_per_household = Distribution::fixed(0.0);
  PopulationGroup g = group("g", 0.0, 2);
  g.premovement_day = Distribution::fixed(42.0);
  g.premovement_night = Distribution::fixed(420.0);
  cfg.groups = {g};
  const PreMovementConfig pre;  // night from 23:00 to 07:00
  const Population day = synthesize_population(net, cfg, pre, 14 * 3600.0, 1, 0);
  const Population night = synthesize_population(net, cfg, pre, 2 * 3600.0, 1, 0);
  for (const double r : day.crowd.ready_s) EXPECT_EQ(r, 42.0);
  for (const double r : night.crowd.ready_s) EXPECT_EQ(r, 420.0);
}

TEST(PopulationGroups, AGroupNeedingAssistanceWaitsForStaff) {
  const EvacuationNetwork net(flats(1, 1), MovementParams{});
  PopulationConfig cfg;
  cfg.persons_per_household = Distribution::fixed(0.0);
  PopulationGroup g = group("bed", 0.0, 3);
  g.needs_assistance = true;
  cfg.groups = {g};
  const Population pop = synth(net, cfg);
  ASSERT_EQ(pop.crowd.size(), 3u);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_TRUE(std::isinf(pop.crowd.ready_s[p]));
    EXPECT_EQ(pop.cls[p], ResidentClass::NeedsAssistance);
  }
}

TEST(PopulationGroups, AHouseholdWalksAtItsSlowestMembersPaceAndStartsWithItsLast) {
  // Everybody of share 0.5 walks 0.4 m/s and starts at 100 s; the others (census classes) are
  // faster than 0.4 m/s (their slowest range starts at 0.56 m/s for those who walk) and start at
  // the census pre-movement. A household with a group member walks at 0.4 m/s.
  const EvacuationNetwork net(flats(2, 20), MovementParams{});
  PopulationConfig cfg = everybody_home();
  cfg.share_needs_assistance = 0.0;
  PopulationGroup g = group("slow", 0.5);
  g.speed_level = g.speed_down = g.speed_up = Distribution::fixed(0.4);
  g.premovement_day = g.premovement_night = Distribution::fixed(100.0);
  cfg.groups = {g};
  PreMovementConfig pre;
  pre.day = pre.night = Distribution::fixed(30.0);
  const Population pop = synthesize_population(net, cfg, pre, 14 * 3600.0, 9, 0);
  std::map<uint32_t, bool> has_member;
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) has_member[pop.household[p]] |= pop.group[p] == 0;
  int mixed = 0;
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    if (has_member[pop.household[p]]) {
      EXPECT_EQ(pop.crowd.speed_level_mps[p], 0.4);
      EXPECT_EQ(pop.crowd.ready_s[p], 100.0);
      mixed += pop.group[p] == kNoGroup ? 1 : 0;
    } else {
      EXPECT_GT(pop.crowd.speed_level_mps[p], 0.4);
      EXPECT_EQ(pop.crowd.ready_s[p], 30.0);
    }
  }
  EXPECT_GT(mixed, 0);  // the case the rule is about occurred
}

TEST(PopulationGroups, ChecksNameTheGroupAndTheParameter) {
  PopulationGroup g = group("frail", 0.2);
  g.speed_level = Distribution::normal(0.5, 0.2);  // can go negative: must be truncated
  const std::string m = check_population_group(g);
  EXPECT_NE(m.find("frail"), std::string::npos) << m;
  EXPECT_NE(m.find("speed.level"), std::string::npos) << m;
  g.speed_level = Distribution::normal(0.5, 0.2, 0.1, 2.0);
  EXPECT_EQ(check_population_group(g), "");
  g.floor_min = 5;
  g.floor_max = 3;
  EXPECT_NE(check_population_group(g).find("floors"), std::string::npos);
  g.floor_max = 6;
  g.premovement_night = Distribution::normal(60.0, 30.0);
  EXPECT_NE(check_population_group(g).find("pre-movement"), std::string::npos);
}

}  // namespace
}  // namespace dt
