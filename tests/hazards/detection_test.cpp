// Sensors and the alarm (engine/hazards/detection.h). The statistical test: with N smoke detectors
// whose signals would come at t(1) ≤ … ≤ t(N) and each working with probability p independently,
// the alarm comes at t(k) with probability p(1 − p)^(k−1), and at the fallback with (1 − p)^N.
// Lowering p must shift the time-to-alarm distribution exactly so: the share of replications in
// which the first detector raised the alarm estimates p (99 % Wilson interval), and the mean
// time to alarm matches Σ t(k)·p(1 − p)^(k−1) + fallback·(1 − p)^N within its 99.9 % interval.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/sim/site.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/emergency_replication.h"

namespace dt {
namespace {

const std::string kSource = DRILLTWIN_SOURCE_DIR;

struct Expected {
  double p_first = 0, mean = 0, sd = 0;
};

Expected expected_time_to_alarm(std::vector<double> t, double p, double fallback) {
  std::sort(t.begin(), t.end());
  Expected e;
  double m1 = 0, m2 = 0, none = 1;
  for (const double tk : t) {
    const double pk = none * p;
    m1 += pk * tk;
    m2 += pk * tk * tk;
    none *= 1 - p;
  }
  m1 += none * fallback;
  m2 += none * fallback * fallback;
  e.p_first = p;
  e.mean = m1;
  e.sd = std::sqrt(std::max(0.0, m2 - m1 * m1));
  return e;
}

TEST(Detection, LoweringDetectorReliabilityShiftsTimeToAlarmAsTheProbabilitiesSay) {
  ScenarioConfig sc = load_scenario(kSource + "/tests/hazards/data/detectors.yaml", {});
  const Site built = build_site(sc);
  EmergencyConfig c = *built.emergency;
  const Network& site = *c.site;
  std::vector<FireStart> fires{{site.graph.find_node("T/F4/U1"), 0.0, fire::alpha_kw_per_s2(fire::Growth::Medium)}};
  ASSERT_TRUE(fires[0].node.valid());
  const SmokeField smoke = spread_smoke(site, c.hazards, fires, {});
  DetectionInput in;
  in.smoke = &smoke;
  in.fires = fires;
  in.window_s = 7200;
  std::vector<double> candidates;  // when each smoke detector would signal
  for (const SensorPlacement& s : site.sensors)
    if (s.kind == SensorKind::SmokeDetector && std::isfinite(smoke.arrival_s[s.node.index()]))
      candidates.push_back(smoke.arrival_s[s.node.index()] + 30.0);
  ASSERT_GE(candidates.size(), 3u) << "smoke reaches several detectors";
  const double first = *std::min_element(candidates.begin(), candidates.end());
  const int r = 4000;
  double mean_at[2] = {0, 0};
  for (int v = 0; v < 2; ++v) {
    const double p = v == 0 ? 0.9 : 0.5;
    c.sensors.kind[static_cast<std::size_t>(SensorKind::SmokeDetector)].reliability = p;
    const Expected e = expected_time_to_alarm(candidates, p, 900.0);
    int first_hits = 0;
    double sum = 0;
    for (int rep = 0; rep < r; ++rep) {
      const DetectionResult d = detect(c, in, 17, static_cast<uint64_t>(rep));
      const double t = d.first_alarm_s - d.ignition_s;
      sum += t;
      first_hits += t == first ? 1 : 0;
    }
    // Share raised by the first detector: 99 % Wilson score interval around the estimate covers p.
    const double z = 2.5758, n = r, ph = first_hits / n;
    const double centre = (ph + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z / (1 + z * z / n) * std::sqrt(ph * (1 - ph) / n + z * z / (4 * n * n));
    EXPECT_LE(centre - half, p) << "p = " << p << ", first-detector share " << ph;
    EXPECT_GE(centre + half, p) << "p = " << p << ", first-detector share " << ph;
    // Mean time to alarm: within 3.29 standard errors (99.9 %) of the exact expectation.
    const double mean = sum / n;
    EXPECT_NEAR(mean, e.mean, 3.29 * e.sd / std::sqrt(n)) << "p = " << p;
    mean_at[v] = mean;
  }
  // Less reliable detectors: a later alarm on average.
  EXPECT_GT(mean_at[1], mean_at[0]);
}

TEST(Detection, FailedSensorNeverSignalsAndGivenAlarmIsExact) {
  ScenarioConfig sc = load_scenario(kSource + "/tests/hazards/data/detectors.yaml", {});
  const Site built = build_site(sc);
  EmergencyConfig c = *built.emergency;
  const Network& site = *c.site;
  const NodeId fire_node = site.graph.find_node("T/F4/U1");
  std::vector<FireStart> fires{{fire_node, 0.0, fire::alpha_kw_per_s2(fire::Growth::Medium)}};
  const SmokeField smoke = spread_smoke(site, c.hazards, fires, {});
  DetectionInput in;
  in.smoke = &smoke;
  in.fires = fires;
  c.sensors.kind[static_cast<std::size_t>(SensorKind::SmokeDetector)].reliability = 1.0;
  // Fail every smoke detector from t = 0: the fallback raises the alarm.
  for (std::size_t s = 0; s < site.sensors.size(); ++s)
    if (site.sensors[s].kind == SensorKind::SmokeDetector) {
      Injection inj;
      inj.kind = InjectionKind::FailSensor;
      inj.sensor = static_cast<uint32_t>(s);
      c.drill.push_back(inj);
    }
  const DetectionResult d = detect(c, in, 1, 0);
  EXPECT_FALSE(d.by_sensor);
  EXPECT_DOUBLE_EQ(d.first_alarm_s, 900.0);
  c.alarm.mode = AlarmMode::Given;
  c.alarm.given_at_s = 42.0;
  const DetectionResult g = detect(c, in, 1, 0);
  EXPECT_DOUBLE_EQ(g.first_alarm_s, 42.0);
}

// The fallback (someone raises the alarm 15 min after ignition when no sensor detects the fire)
// must not be lost because a false alarm happens later in the run. Timeline worked by hand: fire at
// t = 0; every smoke detector fails to detect it (reliability 0) but raises false alarms (about one
// a day each); delay_to_residents 0. Without a false alarm before 900 s the alarm comes at exactly
// 0 + 900 s; with one at t_f < 900 s, at t_f. So the first alarm is min(900, first false alarm).
TEST(Detection, ALateFalseAlarmDoesNotCancelTheFallback) {
  ScenarioConfig sc = load_scenario(kSource + "/tests/hazards/data/detectors.yaml", {});
  const Site built = build_site(sc);
  EmergencyConfig c = *built.emergency;
  const Network& site = *c.site;
  std::vector<FireStart> fires{{site.graph.find_node("T/F4/U1"), 0.0, fire::alpha_kw_per_s2(fire::Growth::Medium)}};
  const SmokeField smoke = spread_smoke(site, c.hazards, fires, {});
  DetectionInput in;
  in.smoke = &smoke;
  in.fires = fires;
  in.window_s = 4 * 86400.0;
  SensorKindParams& smoke_detectors = c.sensors.kind[static_cast<std::size_t>(SensorKind::SmokeDetector)];
  smoke_detectors.reliability = 0.0;
  smoke_detectors.false_alarms_per_year = 365.0;
  int late_false_alarms = 0, early_false_alarms = 0;
  for (uint64_t rep = 0; rep < 200; ++rep) {
    const DetectionResult d = detect(c, in, 3, rep);
    ASSERT_FALSE(std::isfinite(d.first_real_signal_s)) << "no detector works";
    ASSERT_GT(d.false_alarms, 0u) << "rep " << rep << ": the window holds false alarms";
    const double first_false = d.first_fire_signal_s;  // only false alarms signal here
    EXPECT_DOUBLE_EQ(d.first_alarm_s, std::min(900.0, first_false)) << "rep " << rep;
    if (first_false > 900.0) {
      ++late_false_alarms;
      EXPECT_FALSE(d.by_sensor) << "rep " << rep << ": the fallback raised the alarm";
    } else {
      ++early_false_alarms;
    }
  }
  // The case that matters occurs (and the other one too, so both branches were checked).
  EXPECT_GT(late_false_alarms, 50);
  EXPECT_GT(early_false_alarms, 0);
}

TEST(Detection, PhasedAlarmWarnsTheFireFloorAndItsNeighboursFirst) {
  ScenarioConfig sc = load_scenario(kSource + "/tests/hazards/data/detectors.yaml", {"alarm.mode=phased"});
  const Site built = build_site(sc);
  EmergencyConfig c = *built.emergency;
  c.sensors.kind[static_cast<std::size_t>(SensorKind::SmokeDetector)].reliability = 1.0;
  const Network& site = *c.site;
  std::vector<FireStart> fires{{site.graph.find_node("T/F4/U1"), 0.0, fire::alpha_kw_per_s2(fire::Growth::Medium)}};
  const SmokeField smoke = spread_smoke(site, c.hazards, fires, {});
  DetectionInput in;
  in.smoke = &smoke;
  in.fires = fires;
  const DetectionResult d = detect(c, in, 1, 0);
  const auto& a = d.alarm_s[0];
  EXPECT_EQ(a[3], a[4]);
  EXPECT_EQ(a[5], a[4]);
  EXPECT_DOUBLE_EQ(a[1], a[4] + c.alarm.phase_delay_s);
  EXPECT_DOUBLE_EQ(a[6], a[4] + c.alarm.phase_delay_s);
}

}  // namespace
}  // namespace dt
