#include "engine/people/evacuation.h"

#include "engine/people/route_choice.h"
#include "engine/people/text.h"

#include <algorithm>
#include <cmath>

namespace dt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Buildings that have residents in this scenario, in index order.
std::vector<int32_t> occupied_buildings(const EvacuationNetwork& net, const EvacuationConfig& c) {
  std::vector<uint8_t> has(net.building_names().size(), 0);
  for (const NavNode& n : net.graph().nodes())
    if (n.kind == NodeKind::Unit && n.building >= 0) has[n.building] = 1;
  std::vector<int32_t> out;
  for (std::size_t b = 0; b < has.size(); ++b) {
    const auto id = static_cast<int32_t>(b);
    if (has[b] && (c.population.buildings.empty() ||
                   std::find(c.population.buildings.begin(), c.population.buildings.end(), id) !=
                       c.population.buildings.end()))
      out.push_back(id);
  }
  return out;
}

// Floors of building `b` that have flats, ascending.
std::vector<int> residential_floors(const EvacuationNetwork& net, int32_t b) {
  std::vector<uint8_t> has(static_cast<std::size_t>(net.building_floors()[b]) + 1, 0);
  for (const NavNode& n : net.graph().nodes())
    if (n.kind == NodeKind::Unit && n.building == b && n.floor >= 1) has[n.floor] = 1;
  std::vector<int> out;
  for (std::size_t f = 1; f < has.size(); ++f)
    if (has[f]) out.push_back(static_cast<int>(f));
  return out;
}

// Exits and stairs of the occupied buildings (or all, when every building is occupied).
bool counts(const EvacuationConfig& c, const std::vector<int32_t>& buildings, int32_t building) {
  return c.population.buildings.empty() || std::find(buildings.begin(), buildings.end(), building) != buildings.end();
}

std::vector<std::size_t> reported_exits(const EvacuationNetwork& net, const EvacuationConfig& c, const std::vector<int32_t>& buildings) {
  std::vector<std::size_t> out;
  for (std::size_t e = 0; e < net.exits().size(); ++e)
    if (counts(c, buildings, net.graph().link(net.exits()[e]).building)) out.push_back(e);
  return out;
}

std::vector<std::size_t> reported_stairs(const EvacuationNetwork& net, const EvacuationConfig& c, const std::vector<int32_t>& buildings) {
  std::vector<int32_t> stair_building(net.stair_names().size(), -1);
  for (std::size_t l = 0; l < net.graph().link_count(); ++l) {
    const LinkMovement& m = net.link(LinkId(static_cast<uint32_t>(l)));
    if (net.graph().links()[l].kind == LinkKind::Stair && m.stair_group[0] >= 0)
      stair_building[m.stair_group[0]] = net.graph().links()[l].building;
  }
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < stair_building.size(); ++s)
    if (counts(c, buildings, stair_building[s])) out.push_back(s);
  return out;
}

}  // namespace

EvacuationOutcome run_evacuation(const EvacuationNetwork& network, const EvacuationConfig& config, uint64_t seed,
                                 uint64_t replication, MovementObserver* observer, bool queue_curves) {
  EvacuationOutcome out;
  out.population = synthesize_population(network, config.population, config.premovement, config.alarm_clock_s,
                                         seed, replication);
  assign_route_classes(network, config, out.population, seed, replication);
  if (observer) observer->residents(out.population);
  out.movement = simulate_movement(network, out.population.crowd, config.max_duration_s, nullptr, observer,
                                   queue_curves ? kQueueCurveStepS : 0.0);
  return out;
}

TimeSplit time_split(const EvacuationOutcome& o, std::size_t p) {
  const double alarm = o.alarm_s.empty() ? 0.0 : o.alarm_s[p];
  const double origin = std::isnan(o.ignition_s) ? alarm : std::min(o.ignition_s, alarm);
  TimeSplit t;
  t.total_s = o.movement.safe_time_s[p] - origin;
  t.detection_s = alarm - origin;
  // Someone placed on a link at the start walks from t = 0.
  t.premovement_s = o.population.crowd.start_link[p].valid() ? 0.0 : o.population.crowd.ready_s[p];
  t.queuing_s = o.movement.queue_s[p];
  t.walking_s = t.total_s - t.detection_s - t.premovement_s - t.queuing_s;  // the only other state
  return t;
}

