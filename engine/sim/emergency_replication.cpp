#include "engine/sim/emergency_replication.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/random.h"
#include "engine/people/population.h"
#include "engine/people/route_choice.h"

namespace dt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double nan_if_inf(double x) { return std::isfinite(x) ? x : kNaN; }

// --- the stages ------------------------------------------------------------------------------

void hazards_stage(const EmergencyConfig& c, EmergencyOutcome& o) {
  std::vector<DoorHeldOpen> held;
  std::vector<BurstPipe> pipes;
  for (const Injection& i : c.drill) {
    if (i.kind == InjectionKind::StartFire) o.fires.push_back({i.node, i.at_s, i.alpha});
    if (i.kind == InjectionKind::HoldOpen)
      for (const uint32_t l : i.links) held.push_back({l, i.at_s});
    if (i.kind == InjectionKind::BurstPipe) pipes.push_back({i.node, i.at_s, i.flow_lps});
  }
  o.smoke = spread_smoke(*c.site, c.hazards, o.fires, held);
  o.flood = spread_water(c.site->graph, c.hazards.flood, pipes);
}

void network_stage(const EmergencyConfig& c, EmergencyOutcome& o) {
  const NavGraph& g = c.site->graph;
  NetworkTimeline& t = o.timeline;
  for (const Injection& i : c.drill)
    if (i.kind == InjectionKind::CloseLink || i.kind == InjectionKind::OpenLink)
      for (const uint32_t l : i.links)
        t.changes.push_back({i.at_s, i.kind == InjectionKind::CloseLink ? NetworkChangeKind::CloseLink : NetworkChangeKind::OpenLink, l});
  for (std::size_t n = 0; n < g.node_count(); ++n) {
    const double closed = std::min(o.smoke.untenable_s[n], o.flood.impassable_s[n]);
    if (std::isfinite(closed)) t.changes.push_back({closed, NetworkChangeKind::CloseNode, static_cast<uint32_t>(n)});
  }
  std::stable_sort(t.changes.begin(), t.changes.end(),
                   [](const NetworkChange& a, const NetworkChange& b) { return a.time_s < b.time_s; });
  if (!o.fires.empty()) t.smoke_arrival_s = o.smoke.arrival_s;
  t.smoke_rise_s = c.hazards.smoke.rise_time_s;
  t.smoke_max_k_per_m = c.hazards.smoke.max_extinction_per_m;
  t.walking = c.hazards.walking;
  t.dark_speed_factor = c.hazards.lights_out_speed_factor;
  for (const Injection& i : c.drill)
    if (i.kind == InjectionKind::CutPower) {
      t.dark_intervals.resize(c.site->buildings.size());
      for (const int32_t b : i.buildings) t.dark_intervals[b].emplace_back(i.at_s, i.at_s + i.duration_s);
    }
}

void residents_stage(const EvacuationNetwork& net, const EvacuationConfig& e, EmergencyOutcome& o, uint64_t seed, uint64_t replication) {
  o.evacuation.population = synthesize_population(net, e.population, e.premovement, e.alarm_clock_s, seed, replication);
  assign_route_classes(net, e, o.evacuation.population, seed, replication);
  const Crowd& crowd = o.evacuation.population.crowd;
  const NavGraph& g = net.graph();
  o.ready_s.resize(crowd.size());
  o.evacuation.alarm_s.assign(crowd.size(), kInf);
  if (std::isfinite(o.detection.ignition_s)) o.evacuation.ignition_s = o.detection.ignition_s;
  for (std::size_t p = 0; p < crowd.size(); ++p) {
    const double pre = crowd.ready_s[p];
    if (!std::isfinite(pre)) {
      o.ready_s[p] = kInf;
      o.assisted.push_back(static_cast<uint32_t>(p));
      continue;
    }
    const NavNode& n = g.node(crowd.start_node[p]);
    double alarm = kInf;
    if (n.building >= 0 && static_cast<std::size_t>(n.building) < o.detection.alarm_s.size()) {
      const auto& floors = o.detection.alarm_s[n.building];
      if (n.floor >= 1 && static_cast<std::size_t>(n.floor) < floors.size()) alarm = floors[n.floor];
    }
    // Never alarmed: he stays (counted as not safe) but is not mistaken for someone awaiting help.
    o.ready_s[p] = std::isfinite(alarm) ? alarm + pre : e.max_duration_s * 2 + 1;
    o.evacuation.alarm_s[p] = alarm;
  }
}

