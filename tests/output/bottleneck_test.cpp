// Where the evacuation time goes (engine/people/evacuation.h: time_split and its KPIs) and what
// engine/output/bottleneck.h reads from them: checked on a building of one flat and one stair
// flight whose every number follows by hand from the SFPE equations (docs/model.md).
#include "engine/output/bottleneck.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <gtest/gtest.h>

#include "engine/kernel/lang.h"
#include "engine/output/report_insights.h"
#include "engine/output/summary.h"
#include "engine/people/evacuation.h"
#include "engine/world/hydraulics.h"

namespace dt {
namespace {

// One building "B1": a flat (node 0, floor 2, 200 m², z = 3 m) and one stair flight (width 2.0 m,
// 18/28 cm steps, rising 3.0 m) straight down to the assembly point (node 1).
constexpr double kRiser_m = 0.18, kTread_m = 0.28, kStorey_m = 3.0, kWidth_m = 2.0;

std::shared_ptr<NavGraph> one_stair_building() {
  auto g = std::make_shared<NavGraph>();
  NavNode flat;
  flat.kind = NodeKind::Unit;
  flat.area_m2 = 200.0;
  flat.position.z = kStorey_m;
  flat.building = 0;
  flat.floor = 2;
  flat.label = "flat";
  const NodeId a = g->add_node(flat);
  NavNode out;
  out.kind = NodeKind::AssemblyPoint;
  out.area_m2 = 1e6;
  out.building = -1;
  out.floor = 0;
  out.label = "assembly";
  const NodeId b = g->add_node(out);
  NavLink l;
  l.a = a;
  l.b = b;
  l.kind = LinkKind::Stair;
  l.length_m = sfpe::stair_incline_length_m(kStorey_m, kRiser_m, kTread_m);
  l.width_m = kWidth_m;
  l.riser_m = kRiser_m;
  l.tread_m = kTread_m;
  l.building = 0;
  l.stair = 0;
  g->add_link(l);
  g->finalize();
  return g;
}

struct Run {
  EvacuationNetwork net{one_stair_building(), MovementParams{}};
  EvacuationConfig config;
  EvacuationOutcome outcome;
  KpiTable table;
};

// N residents of the flat, all with the same fixed pre-movement and the same free speed.
std::unique_ptr<Run> run(int n, double premovement_s, double speed_mps) {
  auto r = std::make_unique<Run>();
  for (int i = 0; i < n; ++i)
    r->outcome.population.crowd.add(NodeId(0), premovement_s, speed_mps, speed_mps, speed_mps);
  r->outcome.movement = simulate_movement(r->net, r->outcome.population.crowd, 1e6);
  r->table = KpiTable(evacuation_kpi_definitions(r->net, r->config), 1);
  evacuation_kpis(r->net, r->config, r->outcome, r->table.row(0));
  return r;
}

double kpi(const Run& r, const std::string& name) {
  const std::size_t k = r.table.find(name);
  EXPECT_NE(k, KpiTable::npos) << name;
  return k == KpiTable::npos ? std::nan("") : r.table.row(0)[k];
}

// By hand (SFPE Handbook, hydraulic model; docs/model.md):
//   k   = 51.8/60 · √(0.28/0.18)            = 1.076766 m/s  (stair speed constant)
//   Fsm = k / (4 · 0.266)                    = 1.011998 p/s/m (maximum specific flow)
//   We  = 2.0 − 2 · 0.15                     = 1.7 m          (boundary layers of a stair)
//   C   = Fsm · We                           = 1.720397 p/s   (the flight's flow capacity)
//   L   = 3.0 · √(1 + (0.28/0.18)²)          = 5.547772 m     (along the incline)
// Everybody's free speed is v = k/2 = 0.538383 m/s: the speed at the link's storage density
// (1/(2a)), so the crowd on the flight never slows anyone below v and the flight's storage
// (⌈C·L/v⌉ + 1 = 19) never holds the door: the flow capacity alone makes people wait.
// 150 residents ready at 60 s (a fixed pre-movement) step in one every 1/C; the i-th (from 0)
// queues i/C and walks L/v = 10.304 s. The last one:
//   detection 0 (no fire), pre-movement 60 s, queuing (N − 1)/C = 149/1.720397 = 86.608 s,
//   walking 10.304 s, total 156.912 s.
// Means over residents: queuing (N − 1)/(2C) = 43.304 s, walking 10.304 s, pre-movement 60 s.
// The stair: peak queue N − 1 = 149 (the first steps in at once), waiting N(N − 1)/(2C) =
// 6495.6 person-s, a queue from 60 s until 60 + (N − 1)/C = 146.608 s.
TEST(TimeSplit, HandWorkedStairQueueSplitsIntoPremovementQueuingAndWalking) {
  const double k = sfpe::stair_k_mps(kRiser_m, kTread_m);
  const double v = k / 2.0;
  const int n = 150;
  const auto r = run(n, 60.0, v);
  const double c = 1.720397, walk = 10.304, queue_last = 86.608;
  const double tol = 0.01;  // the hand values above are rounded to 1 ms

  ASSERT_EQ(r->outcome.movement.safe, static_cast<uint32_t>(n));
  for (int p = 0; p < n; ++p) {  // the parts add up to each person's total
    const TimeSplit t = time_split(r->outcome, static_cast<std::size_t>(p));
    EXPECT_NEAR(t.detection_s + t.premovement_s + t.walking_s + t.queuing_s, t.total_s, 1e-9);
    EXPECT_NEAR(t.queuing_s, p / c, tol) << "resident " << p;
    EXPECT_NEAR(t.walking_s, walk, tol) << "resident " << p;
  }
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_detection_s"), 0.0, 1e-12);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_premovement_s"), 60.0, 1e-12);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_queuing_s"), queue_last, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_walking_s"), walk, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.total_time_s"), 156.912, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.mean_queuing_s"), 43.304, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.mean_walking_s"), walk, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.site.last_queuing_s"), queue_last, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.stair.B1.S1.peak_queue"), 149.0, 0.0);
  EXPECT_NEAR(kpi(*r, "evacuation.stair.B1.S1.wait_person_s"), 150.0 * 149.0 / (2 * c), 0.5);
  EXPECT_NEAR(kpi(*r, "evacuation.stair.B1.S1.queue_time_s"), queue_last, tol);
  EXPECT_NEAR(kpi(*r, "evacuation.stair.B1.S1.queue_end_s"), 60.0 + queue_last, tol);

  // Queuing is the largest part of the last resident's time: the stair is the bottleneck, and
  // removing its queuing could gain at most the last resident's 86.6 s.
  const BottleneckAnalysis a = analyse_bottlenecks(r->table);
  EXPECT_EQ(a.slowest_building, "B1");
  EXPECT_EQ(a.critical_place, "B1.S1");
  ASSERT_FALSE(a.findings.empty());
  EXPECT_EQ(a.findings[0].kind, "queuing");
  EXPECT_EQ(a.findings[0].place, "B1.S1");
  EXPECT_NEAR(a.findings[0].gain_upper_bound_s, queue_last, tol);
}

