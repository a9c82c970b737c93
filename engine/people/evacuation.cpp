#include "engine/people/evacuation.h"
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
                                 uint64_t replication, MovementObserver* observer) {
  EvacuationOutcome out;
  out.population = synthesize_population(network, config.population, config.premovement, config.alarm_clock_s,
                                         seed, replication);
  if (observer) observer->residents(out.population);
  out.movement = simulate_movement(network, out.population.crowd, config.max_duration_s, nullptr, observer);
  return out;
}

std::vector<KpiDefinition> evacuation_kpi_definitions(const EvacuationNetwork& net, const EvacuationConfig& c) {
  std::vector<KpiDefinition> k;
  k.push_back({"evacuation.total_time_s", "s", "alarm until the last resident who can walk is safe (RSET)"});
  k.push_back({"evacuation.evacuated_fraction", "-", "share of the residents present who reached safety"});
  k.push_back({"evacuation.residents_present", "-", "residents at home when the alarm sounded"});
  k.push_back({"evacuation.awaiting_assistance", "-", "residents who cannot evacuate on their own (wait for staff)"});
  k.push_back({"evacuation.stranded", "-", "residents who could walk but did not reach safety"});
  k.push_back({"evacuation.mean_premovement_s", "s", "mean pre-movement time of the residents who walked"});
  const std::vector<int32_t> buildings = occupied_buildings(net, c);
  for (const int32_t b : buildings) {
    const std::string id = "evacuation.building." + net.building_names()[b];
    k.push_back({id + ".total_time_s", "s", "alarm until the building's last walking resident is safe"});
    k.push_back({id + ".clear_time_s", "s", "alarm until the building's last walking resident is out of it"});
    if (c.floor_kpis)
      for (const int f : residential_floors(net, b))
        k.push_back({numbered(id + ".floor.", f) + ".clear_time_s", "s",
                     "alarm until the floor's last walking resident reached a stair or the lobby"});
  }
  for (const std::size_t e : reported_exits(net, c, buildings)) {
    const std::string id = "evacuation.exit." + net.exit_names()[e];
    k.push_back({id + ".count", "-", "persons through the exit"});
    k.push_back({id + ".peak_flow_pps", "p/s", "most persons through the exit in any window, per second"});
  }
  for (const std::size_t s : reported_stairs(net, c, buildings))
    k.push_back({"evacuation.stair." + net.stair_names()[s] + ".peak_queue", "-",
                 "most persons waiting at once to enter or move down the stair"});
  return k;
}

void evacuation_kpis(const EvacuationNetwork& net, const EvacuationConfig& c, const EvacuationOutcome& o, std::span<double> out) {
  const MovementResult& m = o.movement;
  const Population& pop = o.population;
  const NavGraph& g = net.graph();
  std::size_t i = 0;
  const std::size_t present = pop.crowd.size();
  const uint32_t walkers = m.people - m.awaiting_assistance;
  const uint32_t walkers_safe = m.safe;  // those who need assistance never become safe on their own
  out[i++] = walkers_safe > 0 ? m.last_safe_s : kNaN;
  out[i++] = present > 0 ? static_cast<double>(m.safe) / static_cast<double>(present) : kNaN;
  out[i++] = static_cast<double>(present);
  out[i++] = static_cast<double>(m.awaiting_assistance);
  out[i++] = static_cast<double>(walkers - walkers_safe);
  double pre_sum = 0;
  for (std::size_t p = 0; p < present; ++p)
    if (std::isfinite(pop.crowd.ready_s[p])) pre_sum += pop.crowd.ready_s[p];
  out[i++] = walkers > 0 ? pre_sum / walkers : kNaN;

  const std::vector<int32_t> buildings = occupied_buildings(net, c);
  const std::size_t n_buildings = net.building_names().size();
  std::vector<double> total(n_buildings, -1.0), clear(n_buildings, -1.0);
  std::vector<uint8_t> incomplete(n_buildings, 0);
  std::vector<std::vector<double>> floor_clear(n_buildings);
  for (const int32_t b : buildings) floor_clear[b].assign(static_cast<std::size_t>(net.building_floors()[b]) + 1, kNaN);
  for (std::size_t p = 0; p < present; ++p) {
    if (!std::isfinite(pop.crowd.ready_s[p])) continue;  // waits for assistance
    const NavNode& home = g.node(pop.crowd.start_node[p]);
    if (home.building < 0) continue;
    const auto b = static_cast<std::size_t>(home.building);
    if (std::isnan(m.safe_time_s[p]) || std::isnan(m.left_building_s[p])) incomplete[b] = 1;
    if (!std::isnan(m.safe_time_s[p])) total[b] = std::max(total[b], m.safe_time_s[p]);
    if (!std::isnan(m.left_building_s[p])) clear[b] = std::max(clear[b], m.left_building_s[p]);
    if (c.floor_kpis && home.floor >= 1 && static_cast<std::size_t>(home.floor) < floor_clear[b].size()) {
      double& fc = floor_clear[b][home.floor];
      const double t = m.left_floor_s[p];
      fc = std::isnan(t) ? std::numeric_limits<double>::infinity() : std::isnan(fc) ? t : std::max(fc, t);
    }
  }
  for (const int32_t b : buildings) {
    out[i++] = incomplete[b] || total[b] < 0 ? kNaN : total[b];
    out[i++] = incomplete[b] || clear[b] < 0 ? kNaN : clear[b];
    if (c.floor_kpis)
      for (const int f : residential_floors(net, b)) {
        const double v = floor_clear[b][f];
        out[i++] = std::isinf(v) ? kNaN : v;
      }
  }
  for (const std::size_t e : reported_exits(net, c, buildings)) {
    out[i++] = static_cast<double>(m.exit_count[e]);
    out[i++] = m.exit_peak_flow_pps[e];
  }
  for (const std::size_t s : reported_stairs(net, c, buildings)) out[i++] = static_cast<double>(m.stair_peak_queue[s]);
  DT_ASSERT(i == out.size(), "evacuation wrote a different number of KPIs than it defines");
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

}  // namespace dt
