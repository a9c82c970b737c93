// The documented defaults of the movement model (engine/people/movement_config.h,
// engine/people/evacuation_network.cpp; docs/model.md "Speed, flow and density" and "The movement
// scheme"), each checked where it decides something: on level links and site paths the capacity
// is Fsm = k/(4a) across the width less the boundary layers; a node holds 3.0 p/m²; links
// narrower than 1.5 m (effective) are single file; links shorter than 2 m are thresholds; routes
// within max(5 %, 1 s) of the best are equally good; the peak exit flow counts a 10 s window.
// Expected values are worked out by hand (in the comments), never taken from the model.
#include <gtest/gtest.h>

#include <memory>

#include "engine/people/crowd_model.h"
#include "engine/people/verification.h"

namespace dt {
namespace {

namespace vn = verification_networks;

// Hand constants (SFPE Handbook 5th ed. ch. 59; a = 0.266 m²/p, level k = 1.40 m/s):
constexpr double kS0 = 1.198904;  // 1.40 × (1 − 0.266 × 0.54) [m/s]

Crowd crowd_at(NodeId node, int n, double speed_mps = 5.0) {
  Crowd c;
  for (int i = 0; i < n; ++i) c.add(node, 0.0, speed_mps, speed_mps, speed_mps);
  return c;
}

TEST(MovementDefaults, LevelLinksPassAtTheLevelPeakFlowAcrossTheirEffectiveWidth) {
  // Fsm = k/(4a) = 1.40/1.064 = 1.3157895 p/s/m. A site path 2.0 m wide loses 0.15 m a side:
  // C = 1.3157895 × 1.7 = 2.2368421 p/s; 100 people pass a path of zero length in 99/C = 44.258824 s.
  const EvacuationNetwork path(vn::corridor(0.0, 2.0, LinkKind::Path), MovementParams{});
  EXPECT_NEAR(simulate_movement(path, crowd_at(NodeId(0), 100), 1e6).last_safe_s, 44.258824, 1e-5);
  // A corridor opening 2.0 m wide loses 0.20 m a side: C = 1.3157895 × 1.6 = 2.1052632 p/s; 99/C = 47.025 s.
  const EvacuationNetwork opening(vn::corridor(0.0, 2.0, LinkKind::Opening), MovementParams{});
  EXPECT_NEAR(simulate_movement(opening, crowd_at(NodeId(0), 100), 1e6).last_safe_s, 47.025, 1e-5);
}

TEST(MovementDefaults, ANodeHoldsThreePersonsPerSquareMetre) {
  // node_max_density 3.0 p/m²: a 10 m² hall holds 30, a 2.9 m² landing ⌊8.7⌋ = 8.
  auto g = std::make_shared<NavGraph>();
  const NodeId hall = g->add_node({NodeKind::Corridor, {}, 10.0, 0, 1, "hall"});
  const NodeId landing = g->add_node({NodeKind::StairLanding, {}, 2.9, 0, 1, "landing"});
  const NodeId out = g->add_node({NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "out"});
  NavLink l;
  l.a = hall;
  l.b = landing;
  l.kind = LinkKind::Door;
  l.width_m = 1.0;
  g->add_link(l);
  l.a = landing;
  l.b = out;
  l.kind = LinkKind::Exit;
  g->add_link(l);
  g->finalize();
  const EvacuationNetwork net(g, MovementParams{});
  EXPECT_EQ(net.node_capacity(hall), 30u);
  EXPECT_EQ(net.node_capacity(landing), 8u);
}

TEST(MovementDefaults, LinksNarrowerThanOnePointFiveMetresAreSingleFile) {
  // A slow walker (0.5 m/s) enters a 30 m corridor ahead of ten fast ones (1.5 m/s). Effective
  // widths just either side of 1.5 m (0.20 m layers): 1.85 m → 1.45 m, single file: nobody behind
  // him arrives before his 60 s. 1.95 m → 1.55 m: the first fast one overtakes; he enters one
  // headway after the slow one, 1/C = 1/(1.3157895 × 1.55) = 0.4903226 s, and walks 30 m at
  // S0 = 1.198904 m/s (25.022854 s): 25.513177 s.
  Crowd crowd;
  crowd.add(NodeId(0), 0.0, 0.5, 0.5, 0.5);
  for (int i = 0; i < 10; ++i) crowd.add(NodeId(0), 0.0, 1.5, 1.5, 1.5);
  const EvacuationNetwork narrow(vn::corridor(30.0, 1.85), MovementParams{});
  const MovementResult n = simulate_movement(narrow, crowd, 1e6);
  for (int i = 1; i <= 10; ++i) EXPECT_GE(n.safe_time_s[i], 60.0) << i;
  const EvacuationNetwork wide(vn::corridor(30.0, 1.95), MovementParams{});
  const MovementResult w = simulate_movement(wide, crowd, 1e6);
  EXPECT_NEAR(w.safe_time_s[1], 25.513177, 1e-5);
  EXPECT_NEAR(w.safe_time_s[0], 60.0, 1e-9);
}

TEST(MovementDefaults, LinksShorterThanTwoMetresAreThresholds) {
  // One person on a 0.9 m opening (0.5 m effective). 1.95 m long: a threshold, no density:
  // 1.95/S0 = 1.626486 s. 2.05 m long: he is 1/(2.05 × 0.5) = 0.975610 p/m² on it:
  // S = 1.40 × (1 − 0.266 × 0.975610) = 1.036683 m/s, 2.05/1.036683 = 1.977461 s.
  const EvacuationNetwork threshold(vn::corridor(1.95, 0.9), MovementParams{});
  EXPECT_NEAR(simulate_movement(threshold, crowd_at(NodeId(0), 1), 1e6).last_safe_s, 1.626486, 1e-5);
  const EvacuationNetwork link(vn::corridor(2.05, 0.9), MovementParams{});
  EXPECT_NEAR(simulate_movement(link, crowd_at(NodeId(0), 1), 1e6).last_safe_s, 1.977461, 1e-5);
}

// Whether a room whose exits are `near_m` and `far_m` long sends anybody to the far one.
bool far_exit_used(double near_m, double far_m) {
  const EvacuationNetwork net(vn::room_with_exits(200.0, 1.2, {near_m, far_m}), MovementParams{});
  const MovementResult r = simulate_movement(net, crowd_at(NodeId(0), 20), 1e6);
  return r.exit_count[1] > 0;
}

TEST(MovementDefaults, RoutesWithinFivePercentOfTheBestAreEquallyGood) {
  // Route times L/S0: near exit 60 m = 50.045708 s; tolerance max(5 % = 2.502285 s, 1 s), so the
  // limit is 52.547994 s. 62.9 m = 52.464584 s is within (4.8 % longer), 63.1 m = 52.631403 s is not (5.2 %).
  EXPECT_TRUE(far_exit_used(60.0, 62.9));
  EXPECT_FALSE(far_exit_used(60.0, 63.1));
}

TEST(MovementDefaults, RoutesWithinOneSecondOfTheBestAreEquallyGood) {
  // Near exit 5 m = 4.170476 s; 5 % of it is 0.21 s, so the 1 s floor governs: limit 5.170476 s.
  // 6.15 m = 5.129685 s is within, 6.25 m = 5.213095 s is not.
  EXPECT_TRUE(far_exit_used(5.0, 6.15));
  EXPECT_FALSE(far_exit_used(5.0, 6.25));
}

TEST(MovementDefaults, PeakExitFlowCountsTheBusiestTenSeconds) {
  // 60 people leave by a 1.0 m exit of zero length: C = 1.3 × 0.7 = 0.91 p/s, person i crosses at
  // i/0.91 s. Any window shorter than 10 s holds at most 10 crossings (i = 0..9 span 9.89 s; 11
  // span 10.99 s): peak flow 10/10 = 1.0 p/s.
  const EvacuationNetwork net(vn::room_with_exits(400.0, 1.0, {0.0}), MovementParams{});
  const MovementResult r = simulate_movement(net, crowd_at(NodeId(0), 60), 1e6);
  ASSERT_EQ(r.exit_peak_flow_pps.size(), 1u);
  EXPECT_DOUBLE_EQ(r.exit_peak_flow_pps[0], 1.0);
}

}  // namespace
}  // namespace dt
