#include "engine/hazards/elevators.h"

#include <algorithm>
#include <cmath>

#include "engine/kernel/random.h"
#include "engine/world/routing.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t stop_index(const ElevatorNet& e, int floor) {
  const auto it = std::lower_bound(e.floors.begin(), e.floors.end(), floor);
  return static_cast<std::size_t>(it - e.floors.begin());
}

}  // namespace

double elevator_run_time_s(const ElevatorNet& e, int from_floor, int to_floor, const NavGraph& g) {
  if (from_floor == to_floor || e.stops.empty()) return 0.0;
  const double za = g.node(e.stops[std::min(stop_index(e, from_floor), e.stops.size() - 1)]).position.z;
  const double zb = g.node(e.stops[std::min(stop_index(e, to_floor), e.stops.size() - 1)]).position.z;
  return elevator_hop_time_s(e, std::abs(za - zb));
}

bool elevator_works(const ElevatorOutcome& o, uint32_t e, double t) {
  if (t >= o.out_of_service_s[e]) return false;
  for (const auto& [from, until] : o.unpowered[e])
    if (t >= from && t < until) return false;
  return true;
}

ElevatorOutcome run_elevators(const EmergencyConfig& c, const DetectionResult& d, uint64_t seed, uint64_t replication,
                              double horizon_s) {
  const Network& site = *c.site;
  const NavGraph& g = site.graph;
  const ElevatorParams& p = c.elevators;
  const std::size_t n = site.elevators.size();
  ElevatorOutcome o;
  o.recalled_s.assign(n, kInf);
  o.out_of_service_s.assign(n, kInf);
  o.unpowered.assign(n, {});
  std::vector<double> stop_s(n, kInf);  // the car stops running with riders: first fault or cut
  for (const Injection& inj : c.drill) {
    if (inj.kind == InjectionKind::FailElevator) {
      o.out_of_service_s[inj.elevator] = std::min(o.out_of_service_s[inj.elevator], inj.at_s);
      stop_s[inj.elevator] = std::min(stop_s[inj.elevator], inj.at_s);
    } else if (inj.kind == InjectionKind::CutPower) {
      for (std::size_t e = 0; e < n; ++e) {
        const ElevatorNet& el = site.elevators[e];
        if (std::find(inj.buildings.begin(), inj.buildings.end(), el.building) == inj.buildings.end()) continue;
        if (el.fire_service && p.fire_lift_backup_power) continue;
        o.unpowered[e].emplace_back(inj.at_s, inj.at_s + inj.duration_s);
        stop_s[e] = std::min(stop_s[e], inj.at_s);
      }
    }
  }
  const StreamFamily traffic(seed, replication, purpose_id(emergency_streams::kLiftTraffic));
  const StreamFamily rescue(seed, replication, purpose_id(emergency_streams::kLiftRescue));
  const double rate_ps = p.trips_per_hour_per_car / 3600.0;
  for (std::size_t e = 0; e < n; ++e) {
    const ElevatorNet& el = site.elevators[e];
    if (el.floors.empty()) continue;
    const auto& alarm = d.alarm_s[el.building];
    double alarm_s = kInf;
    for (std::size_t f = 1; f < alarm.size(); ++f) alarm_s = std::min(alarm[f], alarm_s);
    const double recall_at = p.recall_on_alarm ? alarm_s : kInf;
    const double service_end = std::min({recall_at, stop_s[e], horizon_s});
    RandomStream rs = traffic.stream(e);
    int at_floor = el.floors[static_cast<std::size_t>(rs.uniform_index(el.floors.size()))];
    double free_s = 0.0, t = 0.0;
    bool trapped = false;
    while (rate_ps > 0) {
      t += rs.exponential(1.0 / rate_ps);
      if (t >= service_end) break;
      const bool up = rs.bernoulli(0.5);
      const int other = el.floors[static_cast<std::size_t>(rs.uniform_index(el.floors.size()))];
      const int origin = up ? el.floors.front() : other, dest = up ? other : el.floors.front();
      uint32_t riders = 1;
      for (double u = rs.uniform01(), pk = std::exp(-(p.persons_per_trip - 1.0)), cum = pk; u > cum && riders < 30;) {
        pk *= (p.persons_per_trip - 1.0) / riders;
        cum += pk;
        ++riders;
      }
      if (origin == dest) continue;
      const double start = std::max(t, free_s) + elevator_run_time_s(el, at_floor, origin, g);
      const double ride = elevator_run_time_s(el, origin, dest, g);
      const double moving_from = start + el.door_close_s, moving_until = start + ride - el.door_open_s;
      ++o.trips;
      if (stop_s[e] >= moving_from && stop_s[e] < moving_until) {  // stopped between floors with riders
        Entrapment en;
        en.elevator = static_cast<uint32_t>(e);
        en.fault_s = stop_s[e];
        en.persons = riders;
        {
          const double za = g.node(el.stops[std::min(stop_index(el, origin), el.stops.size() - 1)]).position.z;
          const double zb = g.node(el.stops[std::min(stop_index(el, dest), el.stops.size() - 1)]).position.z;
          const double u = moving_until > moving_from ? (stop_s[e] - moving_from) / (moving_until - moving_from) : 0.0;
          en.height_m = za + std::clamp(u, 0.0, 1.0) * (zb - za);
        }
        en.reported_s = signal_elevator_fault(c, d, en.elevator, en.fault_s);
        RandomStream rr = rescue.stream(e);
        en.on_site_s = en.reported_s + std::max(0.0, p.rescue_response.sample(rr));
        en.released_s = en.on_site_s + std::max(0.0, p.release_duration.sample(rr));
        o.entrapments.push_back(en);
        trapped = true;
        break;
      }
      free_s = start + ride;
      at_floor = dest;
      if (free_s > service_end) break;
    }
    if (!trapped && std::isfinite(recall_at) && recall_at < stop_s[e]) {
      const double from = std::max(recall_at, free_s);
      const double back = from + elevator_run_time_s(el, at_floor, el.floors.front(), g);
      if (back < o.out_of_service_s[e]) o.recalled_s[e] = back;
    }
    if (trapped) o.out_of_service_s[e] = std::min(o.out_of_service_s[e], stop_s[e]);
  }
  return o;
}

}  // namespace dt
