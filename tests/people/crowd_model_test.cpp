// The crowd-movement model (engine/people/crowd_model.h): the exactness of the link "token"
// (N people through a fresh link in (N-1)/C; never more than 1 + C·t in any interval t), the
// density limits with spill-back, merging, load sharing between equal routes, single-file
// slowing by slow walkers, and conservation of people — checked on small hand-built networks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/people/crowd_model.h"
#include "engine/people/verification.h"

namespace dt {
namespace {

namespace vn = verification_networks;

Crowd crowd_at(NodeId node, int n, double speed_mps = 5.0, double ready_s = 0.0) {
  Crowd c;
  for (int i = 0; i < n; ++i) c.add(node, ready_s, speed_mps, speed_mps, speed_mps);
  return c;
}

// Largest number of entries of link `l` in any closed window of length t, over the recorded entries.
void expect_token_bound(const MovementAudit& audit, const EvacuationNetwork& net) {
  std::map<uint32_t, std::vector<double>> by_link;
  for (const auto& [l, t] : audit.link_entries) by_link[l].push_back(t);
  for (auto& [l, times] : by_link) {
    const double c = net.link(LinkId(l)).capacity_pps;
    for (std::size_t i = 0; i < times.size(); ++i)
      for (std::size_t j = i + 1; j < std::min(times.size(), i + 50); ++j) {
        const double window = times[j] - times[i];
        ASSERT_LE(static_cast<double>(j - i + 1), 1.0 + c * window + 1e-9)
            << "link " << l << " passed " << (j - i + 1) << " people in " << window << " s";
      }
  }
}

TEST(CrowdModel, FreshDoorPassesNPeopleInNMinusOneOverC) {
  for (const double w : {0.8, 1.0, 2.0}) {
    const EvacuationNetwork net(vn::room_with_exits(400.0, w, {0.0}), MovementParams{});
    const MovementResult r = simulate_movement(net, crowd_at(NodeId(0), 60), 1e6);
    const double c = 1.3 * (w - 0.3);
    EXPECT_NEAR(r.last_safe_s, 59.0 / c, 1e-9) << "width " << w;
    EXPECT_EQ(r.safe, 60u);
  }
}

TEST(CrowdModel, NoLinkExceedsOnePlusCtInAnyWindow) {
  // Arrivals spread in time (pre-movement) and a congested stair: entries still obey the bound.
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 40; ++i)
      crowd.add(vn::office_floor(net.graph(), f), 0.37 * i, 1.2, 0.9, 0.6);
  MovementAudit audit;
  const MovementResult r = simulate_movement(net, crowd, 1e6, &audit);
  EXPECT_EQ(r.safe, crowd.size());
  expect_token_bound(audit, net);
}

TEST(CrowdModel, ResidentsAreSafePlusNotYetSafeAtEveryEvent) {
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 30; ++i) crowd.add(vn::office_floor(net.graph(), f), 3.0 * i, 1.1, 0.8, 0.5);
  crowd.add(net.graph().find_node("F5"), std::numeric_limits<double>::infinity(), 0.5, 0.3, 0.2);  // needs help
  MovementAudit audit;
  const MovementResult r = simulate_movement(net, crowd, 1e6, &audit);
  EXPECT_GT(audit.checks, 100u);
  EXPECT_EQ(audit.conservation_failures, 0u);
  EXPECT_EQ(r.awaiting_assistance, 1u);
  EXPECT_EQ(r.safe + 1, r.people);
  // The curve falls one person at a time and ends at those who never moved.
  ASSERT_FALSE(audit.curve.empty());
  EXPECT_EQ(audit.curve.back().second, 1u);
  for (std::size_t i = 1; i < audit.curve.size(); ++i) EXPECT_EQ(audit.curve[i - 1].second, audit.curve[i].second + 1);
  EXPECT_EQ(r.not_yet_safe_at(r.last_safe_s), 1u);
  EXPECT_EQ(r.not_yet_safe_at(0.0), r.people);
}

TEST(CrowdModel, NodesNeverExceedTheirDensityLimitAndQueuesSpillBack) {
  // A wide corridor feeds a small landing (3 m² → 9 people) that drains through a narrow door.
  auto g = std::make_shared<NavGraph>();
  const NodeId room = g->add_node({NodeKind::Corridor, {}, 500.0, 0, 1, "room"});
  const NodeId landing = g->add_node({NodeKind::StairLanding, {}, 3.0, 0, 1, "landing"});
  const NodeId out = g->add_node({NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "out"});
  NavLink wide;
  wide.a = room;
  wide.b = landing;
  wide.kind = LinkKind::Opening;
  wide.length_m = 5.0;
  wide.width_m = 3.0;
  g->add_link(wide);
  NavLink door;
  door.a = landing;
  door.b = out;
  door.kind = LinkKind::Exit;
  door.width_m = 0.9;
  door.length_m = 0.0;
  g->add_link(door);
  g->finalize();
  const EvacuationNetwork net(g, MovementParams{});
  EXPECT_EQ(net.node_capacity(landing), 9u);
  MovementAudit audit;
  const MovementResult r = simulate_movement(net, crowd_at(room, 200), 1e6, &audit);
  EXPECT_EQ(audit.node_admissions_over_limit, 0u);
  EXPECT_EQ(audit.link_admissions_over_storage, 0u);
  EXPECT_EQ(r.safe, 200u);
  // The door governs: the first person reaches it after 5 m at S(0.54) = 1.40 × (1 − 0.266 × 0.54) =
  // 1.198904 m/s (4.170476 s), then (N-1)/C = 199/(1.3 × 0.6) = 255.128205 s: 259.298681 s.
  EXPECT_NEAR(r.last_safe_s, 259.298681, 1e-5);
}

