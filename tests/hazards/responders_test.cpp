// Outside responders (assistance.responders): a fire brigade joins the guards when it reaches its
// gate, an ambulance crew relieves the guard who waits with a medical patient. Each case compares
// two runs of the same scenario and seed whose difference follows by hand.
//
// The site is tower_smoke_stair's 33-storey block with its drill replaced by a manual alarm at 0 s
// (no fire: no smoke and no closures, so a walk or a carry takes the same time whenever it starts).

#include <gtest/gtest.h>

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
const std::string kTower = kSource + "/scenarios/tower_smoke_stair.yaml";

struct Drill {
  ScenarioConfig scenario;
  Site site;
  EmergencyOutcome outcome;
};

Drill run(std::vector<std::string> overrides, uint64_t replication = 0) {
  overrides.insert(overrides.begin(), {"drill=[{at: 0 s, sound_alarm: all}]", "assistance.method=carry",
                                       "assistance.sweep=false", "alarm.staff_delay=0 s"});
  Drill r{load_scenario(kTower, overrides), {}, {}};
  r.site = build_site(r.scenario);
  r.outcome = run_emergency(*r.site.evacuation_network, *r.site.evacuation, *r.site.emergency, r.scenario.run.seed,
                            replication);
  return r;
}

// The members walk as the guards do (speed as below), so one brigade member at the guards' post
// (the kiosk) who arrives T after the alert does exactly what one guard there does, T later: each
// assisted resident is safe T later, and the rescues are the brigade's instead of the guards'.
TEST(Responders, ABrigadeMemberAtTheGuardsPostRescuesEachResidentTheArrivalTimeLater) {
  const std::string same_speed = "speed: {level: 1.2, down: 0.8, up: 0.55}";
  const Drill guard = run({"assistance.staff=1"});
  const Drill brigade = run({"assistance.staff=0", "assistance.responders=[{kind: fire_brigade, count: 1, gate: kiosk, "
                                                 "arrival: {dist: fixed, value: 10 min}, call_delay: 0 s, " +
                                                     same_speed + "}]"});
  const AssistanceOutcome& g = guard.outcome.assistance;
  const AssistanceOutcome& b = brigade.outcome.assistance;
  ASSERT_GT(g.safe_s.size(), 0u) << "the block has residents awaiting assistance";
  ASSERT_EQ(g.safe_s.size(), b.safe_s.size()) << "the same residents (same seed)";
  const double alerted = guard.outcome.detection.staff_alerted_s;
  ASSERT_TRUE(std::isfinite(alerted));
  std::size_t compared = 0;
  for (std::size_t i = 0; i < g.safe_s.size(); ++i) {
    if (!std::isfinite(g.safe_s[i])) continue;
    if (g.safe_s[i] + 600.0 > guard.scenario.evacuation->max_duration_s) break;  // past the window in the other run
    EXPECT_NEAR(b.safe_s[i], g.safe_s[i] + 600.0, 1e-6) << "resident " << i;
    ++compared;
  }
  EXPECT_GT(compared, 0u);
  EXPECT_EQ(b.by_guards, 0u);
  ASSERT_EQ(b.by_team.size(), 1u);
  EXPECT_EQ(b.by_team[0], b.by_carry);
  EXPECT_EQ(g.by_guards, g.by_carry);
  ASSERT_EQ(brigade.outcome.team_at_gate_s.size(), 1u);
  EXPECT_DOUBLE_EQ(brigade.outcome.team_at_gate_s[0][0], alerted + 600.0) << "the alert, no call delay, 10 min";
}

// The brigade's KPIs: its response (call delay + arrival) and its rescues, under the team's name.
TEST(Responders, KpisNameTheTeamAndItsResponse) {
  const Drill r = run({"assistance.staff=0", "assistance.responders=[{kind: fire_brigade, name: station_3, count: 4, "
                                           "gate: kiosk, arrival: {dist: fixed, value: 7 min}, call_delay: 2 min}]"});
  EXPECT_DOUBLE_EQ(r.outcome.team_at_gate_s[0][0] - r.outcome.team_called_s[0][0], 540.0);
  std::vector<std::string> names;
  for (const KpiDefinition& k : kpi_definitions(r.site, r.scenario)) names.push_back(k.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "responders.station_3.response_s"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "responders.station_3.rescued"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "assistance.by_guards"), names.end());
}

// One guard, a medical emergency at 0 s at the kiosk's own node... is reached at once; he stays
// until the ambulance crew is there: without an ambulance medical_stay (20 min), with one arriving
// 5 min after the call at the same gate, 5 min plus its walk from the gate to the patient — 0 m
// here, as the patient is at the gate. So each assisted resident he then fetches is safe
// 20 − 5 = 15 min earlier with the ambulance.
TEST(Responders, AnAmbulanceRelievesTheGuardAtAMedicalEmergency) {
  const std::vector<std::string> medical = {"assistance.staff=1",
                                            "drill=[{at: 0 s, sound_alarm: all}, {at: 0 s, medical_emergency: kiosk}]"};
  std::vector<std::string> with = medical;
  with.push_back("assistance.responders=[{kind: ambulance, gate: kiosk, arrival: {dist: fixed, value: 5 min}, "
                 "call_delay: 0 s}]");
  const Drill a = run(medical), b = run(with);
  ASSERT_EQ(a.outcome.assistance.medical_response_s.size(), 1u);
  EXPECT_DOUBLE_EQ(a.outcome.assistance.medical_response_s[0], 0.0);
  const std::vector<double>& sa = a.outcome.assistance.safe_s;
  const std::vector<double>& sb = b.outcome.assistance.safe_s;
  ASSERT_EQ(sa.size(), sb.size());
  std::size_t compared = 0;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    if (!std::isfinite(sa[i])) continue;
    EXPECT_NEAR(sb[i], sa[i] - 900.0, 1e-6) << "resident " << i;
    ++compared;
  }
  EXPECT_GT(compared, 0u);
}

TEST(Responders, TwoUnnamedTeamsOfOneKindAreAnInputError) {
  try {
    (void)load_scenario(kTower, {"assistance.responders=[{kind: fire_brigade}, {kind: fire_brigade}]"});
    FAIL() << "expected an input error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a second 'fire_brigade' team without a name"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dt