void movement_stage(const EvacuationNetwork& net, const EvacuationConfig& e, EmergencyOutcome& o, MovementObserver* observer,
                    bool queue_curves) {
  Crowd& crowd = o.evacuation.population.crowd;
  std::vector<double> premovement = crowd.ready_s;
  crowd.ready_s = o.ready_s;
  if (observer) observer->residents(o.evacuation.population);
  o.evacuation.movement = simulate_movement(net, crowd, e.max_duration_s, o.timeline, nullptr, observer,
                                            queue_curves ? kQueueCurveStepS : 0.0);
  crowd.ready_s = std::move(premovement);  // the KPIs report pre-movement itself
}

// When the staff set off: the staff alert, or an earlier medical emergency.
double staff_alert_s(const EmergencyConfig& c, const EmergencyOutcome& o) {
  double t = o.detection.staff_alerted_s;
  for (const Injection& i : c.drill)
    if (i.kind == InjectionKind::Medical) t = std::min(t, i.at_s);
  return t;
}

// `staff_at` (not null: staff of the roster) is where each member is when alerted.
void staff_stage(const EvacuationNetwork& net, const EvacuationConfig& e, const EmergencyConfig& c, EmergencyOutcome& o,
                 std::vector<StaffMove>* moves, uint64_t seed, uint64_t replication,
                 const std::vector<NodeId>* staff_at = nullptr) {
  const NavGraph& g = c.site->graph;
  AssistanceInput in;
  for (const uint32_t p : o.assisted) in.residents.push_back(o.evacuation.population.crowd.start_node[p]);
  in.safe.resize(g.node_count());
  for (std::size_t n = 0; n < g.node_count(); ++n) in.safe[n] = net.safe(NodeId(static_cast<uint32_t>(n))) ? 1 : 0;
  in.timeline = &o.timeline;
  in.fires = o.fires;
  in.alerted_s = o.detection.staff_alerted_s;
  in.moves = moves;
  if (staff_at) in.staff_at = *staff_at;
  for (const Injection& i : c.drill)
    if (i.kind == InjectionKind::Medical) {
      in.medical_s.push_back(i.at_s);
      in.medical_node.push_back(i.node);
      in.alerted_s = std::min(in.alerted_s, i.at_s);
    }
  // Sweep the floors of the burning buildings that heard the alarm, top down.
  for (const FireStart& f : o.fires) {
    const int32_t b = g.node(f.node).building;
    const BuildingNet& bn = c.site->buildings[b];
    for (int fl = bn.floors; fl >= 1; --fl) {
      if (fl - 1 >= static_cast<int>(bn.corridors.size()) || bn.corridors[fl - 1].empty()) continue;
      uint32_t flats = 0;
      for (const NodeId u : bn.units) flats += g.node(u).floor == fl ? 1u : 0u;
      if (flats == 0) continue;
      const NodeId corridor = bn.corridors[fl - 1].front();
      bool seen = false;
      for (const auto& s : in.sweep_floors) seen = seen || s.front() == corridor;
      if (seen) continue;
      in.sweep_floors.push_back(bn.corridors[fl - 1]);
      in.sweep_flats.push_back(flats);
    }
  }
  // Outside teams: a fire brigade is called once the staff are alerted by the fire, an ambulance
  // at each medical emergency; one draw of the arrival per call (stream: the team).
  const StreamFamily teams(seed, replication, purpose_id(emergency_streams::kResponders));
  for (std::size_t r = 0; r < c.assistance.responders.size(); ++r) {
    const ResponderTeam& rt = c.assistance.responders[r];
    RandomStream rs = teams.stream(r);
    std::vector<double> calls;
    if (rt.kind == ResponderTeam::Kind::FireBrigade) calls.push_back(o.detection.staff_alerted_s);
    else calls = in.medical_s;
    std::vector<double>& at_gate = in.team_at_gate_s.emplace_back();
    for (const double call : calls)
      at_gate.push_back(std::isfinite(call) && rt.called ? call + rt.call_delay_s + std::max(0.0, rt.arrival.sample(rs)) : kInf);
    o.team_called_s.push_back(std::move(calls));
  }
  o.team_at_gate_s = in.team_at_gate_s;
  o.assistance = run_assistance(c, in, o.elevators, e.max_duration_s);
}

