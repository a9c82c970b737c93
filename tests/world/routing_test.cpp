// Tests for engine/world/routing.cpp: free-flow travel times, route trees against a brute-force
// search, the rule that spreads people over equally good stairs, blocked and slowed links.

#include "engine/world/routing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "tests/world/layout_fixture.h"

namespace dt {
namespace {

using test::layout_from_asset;
using test::layout_from_yaml;
using test::network_of;

LinkId link_between(const Network& net, std::string_view a, std::string_view b) {
  const NodeId na = net.graph.find_node(a), nb = net.graph.find_node(b);
  for (std::size_t i = 0; i < net.graph.link_count(); ++i) {
    const NavLink& l = net.graph.links()[i];
    if ((l.a == na && l.b == nb) || (l.a == nb && l.b == na)) return LinkId(static_cast<uint32_t>(i));
  }
  ADD_FAILURE() << "no link " << a << " - " << b;
  return LinkId();
}

TEST(Routing, SingleStairTimeAndDistanceToSafetyMatchTheHandSum) {
  // From the flat: 5 (flat door) + 3 (stair door) level, 6.8 m flight, then 3 + 4.2 + 19 m level.
  // Level speed 1.198904 m/s, stair (0.16/0.30) 51.8/60·√1.875·0.85636 = 1.012362 m/s:
  // 34.2 / 1.198904 + 6.8 / 1.012362 = 28.526 + 6.717 = 35.243 s over 41.0 m.
  const Network net = network_of(layout_from_asset("assets/verification/single_stair.yaml"));
  const Router router(net, standard_destinations(net));
  const RouteTree& safety = router.tree(*router.find("safety"));
  const NodeId flat = net.graph.find_node("tower/F2/U1");
  EXPECT_NEAR(safety.distance_m(flat), 41.0, 1e-9);
  // 34.2 / 1.198904 = 28.526054 s; stair k = 51.8/60 × √(0.30/0.16) = 1.182168 m/s, S0 = 1.182168 ×
  // 0.85636 = 1.012361 m/s, 6.8 / 1.012361 = 6.716970 s; total 35.243024 s.
  EXPECT_NEAR(safety.time_s(flat), 35.243024, 1e-5);
  // Walking the tree from the flat passes door, stair door, flight, door, exit, path.
  std::vector<LinkKind> kinds;
  for (NodeId n = flat; !safety.is_destination(n);) {
    const LinkId l = safety.next_link(n, 7);
    kinds.push_back(net.graph.link(l).kind);
    n = net.graph.other_end(l, n);
  }
  EXPECT_EQ(kinds, (std::vector<LinkKind>{LinkKind::Door, LinkKind::Door, LinkKind::Stair, LinkKind::Door,
                                          LinkKind::Exit, LinkKind::Path}));
  EXPECT_TRUE(safety.is_destination(net.graph.find_node("ap:street")));
  EXPECT_EQ(safety.next_count(net.graph.find_node("ap:street")), 0u);
}

TEST(Routing, GoingUpAStairIsSlowerThanGoingDown) {
  const Network net = network_of(layout_from_asset("assets/verification/single_stair.yaml"));
  const NodeId f1 = net.graph.find_node("tower/S1/F1"), f2 = net.graph.find_node("tower/S1/F2");
  const Router router(net, {{"up", {f2}}, {"down", {f1}}});
  const double down = router.tree(1).time_s(f2), up = router.tree(0).time_s(f1);
  EXPECT_NEAR(down, 6.716970, 1e-5);  // 6.8 m / 1.012361 m/s (above)
  EXPECT_NEAR(up, 8.955960, 1e-5);    // 6.716970 / 0.75 (IMO ascent/descent ratio)
}

TEST(Routing, StandardDestinationsNameSafetyAssemblyPointsGatesAndExits) {
  const Network net = network_of(layout_from_asset("assets/verification/single_stair.yaml"));
  std::vector<std::string> names;
  for (const Destination& d : standard_destinations(net)) names.push_back(d.name);
  EXPECT_EQ(names, (std::vector<std::string>{"safety", "ap:street", "exits:tower", "exit:tower/E1"}));
}

// Reference: Bellman-Ford over the directed link costs.
std::vector<double> brute_force(const Network& net, const LinkTimes& t, const std::vector<NodeId>& targets) {
  std::vector<double> d(net.graph.node_count(), kUnreachable);
  for (const NodeId n : targets) d[n.index()] = 0;
  for (std::size_t round = 0; round < net.graph.node_count(); ++round) {
    bool changed = false;
    for (std::size_t i = 0; i < net.graph.link_count(); ++i) {
      const NavLink& l = net.graph.links()[i];
      if (d[l.b.index()] + t.forward_s[i] < d[l.a.index()]) d[l.a.index()] = d[l.b.index()] + t.forward_s[i], changed = true;
      if (d[l.a.index()] + t.backward_s[i] < d[l.b.index()]) d[l.b.index()] = d[l.a.index()] + t.backward_s[i], changed = true;
    }
    if (!changed) break;
  }
  return d;
}

TEST(Routing, TreesAgreeWithABruteForceSearch) {
  for (const char* asset : {"assets/verification/nine_storey_office.yaml", "assets/verification/single_stair.yaml"}) {
    const Network net = network_of(layout_from_asset(asset));
    const Router router(net, standard_destinations(net));
    const LinkTimes t = free_flow_link_times(net);
    for (std::size_t d = 0; d < router.destination_count(); ++d) {
      const std::vector<double> ref = brute_force(net, t, router.destination(d).nodes);
      for (std::size_t n = 0; n < net.graph.node_count(); ++n)
        EXPECT_NEAR(router.tree(d).time_s(NodeId(static_cast<uint32_t>(n))), ref[n], 1e-9)
            << asset << " " << router.destination(d).name << " " << net.graph.nodes()[n].label;
    }
  }
}

TEST(Routing, TwoEqualStairsShareTheLoadByChoiceKey) {
  // The office is symmetric: from every floor both stairs are equally good. 10,000 people
  // (keys 0..9999) on floor 9 split about evenly; one key always gets the same stair.
  const Network net = network_of(layout_from_asset("assets/verification/nine_storey_office.yaml"));
  const Router router(net, standard_destinations(net));
  const RouteTree& safety = router.tree(0);
  const NodeId floor9 = net.graph.find_node("office/F9/C1");
  ASSERT_EQ(safety.next_count(floor9), 2u);
  std::map<uint32_t, int> count;
  for (uint64_t key = 0; key < 10'000; ++key) ++count[safety.next_link(floor9, key).value];
  ASSERT_EQ(count.size(), 2u);
  for (const auto& [link, n] : count) EXPECT_NEAR(n, 5000, 200) << "binomial sd is 50";
  EXPECT_EQ(safety.next_link(floor9, 42), safety.next_link(floor9, 42));
  // Once in a stair, nobody turns back: a landing's only way is down.
  EXPECT_EQ(safety.next_count(net.graph.find_node("office/S1/F9")), 1u);
}

TEST(Routing, BlockedLinksReRouteAfterUpdate) {
  const Network net = network_of(layout_from_asset("assets/verification/nine_storey_office.yaml"));
  Router router(net, standard_destinations(net));
  const NodeId floor9 = net.graph.find_node("office/F9/C1");
  const LinkId s1_flight = link_between(net, "office/S1/F4", "office/S1/F5");
  const LinkId s2_door = link_between(net, "office/F9/C1", "office/S2/F9");
  const double before = router.tree(0).time_s(floor9);
  const uint64_t v0 = router.version();
  router.set_blocked(s1_flight, true);
  EXPECT_TRUE(router.dirty());
  router.update();
  EXPECT_EQ(router.version(), v0 + 1);
  EXPECT_FALSE(router.dirty());
  ASSERT_EQ(router.tree(0).next_count(floor9), 1u);
  EXPECT_EQ(router.tree(0).next_link(floor9, 3), s2_door);
  EXPECT_NEAR(router.tree(0).time_s(floor9), before, 1e-9);  // the other stair is as good
  // Floor 5 of stair 1 now has to go back into the floor and across to stair 2.
  const NodeId s1f5 = net.graph.find_node("office/S1/F5");
  EXPECT_GT(router.tree(0).time_s(s1f5), before / 2);
  EXPECT_EQ(net.graph.link(router.tree(0).best_link(s1f5)).kind, LinkKind::Door);
  // Both stairs blocked: floor 9 cannot be left.
  router.set_blocked(link_between(net, "office/S2/F4", "office/S2/F5"), true);
  router.update();
  EXPECT_FALSE(router.tree(0).reachable(floor9));
  EXPECT_FALSE(router.tree(0).best_link(floor9).valid());
  router.set_blocked(s1_flight, false);
  router.update();
  EXPECT_NEAR(router.tree(0).time_s(floor9), before, 1e-9);
}

TEST(Routing, SlowerLinksShiftTheRoute) {
  const Network net = network_of(layout_from_asset("assets/verification/nine_storey_office.yaml"));
  Router router(net, standard_destinations(net));
  const NodeId floor9 = net.graph.find_node("office/F9/C1");
  const LinkId s2_flight = link_between(net, "office/S2/F8", "office/S2/F9");
  router.set_link_time(s2_flight, 600, 600);  // smoke in stair 2
  router.update();
  ASSERT_EQ(router.tree(0).next_count(floor9), 1u);
  EXPECT_EQ(router.tree(0).best_link(floor9), link_between(net, "office/F9/C1", "office/S1/F9"));
  router.reset_link_time(s2_flight);
  router.update();
  EXPECT_EQ(router.tree(0).next_count(floor9), 2u);
}

TEST(Routing, ElevatorsAreOnlyUsedWhenAllowed) {
  const Network net = network_of(layout_from_yaml(R"(
buildings:
  - id: T
    footprint: {width_m: 20, depth_m: 10}
    floors: 2
    floor_height_m: 3
    elevators: [{id: L1, speed_mps: 2, acceleration_mps2: 0.8, door_open: 2.5, door_close: 3}]
assembly_points: [{id: a, at: [10, -10], capacity_persons: 10}]
)"));
  const LinkTimes walk = free_flow_link_times(net);
  RouteOptions staff;
  staff.use_elevators = true;
  const LinkTimes ride = free_flow_link_times(net, staff);
  const LinkId shaft = net.elevators.at(0).links.at(0);
  EXPECT_EQ(walk.forward_s[shaft.index()], kUnreachable);
  EXPECT_NEAR(ride.forward_s[shaft.index()], 5.5 + 2 * std::sqrt(3.0 / 0.8), 1e-12);
}

TEST(Routing, EveryFlatOfTheCompoundReachesSafetyWithoutLoops) {
  const Network net = network_of(layout_from_asset("assets/compound.yaml"));
  const Router router(net, standard_destinations(net));
  EXPECT_EQ(router.destination(0).name, "safety");
  const RouteTree& safety = router.tree(0);
  for (const BuildingNet& b : net.buildings)
    for (const NodeId flat : b.units)
      for (uint64_t key : {0ull, 1ull, 977ull}) {
        NodeId n = flat;
        std::size_t steps = 0;
        while (!safety.is_destination(n)) {
          ASSERT_TRUE(safety.reachable(n)) << net.graph.node(n).label;
          const NodeId next = net.graph.other_end(safety.next_link(n, key), n);
          ASSERT_LE(safety.time_s(next), safety.time_s(n) + 1e-9);
          n = next;
          ASSERT_LT(++steps, net.graph.node_count());
        }
        EXPECT_EQ(net.graph.node(n).kind, NodeKind::AssemblyPoint);
      }
}

}  // namespace
}  // namespace dt
