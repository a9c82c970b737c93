// Drills on a changing network (engine/sim/emergency_replication.h, engine/people/crowd_model.h with
// engine/world/network_timeline.h): a stair closed at time t is entered by nobody after t and the
// people above re-route to the other stair; walking in smoke slows exactly as Frantzich & Nilsson
// (2003); on tower_smoke_stair, staff with the fire lift get the residents who cannot walk out
// sooner than staff who carry them down.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/sim/site.h"
#include "engine/people/verification.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/emergency_replication.h"

namespace dt {
namespace {

const std::string kSource = DRILLTWIN_SOURCE_DIR;

TEST(Drill, StairClosedAtTIsEnteredByNobodyAfterTAndPeopleAboveReroute) {
  const PreparedScenario p = prepare_scenario(kSource + "/tests/hazards/data/stair_closure.yaml", {});
  const ScenarioConfig& sc = p.config;
  ASSERT_TRUE(p.site->evacuation && p.site->emergency);
  const EvacuationNetwork& net = *p.site->evacuation_network;
  const EvacuationConfig& e = *p.site->evacuation;
  const EmergencyConfig& c = *p.site->emergency;
  ASSERT_EQ(c.drill.size(), 1u);
  const double t_close = c.drill[0].at_s;
  const std::vector<uint32_t>& flights = c.drill[0].links;
  ASSERT_EQ(flights.size(), 5u);  // S2 has five flights in a six-storey block
  const NavGraph& g = net.graph();
  for (uint64_t rep = 0; rep < 4; ++rep) {
    const EmergencyOutcome o = run_emergency(net, e, c, sc.run.seed, rep);
    // Re-run the movement with the same inputs and an audit of every link entry.
    Crowd crowd = o.evacuation.population.crowd;
    crowd.ready_s = o.ready_s;
    MovementAudit audit;
    const MovementResult m = simulate_movement(net, crowd, e.max_duration_s, o.timeline, &audit);
    EXPECT_EQ(m.safe_time_s.size(), o.evacuation.movement.safe_time_s.size());
    EXPECT_EQ(m.last_safe_s, o.evacuation.movement.last_safe_s) << "the audit does not change the run";
    uint32_t before = 0, after = 0, s1_from_above_after = 0;
    for (const auto& [l, t] : audit.link_entries) {
      const bool s2 = std::find(flights.begin(), flights.end(), l) != flights.end();
      if (s2) (t < t_close ? before : after) += 1;
      const NavLink& link = g.link(LinkId(l));
      if (!s2 && link.kind == LinkKind::Stair && t >= t_close && link.label.rfind("T/S1/", 0) == 0) ++s1_from_above_after;
    }
    EXPECT_GT(before, 0u) << "people were using S2 before it closed (replication " << rep << ")";
    EXPECT_EQ(after, 0u) << "nobody enters a flight of S2 after " << t_close << " s";
    EXPECT_GE(m.route_rebuilds, 1u) << "the routes were recomputed at the closure";
    EXPECT_GT(s1_from_above_after, 0u) << "the people above went down S1 instead";
    EXPECT_EQ(m.safe, m.people) << "everybody still reaches safety";
    EXPECT_EQ(m.without_route, 0u);
  }
}

TEST(Drill, WalkingInSmokeSlowsExactlyAsFrantzichNilsson) {
  // One person, 40 m corridor, free speed 1.0 m/s (below S(0.54) = 1.199 m/s), in smoke of
  // extinction coefficient K from the start: v = v0·(1 + β·K/α), β = −0.057 m²/s, α = 0.706 m/s,
  // at least 0.1·v0.
  const EvacuationNetwork net(verification_networks::corridor(40.0, 2.0), MovementParams{});
  Crowd crowd;
  crowd.add(NodeId(0), 0.0, 1.0, 1.0, 1.0);
  for (const double k : {0.0, 0.5, 2.0, 5.0, 11.0, 20.0}) {
    NetworkTimeline t;
    t.smoke_arrival_s.assign(net.graph().node_count(), 0.0);
    t.smoke_rise_s = 0.0;  // K is at its maximum at once
    t.smoke_max_k_per_m = k;
    const MovementResult r = simulate_movement(net, crowd, 1e6, t);
    const double factor = std::max(0.1, 1.0 - 0.057 * k / 0.706);
    EXPECT_NEAR(r.last_safe_s, 40.0 / (1.0 * factor), 1e-9) << "K = " << k;
    EXPECT_DOUBLE_EQ(smoke_speed_factor(k, SmokeWalkingParams{}), factor);
  }
  // K = 20 /m: 1 − 0.057·20/0.706 = −0.615 → the floor, 0.1·v0: 400 s.
  EXPECT_DOUBLE_EQ(smoke_speed_factor(20.0, SmokeWalkingParams{}), 0.1);
}

TEST(Drill, LightsOutSlowsByTheStatedFactor) {
  // The same corridor inside building 0, dark from t = 0: 40 m at 0.8 × 1.0 m/s = 50 s.
  std::shared_ptr<NavGraph> graph = verification_networks::corridor(40.0, 2.0);
  for (std::size_t l = 0; l < graph->link_count(); ++l) graph->link_mut(LinkId(static_cast<uint32_t>(l))).building = 0;
  const EvacuationNetwork net(graph, MovementParams{});
  Crowd crowd;
  crowd.add(NodeId(0), 0.0, 1.0, 1.0, 1.0);
  NetworkTimeline dark;
  dark.dark_intervals.resize(1);
  dark.dark_intervals[0].emplace_back(0.0, 1e9);
  dark.dark_speed_factor = 0.8;
  EXPECT_NEAR(simulate_movement(net, crowd, 1e6, dark).last_safe_s, 50.0, 1e-9);
  dark.dark_intervals[0] = {{100.0, 200.0}};  // power cut later: full speed
  EXPECT_NEAR(simulate_movement(net, crowd, 1e6, dark).last_safe_s, 40.0, 1e-9);
}

TEST(Drill, FireLiftGetsAssistedResidentsOutSoonerThanCarrying) {
  // tower_smoke_stair: paired comparison on the same replications (common random numbers: the same
  // residents need help, the same smoke).
  const std::string path = kSource + "/scenarios/tower_smoke_stair.yaml";
  const ScenarioConfig lift = load_scenario(path, {});
  const ScenarioConfig carry = load_scenario(path, {"assistance.method=carry"});
  const Site lift_site = build_site(lift), carry_site = build_site(carry);
  ASSERT_EQ(lift.emergency->assistance.method, AssistMethod::FireLift);
  ASSERT_EQ(carry.emergency->assistance.method, AssistMethod::Carry);
  double sum_lift = 0, sum_carry = 0;
  int n = 0;
  for (uint64_t rep = 0; rep < 4; ++rep) {
    const EmergencyOutcome a = run_emergency(*lift_site.evacuation_network, *lift_site.evacuation, *lift_site.emergency, lift.run.seed, rep);
    const EmergencyOutcome b = run_emergency(*carry_site.evacuation_network, *carry_site.evacuation, *carry_site.emergency, carry.run.seed, rep);
    ASSERT_EQ(a.assisted.size(), b.assisted.size());
    ASSERT_GT(a.assisted.size(), 0u);
    EXPECT_GT(a.assistance.by_fire_lift, 0u);
    EXPECT_EQ(b.assistance.by_fire_lift, 0u);
    EXPECT_GT(b.assistance.by_carry, 0u);
    // Every resident rescued in both variants is out sooner by lift, on average and at the last.
    double last_a = 0, last_b = 0;
    for (std::size_t i = 0; i < a.assistance.safe_s.size(); ++i) {
      if (!std::isfinite(a.assistance.safe_s[i]) || !std::isfinite(b.assistance.safe_s[i])) continue;
      sum_lift += a.assistance.safe_s[i];
      sum_carry += b.assistance.safe_s[i];
      last_a = std::max(last_a, a.assistance.safe_s[i]);
      last_b = std::max(last_b, b.assistance.safe_s[i]);
      ++n;
    }
    EXPECT_LT(last_a, last_b) << "replication " << rep;
  }
  ASSERT_GT(n, 0);
  EXPECT_LT(sum_lift / n, sum_carry / n);
}

}  // namespace
}  // namespace dt
