// One staff for daily work and emergencies (assistance.from_roster): the dispatch roster's members
// on duty are taken off their work orders at the staff alert, from where they are, do the
// emergency's tasks and go back to dispatch; and the guards' task order (assistance.order).
//
// Hand numbers on tests/sim/data/one_flat_corridor.yaml (U1 → yard 5 + 40 + 1 + 19 = 65 m, all
// level; C2 → U1 45 m):
//   dispatch walks at the SFPE free-flow speed v_d = 1.40 × (1 − 0.266 × 0.54) = 1.198904 m/s
//   (engine/world/routing.h), the emergency staff at assistance.staff_speed.level = 1.2 m/s, and a
//   resident is carried on the level at 0.69 m/s after a 60 s transfer (docs/model.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/scenario/scenario_loader.h"
#include "engine/sim/emergency_replication.h"
#include "engine/sim/replication.h"
#include "engine/sim/site.h"

namespace dt {
namespace {

const std::string kSource = DRILLTWIN_SOURCE_DIR;
const std::string kCorridor = kSource + "/tests/sim/data/roster_corridor.yaml";

constexpr double kDispatchSpeed = 1.40 * (1 - 0.266 * 0.54);  // 1.198904 m/s
constexpr double kStaffSpeed = 1.2, kCarrySpeed = 0.69, kTransfer = 60.0;
constexpr double kAlert = 1800.0;   // sound_alarm at 30 min, staff_delay 0
constexpr double kWork = 7200.0;    // the work order's fixed service time

struct Kpis {
  std::vector<std::string> names;
  std::vector<double> values;
  double operator[](const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return it == names.end() ? std::nan("") : values[static_cast<std::size_t>(it - names.begin())];
  }
};

Kpis run(const std::string& path, const std::vector<std::string>& overrides, uint64_t replication = 0) {
  const ScenarioConfig scenario = load_scenario(path, overrides);
  const Site site = build_site(scenario);
  Kpis r;
  for (const KpiDefinition& k : kpi_definitions(site, scenario)) r.names.push_back(k.name);
  r.values.assign(r.names.size(), 0.0);
  run_replication(site, scenario, replication, r.values);
  return r;
}

// The acceptance case. One engineer at the yard; the work order in U1 is reported at T (within
// seconds of the start) and he is on site at T + 65/v_d = T + 54.216 s, to work until
// T + 54.216 + 7200. The alarm at 1800 s takes him off it where he is, in U1, with the resident
// who needs assistance: no walk, 60 s transfer, carried 65 m at 0.69 m/s = 94.203 s, so the
// resident is safe at 1800 + 154.203 = 1954.203 s and he is free at the yard. He walks back
// (54.216 s) and finishes the 7200 − (1800 − T − 54.216) s of work left:
//   resolution = 54.216 + 7200 + 154.203 + 54.216 = 7462.635 s (T cancels out);
//   delay      = finished − planned = 154.203 + 54.216 = 208.419 s.
TEST(RosterStaff, AWorkOrderInterruptedByTheEmergencyResumesAfterwardsAndIsCounted) {
  const Kpis r = run(kCorridor, {});
  const double to_flat = 65.0 / kDispatchSpeed;                 // 54.216 s
  const double rescue = kTransfer + 65.0 / kCarrySpeed;         // 154.203 s
  EXPECT_EQ(r["emergency.staff.pulled"], 1.0);
  EXPECT_EQ(r["dispatch.emergency.interrupted"], 1.0);
  EXPECT_EQ(r["dispatch.emergency.resumed"], 1.0);
  EXPECT_NEAR(r["dispatch.response_time_s"], to_flat, 1e-6) << "the response is the first arrival";
  EXPECT_NEAR(r["assistance.total_time_s"], kAlert + rescue, 1e-6);
  EXPECT_NEAR(r["emergency.staff.back_s"], rescue, 1e-6);
  EXPECT_NEAR(r["dispatch.resolution_time_s"], to_flat + kWork + rescue + to_flat, 1e-6);
  EXPECT_NEAR(r["dispatch.emergency.delay_s"], rescue + to_flat, 1e-6);
  EXPECT_EQ(r["dispatch.emergency.sla_missed"], 0.0) << "reached within its 30 min long before the alarm";
  EXPECT_EQ(r["dispatch.emergency.backlog_peak"], 1.0) << "the interrupted order waited";
}

// Two engineers: #0 at the yard, #1 at C2. The order in U1 goes to the nearer, #1
// (45/v_d = 37.534 s against 54.216 s), who is in U1 at the alarm; #0 is idle at the yard.
const std::vector<std::string> kTwo = {
    "staff.roster=[{role: engineer, count: 1, post: ap:yard}, {role: engineer, count: 1, post: corridor/F1/C2}]"};

// order nearest: of the two members free at the alarm, #1 reaches the resident soonest (he is in
// her flat): safe at 1800 + 60 + 65/0.69 = 1954.203 s. #0 has no task and is back on dispatch at
// once; he takes the interrupted order: 65/v_d = 54.216 s to U1, then the work left
// (7200 − (1800 − T − 37.534)), so resolution = 37.534 + 7200 + 54.216 = 7291.750 s.
TEST(RosterStaff, MembersStartWhereDispatchPutThemAndTheNearerReachesTheResidentFirst) {
  std::vector<std::string> o = kTwo;
  o.push_back("assistance.order=nearest");
  const Kpis r = run(kCorridor, o);
  const double rescue = kTransfer + 65.0 / kCarrySpeed;
  EXPECT_EQ(r["emergency.staff.pulled"], 2.0);
  EXPECT_NEAR(r["dispatch.response_time_s"], 45.0 / kDispatchSpeed, 1e-6) << "#1, from C2, took the order";
  EXPECT_NEAR(r["assistance.total_time_s"], kAlert + rescue, 1e-6) << "#1 is in the flat: no walk";
  EXPECT_NEAR(r["emergency.staff.back_s"], rescue, 1e-6);
  EXPECT_EQ(r["dispatch.emergency.interrupted"], 1.0);
  EXPECT_EQ(r["dispatch.emergency.resumed"], 1.0);
  EXPECT_NEAR(r["dispatch.resolution_time_s"], 45.0 / kDispatchSpeed + kWork + 65.0 / kDispatchSpeed, 1e-6)
      << "#0, free at once, resumed the order";
}

// order fire_first (no fire: the lowest member first): #0 walks from the yard, 65/1.2 = 54.167 s,
// so the resident is safe at 1800 + 54.167 + 154.203 = 2008.370 s — later than from #1's place.
// #1 has no task, is back at once in U1 and finishes his own order with no walk and no delay:
// resolution = 37.534 + 7200 s, delay 0.
TEST(RosterStaff, WithFireFirstTheLowestMemberGoesFromHisOwnPlace) {
  std::vector<std::string> o = kTwo;
  o.push_back("assistance.order=fire_first");
  const Kpis r = run(kCorridor, o);
  EXPECT_NEAR(r["assistance.total_time_s"], kAlert + 65.0 / kStaffSpeed + kTransfer + 65.0 / kCarrySpeed, 1e-6);
  EXPECT_NEAR(r["dispatch.resolution_time_s"], 45.0 / kDispatchSpeed + kWork, 1e-6);
  EXPECT_NEAR(r["dispatch.emergency.delay_s"], 0.0, 1e-6);
  EXPECT_EQ(r["dispatch.emergency.resumed"], 1.0);
}

// Nobody of the roles on shift at the alarm: nobody is pulled, nobody is rescued by staff, and the
// work order is not interrupted (a legitimate drill: the KPIs say so plainly).
TEST(RosterStaff, NobodyOnShiftPullsNobody) {
  const Kpis r = run(kCorridor, {"staff.roster=[{role: engineer, count: 1, post: ap:yard, shift: {start: \"08:00\", length: 8 h}}]"});
  EXPECT_EQ(r["emergency.staff.pulled"], 0.0);
  EXPECT_TRUE(std::isnan(r["emergency.staff.back_s"]));
  EXPECT_EQ(r["dispatch.emergency.interrupted"], 0.0);
  EXPECT_EQ(r["assistance.rescued"], 0.0);
}

// The same seed and replication give the same KPIs (the joined run draws nothing new).
TEST(RosterStaff, JoinedRunsAreDeterministic) {
  const Kpis a = run(kCorridor, kTwo, 3), b = run(kCorridor, kTwo, 3);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i)
    if (!std::isnan(a.values[i]) || !std::isnan(b.values[i])) EXPECT_EQ(a.values[i], b.values[i]) << a.names[i];
}

// --- assistance.order on hand cases (the guards of assistance.staff, not joined) ---------------

struct Drill {
  EmergencyOutcome outcome;
  std::vector<std::string> flat;  // per resident awaiting assistance: his flat
  std::vector<int> floor;
};

Drill drill(const std::string& path, std::vector<std::string> overrides) {
  const ScenarioConfig scenario = load_scenario(path, overrides);
  const Site site = build_site(scenario);
  Drill d{run_emergency(*site.evacuation_network, *site.evacuation, *site.emergency, scenario.run.seed, 0), {}, {}};
  const NavGraph& g = site.network->graph;
  for (const uint32_t p : d.outcome.assisted) {
    const NodeId n = d.outcome.evacuation.population.crowd.start_node[p];
    d.flat.push_back(g.node(n).label);
    d.floor.push_back(g.node(n).floor);
  }
  return d;
}

// assets/verification/groups_corridor.yaml: flats U1 (door 5 m) and U2 (door 15 m) off C1, 40 m
// of corridor, 1 m exit, 19 m to the yard; one resident awaiting assistance in each; one guard
// standing in U2.
//   fire_first (no fire: by flat, U1 first): U1 safe at 20/1.2 + 60 + 65/0.69 = 170.870 s; from the
//     yard to U2, 75/1.2 + 60 + 75/0.69 = 231.196 s more: 402.065 s.
//   nearest: U2 first (he is there): 60 + 75/0.69 = 168.696 s; then U1 from the yard,
//     65/1.2 + 60 + 65/0.69 = 208.370 s more: 377.065 s.
const std::vector<std::string> kCorridorGuard = {
    "drill=[{at: 0 s, sound_alarm: all}]", "alarm.staff_delay=0 s", "assistance.staff=1",
    "assistance.post=corridor/F1/U2", "assistance.method=carry", "assistance.sweep=false", "targets={}",
    "evacuation.population.groups=[{name: chair, count: 2, speed: {level: 0.5, stairs_down: 0.4, stairs_up: 0.3}, "
    "needs_assistance: true}]"};

double safe_of(const Drill& d, const std::string& flat) {
  for (std::size_t i = 0; i < d.flat.size(); ++i)
    if (d.flat[i] == flat) return d.outcome.assistance.safe_s[i];
  ADD_FAILURE() << "nobody awaiting assistance in " << flat;
  return std::nan("");
}

TEST(AssistOrder, FireFirstWithoutAFireTakesTheFlatsInOrder) {
  std::vector<std::string> o = kCorridorGuard;
  o.push_back("assistance.order=fire_first");
  const Drill d = drill(kSource + "/scenarios/groups_corridor.yaml", o);
  const double u1 = 20.0 / kStaffSpeed + kTransfer + 65.0 / kCarrySpeed;
  EXPECT_NEAR(safe_of(d, "corridor/F1/U1"), u1, 1e-6);
  EXPECT_NEAR(safe_of(d, "corridor/F1/U2"), u1 + 75.0 / kStaffSpeed + kTransfer + 75.0 / kCarrySpeed, 1e-6);
}

TEST(AssistOrder, NearestTakesTheResidentTheGuardReachesSoonest) {
  std::vector<std::string> o = kCorridorGuard;
  o.push_back("assistance.order=nearest");
  const Drill d = drill(kSource + "/scenarios/groups_corridor.yaml", o);
  const double u2 = kTransfer + 75.0 / kCarrySpeed;
  EXPECT_NEAR(safe_of(d, "corridor/F1/U2"), u2, 1e-6);
  EXPECT_NEAR(safe_of(d, "corridor/F1/U1"), u2 + 65.0 / kStaffSpeed + kTransfer + 65.0 / kCarrySpeed, 1e-6);
}

// assets/verification/two_stair_tower.yaml: one resident awaiting assistance in each of the 10
// flats of floors 2–6, one guard at the yard. top_down: the rescues come floor 6, 6, 5, 5, … 2, 2 —
// each one later than the one before, never a lower floor before a higher one.
TEST(AssistOrder, TopDownFetchesTheHighestFloorFirst) {
  const Drill d = drill(kSource + "/tests/hazards/data/stair_closure.yaml",
                        {"drill=[{at: 0 s, sound_alarm: all}]", "alarm.mode=site", "alarm.staff_delay=0 s",
                         "assistance.staff=1", "assistance.post=ap:yard", "assistance.method=carry",
                         "assistance.sweep=false", "assistance.order=top_down",
                         "evacuation.population.groups=[{name: chair, count: 10, speed: {level: 0.5, stairs_down: 0.4, "
                         "stairs_up: 0.3}, needs_assistance: true}]"});
  ASSERT_EQ(d.floor.size(), 10u);
  std::vector<std::size_t> by_time(d.floor.size());
  for (std::size_t i = 0; i < by_time.size(); ++i) by_time[i] = i;
  const std::vector<double>& safe = d.outcome.assistance.safe_s;
  std::sort(by_time.begin(), by_time.end(), [&](std::size_t a, std::size_t b) { return safe[a] < safe[b]; });
  const std::vector<int> expected = {6, 6, 5, 5, 4, 4, 3, 3, 2, 2};
  for (std::size_t i = 0; i < by_time.size(); ++i) {
    EXPECT_TRUE(std::isfinite(safe[by_time[i]]));
    EXPECT_EQ(d.floor[by_time[i]], expected[i]) << "rescue " << i;
  }
}

}  // namespace
}  // namespace dt