namespace {

// Per building (index): the last walking resident safe / out of the building (NaN when someone
// who could walk did not make it), and per floor the last who left it.
struct BuildingTimes {
  std::vector<double> total, clear;
  std::vector<std::vector<double>> floor_clear;
};

BuildingTimes building_times(const EvacuationNetwork& net, const EvacuationConfig& c, const EvacuationOutcome& o,
                             const std::vector<int32_t>& buildings) {
  const MovementResult& m = o.movement;
  const Population& pop = o.population;
  const NavGraph& g = net.graph();
  const std::size_t n_buildings = net.building_names().size();
  std::vector<double> total(n_buildings, -1.0), clear(n_buildings, -1.0);
  std::vector<uint8_t> incomplete(n_buildings, 0);
  BuildingTimes bt;
  bt.floor_clear.resize(n_buildings);
  for (const int32_t b : buildings) bt.floor_clear[b].assign(static_cast<std::size_t>(net.building_floors()[b]) + 1, kNaN);
  for (std::size_t p = 0; p < pop.crowd.size(); ++p) {
    if (!std::isfinite(pop.crowd.ready_s[p])) continue;  // waits for assistance
    const NavNode& home = g.node(pop.crowd.start_node[p]);
    if (home.building < 0) continue;
    const auto b = static_cast<std::size_t>(home.building);
    if (std::isnan(m.safe_time_s[p]) || std::isnan(m.left_building_s[p])) incomplete[b] = 1;
    if (!std::isnan(m.safe_time_s[p])) total[b] = std::max(total[b], m.safe_time_s[p]);
    if (!std::isnan(m.left_building_s[p])) clear[b] = std::max(clear[b], m.left_building_s[p]);
    if (c.floor_kpis && home.floor >= 1 && static_cast<std::size_t>(home.floor) < bt.floor_clear[b].size()) {
      double& fc = bt.floor_clear[b][home.floor];
      const double t = m.left_floor_s[p];
      fc = std::isnan(t) ? std::numeric_limits<double>::infinity() : std::isnan(fc) ? t : std::max(fc, t);
    }
  }
  bt.total.resize(n_buildings);
  bt.clear.resize(n_buildings);
  for (std::size_t b = 0; b < n_buildings; ++b) {
    bt.total[b] = incomplete[b] || total[b] < 0 ? kNaN : total[b];
    bt.clear[b] = incomplete[b] || clear[b] < 0 ? kNaN : clear[b];
  }
  return bt;
}

// The time split of the last resident out and the mean over residents, of one building or the site.
struct SplitSummary {
  TimeSplit last{kNaN, kNaN, kNaN, kNaN, kNaN};
  TimeSplit mean{kNaN, kNaN, kNaN, kNaN, kNaN};
};

// Per building (index) and, at index n_buildings, the whole site: over residents who walked and
// reached safety from a place that was not already safe.
std::vector<SplitSummary> split_summaries(const EvacuationNetwork& net, const EvacuationOutcome& o) {
  const std::size_t nb = net.building_names().size();
  std::vector<SplitSummary> out(nb + 1);
  std::vector<TimeSplit> sum(nb + 1);
  std::vector<uint32_t> n(nb + 1, 0);
  std::vector<double> last_safe(nb + 1, -std::numeric_limits<double>::infinity());
  const Crowd& crowd = o.population.crowd;
  for (std::size_t p = 0; p < crowd.size(); ++p) {
    if (!std::isfinite(crowd.ready_s[p]) || std::isnan(o.movement.safe_time_s[p]) || net.safe(crowd.start_node[p]))
      continue;
    const TimeSplit t = time_split(o, p);
    const int32_t home = net.graph().node(crowd.start_node[p]).building;
    for (const std::size_t b : {home >= 0 ? static_cast<std::size_t>(home) : nb, nb}) {
      sum[b].detection_s += t.detection_s;
      sum[b].premovement_s += t.premovement_s;
      sum[b].walking_s += t.walking_s;
      sum[b].queuing_s += t.queuing_s;
      sum[b].total_s += t.total_s;
      ++n[b];
      if (o.movement.safe_time_s[p] > last_safe[b]) {  // ties: the first resident
        last_safe[b] = o.movement.safe_time_s[p];
        out[b].last = t;
      }
      if (home < 0) break;  // counted once, in the site
    }
  }
  for (std::size_t b = 0; b <= nb; ++b)
    if (n[b] > 0) {
      const double k = n[b];
      out[b].mean = {sum[b].detection_s / k, sum[b].premovement_s / k, sum[b].walking_s / k, sum[b].queuing_s / k,
                     sum[b].total_s / k};
    }
  return out;
}

void add_split_kpis(KpiSink& k, const std::string& id, const std::string& whose, const SplitSummary* s) {
  struct Part {
    const char* name;
    const char* what;
    double TimeSplit::*field;
  };
  static constexpr Part kParts[] = {
      {"detection_s", "fire start until the alarm is heard (0 without a fire)", &TimeSplit::detection_s},
      {"premovement_s", "alarm until starting to move", &TimeSplit::premovement_s},
      {"walking_s", "moving at free or crowd-density speed", &TimeSplit::walking_s},
      {"queuing_s", "waiting at doors, stairs and exits for flow capacity or room ahead", &TimeSplit::queuing_s},
  };
  for (const Part& part : kParts)
    k.add(id + ".last_" + part.name, "s", KpiRange::NonNegative,
          std::string("the last ") + whose + " resident out: " + part.what, s != nullptr ? s->last.*part.field : 0.0);
  for (const Part& part : kParts)
    k.add(id + ".mean_" + part.name, "s", KpiRange::NonNegative,
          std::string("mean over the ") + whose + " residents who reached safety: " + part.what,
          s != nullptr ? s->mean.*part.field : 0.0);
}

}  // namespace