// Stage 7 with the roster's staff: the dispatch model runs up to the staff alert, hands over the
// members on duty of the roles of assistance.from_roster (each where he is), stage 7 runs with
// them, and each goes back to dispatch where and when his last task is done.
void joined_staff_stage(const EvacuationNetwork& net, const EvacuationConfig& e, const EmergencyConfig& c, EmergencyOutcome& o,
                        JoinedDispatch& joined, uint64_t seed, uint64_t replication, std::vector<StaffMove>* moves,
                        std::vector<NodeId>* starts) {
  const DispatchConfig& d = *joined.config;
  EmergencyCall call;
  call.at_s = staff_alert_s(c, o);
  call.answers.assign(d.staff.size(), 0);
  for (std::size_t s = 0; s < d.staff.size(); ++s) call.answers[s] = answers_emergency(c.assistance, d.staff[s].role) ? 1 : 0;
  bool ran = false;
  call.respond = [&](double, std::span<const PulledMember> pulled) {
    std::vector<NodeId> at;
    at.reserve(pulled.size());
    for (const PulledMember& m : pulled) at.push_back(m.at);
    staff_stage(net, e, c, o, moves, seed, replication, &at);
    if (starts != nullptr) *starts = at;
    ran = true;
    const AssistanceOutcome& a = o.assistance;
    std::vector<ReturnedMember> back(pulled.size());
    const std::size_t first = a.guard_free_s.size() - pulled.size();  // after the guards at `post` (none here)
    for (std::size_t i = 0; i < pulled.size(); ++i) back[i] = {a.guard_free_s[first + i], a.guard_free_at[first + i]};
    return back;
  };
  joined.result = run_dispatch(d, seed, replication, joined.record_samples, &call);
  if (!ran) {  // never alerted: stage 7 without staff (its outcome still has one row per resident)
    const std::vector<NodeId> nobody;
    staff_stage(net, e, c, o, nullptr, seed, replication, &nobody);
  }
}

// For traces (engine/sim/trace_recorder.h): fires, the alarm per building, sensor signals.
void report_events(const EmergencyConfig& c, const EmergencyOutcome& o, MovementObserver& observer) {
  const Network& site = *c.site;
  for (std::size_t f = 0; f < o.fires.size(); ++f)
    observer.event({ReplicationEvent::Kind::Fire, o.fires[f].ignition_s, o.fires[f].node, static_cast<uint32_t>(f),
                    "fire in " + site.graph.node(o.fires[f].node).label});
  for (std::size_t b = 0; b < o.detection.alarm_s.size() && b < site.buildings.size(); ++b) {
    const auto& floors = o.detection.alarm_s[b];
    const double t = floors.empty() ? kInf : *std::min_element(floors.begin(), floors.end());
    const BuildingNet& bn = site.buildings[b];
    if (std::isfinite(t) && !bn.corridors.empty() && !bn.corridors[0].empty())
      observer.event({ReplicationEvent::Kind::Alarm, t, bn.corridors[0][0], 0, "alarm in " + bn.id});
  }
  for (std::size_t i = 0; i < o.detection.signal_s.size() && i < site.sensors.size(); ++i)
    if (std::isfinite(o.detection.signal_s[i]))
      observer.event({ReplicationEvent::Kind::SensorSignal, o.detection.signal_s[i], site.sensors[i].node,
                      static_cast<uint32_t>(i), site.sensors[i].id + " signals"});
}

