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

TEST(TraceRecorder, AScenarioWithoutPeopleHasNothingToTrace) {
  const ScenarioConfig sc = load_scenario(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/mm1_benchmark.yaml");
  TempPath tmp;
  EXPECT_THROW((void)record_trace(sc, TraceOptions{}, tmp.path), InputError);
  EXPECT_FALSE(fs::exists(tmp.path));
}

}  // namespace
}  // namespace dt
