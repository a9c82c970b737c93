// Free-flow speeds and link times of the routes (engine/world/routing.h) on hand-built networks
// (no layout): the SFPE speeds at D = 0.54 p/m² from the constants of engine/world/hydraulics.h,
// the IMO ascent/descent ratio, elevator hops. Expected values worked out by hand.

#include <gtest/gtest.h>

#include <cmath>

#include "engine/world/routing.h"

namespace dt {
namespace {

TEST(Speeds, FreeFlowSpeedsFollowTheSfpeHydraulicModel) {
  // Level: k = 1.40 at D = 0.54 p/m²: 1.40 × (1 − 0.266 × 0.54) = 1.40 × 0.85636 = 1.198904 m/s.
  EXPECT_NEAR(level_speed_mps(), 1.198904, 1e-9);
  // 7/11 in stair: k = 51.8/60 × √(0.2794/0.1778) = 0.863333 × 1.253566 = 1.082246 m/s (SFPE table:
  // 1.08), S = 1.082246 × 0.85636 = 0.926792 m/s.
  EXPECT_NEAR(stair_speed_mps(0.1778, 0.2794), 0.926792, 1e-6);
  // Steps not given: the layout's default steps (layout_defaults::kRiser_m / kTread_m).
  EXPECT_EQ(stair_speed_mps(0.0, 0.0), stair_speed_mps(layout_defaults::kRiser_m, layout_defaults::kTread_m));
}

TEST(Speeds, ElevatorHopTimeIncludesDoorsAndAcceleration) {
  ElevatorNet e;
  e.speed_mps = 2.0;
  e.acceleration_mps2 = 0.8;
  e.door_open_s = 2.5;
  e.door_close_s = 3.0;
  // 3 m < v²/a = 5 m: never reaches 2 m/s; 2√(3/0.8) = 3.873 s.
  EXPECT_NEAR(elevator_hop_time_s(e, 3.0), 5.5 + 2 * std::sqrt(3.0 / 0.8), 1e-12);
  // 30 m: 30/2 + 2/0.8 = 17.5 s.
  EXPECT_NEAR(elevator_hop_time_s(e, 30.0), 5.5 + 17.5, 1e-12);
}

// One flight 6.8 m along the incline (0.16/0.30 m steps) from a landing 3 m up to the ground:
// down at S0 = 51.8/60 × √(0.30/0.16) × 0.85636 = 1.182168 × 0.85636 = 1.012361 m/s, 6.716970 s;
// up 1/0.75 as long (IMO MSC.1/Circ.1533 tables 3.4/3.5, ascent/descent ≈ 0.75): 8.955960 s.
// Doors and paths at 1.198904 m/s: 5 m in 4.170476 s either way.
TEST(Speeds, LinkTimesGoUpAStairAtThreeQuartersOfTheSpeedDown) {
  Network net;
  NavNode upper{NodeKind::StairLanding, {0, 0, 3.0}, 4.0, 0, 2, "upper"};
  NavNode lower{NodeKind::StairLanding, {0, 0, 0.0}, 4.0, 0, 1, "lower"};
  NavNode yard{NodeKind::Outdoor, {5, 0, 0.0}, 100.0, -1, 0, "yard"};
  const NodeId u = net.graph.add_node(upper);
  const NodeId l = net.graph.add_node(lower);
  const NodeId y = net.graph.add_node(yard);
  NavLink flight;
  flight.a = u;
  flight.b = l;
  flight.kind = LinkKind::Stair;
  flight.length_m = 6.8;
  flight.width_m = 1.2;
  flight.riser_m = 0.16;
  flight.tread_m = 0.30;
  net.graph.add_link(flight);
  NavLink door;
  door.a = l;
  door.b = y;
  door.kind = LinkKind::Exit;
  door.length_m = 5.0;
  door.width_m = 1.2;
  net.graph.add_link(door);
  net.graph.finalize();
  const LinkTimes t = free_flow_link_times(net);
  EXPECT_NEAR(t.forward_s[0], 6.716970, 1e-5);   // down: a is the upper landing
  EXPECT_NEAR(t.backward_s[0], 8.955960, 1e-5);  // up
  EXPECT_NEAR(t.forward_s[1], 4.170476, 1e-5);
  EXPECT_NEAR(t.backward_s[1], 4.170476, 1e-5);
}

}  // namespace
}  // namespace dt