// For traces: who hears the alarm when, the elevators, power cuts, floods and the staff's legs.
void report_outcome(const EmergencyConfig& c, const EmergencyOutcome& o, std::vector<StaffMove> moves, std::vector<NodeId> starts,
                    MovementObserver& observer) {
  const Network& site = *c.site;
  using K = ReplicationEvent::Kind;
  if (std::any_of(o.evacuation.alarm_s.begin(), o.evacuation.alarm_s.end(), [](double t) { return t > 0; }))
    observer.alerted(o.evacuation.alarm_s);
  const ElevatorOutcome& el = o.elevators;
  auto ground = [&](std::size_t e) { return site.elevators[e].stops.empty() ? NodeId() : site.elevators[e].stops.front(); };
  for (std::size_t e = 0; e < site.elevators.size(); ++e) {
    const auto i = static_cast<uint32_t>(e);
    if (e < el.recalled_s.size() && std::isfinite(el.recalled_s[e]))
      observer.event({K::ElevatorRecalled, el.recalled_s[e], ground(e), i, site.elevators[e].id + " recalled to the ground floor"});
    if (e < el.out_of_service_s.size() && std::isfinite(el.out_of_service_s[e]))
      observer.event({K::ElevatorStopped, el.out_of_service_s[e], ground(e), i, site.elevators[e].id + " out of service"});
  }
  for (const Entrapment& en : el.entrapments) {
    const std::string& id = site.elevators[en.elevator].id;
    const NodeId at = ground(en.elevator);
    // Drawn where the car stopped: the ground stop's place at the car's height.
    observer.event({K::Entrapment, en.fault_s, at, en.elevator,
                    fmt::format("{} stopped: {} trapped", id, en.persons), static_cast<double>(en.persons), en.height_m});
    observer.event({K::RescuerOnSite, en.on_site_s, at, en.elevator, "rescuer at " + id, 0.0, en.height_m});
    observer.event({K::EntrapmentReleased, en.released_s, at, en.elevator,
                    fmt::format("{}: {} released", id, en.persons), static_cast<double>(en.persons), en.height_m});
  }
  for (const Injection& i : c.drill)
    if (i.kind == InjectionKind::CutPower)
      for (const int32_t b : i.buildings) {
        const BuildingNet& bn = site.buildings[b];
        const NodeId at = !bn.corridors.empty() && !bn.corridors[0].empty() ? bn.corridors[0][0] : NodeId();
        observer.event({K::PowerCut, i.at_s, at, static_cast<uint32_t>(b), "power cut in " + bn.id, i.duration_s});
        if (std::isfinite(i.duration_s))
          observer.event({K::PowerRestored, i.at_s + i.duration_s, at, static_cast<uint32_t>(b), "power back in " + bn.id});
      }
  for (std::size_t n = 0; n < o.flood.impassable_s.size(); ++n)
    if (std::isfinite(o.flood.impassable_s[n]))
      observer.event({K::Flooded, o.flood.impassable_s[n], NodeId(static_cast<uint32_t>(n)), static_cast<uint32_t>(n),
                      "water in " + site.graph.node(NodeId(static_cast<uint32_t>(n))).label});
  const AssistanceParams& p = c.assistance;
  // The guards at `post`, or the roster's members taken off dispatch, each where he was.
  const bool roster = !starts.empty();
  if (!roster && (p.staff == 0 || !p.post.valid())) return;
  const NodeId post = roster ? starts.front() : p.post;
  if (std::isfinite(o.detection.staff_alerted_s))
    observer.event({K::StaffAlerted, o.detection.staff_alerted_s, post, 0, "staff alerted"});
  StaffPlan plan;
  plan.guards = roster ? static_cast<uint32_t>(starts.size()) : p.staff;
  plan.post = post;
  plan.start = std::move(starts);
  plan.alerted_s = o.detection.staff_alerted_s;
  for (StaffMove& m : moves)
    if (m.resident != 0xFFFFFFFFu) m.resident = o.assisted[m.resident];
  std::stable_sort(moves.begin(), moves.end(), [](const StaffMove& a, const StaffMove& b) { return a.guard < b.guard; });
  plan.moves = std::move(moves);
  plan.residents = o.assisted;
  plan.safe_s = o.assistance.safe_s;
  const Crowd& crowd = o.evacuation.population.crowd;
  for (std::size_t i = 0; i < plan.residents.size() && i < plan.safe_s.size(); ++i)
    if (std::isfinite(plan.safe_s[i]))
      observer.event({K::Rescued, plan.safe_s[i], NodeId(), plan.residents[i],
                      "resident of " + site.graph.node(crowd.start_node[plan.residents[i]]).label + " safe with staff"});
  observer.staff(plan);
}

}  // namespace