TEST(CrowdModel, EqualStairsShareTheLoad) {
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 51; ++i) crowd.add(vn::office_floor(net.graph(), f), 0.0, 1.2, 0.9, 0.6);
  const MovementResult r = simulate_movement(net, crowd, 1e6);
  ASSERT_EQ(r.exit_count.size(), 2u);
  EXPECT_LE(std::abs(static_cast<int>(r.exit_count[0]) - static_cast<int>(r.exit_count[1])), 8);  // one per floor at most
}

TEST(CrowdModel, NearestExitWinsWhenRoutesAreNotEqual) {
  const EvacuationNetwork net(vn::room_with_exits(100.0, 1.2, {5.0, 25.0}), MovementParams{});
  const MovementResult r = simulate_movement(net, crowd_at(NodeId(0), 30), 1e6);
  EXPECT_EQ(r.exit_count[0], 30u);
  EXPECT_EQ(r.exit_count[1], 0u);
}

TEST(CrowdModel, NobodyWalksFasterThanHisFreeSpeedAndASlowWalkerHoldsASingleFile) {
  // 1 m wide corridor (0.6 m effective, single file), 30 m. An elderly walker (0.5 m/s) ahead of
  // ten fast ones: nobody behind him arrives before him.
  const EvacuationNetwork net(vn::corridor(30.0, 1.0), MovementParams{});
  Crowd crowd;
  crowd.add(NodeId(0), 0.0, 0.5, 0.5, 0.5);
  for (int i = 0; i < 10; ++i) crowd.add(NodeId(0), 0.0, 1.5, 1.5, 1.5);
  const MovementResult r = simulate_movement(net, crowd, 1e6);
  EXPECT_NEAR(r.safe_time_s[0], 60.0, 1e-9);
  for (int i = 1; i <= 10; ++i) EXPECT_GE(r.safe_time_s[i], 60.0);
  // On a wide corridor (3 m) the fast ones overtake and arrive at their own pace (capped by S(0.54)),
  // one entry headway 1/C after the person before them: C = 1.40/(4 × 0.266) × (3.0 − 0.4) =
  // 3.421053 p/s, 1/C = 0.292308 s; 30 m at 1.198904 m/s = 25.022854 s; 25.315162 s.
  const EvacuationNetwork wide(vn::corridor(30.0, 3.0), MovementParams{});
  const MovementResult w = simulate_movement(wide, crowd, 1e6);
  EXPECT_NEAR(w.safe_time_s[1], 25.315162, 1e-5);
  EXPECT_LT(w.safe_time_s[1], w.safe_time_s[0]);
  EXPECT_NEAR(w.safe_time_s[0], 60.0, 1e-9);
}

TEST(CrowdModel, MergingAtALandingAlternatesBetweenFloorAndStair) {
  // Two floors feed a two-flight stair; with both streams queued at landing 1 the zipper rule
  // lets the floor and the stream from above in by turns, so floor 2 empties while floor 3 still
  // drains (neither waits for the other to finish).
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f : {2, 3})
    for (int i = 0; i < 150; ++i) crowd.add(vn::office_floor(net.graph(), f), 0.0, 1.2, 0.9, 0.6);
  const MovementResult r = simulate_movement(net, crowd, 1e6);
  double floor2 = 0, floor3 = 0;
  for (int i = 0; i < 150; ++i) floor2 = std::max(floor2, r.left_floor_s[i]);
  for (int i = 150; i < 300; ++i) floor3 = std::max(floor3, r.left_floor_s[i]);
  EXPECT_LT(floor2, floor3 + 30.0);
  EXPECT_GT(floor2, 0.6 * floor3);
}

TEST(CrowdModel, DeterministicAcrossRuns) {
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 60; ++i) crowd.add(vn::office_floor(net.graph(), f), 0.7 * i, 1.0 + 0.01 * i, 0.8, 0.5);
  const MovementResult a = simulate_movement(net, crowd, 1e6);
  const MovementResult b = simulate_movement(net, crowd, 1e6);
  EXPECT_EQ(a.safe_time_s, b.safe_time_s);
  EXPECT_EQ(a.events, b.events);
}

TEST(CrowdModel, StrandedPeopleAreCountedNotLost) {
  auto g = std::make_shared<NavGraph>();
  g->add_node({NodeKind::Unit, {}, 50.0, 0, 1, "island"});
  g->add_node({NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "ap"});
  g->finalize();
  const EvacuationNetwork net(g, MovementParams{});
  const MovementResult r = simulate_movement(net, crowd_at(NodeId(0), 3), 1e6);
  EXPECT_EQ(r.safe, 0u);
  EXPECT_EQ(r.without_route, 3u);
  EXPECT_TRUE(std::isnan(r.last_safe_s));
}

}  // namespace
}  // namespace dt