void report_evacuation_kpis(const EvacuationNetwork& net, const EvacuationConfig& c, const EvacuationOutcome* o,
                            KpiSink& k) {
  // Declaring (o == nullptr) the values are ignored: zeros stand in.
  const MovementResult* m = o != nullptr ? &o->movement : nullptr;
  const std::size_t present = o != nullptr ? o->population.crowd.size() : 0;
  const uint32_t walkers = m != nullptr ? m->people - m->awaiting_assistance : 0;
  const uint32_t walkers_safe = m != nullptr ? m->safe : 0;  // those who need assistance never become safe on their own
  double pre_sum = 0;
  for (std::size_t p = 0; p < present; ++p)
    if (std::isfinite(o->population.crowd.ready_s[p])) pre_sum += o->population.crowd.ready_s[p];
  k.add("evacuation.total_time_s", "s", KpiRange::NonNegative, "alarm until the last resident who can walk is safe (RSET)",
        walkers_safe > 0 ? m->last_safe_s : kNaN);
  k.add("evacuation.evacuated_fraction", "-", KpiRange::Fraction, "share of the residents present who reached safety",
        present > 0 ? static_cast<double>(m->safe) / static_cast<double>(present) : kNaN);
  k.add("evacuation.residents_present", "-", KpiRange::NonNegative, "residents at home when the alarm sounded",
        static_cast<double>(present));
  k.add("evacuation.awaiting_assistance", "-", KpiRange::NonNegative,
        "residents who cannot evacuate on their own (wait for staff)", m != nullptr ? m->awaiting_assistance : 0.0);
  k.add("evacuation.stranded", "-", KpiRange::NonNegative, "residents who could walk but did not reach safety",
        static_cast<double>(walkers - walkers_safe));
  k.add("evacuation.mean_premovement_s", "s", KpiRange::NonNegative, "mean pre-movement time of the residents who walked",
        walkers > 0 ? pre_sum / walkers : kNaN);

  const std::vector<int32_t> buildings = occupied_buildings(net, c);
  const BuildingTimes bt = o != nullptr ? building_times(net, c, *o, buildings) : BuildingTimes{};
  for (const int32_t b : buildings) {
    const std::string id = "evacuation.building." + net.building_names()[b];
    k.add(id + ".total_time_s", "s", KpiRange::NonNegative, "alarm until the building's last walking resident is safe",
          o != nullptr ? bt.total[b] : 0.0);
    k.add(id + ".clear_time_s", "s", KpiRange::NonNegative, "alarm until the building's last walking resident is out of it",
          o != nullptr ? bt.clear[b] : 0.0);
    if (c.floor_kpis)
      for (const int f : residential_floors(net, b)) {
        const double v = o != nullptr ? bt.floor_clear[b][f] : 0.0;
        k.add(numbered(id + ".floor.", f) + ".clear_time_s", "s", KpiRange::NonNegative,
              "alarm until the floor's last walking resident reached a stair or the lobby", std::isinf(v) ? kNaN : v);
      }
  }
  for (const std::size_t e : reported_exits(net, c, buildings)) {
    const std::string id = "evacuation.exit." + net.exit_names()[e];
    k.add(id + ".count", "-", KpiRange::NonNegative, "persons through the exit",
          m != nullptr ? static_cast<double>(m->exit_count[e]) : 0.0);
    k.add(id + ".peak_flow_pps", "p/s", KpiRange::NonNegative, "most persons through the exit in any window, per second",
          m != nullptr ? m->exit_peak_flow_pps[e] : 0.0);
  }
  for (const std::size_t s : reported_stairs(net, c, buildings))
    k.add("evacuation.stair." + net.stair_names()[s] + ".peak_queue", "-", KpiRange::NonNegative,
          "most persons waiting at once to enter or move down the stair",
          m != nullptr ? static_cast<double>(m->stair_peak_queue[s]) : 0.0);

  // Where the time goes (appended after the KPIs above, docs/model.md "Where the time goes").
  const std::vector<SplitSummary> split = o != nullptr ? split_summaries(net, *o) : std::vector<SplitSummary>{};
  const std::size_t nb = net.building_names().size();
  add_split_kpis(k, "evacuation.site", "site's", o != nullptr ? &split[nb] : nullptr);
  for (const int32_t b : buildings)
    add_split_kpis(k, "evacuation.building." + net.building_names()[b], "building's", o != nullptr ? &split[b] : nullptr);
  auto place_kpis = [&](const std::string& id, std::size_t place, bool with_peak) {
    const MovementResult::PlaceQueue* q = m != nullptr ? &m->places[place] : nullptr;
    if (with_peak)
      k.add(id + ".peak_queue", "-", KpiRange::NonNegative, "most persons waiting at once to go through the exit",
            q != nullptr ? static_cast<double>(q->peak) : 0.0);
    k.add(id + ".queue_time_s", "s", KpiRange::NonNegative, "time with at least one person waiting there",
          q != nullptr ? q->queue_time_s : 0.0);
    k.add(id + ".wait_person_s", "s", KpiRange::NonNegative, "the waits of everybody there, added up [person-seconds]",
          q != nullptr ? q->wait_person_s : 0.0);
    k.add(id + ".queue_end_s", "s", KpiRange::NonNegative, "when the queue there emptied for the last time (none: undefined)",
          q != nullptr ? q->queue_end_s : 0.0);
  };
  for (const std::size_t s : reported_stairs(net, c, buildings)) place_kpis("evacuation.stair." + net.stair_names()[s], s, false);
  for (const std::size_t e : reported_exits(net, c, buildings))
    place_kpis("evacuation.exit." + net.exit_names()[e], net.stair_names().size() + e, true);

  // Population groups (appended last; a scenario without `groups:` has none).
  const std::vector<PopulationGroup>& groups = c.population.groups;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    uint32_t members = 0, walking = 0, safe = 0;
    double last = kNaN;
    for (std::size_t p = 0; p < present && p < o->population.group.size(); ++p) {
      if (o->population.group[p] != gi) continue;
      ++members;
      if (!std::isfinite(o->population.crowd.ready_s[p])) continue;  // awaits assistance
      ++walking;
      const double t = m->safe_time_s[p];
      if (std::isnan(t)) continue;
      ++safe;
      last = std::isnan(last) ? t : std::max(last, t);
    }
    const std::string id = "evacuation.group." + groups[gi].name;
    k.add(id + ".present", "-", KpiRange::NonNegative, "members of the group at home when the alarm sounded",
          static_cast<double>(members));
    k.add(id + ".total_time_s", "s", KpiRange::NonNegative, "alarm until the group's last member who can walk is safe",
          safe > 0 ? last : kNaN);
    k.add(id + ".evacuated_fraction", "-", KpiRange::Fraction, "share of the group's members present who reached safety",
          members > 0 ? static_cast<double>(safe) / members : kNaN);
  }

}