// The queue of the stair over time, in 10 s intervals: nobody before 60 s, 149 waiting in
// [60, 70), nobody after the last steps in at 146.6 s; those leaving the queue in [60, 70) are
// residents 0..17 (60 + i/C < 70 ⇔ i < 17.2), whose waits i/C average 8.5/C = 4.941 s.
TEST(TimeSplit, StairQueueOverTimeIsRecordedInTenSecondSteps) {
  const double v = sfpe::stair_k_mps(kRiser_m, kTread_m) / 2.0;
  EvacuationNetwork net(one_stair_building(), MovementParams{});
  EvacuationOutcome o;
  for (int i = 0; i < 150; ++i) o.population.crowd.add(NodeId(0), 60.0, v, v, v);
  o.movement = simulate_movement(net, o.population.crowd, 1e6, nullptr, nullptr, kQueueCurveStepS);
  ReplicationSeries series;
  evacuation_queue_series(net, EvacuationConfig{}, o, series);
  ASSERT_EQ(series.size(), 2u);
  const Series& q = series[0];
  const Series& w = series[1];
  EXPECT_EQ(q.name, "evacuation.queue.B1.S1");
  EXPECT_EQ(w.name, "evacuation.queue.B1.S1.wait_s");
  ASSERT_GE(q.x.size(), 3u);
  EXPECT_EQ(q.x[0], 0.0);
  EXPECT_EQ(q.y[0], 0.0);
  EXPECT_EQ(q.x[1], 60.0);
  EXPECT_EQ(q.y[1], 149.0);
  EXPECT_EQ(q.y.back(), 0.0);
  EXPECT_GE(q.x.back(), 140.0);  // the queue is gone by the interval after 146.6 s
  for (std::size_t i = 1; i < q.x.size(); ++i) EXPECT_LT(q.x[i - 1], q.x[i]);
  ASSERT_GE(w.x.size(), 2u);
  EXPECT_EQ(w.x[1], 60.0);
  EXPECT_NEAR(w.y[1], 8.5 / 1.720397, 0.001);
}

