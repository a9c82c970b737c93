// The bathtub cascade of a burst pipe (engine/hazards/flooding.h).
#include "engine/hazards/flooding.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dt {
namespace {

// One floor of building 0:  U1 —door 5 m— C —door 5 m— U2,  and C —opening 3 m— S (a landing).
// Areas: U1 50, C 30, S 10, U2 50 m². Floor 2 above (node F2) hangs on a stair from S, and a
// node of building 1 on floor 1 hangs on a path from C: water reaches neither.
struct Floor {
  NavGraph g;
  NodeId u1, c, u2, s, f2, other;
};

Floor make_floor() {
  Floor f;
  auto node = [&](const char* label, double area, int32_t building, int32_t floor) {
    return f.g.add_node({NodeKind::Corridor, {}, area, building, floor, label});
  };
  f.u1 = node("U1", 50, 0, 1);
  f.c = node("C", 30, 0, 1);
  f.u2 = node("U2", 50, 0, 1);
  f.s = node("S", 10, 0, 1);
  f.f2 = node("F2", 30, 0, 2);
  f.other = node("X", 30, 1, 1);
  auto link = [&](NodeId a, NodeId b, LinkKind kind, double length_m) {
    NavLink l;
    l.a = a;
    l.b = b;
    l.kind = kind;
    l.length_m = length_m;
    f.g.add_link(l);
  };
  link(f.u1, f.c, LinkKind::Door, 5);
  link(f.c, f.u2, LinkKind::Door, 5);
  link(f.c, f.s, LinkKind::Opening, 3);
  link(f.s, f.f2, LinkKind::Stair, 6);
  link(f.c, f.other, LinkKind::Door, 1);  // a door, but into another building
  f.g.finalize();
  return f;
}

// Pipe in U1 at t = 100 s, Q = 5 L/s = 0.005 m³/s; spill depth 0.02 m, impassable 0.30 m.
// Nodes fill in walking order U1 (0 m), C (5 m), S (8 m), U2 (10 m):
//   U1 wet at 100; C after U1's 50·0.02 = 1 m³ → 1/0.005 = 200 s → 300;
//   S after 1 + 30·0.02 = 1.6 m³ → 320 s → 420; U2 after 1.6 + 10·0.02 = 1.8 m³ → 360 s → 460.
// Impassable everywhere when the floor (50 + 30 + 10 + 50 = 140 m²) holds 0.30 m:
//   140·0.30 = 42 m³ → 8400 s → 8500.
TEST(Flooding, WaterFillsTheFloorInWalkingOrderThenRisesEvenly) {
  const Floor f = make_floor();
  const FloodParams params{0.02, 0.30};
  const FloodField w = spread_water(f.g, params, {{f.u1, 100.0, 5.0}});
  EXPECT_DOUBLE_EQ(w.wet_s[f.u1.index()], 100.0);
  EXPECT_NEAR(w.wet_s[f.c.index()], 300.0, 1e-9);
  EXPECT_NEAR(w.wet_s[f.s.index()], 420.0, 1e-9);
  EXPECT_NEAR(w.wet_s[f.u2.index()], 460.0, 1e-9);
  for (const NodeId n : {f.u1, f.c, f.s, f.u2}) EXPECT_NEAR(w.impassable_s[n.index()], 8500.0, 1e-6);
}

TEST(Flooding, WaterStaysOnItsFloorAndInItsBuilding) {
  const Floor f = make_floor();
  const FloodField w = spread_water(f.g, FloodParams{}, {{f.u1, 0.0, 5.0}});
  EXPECT_TRUE(std::isinf(w.wet_s[f.f2.index()]));  // stairs carry no depth
  EXPECT_TRUE(std::isinf(w.impassable_s[f.f2.index()]));
  EXPECT_TRUE(std::isinf(w.wet_s[f.other.index()]));
}

TEST(Flooding, NoPipeNoWater) {
  const Floor f = make_floor();
  const FloodField w = spread_water(f.g, FloodParams{}, {});
  for (std::size_t n = 0; n < f.g.node_count(); ++n) EXPECT_TRUE(std::isinf(w.wet_s[n]));
}

// Two pipes: each node keeps the earlier of the two times. A second pipe in U2 at t = 0 wets U2 at
// 0 (earlier than 460 from the first) and the whole floor becomes impassable after 42/0.005 = 8400 s.
TEST(Flooding, SeveralPipesGiveTheEarliestTimes) {
  const Floor f = make_floor();
  const FloodField w = spread_water(f.g, FloodParams{0.02, 0.30}, {{f.u1, 100.0, 5.0}, {f.u2, 0.0, 5.0}});
  EXPECT_DOUBLE_EQ(w.wet_s[f.u2.index()], 0.0);
  EXPECT_DOUBLE_EQ(w.wet_s[f.u1.index()], 100.0);  // U2's water: 1 + 0.6 + 0.2 = 1.8 m³ → 360 s
  EXPECT_NEAR(w.impassable_s[f.u1.index()], 8400.0, 1e-6);
}

// A doubled flow halves every time: C wet at 1 m³ / 0.010 m³/s = 100 s.
TEST(Flooding, TimesScaleInverselyWithFlow) {
  const Floor f = make_floor();
  const FloodField w = spread_water(f.g, FloodParams{0.02, 0.30}, {{f.u1, 0.0, 10.0}});
  EXPECT_NEAR(w.wet_s[f.c.index()], 100.0, 1e-9);
  EXPECT_NEAR(w.impassable_s[f.c.index()], 4200.0, 1e-6);
}

}  // namespace
}  // namespace dt