bool joins_dispatch(const EmergencyConfig& c) { return !c.assistance.from_roster.empty(); }

EmergencyOutcome run_emergency(const EvacuationNetwork& net, const EvacuationConfig& e, const EmergencyConfig& c, uint64_t seed, uint64_t replication,
                               MovementObserver* observer, bool queue_curves, JoinedDispatch* joined) {
  EmergencyOutcome o;
  hazards_stage(c, o);
  DetectionInput din;
  din.smoke = &o.smoke;
  din.flood = &o.flood;
  din.fires = o.fires;
  din.window_s = e.max_duration_s;
  o.detection = detect(c, din, seed, replication);
  network_stage(c, o);
  if (observer) report_events(c, o, *observer);
  residents_stage(net, e, o, seed, replication);
  // The elevators and the staff do not depend on the crowd's movement: they run first, so that a
  // trace can show them from the start.
  o.elevators = run_elevators(c, o.detection, seed, replication, e.max_duration_s);
  std::vector<StaffMove> moves;
  std::vector<NodeId> starts;
  DT_ASSERT(!joins_dispatch(c) || joined != nullptr, "an emergency whose staff come from the roster needs its dispatch model");
  if (joined && joins_dispatch(c))
    joined_staff_stage(net, e, c, o, *joined, seed, replication, observer ? &moves : nullptr, &starts);
  else
    staff_stage(net, e, c, o, observer ? &moves : nullptr, seed, replication);
  if (observer) report_outcome(c, o, std::move(moves), std::move(starts), *observer);
  movement_stage(net, e, o, observer, queue_curves);
  return o;
}