// 5 residents ready at 300 s: the last queues 4/C = 2.325 s and walks 10.304 s; pre-movement (300 s
// of 312.6 s) sets the time and the finding says so.
TEST(TimeSplit, PremovementThatDominatesIsNamed) {
  const double v = sfpe::stair_k_mps(kRiser_m, kTread_m) / 2.0;
  const auto r = run(5, 300.0, v);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_premovement_s"), 300.0, 1e-12);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_queuing_s"), 4.0 / 1.720397, 0.01);
  EXPECT_NEAR(kpi(*r, "evacuation.building.B1.last_walking_s"), 10.304, 0.01);
  const BottleneckAnalysis a = analyse_bottlenecks(r->table);
  ASSERT_FALSE(a.findings.empty());
  EXPECT_EQ(a.findings[0].kind, "premovement");
  EXPECT_EQ(a.findings[0].building, "B1");
  EXPECT_TRUE(std::isnan(a.findings[0].gain_upper_bound_s));
}

// With a fire, detection counts from the ignition to the alarm each resident hears.
TEST(TimeSplit, DetectionRunsFromIgnitionToTheAlarm) {
  const double v = sfpe::stair_k_mps(kRiser_m, kTread_m) / 2.0;
  EvacuationNetwork net(one_stair_building(), MovementParams{});
  EvacuationOutcome o;
  o.population.crowd.add(NodeId(0), 30.0, v, v, v);  // pre-movement 30 s
  o.ignition_s = 100.0;
  o.alarm_s = {220.0};  // heard 120 s after ignition
  Crowd moving = o.population.crowd;
  moving.ready_s[0] = 250.0;  // alarm + pre-movement, as the emergency stage does
  o.movement = simulate_movement(net, moving, 1e6);
  const TimeSplit t = time_split(o, 0);
  EXPECT_NEAR(t.detection_s, 120.0, 1e-12);
  EXPECT_NEAR(t.premovement_s, 30.0, 1e-12);
  EXPECT_NEAR(t.queuing_s, 0.0, 1e-12);
  EXPECT_NEAR(t.walking_s, 10.304, 0.01);
  EXPECT_NEAR(t.total_s, 160.304, 0.01);
}

// The analysis on a table written by hand: in building "B1" the last resident queues longest, and
// of its two places the exit "B1/E1" (a layout label) holds more person-seconds than stair
// "B1.S1"; "B10.S1" belongs to B10, not to B1. The exit is critical and the finding names it.
TEST(BottleneckAnalysis, AnExitNamedByItsLayoutLabelCanBeTheCriticalPlace) {
  std::vector<KpiDefinition> defs;
  std::vector<double> values;
  auto add = [&](const std::string& name, double v) {
    defs.push_back({name, "s", "", KpiRange::NonNegative});
    values.push_back(v);
  };
  for (const char* who : {"site", "building.B1", "building.B10"})
    for (const char* which : {"last", "mean"}) {
      const std::string id = std::string("evacuation.") + who + "." + which;
      const bool b10 = std::string(who) == "building.B10";
      add(id + "_detection_s", 0.0);
      add(id + "_premovement_s", 100.0);
      add(id + "_walking_s", b10 ? 50.0 : 120.0);
      add(id + "_queuing_s", b10 ? 10.0 : 400.0);
    }
  for (const auto& [name, wait] :
       {std::pair{"evacuation.stair.B1.S1", 900.0}, std::pair{"evacuation.stair.B10.S1", 5000.0},
        std::pair{"evacuation.exit.B1/E1", 3000.0}}) {
    add(std::string(name) + ".peak_queue", 12.0);
    add(std::string(name) + ".queue_time_s", 300.0);
    add(std::string(name) + ".wait_person_s", wait);
    add(std::string(name) + ".queue_end_s", 500.0);
  }
  KpiTable t(defs, 1);
  std::copy(values.begin(), values.end(), t.row(0).begin());
  const BottleneckAnalysis a = analyse_bottlenecks(t);
  ASSERT_EQ(a.places.size(), 3u);
  EXPECT_EQ(a.places[0].building, "B1");
  EXPECT_EQ(a.places[1].building, "B10");
  EXPECT_EQ(a.places[2].building, "B1");
  EXPECT_EQ(a.places[2].kind, "exit");
  EXPECT_EQ(a.slowest_building, "B1");
  EXPECT_EQ(a.critical_place, "B1/E1");
  EXPECT_EQ(a.site_critical_place, "B10.S1");
  ASSERT_EQ(a.findings.size(), 2u);
  EXPECT_EQ(a.findings[0].kind, "queuing");
  EXPECT_EQ(a.findings[0].place, "B1/E1");
  EXPECT_DOUBLE_EQ(a.findings[0].gain_upper_bound_s, 400.0);
  EXPECT_NE(a.findings[0].text.find("Exit E1 of B1"), std::string::npos) << a.findings[0].text;
  EXPECT_EQ(a.findings[1].place, "B10.S1");
}

