#include "engine/hazards/detection.h"

#include <algorithm>
#include <cmath>

#include "engine/kernel/random.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kYear_s = 365.25 * 86400.0;

bool fire_type(SensorKind k) {
  return k == SensorKind::SmokeDetector || k == SensorKind::HeatDetector || k == SensorKind::Camera ||
         k == SensorKind::ManualCallPoint;
}

}  // namespace

DetectionResult detect(const EmergencyConfig& c, const DetectionInput& in, uint64_t seed, uint64_t replication) {
  const Network& site = *c.site;
  const NavGraph& g = site.graph;
  const std::size_t n_sensors = site.sensors.size();
  DetectionResult r;
  r.signal_s.assign(n_sensors, kInf);
  r.works.assign(n_sensors, 0);
  r.delay_s.assign(n_sensors, 0.0);
  for (const FireStart& f : in.fires) r.ignition_s = std::min(r.ignition_s, f.ignition_s);

  // The drill: sensors failed or silenced from a time on; power cuts per building.
  std::vector<double> disabled_from(n_sensors, kInf);
  std::vector<std::vector<std::pair<double, double>>> cuts(site.buildings.size());
  for (const Injection& inj : c.drill) {
    if (inj.kind == InjectionKind::FailSensor || inj.kind == InjectionKind::SilenceSensor)
      disabled_from[inj.sensor] = std::min(disabled_from[inj.sensor], inj.at_s);
    if (inj.kind == InjectionKind::CutPower)
      for (const int32_t b : inj.buildings) cuts[b].emplace_back(inj.at_s, inj.at_s + inj.duration_s);
  }
  const double battery_s = c.sensors.battery_h * 3600.0;
  auto powered = [&](int32_t b, double t) {
    if (b < 0) return true;
    for (const auto& [from, until] : cuts[b])
      if (t >= from + battery_s && t < until) return false;
    return true;
  };

  const StreamFamily works(seed, replication, purpose_id(emergency_streams::kSensorWorks));
  const StreamFamily delays(seed, replication, purpose_id(emergency_streams::kSensorDelay));
  const StreamFamily falses(seed, replication, purpose_id(emergency_streams::kSensorFalse));
  int32_t false_building = -1;
  for (std::size_t s = 0; s < n_sensors; ++s) {
    const SensorPlacement& sp = site.sensors[s];
    const SensorKindParams& kp = c.sensors.kind[static_cast<std::size_t>(sp.kind)];
    const NavNode& node = g.node(sp.node);
    RandomStream ws = works.stream(s);
    RandomStream ds = delays.stream(s);
    RandomStream fs = falses.stream(s);
    const bool ok = ws.bernoulli(kp.reliability);
    const double delay = std::max(0.0, kp.delay.sample(ds));
    const double false_at = kp.false_alarms_per_year > 0 ? fs.exponential(kYear_s / kp.false_alarms_per_year) : kInf;
    r.works[s] = ok ? 1 : 0;
    r.delay_s[s] = delay;
    double condition = kInf;
    switch (sp.kind) {
      case SensorKind::SmokeDetector:
      case SensorKind::Camera:
      case SensorKind::ManualCallPoint:
        if (in.smoke && !in.smoke->arrival_s.empty()) condition = in.smoke->arrival_s[sp.node.index()];
        break;
      case SensorKind::HeatDetector:
        if (in.smoke && !in.smoke->arrival_s.empty())
          for (const FireStart& f : in.fires) {
            const NavNode& fn = g.node(f.node);
            if (fn.building == node.building && fn.floor == node.floor)
              condition = in.smoke->arrival_s[sp.node.index()];
          }
        break;
      case SensorKind::WaterLeak:
        if (in.flood && !in.flood->wet_s.empty()) condition = in.flood->wet_s[sp.node.index()];
        break;
      case SensorKind::ElevatorFault: break;  // signal_elevator_fault
    }
    double signal = ok ? condition + delay : kInf;
    if (!(signal < disabled_from[s]) || !powered(node.building, signal)) signal = kInf;
    const bool false_alarm = false_at < in.window_s && false_at < disabled_from[s] && powered(node.building, false_at);
    if (false_alarm) ++r.false_alarms;
    r.signal_s[s] = signal;
    if (fire_type(sp.kind)) {
      r.first_real_signal_s = std::min(r.first_real_signal_s, signal);
      const double first = false_alarm ? std::min(signal, false_at) : signal;
      if (first < r.first_fire_signal_s) {
        r.first_fire_signal_s = first;
        false_building = false_alarm && false_at < signal ? node.building : -1;
      }
    }
    if (sp.kind == SensorKind::WaterLeak) r.first_leak_signal_s = std::min(r.first_leak_signal_s, signal);
  }
  r.disabled_from_s = std::move(disabled_from);

  // The alarm.
  const AlarmParams& a = c.alarm;
  r.alarm_s.resize(site.buildings.size());
  for (std::size_t b = 0; b < site.buildings.size(); ++b)
    r.alarm_s[b].assign(static_cast<std::size_t>(site.buildings[b].floors) + 1, kInf);
  double detected = kInf;
  if (a.mode == AlarmMode::Given) {
    detected = a.given_at_s;
  } else {
    // The first fire-type signal (a false alarm too); when no sensor detects the real fire,
    // somebody raises the alarm `fallback` after ignition — unless a false alarm came first. A
    // false alarm later in the run must not cancel the fallback.
    detected = r.first_fire_signal_s;
    if (!std::isfinite(r.first_real_signal_s) && std::isfinite(r.ignition_s))
      detected = std::min(detected, r.ignition_s + a.fallback_s);
    r.by_sensor = std::isfinite(detected) && detected == r.first_fire_signal_s;
    if (!r.by_sensor) false_building = -1;  // the fallback, not the false alarm, raised it
  }
  const double sound = detected + (a.mode == AlarmMode::Given ? 0.0 : a.delay_to_residents_s);
  if (std::isfinite(detected)) {
    r.staff_alerted_s = detected + a.staff_delay_s;
    for (std::size_t b = 0; b < site.buildings.size(); ++b) {
      const auto bi = static_cast<int32_t>(b);
      bool burning = false;
      std::vector<int> fire_floors;
      for (const FireStart& f : in.fires)
        if (g.node(f.node).building == bi) {
          burning = true;
          fire_floors.push_back(g.node(f.node).floor);
        }
      if (bi == false_building) burning = true;
      for (int fl = 1; fl <= site.buildings[b].floors; ++fl) {
        double t = kInf;
        if (a.mode == AlarmMode::Given || a.mode == AlarmMode::Site) {
          t = sound;
        } else if (burning) {
          t = sound;
          if (a.mode == AlarmMode::Phased && !fire_floors.empty()) {
            bool near = false;
            for (const int ff : fire_floors) near = near || std::abs(fl - ff) <= a.phase_floors;
            if (!near) t = sound + a.phase_delay_s;
          }
        } else if (std::isfinite(a.others_after_s)) {
          t = sound + a.others_after_s;  // building/phased: the buildings that do not burn, later
        }
        r.alarm_s[b][fl] = t;
      }
    }
  }
  // Drill: a floor released or an alarm sounded by hand.
  for (const Injection& inj : c.drill) {
    if (inj.kind == InjectionKind::ReleaseFloor) {
      double& t = r.alarm_s[inj.building][inj.floor];
      t = std::min(t, inj.at_s);
    } else if (inj.kind == InjectionKind::SoundAlarm) {
      for (const int32_t b : inj.buildings)
        for (double& t : r.alarm_s[b]) t = std::min(t, inj.at_s);
      r.staff_alerted_s = std::min(r.staff_alerted_s, inj.at_s + a.staff_delay_s);
    }
  }
  for (const auto& floors : r.alarm_s)
    for (std::size_t fl = 1; fl < floors.size(); ++fl) r.first_alarm_s = std::min(r.first_alarm_s, floors[fl]);
  return r;
}

double signal_elevator_fault(const EmergencyConfig& c, const DetectionResult& d, uint32_t elevator, double fault_s) {
  const Network& site = *c.site;
  double t = fault_s + c.elevators.passenger_report_delay_s;  // the car's alarm button
  const ElevatorNet& e = site.elevators[elevator];
  if (e.stops.empty()) return t;
  for (std::size_t s = 0; s < site.sensors.size(); ++s) {
    const SensorPlacement& sp = site.sensors[s];
    if (sp.kind != SensorKind::ElevatorFault || sp.node != e.stops.front() || !d.works[s]) continue;
    const double signal = fault_s + d.delay_s[s];
    if (signal < d.disabled_from_s[s]) t = std::min(t, signal);
  }
  return t;
}

}  // namespace dt