void report_emergency_kpis(const EvacuationConfig& e, const EmergencyConfig& c, const EmergencyOutcome* outcome,
                           KpiSink& k) {
  const EmergencyOutcome declaring_shape{};  // declaring: the values are ignored
  const EmergencyOutcome& o = outcome != nullptr ? *outcome : declaring_shape;
  const DetectionResult& d = o.detection;
  const MovementResult& m = o.evacuation.movement;
  const double end = m.end_time_s;
  const double ignition = d.ignition_s;
  const auto NonNeg = KpiRange::NonNegative;
  k.add("detection.time_to_alarm_s", "s", NonNeg, "ignition until residents first hear the alarm",
        std::isfinite(ignition) ? nan_if_inf(d.first_alarm_s - ignition) : kNaN);
  k.add("detection.time_to_detection_s", "s", NonNeg, "ignition until the first sensor signal (real or false)",
        std::isfinite(ignition) ? nan_if_inf(d.first_fire_signal_s - ignition) : kNaN);
  k.add("detection.by_sensor", "-", KpiRange::Fraction, "1 when a sensor raised the alarm, 0 for the fallback or a given alarm",
        d.by_sensor ? 1.0 : 0.0);
  k.add("detection.false_alarms", "-", NonNeg, "false alarms during the run", static_cast<double>(d.false_alarms));
  uint32_t smoke = 0, untenable = 0, flooded = 0;
  const double horizon = std::max(end, e.max_duration_s);
  for (std::size_t n = 0; n < o.smoke.arrival_s.size(); ++n) {
    smoke += o.smoke.arrival_s[n] <= horizon ? 1u : 0u;
    untenable += std::min(o.smoke.untenable_s[n], o.flood.impassable_s[n]) <= horizon ? 1u : 0u;
    flooded += o.flood.impassable_s[n] <= horizon ? 1u : 0u;
  }
  k.add("hazard.smoke_nodes", "-", NonNeg, "places smoke reached during the run", smoke);
  k.add("hazard.untenable_nodes", "-", NonNeg, "places that became untenable or impassable during the run", untenable);
  k.add("hazard.cut_off", "-", NonNeg, "residents who could no longer reach safety (no open route)", m.without_route);
  k.add("hazard.rerouted", "-", NonNeg, "times a resident had to choose another way because his closed", m.rerouted);
  const AssistanceOutcome& a = o.assistance;
  uint32_t rescued = 0;
  double sum = 0, last = 0;
  for (const double t : a.safe_s)
    if (std::isfinite(t)) {
      ++rescued;
      sum += t;
      last = std::max(last, t);
    }
  k.add("assistance.residents", "-", NonNeg, "residents awaiting assistance", static_cast<double>(a.safe_s.size()));
  k.add("assistance.rescued", "-", NonNeg, "of them, brought to safety by staff", rescued);
  k.add("assistance.unreachable", "-", NonNeg, "of them, cut off before staff could reach them", a.unreachable);
  k.add("assistance.by_fire_lift", "-", NonNeg, "rescues by fire lift", a.by_fire_lift);
  k.add("assistance.by_carry", "-", NonNeg, "rescues by carrying down the stairs", a.by_carry);
  k.add("assistance.mean_time_s", "s", NonNeg, "mean time at which an assisted resident was safe",
        rescued > 0 ? sum / rescued : kNaN);
  k.add("assistance.total_time_s", "s", NonNeg, "the last assisted resident safe (NaN if one never is)",
        rescued == a.safe_s.size() && rescued > 0 ? last : kNaN);
  k.add("assistance.sweep_time_s", "s", NonNeg, "every floor of the burning buildings checked", nan_if_inf(a.sweep_done_s));
  if (!c.assistance.responders.empty()) {
    k.add("assistance.by_guards", "-", NonNeg, "rescues by the site's guards", a.by_guards);
    for (std::size_t r = 0; r < c.assistance.responders.size(); ++r) {
      const ResponderTeam& rt = c.assistance.responders[r];
      // Mean call → at the gate over this replication's calls (NaN: never called).
      double sum = 0;
      uint32_t calls = 0;
      if (r < o.team_at_gate_s.size() && r < o.team_called_s.size())
        for (std::size_t i = 0; i < o.team_at_gate_s[r].size() && i < o.team_called_s[r].size(); ++i)
          if (std::isfinite(o.team_at_gate_s[r][i])) sum += o.team_at_gate_s[r][i] - o.team_called_s[r][i], ++calls;
      const std::string base = "responders." + rt.name + ".";
      k.add(base + "response_s", "s", NonNeg, "mean time from the moment help is needed until the " + rt.name +
            " is at its gate (the call delay included)", calls > 0 ? sum / calls : kNaN);
      if (rt.kind == ResponderTeam::Kind::FireBrigade)
        k.add(base + "rescued", "-", NonNeg, "assisted residents the " + rt.name + " brought to safety",
              r < a.by_team.size() ? a.by_team[r] : 0u);
    }
  }
  const std::size_t present = o.evacuation.population.crowd.size();
  k.add("emergency.safe_fraction", "-", KpiRange::Fraction, "residents safe (on foot or assisted) / residents present",
        present > 0 ? static_cast<double>(m.safe + rescued) / static_cast<double>(present) : kNaN);
  const bool everyone = m.safe + rescued == present && present > 0;
  k.add("emergency.all_safe_time_s", "s", NonNeg, "everybody safe, on foot or assisted (NaN if not everybody)",
        everyone ? std::max(std::isnan(m.last_safe_s) ? 0.0 : m.last_safe_s, rescued > 0 ? last : 0.0) : kNaN);
  if (!c.site->elevators.empty()) {
    const ElevatorOutcome& el = o.elevators;
    double recall = -1;
    for (const double t : el.recalled_s)
      if (std::isfinite(t)) recall = std::max(recall, t - d.first_alarm_s);
    uint32_t persons = 0, within = 0;
    double response = 0, release = 0;
    for (const Entrapment& en : el.entrapments) {
      persons += en.persons;
      response += en.on_site_s - en.reported_s;
      release += en.released_s - en.fault_s;
      within += en.on_site_s - en.reported_s <= 1800.0 ? 1u : 0u;
    }
    const auto ne = static_cast<double>(el.entrapments.size());
    k.add("elevator.recall_time_s", "s", NonNeg, "first alarm until the last recalled car is at the ground floor",
          recall >= 0 ? recall : kNaN);
    k.add("elevator.entrapments", "-", NonNeg, "cars that stopped with riders", ne);
    k.add("elevator.trapped_persons", "-", NonNeg, "riders trapped", persons);
    k.add("elevator.rescue_response_s", "s", NonNeg, "mean: entrapment reported until a rescuer is on site",
          ne > 0 ? response / ne : kNaN);
    k.add("elevator.rescue_within_30min_fraction", "-", KpiRange::Fraction,
          "share of entrapments with a rescuer on site within 30 min (TSG T5002-2017)", ne > 0 ? within / ne : kNaN);
    k.add("elevator.release_time_s", "s", NonNeg, "mean: car stopped until the riders are out", ne > 0 ? release / ne : kNaN);
  }
  auto has = [&](InjectionKind kind) {
    return std::any_of(c.drill.begin(), c.drill.end(), [&](const Injection& inj) { return inj.kind == kind; });
  };
  if (has(InjectionKind::Medical)) {
    double s = 0;
    uint32_t n = 0;
    for (const double t : a.medical_response_s)
      if (std::isfinite(t)) {
        s += t;
        ++n;
      }
    k.add("medical.response_time_s", "s", NonNeg, "mean: medical emergency reported until a guard is there",
          n > 0 ? s / n : kNaN);
  }
  if (has(InjectionKind::BurstPipe)) {
    double burst = kInf;
    for (const Injection& inj : c.drill)
      if (inj.kind == InjectionKind::BurstPipe) burst = std::min(burst, inj.at_s);
    k.add("flood.time_to_signal_s", "s", NonNeg, "pipe burst until a water-leak sensor signals",
          nan_if_inf(d.first_leak_signal_s - burst));
    k.add("flood.impassable_nodes", "-", NonNeg, "places deeper than the impassable depth during the run", flooded);
  }
}

std::vector<KpiDefinition> emergency_kpi_definitions(const EvacuationNetwork&, const EvacuationConfig& e,
                                                     const EmergencyConfig& c) {
  std::vector<KpiDefinition> k;
  KpiSink sink = KpiSink::declaring(k);
  report_emergency_kpis(e, c, nullptr, sink);
  return k;
}

void emergency_kpis(const EvacuationNetwork& net, const EvacuationConfig& e, const EmergencyConfig& c, const EmergencyOutcome& o,
                    std::span<double> out) {
  KpiSink sink = KpiSink::filling(out);
  report_evacuation_kpis(net, e, &o.evacuation, sink);
  report_emergency_kpis(e, c, &o, sink);
  report_route_choice_kpis(net, e, &o.evacuation, sink);  // last: no existing column moved
  DT_ASSERT(sink.filled() == out.size(), "emergency wrote a different number of KPIs than it defines");
}

}  // namespace dt