// The findings are read by people: in Chinese when the language is Chinese (the names stay).
TEST(BottleneckAnalysis, FindingsSpeakTheLanguageOfTheRun) {
  const double v = sfpe::stair_k_mps(kRiser_m, kTread_m) / 2.0;
  const auto r = run(150, 60.0, v);
  set_lang(Lang::ZhCN);
  const BottleneckAnalysis zh = analyse_bottlenecks(r->table);
  set_lang(Lang::En);
  ASSERT_FALSE(zh.findings.empty());
  EXPECT_NE(zh.findings[0].text.find("B1栋的楼梯S1排队持续1.4分钟"), std::string::npos) << zh.findings[0].text;
  EXPECT_NE(zh.findings[0].text.find("最多可缩短1.4分钟"), std::string::npos) << zh.findings[0].text;
  const BottleneckAnalysis en = analyse_bottlenecks(r->table);
  EXPECT_NE(en.findings[0].text.find("Stair S1 of B1 has a queue for 1.4 min (peak 149 people"), std::string::npos)
      << en.findings[0].text;
}

// summary.json carries the analysis as its "bottleneck" block for a run with an evacuation, and
// none for a run without one.
TEST(BottleneckSummary, ARunWithAnEvacuationHasABottleneckBlock) {
  const double v = sfpe::stair_k_mps(kRiser_m, kTread_m) / 2.0;
  const auto r = run(150, 60.0, v);
  Summary s;
  s.kpis = &r->table;
  const nlohmann::json j = nlohmann::json::parse(summary_json(s));
  ASSERT_TRUE(j.contains("bottleneck"));
  EXPECT_EQ(j["bottleneck"]["slowest_building"], "B1");
  EXPECT_EQ(j["bottleneck"]["critical_place"], "B1.S1");
  EXPECT_NEAR(j["bottleneck"]["buildings"]["B1"]["last"]["queuing_s"].get<double>(), 86.608, 0.01);
  EXPECT_NEAR(j["bottleneck"]["buildings"]["B1"]["last"]["total_s"].get<double>(), 156.912, 0.01);
  EXPECT_EQ(j["bottleneck"]["findings"][0]["kind"], "queuing");

  KpiTable plain({KpiDefinition{"dispatch.response_time_s", "s", "", KpiRange::NonNegative}}, 1);
  s.kpis = &plain;
  EXPECT_FALSE(nlohmann::json::parse(summary_json(s)).contains("bottleneck"));
}

// The report's heatmap adds the rows up over replications: two replications with 2 and 4
// incidents at 03:00 in "B1" show a cell of 3 (the mean), and a colour legend.
TEST(ReportInsights, DemandHeatmapShowsTheMeanPerReplicationInLabelledCells) {
  ReportInput in;
  ReportVariant v;
  v.kpis = KpiTable({KpiDefinition{"dispatch.incidents", "-", "", KpiRange::NonNegative}}, 2);
  std::vector<double> hours(24);
  for (std::size_t h = 0; h < 24; ++h) hours[h] = static_cast<double>(h);
  for (const double n : {2.0, 4.0}) {
    std::vector<double> y(24, 0.0);
    y[3] = n;
    v.series.push_back({Series::curve("dispatch.demand.incidents.place.B1", "h", "incidents", hours, y)});
  }
  in.variants.push_back(std::move(v));
  const std::string html = report_insights_html(in);
  EXPECT_NE(html.find("data-chart=\"demand:incidents:place\""), std::string::npos);
  EXPECT_NE(html.find(">B1</text>"), std::string::npos);
  EXPECT_NE(html.find("9px;fill:#fff\">3</text>"), std::string::npos);  // the labelled cell, darkest
  EXPECT_EQ(html.find("9px;fill:#fff\">6</text>"), std::string::npos);  // not the sum
  EXPECT_NE(html.find("mean per replication"), std::string::npos);
  EXPECT_EQ(html.find("demand:misses:place"), std::string::npos);  // no series, no chart
}

}  // namespace
}  // namespace dt
