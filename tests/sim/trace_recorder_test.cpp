// The trace recorder (engine/sim/trace_recorder.h): positions at frame times worked out by hand
// on the verification layouts (a 40 m corridor walked at 1 m/s; a flight of the single stair walked
// down its dog-leg), the replication's KPIs unchanged by tracing, and the scenarios it refuses.
#include "engine/sim/trace_recorder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "engine/kernel/input_error.h"
#include "engine/scenario/layout_loader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/layout_scene.h"
#include "engine/sim/replication.h"
#include "engine/world/generator.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

struct TempPath {
  fs::path path = fs::temp_directory_path() /
                  (std::string("trace_recorder_test_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                   "_" + std::to_string(::getpid()) + ".bin");
  ~TempPath() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

/// One person, free speed 1 m/s everywhere, ready at t = 0 in node `start` of a verification
/// layout; the trace of his walk at 1 s frames.
trace::TraceReader walk_alone(const std::string& layout_file, const std::string& start, const fs::path& path) {
  const LayoutConfig layout = load_layout(std::string(DRILLTWIN_SOURCE_DIR) + "/" + layout_file);
  Diagnostics diag;
  Network net = generate_network(layout, diag);
  EXPECT_FALSE(diag.has_errors());
  trace::Scene scene = make_scene(layout, net);
  const NodeId from = net.graph.find_node(start);
  EXPECT_TRUE(from.valid()) << start;
  const EvacuationNetwork en(std::make_shared<const NavGraph>(std::move(net.graph)), MovementParams{});
  Crowd crowd;
  crowd.add(from, 0.0, 1.0, 1.0, 1.0);
  trace::Meta meta;
  meta.frame_interval_s = 1.0;
  TraceRecorder recorder(std::move(scene), meta, path);
  const MovementResult r = simulate_movement(en, crowd, 1e4, nullptr, &recorder);
  EXPECT_EQ(r.safe, 1u);
  recorder.close();
  return trace::TraceReader(path);
}

void expect_at(trace::TraceReader& r, uint32_t k, double x, double y, double z, trace::PersonState state) {
  trace::Frame f;
  r.read_frame(k, f);
  EXPECT_NEAR(f.position[0].x, x, 0.011) << "t = " << k;
  EXPECT_NEAR(f.position[0].y, y, 0.011) << "t = " << k;
  EXPECT_NEAR(f.position[0].z, z, 0.011) << "t = " << k;
  EXPECT_EQ(f.state[0], state) << "t = " << k;
}

// assets/verification/corridor.yaml: corridor nodes at (0, 1) and (40, 1), 40 m apart; the exit
// at the east end leads 1 m to the outdoor node (41, 1); the path to the yard (60, 1) is 19 m.
// At 1 m/s (below S(0.54) = 1.40 × (1 − 0.266 × 0.54) = 1.199 m/s): C2 at 40 s, outside at 41 s,
// safe at 60 s. Person 0 walks on centre lines and stands on node centres (no spread).
TEST(TraceRecorder, OnePersonWalksTheCorridorAsByHand) {
  TempPath tmp;
  trace::TraceReader r = walk_alone("assets/verification/corridor.yaml", "corridor/F1/C1", tmp.path);
  EXPECT_TRUE(r.complete());
  EXPECT_NEAR(r.end_time_s(), 60.0, 1e-9);
  ASSERT_EQ(r.frame_count(), 61u);  // t = 0, 1, ..., 60
  EXPECT_EQ(r.people().size(), 1u);
  expect_at(r, 0, 0, 1, 0, trace::PersonState::Moving);  // stepped into the corridor at t = 0
  expect_at(r, 20, 20, 1, 0, trace::PersonState::Moving);
  expect_at(r, 39, 39, 1, 0, trace::PersonState::Moving);
  expect_at(r, 50, 50, 1, 0, trace::PersonState::Moving);
  expect_at(r, 60, 60, 1, 0, trace::PersonState::Safe);
  trace::Frame f;
  r.read_frame(59, f);
  EXPECT_EQ(f.figures.safe, 0u);
  r.read_frame(60, f);
  EXPECT_EQ(f.figures.safe, 1u);
  EXPECT_TRUE(r.events().empty()) << "the crowd alone reports no events (record_trace adds the alarm)";
}

// assets/verification/single_stair.yaml: from the flat (2, 5.2, 3.2) the door link is 5 m to the
// lobby (5, 3.2, 3.2), the stair door 3 m to the landing (8, 3.2, 3.2), then the 6.8 m flight
// down to (8, 3.2, 0) at min(1, 1.182 × 0.856) = 1 m/s: on the flight from t = 8 s to 14.8 s.
// The dog-leg runs away from the lobby (+x), each flight 1.6 m × 0.30/0.16 = 3 m long, the upper
// flight on the left (y = 3.2 + 2/4). At t = 10 s he is 2/6.8 of the way down: 0.706 of the way
// up, on the upper flight, (2 − 2 × 0.706) × 3 = 1.765 m from the landings: (9.765, 3.7, 2.259).
// At t = 11.4 s he is on the half landing, 3 m out, 1.6 m up.
TEST(TraceRecorder, StairsAreWalkedDownTheirDogLeg) {
  TempPath tmp;
  trace::TraceReader r = walk_alone("assets/verification/single_stair.yaml", "tower/F2/U1", tmp.path);
  expect_at(r, 2, 2 + 3 * 2.0 / 5, 5.2 - 2 * 2.0 / 5, 3.2, trace::PersonState::Moving);  // out through his door
  const double up = 1 - 2.0 / 6.8;
  expect_at(r, 10, 8 + (2 - 2 * up) * 3, 3.7, up * 3.2, trace::PersonState::Moving);
  const double low = 1 - 6.0 / 6.8;  // t = 14 s: on the lower flight, on the right (y = 3.2 − 0.5)
  expect_at(r, 14, 8 + 2 * low * 3, 2.7, low * 3.2, trace::PersonState::Moving);
}

TEST(TraceRecorder, TracingDoesNotChangeTheReplication) {
  const ScenarioConfig sc = load_scenario(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/tower_day.yaml");
  std::vector<double> plain(kpi_definitions(sc).size());
  run_replication(sc, 3, plain);
  TempPath tmp;
  const TraceSummary s = record_trace(sc, TraceOptions{3, 2.0, 10}, tmp.path);
  ASSERT_EQ(s.kpis.size(), plain.size());
  EXPECT_EQ(std::memcmp(s.kpis.data(), plain.data(), plain.size() * sizeof(double)), 0);
  trace::TraceReader r(tmp.path);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.meta().replication, 3u);
  EXPECT_DOUBLE_EQ(r.meta().start_clock_s, 10.5 * 3600);
  EXPECT_EQ(r.people().size(), static_cast<std::size_t>(plain[2]));  // evacuation.residents_present
  EXPECT_EQ(r.frame_count(), static_cast<std::size_t>(std::ceil(s.end_time_s / 2.0 - 1e-9)) + 1);
  EXPECT_EQ(s.frames, r.frame_count());
  EXPECT_EQ(s.bytes, fs::file_size(tmp.path));
  EXPECT_EQ(r.scene().buildings.size(), 29u);  // the whole compound is drawn
  ASSERT_FALSE(r.events().empty());
  EXPECT_EQ(r.events()[0].kind, trace::EventKind::Alarm);
  EXPECT_EQ(r.events()[0].t_s, 0.0);
  EXPECT_EQ(r.events()[0].text, "alarm at 10:30:00");
  trace::Frame last;
  r.read_frame(r.frame_count() - 1, last);
  const auto awaiting = static_cast<uint32_t>(plain[3]);  // evacuation.awaiting_assistance
  EXPECT_EQ(last.figures.safe + awaiting, r.people().size());
}

// scenarios/tower_smoke_stair.yaml (a fire in a flat of tower C1, smoke in a stair): the trace
// carries the fire, the alarm that detection raises some time later, and the smoke-logged places
// of the network's timeline.
TEST(TraceRecorder, AFireDrillTracesItsFireAlarmAndSmoke) {
  const ScenarioConfig sc = load_scenario(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/tower_smoke_stair.yaml");
  ASSERT_TRUE(sc.emergency.has_value());
  std::vector<double> plain(kpi_definitions(sc).size());
  run_replication(sc, 0, plain);
  TempPath tmp;
  const TraceSummary s = record_trace(sc, TraceOptions{0, 5.0, 12}, tmp.path);
  EXPECT_EQ(std::memcmp(s.kpis.data(), plain.data(), plain.size() * sizeof(double)), 0);
  trace::TraceReader r(tmp.path);
  int fires = 0, alarms = 0, smoke = 0;
  double first_alarm_s = 1e300;
  for (const trace::Event& e : r.events()) {
    if (e.kind == trace::EventKind::Incident && e.text.rfind("fire in ", 0) == 0) ++fires;
    if (e.kind == trace::EventKind::Alarm) {
      ++alarms;
      first_alarm_s = std::min(first_alarm_s, e.t_s);
    }
    if (e.kind == trace::EventKind::NodeHazard && e.value > 0) ++smoke;
  }
  EXPECT_GE(fires, 1);
  EXPECT_GE(alarms, 1);
  EXPECT_GT(first_alarm_s, 0.0) << "detection takes time: the alarm is not at t = 0";
  EXPECT_GT(smoke, 0);
}

double kpi(const ScenarioConfig& sc, const std::vector<double>& row, const std::string& name) {
  const std::vector<KpiDefinition> defs = kpi_definitions(sc);
  for (std::size_t i = 0; i < defs.size(); ++i)
    if (defs[i].name == name) return row[i];
  ADD_FAILURE() << "no KPI " << name;
  return std::nan("");
}

// scenarios/entrapment_power_outage.yaml: the trace tells the same story as the replication's
// KPIs — the power cut in C1-C5 at 18:10 and back two hours later, every entrapment with its
// rescuer and release, the 4 guards as staff, the residents of C3 not yet alerted until the alarm
// at 18:30, and the residents awaiting assistance safe, by the end, exactly when the summary says
// the staff brought them to safety.
TEST(TraceRecorder, TheEntrapmentTraceAgreesWithTheSummary) {
  const ScenarioConfig sc = load_scenario(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/entrapment_power_outage.yaml");
  TempPath tmp;
  const double dt = 5.0;
  const TraceSummary s = record_trace(sc, TraceOptions{0, dt, 12}, tmp.path);
  trace::TraceReader r(tmp.path);
  EXPECT_EQ(r.version(), 3u);

  int cuts = 0, restored = 0, entrapments = 0, on_site = 0, released = 0, recalled = 0;
  double trapped = 0;
  std::vector<double> fault_s(64, -1);
  for (const trace::Event& e : r.events()) {
    using K = trace::EventKind;
    if (e.kind == K::PowerCut) {
      ++cuts;
      EXPECT_DOUBLE_EQ(e.t_s, 600.0);  // 18:10
      EXPECT_DOUBLE_EQ(e.value, 7200.0);
    }
    if (e.kind == K::PowerRestored) {
      ++restored;
      EXPECT_DOUBLE_EQ(e.t_s, 600.0 + 7200.0);
    }
    if (e.kind == K::Entrapment) {
      ++entrapments;
      trapped += static_cast<double>(e.value);
      EXPECT_GE(e.t_s, 600.0) << "cars stop when the power goes";
      if (e.subject < fault_s.size()) fault_s[e.subject] = e.t_s;
    }
    if (e.kind == K::RescuerOnSite) ++on_site;
    if (e.kind == K::EntrapmentReleased) {
      ++released;
      ASSERT_LT(e.subject, fault_s.size());
      EXPECT_GT(e.t_s, fault_s[e.subject]) << "released after it stopped";
    }
    if (e.kind == K::ElevatorRecalled) ++recalled;
  }
  EXPECT_EQ(cuts, 5);  // C1-C5
  EXPECT_EQ(restored, 5);
  EXPECT_EQ(entrapments, static_cast<int>(kpi(sc, s.kpis, "elevator.entrapments")));
  EXPECT_GT(entrapments, 0) << "the evening peak: some car carries riders at 18:10";
  EXPECT_EQ(on_site, entrapments);
  EXPECT_EQ(released, entrapments);
  EXPECT_DOUBLE_EQ(trapped, kpi(sc, s.kpis, "elevator.trapped_persons"));

  // People: the residents of C3, then the guards.
  const auto present = static_cast<std::size_t>(kpi(sc, s.kpis, "evacuation.residents_present"));
  ASSERT_EQ(r.people().size(), present + sc.emergency->assistance.staff);
  EXPECT_EQ(sc.emergency->assistance.staff, 4u);
  for (std::size_t p = present; p < r.people().size(); ++p) EXPECT_EQ(r.people()[p].kind, trace::PersonKind::Staff);

  trace::Frame f;
  r.read_frame(0, f);
  std::vector<std::size_t> awaiting;
  std::size_t not_alerted = 0;
  for (std::size_t p = 0; p < present; ++p) {
    if (f.state[p] == trace::PersonState::AwaitingAssistance) awaiting.push_back(p);
    not_alerted += f.state[p] == trace::PersonState::NotAlerted ? 1u : 0u;
  }
  EXPECT_EQ(awaiting.size(), static_cast<std::size_t>(kpi(sc, s.kpis, "assistance.residents")));
  EXPECT_EQ(not_alerted + awaiting.size(), present) << "at 18:00 nobody has heard the 18:30 alarm";
  // Two minutes after the alarm everybody has heard it (the whole site sounds at once).
  r.read_frame(static_cast<std::size_t>((1800 + 120) / dt), f);
  for (std::size_t p = 0; p < present; ++p) EXPECT_NE(f.state[p], trace::PersonState::NotAlerted) << p;

  // The assisted residents: safe in the last frame exactly when the summary has them rescued, and
  // the last of them at assistance.total_time_s (to within one frame).
  const double rescued = kpi(sc, s.kpis, "assistance.rescued");
  ASSERT_EQ(rescued, static_cast<double>(awaiting.size())) << "this scenario's guards fetch everyone";
  const double total = kpi(sc, s.kpis, "assistance.total_time_s");
  ASSERT_TRUE(std::isfinite(total));
  double all_safe_at = -1;
  bool seen_assisted = false;
  for (std::size_t k = 0; k < r.frame_count(); ++k) {
    r.read_frame(k, f);
    bool all = true;
    for (const std::size_t p : awaiting) {
      all = all && f.state[p] == trace::PersonState::Safe;
      seen_assisted = seen_assisted || f.state[p] == trace::PersonState::Assisted;
    }
    if (all && all_safe_at < 0) all_safe_at = f.t_s;
  }
  EXPECT_TRUE(seen_assisted) << "a guard takes each of them out: they are drawn moving with him";
  EXPECT_GE(all_safe_at, total);
  EXPECT_LT(all_safe_at, total + dt);
  EXPECT_EQ(f.figures.safe, static_cast<uint32_t>(std::lround(kpi(sc, s.kpis, "emergency.safe_fraction") * static_cast<double>(present))));
  EXPECT_GE(r.end_time_s(), total);

  // The guards walk the network: whenever one is on a leg (moving, or with a resident) he stands
  // on a link of the scene — on a corridor, a door, a path, a stair's dog-leg or a lift shaft — not
  // on a straight line through walls and floors.
  const trace::Scene& scene = r.scene();
  std::vector<std::pair<trace::Vec3f, trace::Vec3f>> segments;
  for (const trace::Link& l : scene.links) {
    const std::vector<float> us = l.kind == trace::LinkKind::Stair ? std::vector<float>{0, 0.25f, 0.5f, 0.75f, 1}
                                                                    : std::vector<float>{0, 1};
    for (std::size_t i = 0; i + 1 < us.size(); ++i)
      segments.emplace_back(trace::link_point(scene, l, us[i], 0), trace::link_point(scene, l, us[i + 1], 0));
  }
  auto off_network = [&](const trace::Vec3f& p) {
    double best = 1e30;
    const double px = p.x, py = p.y, pz = p.z;
    for (const auto& [a, b] : segments) {
      const double ax = a.x, ay = a.y, az = a.z;
      const double bx = b.x, by = b.y, bz = b.z;
      const double dx = bx - ax, dy = by - ay, dz = bz - az, len2 = dx * dx + dy * dy + dz * dz;
      const double u = len2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy + (pz - az) * dz) / len2, 0.0, 1.0) : 0.0;
      const double ex = ax + u * dx - px, ey = ay + u * dy - py, ez = az + u * dz - pz;
      best = std::min(best, ex * ex + ey * ey + ez * ez);
    }
    return std::sqrt(best);
  };
  int on_legs = 0;
  for (std::size_t k = 0; k < r.frame_count(); k += 3) {
    r.read_frame(k, f);
    for (std::size_t p = present; p < r.people().size(); ++p) {
      if (f.state[p] != trace::PersonState::Moving && f.state[p] != trace::PersonState::Assisted) continue;
      ++on_legs;
      EXPECT_LT(off_network(f.position[p]), 0.05) << "guard " << p - present << " at t = " << f.t_s << " s off the network";
    }
  }
  EXPECT_GT(on_legs, 10) << "the guards are seen on their legs";
}

TEST(TraceRecorder, AScenarioWithoutPeopleHasNothingToTrace) {
  const ScenarioConfig sc = load_scenario(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/mm1_benchmark.yaml");
  TempPath tmp;
  EXPECT_THROW((void)record_trace(sc, TraceOptions{}, tmp.path), InputError);
  EXPECT_FALSE(fs::exists(tmp.path));
}

}  // namespace
}  // namespace dt