void report_route_choice_kpis(const EvacuationNetwork& net, const EvacuationConfig&, const EvacuationOutcome* o, KpiSink& k) {
  // Zeros under the shortest-route model (docs/model.md, "Route choice").
  const MovementResult* m = o != nullptr ? &o->movement : nullptr;
  const std::size_t present = o != nullptr ? o->population.crowd.size() : 0;
  uint32_t familiar = 0, assigned = 0;
  if (o != nullptr && !o->population.crowd.route_class.empty())
    for (std::size_t p = 0; p < present; ++p) {
      if (!std::isfinite(o->population.crowd.ready_s[p])) continue;  // awaits assistance
      const uint16_t rc = o->population.crowd.route_class[p];
      familiar += net.route_class_familiar(rc) ? 1 : 0;
      assigned += net.route_class_stair(rc) >= 0 ? 1 : 0;
    }
  k.add("evacuation.familiar_residents", "-", KpiRange::NonNegative,
        "walking residents who know only their building's usual exit (exit_choice familiar)", static_cast<double>(familiar));
  k.add("evacuation.stair_assigned_residents", "-", KpiRange::NonNegative,
        "walking residents whose floor is assigned one stair (evacuation.stairs)", static_cast<double>(assigned));
  k.add("evacuation.route_fallbacks", "-", KpiRange::NonNegative,
        "residents who found their usual exit or assigned stair out of reach and took the shortest way instead",
        m != nullptr ? static_cast<double>(m->route_fallbacks) : 0.0);
}

