// Walking time to the nearest service (engine/world/access.h) on a network small enough to add up
// by hand: a flat on floor 2, its lobby, the ground lobby, the apron outside the exit and a path
// vertex 100 m east.
#include "engine/world/access.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dt {
namespace {

struct HandNet {
  LayoutConfig layout;
  Network net;
  NodeId flat, lobby2, lobby1, apron, east;
};

//   flat --door 5 m-- lobby2 ==stair 6 m== lobby1 --exit 2 m-- apron --path 100 m-- east
//                        \\---lift 3 m (rated 1.5 m/s)---//
HandNet hand_net() {
  HandNet h;
  BuildingConfig b;
  b.id = "B";
  ElevatorConfig lift;
  lift.id = "L1";
  lift.speed_mps = 1.5;
  b.elevators.push_back(lift);
  h.layout.buildings.push_back(b);
  NavGraph& g = h.net.graph;
  auto node = [&](NodeKind k, double x, double y, int32_t building) {
    NavNode n;
    n.kind = k;
    n.position = {x, y, 0};
    n.area_m2 = 10;
    n.building = building;
    return g.add_node(n);
  };
  h.flat = node(NodeKind::Unit, 0, 5, 0);
  h.lobby2 = node(NodeKind::Corridor, 0, 0, 0);
  h.lobby1 = node(NodeKind::GroundLobby, 0, 0, 0);
  h.apron = node(NodeKind::Outdoor, 0, -2, -1);
  h.east = node(NodeKind::Outdoor, 100, -2, -1);
  auto link = [&](NodeId a, NodeId c, LinkKind k, double len, int32_t elevator = -1) {
    NavLink l;
    l.a = a;
    l.b = c;
    l.kind = k;
    l.length_m = len;
    l.building = a == h.apron ? -1 : 0;
    l.elevator = elevator;
    g.add_link(l);
  };
  link(h.flat, h.lobby2, LinkKind::Door, 5);
  link(h.lobby2, h.lobby1, LinkKind::Stair, 6);
  link(h.lobby2, h.lobby1, LinkKind::Elevator, 3, 0);
  link(h.lobby1, h.apron, LinkKind::Exit, 2);
  link(h.apron, h.east, LinkKind::Path, 100);
  g.finalize();
  BuildingNet bn;
  bn.id = "B";
  bn.index = 0;
  bn.units = {h.flat};
  bn.exits = {h.apron};
  h.net.buildings.push_back(bn);
  return h;
}

TEST(Access, AServiceAtAPointJoinsTheNearestOutdoorNodeByAStraightWalk) {
  const HandNet h = hand_net();
  ServiceConfig s;
  s.at = Vec2{100, 1};  // 3 m north of the east vertex; the apron is 100.04 m away
  const auto e = service_entries(h.layout, h.net, s);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].node, h.east);
  EXPECT_DOUBLE_EQ(e[0].walk_m, 3.0);
}

TEST(Access, AServiceInABuildingIsReachedAtItsExits) {
  const HandNet h = hand_net();
  ServiceConfig s;
  s.building = "B";
  const auto e = service_entries(h.layout, h.net, s);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].node, h.apron);
  EXPECT_DOUBLE_EQ(e[0].walk_m, 0.0);
}

TEST(Access, TimesAddLevelStairAndLiftLegsAtTheirOwnSpeeds) {
  const HandNet h = hand_net();
  ServiceConfig s;
  s.at = Vec2{100, 1};
  const auto e = service_entries(h.layout, h.net, s);
  ShortestPaths sp;
  std::vector<double> t;
  WalkSpeeds w{1.0, 0.5, true};
  access_times(h.layout, h.net, e, w, sp, t);
  // Level: 3 + 100 + 2 + 5 = 110 m at 1 m/s = 110 s; down one storey by lift 3 m / 1.5 m/s = 2 s
  // (the stair would take 6 m / 0.5 m/s = 12 s).
  EXPECT_NEAR(t[h.flat.index()], 112.0, 1e-9);
  EXPECT_NEAR(t[h.apron.index()], 103.0, 1e-9);
  w.use_lifts = false;  // the stair: 110 + 12 = 122 s
  access_times(h.layout, h.net, e, w, sp, t);
  EXPECT_NEAR(t[h.flat.index()], 122.0, 1e-9);
  w = {0.5, 0.25, false};  // half the speeds: twice the time
  access_times(h.layout, h.net, e, w, sp, t);
  EXPECT_NEAR(t[h.flat.index()], 244.0, 1e-9);
}

TEST(Access, OpeningHoursMayRunPastMidnight) {
  ServiceConfig s;
  EXPECT_TRUE(s.open_at(0));
  EXPECT_TRUE(s.open_at(1439));
  s.open_from_min = 8 * 60;
  s.open_until_min = 20 * 60;
  EXPECT_FALSE(s.open_at(8 * 60 - 1));
  EXPECT_TRUE(s.open_at(8 * 60));
  EXPECT_FALSE(s.open_at(20 * 60));
  s.open_from_min = 22 * 60;
  s.open_until_min = 6 * 60;
  EXPECT_TRUE(s.open_at(23 * 60));
  EXPECT_TRUE(s.open_at(5 * 60));
  EXPECT_FALSE(s.open_at(12 * 60));
}

}  // namespace
}  // namespace dt