std::vector<KpiDefinition> evacuation_kpi_definitions(const EvacuationNetwork& net, const EvacuationConfig& c) {
  std::vector<KpiDefinition> k;
  KpiSink sink = KpiSink::declaring(k);
  report_evacuation_kpis(net, c, nullptr, sink);
  report_route_choice_kpis(net, c, nullptr, sink);
  return k;
}

void evacuation_kpis(const EvacuationNetwork& net, const EvacuationConfig& c, const EvacuationOutcome& o, std::span<double> out) {
  KpiSink sink = KpiSink::filling(out);
  report_evacuation_kpis(net, c, &o, sink);
  report_route_choice_kpis(net, c, &o, sink);
  DT_ASSERT(sink.filled() == out.size(), "evacuation wrote a different number of KPIs than it defines");
}

void evacuation_series(const EvacuationOutcome& o, ReplicationSeries& series) {
  const std::vector<double> t = o.movement.sorted_safe_times();
  const std::size_t n = t.size();
  const std::size_t step = std::max<std::size_t>(1, (n + 199) / 200);
  std::vector<double> x{0.0}, count{0.0}, fraction{0.0};
  const double people = std::max<double>(1.0, o.movement.people);
  for (std::size_t k = step - 1; k < n; k += step) {
    x.push_back(t[k]);
    count.push_back(static_cast<double>(k + 1));
    fraction.push_back(static_cast<double>(k + 1) / people);
  }
  if (n > 0 && count.back() != static_cast<double>(n)) {
    x.push_back(t[n - 1]);
    count.push_back(static_cast<double>(n));
    fraction.push_back(static_cast<double>(n) / people);
  }
  series.push_back(Series::curve("evacuation.safe_count", "s", "people", x, count));
  series.push_back(Series::curve("evacuation.safe_fraction", "s", "-", std::move(x), std::move(fraction)));
}

namespace {

// The queue curves of one place, the intervals merged so that at most ~200 points remain.
void place_queue_series(const std::string& name, const MovementResult::PlaceQueue& q, double step_s,
                        ReplicationSeries& series) {
  if (q.peak == 0) {  // nobody waited there: empty curves keep the names aligned across replications
    series.push_back(Series::curve(name, "s", "people", {}, {}));
    series.push_back(Series::curve(name + ".wait_s", "s", "s", {}, {}));
    return;
  }
  const std::size_t bins = q.curve_peak.size();
  const std::size_t merge = std::max<std::size_t>(1, (bins + 199) / 200);
  std::vector<double> x, peak, wait;
  for (std::size_t b = 0; b < bins; b += merge) {
    uint32_t most = 0, count = 0;
    double sum = 0;
    for (std::size_t i = b; i < std::min(bins, b + merge); ++i) {
      most = std::max(most, q.curve_peak[i]);
      sum += q.curve_wait_sum_s[i];
      count += q.curve_wait_count[i];
    }
    x.push_back(static_cast<double>(b) * step_s);
    peak.push_back(most);
    wait.push_back(count > 0 ? sum / count : 0.0);
  }
  // A step function needs only its changes (and its end): most intervals repeat the one before.
  auto changes = [&](const std::vector<double>& y, std::vector<double>& cx, std::vector<double>& cy) {
    for (std::size_t i = 0; i < y.size(); ++i)
      if (i == 0 || i + 1 == y.size() || y[i] != y[i - 1]) {
        cx.push_back(x[i]);
        cy.push_back(y[i]);
      }
  };
  std::vector<double> px, py, wx, wy;
  changes(peak, px, py);
  changes(wait, wx, wy);
  series.push_back(Series::curve(name, "s", "people", std::move(px), std::move(py)));
  series.push_back(Series::curve(name + ".wait_s", "s", "s", std::move(wx), std::move(wy)));
}

}  // namespace

void evacuation_queue_series(const EvacuationNetwork& net, const EvacuationConfig& c, const EvacuationOutcome& o,
                             ReplicationSeries& series) {
  const MovementResult& m = o.movement;
  const std::vector<int32_t> buildings = occupied_buildings(net, c);
  for (const std::size_t s : reported_stairs(net, c, buildings))
    place_queue_series("evacuation.queue." + net.stair_names()[s], m.places[s], m.queue_curve_step_s, series);
  for (const std::size_t e : reported_exits(net, c, buildings))
    place_queue_series("evacuation.queue." + net.exit_names()[e], m.places[net.stair_names().size() + e],
                       m.queue_curve_step_s, series);
}

}  // namespace dt
