#include "engine/people/evacuation_network.h"

#include "engine/people/text.h"
#include "engine/world/shortest_paths.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <sstream>
#include <tuple>
#include <utility>

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Links shorter than this are thresholds (door leaves, short openings): no density on them.
constexpr double kShortLink_m = 2.0;
// Added to every link's routing cost so that zero-length links still make strict progress.
constexpr double kLinkCostEpsilon_s = 1e-6;

std::string describe_number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

std::string check_movement_params(const MovementParams& p) {
  auto bad = [](const char* name, double v, const char* range) {
    return std::string(name) + " must be " + range + " (got " + describe_number(v) + ")";
  };
  if (!(p.door_specific_flow_pps_per_m > 0 && std::isfinite(p.door_specific_flow_pps_per_m)))
    return bad("door_specific_flow", p.door_specific_flow_pps_per_m, "> 0");
  for (auto [name, v] : {std::pair{"boundary_layer.door", p.boundary_layer_door_m},
                         std::pair{"boundary_layer.stair", p.boundary_layer_stair_m},
                         std::pair{"boundary_layer.corridor", p.boundary_layer_corridor_m},
                         std::pair{"boundary_layer.path", p.boundary_layer_path_m}})
    if (!(v >= 0 && v < 1.0)) return bad(name, v, ">= 0 and < 1 m");
  if (!(p.node_max_density_ppm2 > 0 && p.node_max_density_ppm2 < sfpe::kJamDensity_ppm2))
    return bad("node_max_density", p.node_max_density_ppm2, "> 0 and < 3.76 p/m² (1/a, where S(D) = 0)");
  if (!(p.link_storage_density_ppm2 > 0 && p.link_storage_density_ppm2 < sfpe::kJamDensity_ppm2))
    return bad("link_storage_density", p.link_storage_density_ppm2, "> 0 and < 3.76 p/m² (1/a)");
  if (!(p.overtaking_min_width_m >= 0 && std::isfinite(p.overtaking_min_width_m)))
    return bad("overtaking_min_width", p.overtaking_min_width_m, ">= 0");
  if (!(p.route_tolerance_fraction >= 0 && p.route_tolerance_fraction <= 1))
    return bad("route_tolerance", p.route_tolerance_fraction, "between 0 and 1");
  if (!(p.route_tolerance_s >= 0 && std::isfinite(p.route_tolerance_s)))
    return bad("route_tolerance_s", p.route_tolerance_s, ">= 0");
  if (!(p.exit_flow_window_s > 0 && std::isfinite(p.exit_flow_window_s)))
    return bad("exit_flow_window", p.exit_flow_window_s, "> 0");
  return {};
}

EvacuationNetwork::EvacuationNetwork(std::shared_ptr<const NavGraph> graph, const MovementParams& params,
                                     std::vector<std::string> building_names)
    : graph_(std::move(graph)), params_(params), building_names_(std::move(building_names)) {
  DT_ASSERT(graph_ && graph_->finalized(), "EvacuationNetwork needs a finalized graph");
  DT_ASSERT(check_movement_params(params_).empty(), "invalid movement parameters");
  int32_t max_building = -1;
  for (const NavNode& n : graph_->nodes()) max_building = std::max(max_building, n.building);
  building_floors_.assign(static_cast<std::size_t>(max_building + 1), 0);
  for (const NavNode& n : graph_->nodes())
    if (n.building >= 0) building_floors_[n.building] = std::max(building_floors_[n.building], n.floor);
  for (auto i = static_cast<int32_t>(building_names_.size()); i <= max_building; ++i)
    building_names_.push_back(numbered("B", i + 1));
  prepare_links();
  prepare_nodes();
  build_routes();
}

void EvacuationNetwork::prepare_links() {
  const NavGraph& g = *graph_;
  links_.resize(g.link_count());
  std::map<std::pair<int32_t, int32_t>, int32_t> stair_ids;
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    const NavLink& l = g.links()[i];
    LinkMovement& m = links_[i];
    double layer = 0.0;
    switch (l.kind) {
      case LinkKind::Door:
      case LinkKind::Exit: layer = params_.boundary_layer_door_m; break;
      case LinkKind::Stair: layer = params_.boundary_layer_stair_m; break;
      case LinkKind::Opening: layer = params_.boundary_layer_corridor_m; break;
      case LinkKind::Path: layer = params_.boundary_layer_path_m; break;
      case LinkKind::Elevator: layer = 0.0; break;
    }
    m.length_m = std::max(0.0, l.length_m);
    m.effective_width_m = sfpe::effective_width_m(l.width_m, layer);
    m.walkable = l.kind != LinkKind::Elevator && m.effective_width_m > 0.0;
    m.area_m2 = m.length_m * m.effective_width_m;
    const bool stair = l.kind == LinkKind::Stair;
    m.k_mps = stair && l.riser_m > 0 && l.tread_m > 0 ? sfpe::stair_k_mps(l.riser_m, l.tread_m) : sfpe::kLevelK_mps;
    const double fs = l.kind == LinkKind::Door || l.kind == LinkKind::Exit
                          ? params_.door_specific_flow_pps_per_m
                          : sfpe::max_specific_flow_pps_per_m(m.k_mps);
    m.capacity_pps = m.walkable ? fs * m.effective_width_m : 0.0;
    m.headway_s = m.capacity_pps > 0 ? 1.0 / m.capacity_pps : kInf;
    // Enough room for the link's pipeline at capacity (people walking at S(storage density)) and
    // one more; for long links this is the storage density times the area.
    const double d = params_.link_storage_density_ppm2;
    const double pipeline = m.capacity_pps * m.length_m / sfpe::speed_mps(m.k_mps, d);
    m.storage = static_cast<uint32_t>(std::max({2.0, std::floor(d * m.area_m2), std::ceil(pipeline) + 1.0}));
    m.single_file = m.effective_width_m < params_.overtaking_min_width_m;
    m.short_link = m.length_m < kShortLink_m;
    if (stair) {
      const NavNode& a = g.node(l.a);
      const NavNode& b = g.node(l.b);
      const double za = a.position.z != b.position.z ? a.position.z : a.floor;
      const double zb = a.position.z != b.position.z ? b.position.z : b.floor;
      m.down_dir = za > zb ? int8_t{0} : zb > za ? int8_t{1} : int8_t{-1};
      const auto key = std::pair{l.building, l.stair};
      auto [it, inserted] = stair_ids.try_emplace(key, static_cast<int32_t>(stair_names_.size()));
      if (inserted) {
        const std::string b_name = l.building >= 0 && static_cast<std::size_t>(l.building) < building_names_.size()
                                       ? building_names_[l.building]
                                       : std::string("site");
        stair_names_.push_back(numbered(b_name + ".S", l.stair + 1));
      }
      m.stair_group[0] = m.stair_group[1] = it->second;
    }
    if (l.kind == LinkKind::Exit) {
      m.exit_index = static_cast<int32_t>(exits_.size());
      exits_.push_back(LinkId(static_cast<uint32_t>(i)));
    }
  }
  // Exit names: building and the label of the inside end.
  std::map<std::string, int> seen;
  for (const LinkId e : exits_) {
    const NavLink& l = g.link(e);
    const NavNode& a = g.node(l.a);
    const NavNode& b = g.node(l.b);
    const NavNode& inside = a.building >= 0 ? a : b;
    // The layout's exit label ("B3/E1") when it has one, else building and inside node.
    std::string name = !l.label.empty() ? l.label
                                        : (inside.building >= 0 ? building_names_[inside.building] : std::string("site")) +
                                              "." + (inside.label.empty() ? "exit" : inside.label);
    const int n = ++seen[name];
    if (n > 1) name += numbered("#", n);
    exit_names_.push_back(std::move(name));
  }
}

void EvacuationNetwork::prepare_nodes() {
  const NavGraph& g = *graph_;
  node_capacity_.resize(g.node_count());
  safe_.resize(g.node_count());
  std::vector<int32_t> landing_group(g.node_count(), -1);
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    const LinkMovement& m = links_[i];
    if (m.stair_group[0] < 0) continue;
    const NavLink& l = g.links()[i];
    for (const NodeId n : {l.a, l.b})
      if (g.node(n).kind == NodeKind::StairLanding) landing_group[n.index()] = m.stair_group[0];
  }
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    const NavNode& n = g.nodes()[i];
    const bool safe = params_.safe_at == SafePlace::AssemblyPoint
                          ? n.kind == NodeKind::AssemblyPoint
                          : n.building < 0 && (n.kind == NodeKind::Outdoor || n.kind == NodeKind::Gate ||
                                               n.kind == NodeKind::AssemblyPoint);
    safe_[i] = safe ? 1 : 0;
    safe_count_ += safe ? 1 : 0;
    node_capacity_[i] = safe ? std::numeric_limits<uint32_t>::max()
                             : static_cast<uint32_t>(std::max(1.0, std::floor(params_.node_max_density_ppm2 * n.area_m2)));
  }
  // A link direction counts in a stair's queue when it is a flight of that stair or leads onto
  // one of its landings (the stair doors).
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    LinkMovement& m = links_[i];
    if (m.stair_group[0] >= 0) continue;
    const NavLink& l = g.links()[i];
    m.stair_group[0] = landing_group[l.b.index()];
    m.stair_group[1] = landing_group[l.a.index()];
  }
}

void EvacuationNetwork::build_routes() { routes_ = routes_with({}, {}); }

RouteTable EvacuationNetwork::routes_with(const std::vector<uint8_t>& closed_link,
                                          const std::vector<uint8_t>& closed_node) const {
  return compute_routes(closed_link, closed_node, nullptr, -1, nullptr);
}

RouteTable EvacuationNetwork::class_routes_with(uint16_t c, const std::vector<uint8_t>& closed_link,
                                                const std::vector<uint8_t>& closed_node, const RouteTable& outside) const {
  DT_ASSERT(c > 0 && c < class_building_.size(), "no such route class");
  return compute_routes(closed_link, closed_node, &class_closed_[c], class_building_[c], &outside);
}

RouteTable EvacuationNetwork::compute_routes(const std::vector<uint8_t>& closed_link, const std::vector<uint8_t>& closed_node,
                                             const std::vector<uint8_t>* class_closed, int32_t building,
                                             const RouteTable* outside) const {
  const NavGraph& g = *graph_;
  const std::size_t n_nodes = g.node_count();
  const bool whole = building < 0;
  RouteTable r;
  // A person may walk from m into u over l when the link is open and u is open or m is closed too.
  auto usable = [&](LinkId l) {
    return links_[l.index()].walkable && (closed_link.empty() || !closed_link[l.index()]) &&
           (class_closed == nullptr || !(*class_closed)[l.index()]);
  };
  auto closed = [&](std::size_t n) { return !closed_node.empty() && closed_node[n] != 0; };
  auto inside = [&](std::size_t n) { return whole || node_building_[n] == building; };
  r.node_cost_s.assign(n_nodes, kInf);
  std::vector<double> bottleneck(n_nodes, kInf);
  std::vector<uint32_t> settled_order;
  settled_order.reserve(n_nodes);
  auto link_cost = [&](LinkId l) {
    const LinkMovement& m = links_[l.index()];
    return m.length_m / sfpe::speed_mps(m.k_mps, 0.0) + kLinkCostEpsilon_s;
  };
  if (whole) {
    for (std::size_t i = 0; i < n_nodes; ++i)
      if (safe_[i]) r.node_cost_s[i] = 0.0;
  } else {
    // A class differs from the default only inside its building: the nodes just outside it keep
    // their default time to safety (and route capacity) and the search stays inside.
    for (const uint32_t i : building_edge_[building]) {
      r.node_cost_s[i] = safe_[i] ? 0.0 : outside->node_cost_s[i];
      const uint32_t first = outside->offsets[i];
      bottleneck[i] = safe_[i] || first == outside->offsets[i + 1] ? kInf : outside->share_weight[first];
    }
  }
  ShortestPaths search;
  search.run(r.node_cost_s, [&](uint32_t u, double d, auto&& relax) {
    settled_order.push_back(u);
    for (const LinkId l : g.links_of(NodeId(u))) {
      if (!usable(l)) continue;
      const NodeId m = g.other_end(l, NodeId(u));
      if (!whole && !inside(m.index())) continue;  // beyond the building the default holds
      if (closed(u) && !closed(m.index())) continue;  // nobody walks into a closed node
      relax(m.value, d + link_cost(l));
    }
    return true;
  });
  // Candidates per node, and the bottleneck capacity along each node's best route.
  r.offsets.assign(n_nodes + 1, 0);
  struct Cand {
    LinkId link;
    double cost;
  };
  std::vector<std::vector<Cand>> cands(whole ? n_nodes : 0);
  // Restricted: the building's nodes only, in ascending order, their candidates kept in a local
  // list (local index k of node building_nodes_[building][k]).
  const std::vector<uint32_t>* local = whole ? nullptr : &building_nodes_[building];
  std::vector<std::vector<Cand>> local_cands(whole ? 0 : local->size());
  auto cands_of = [&](std::size_t i) -> std::vector<Cand>& {
    if (whole) return cands[i];
    const auto it = std::lower_bound(local->begin(), local->end(), static_cast<uint32_t>(i));
    return local_cands[static_cast<std::size_t>(it - local->begin())];
  };
  const std::size_t n_visit = whole ? n_nodes : local->size();
  for (std::size_t v = 0; v < n_visit; ++v) {
    const std::size_t i = whole ? v : (*local)[v];
    std::vector<Cand>& ci = whole ? cands[i] : local_cands[v];
    const double best = r.node_cost_s[i];
    if (safe_[i] || !std::isfinite(best) || !inside(i)) continue;
    const double limit = best + std::max(params_.route_tolerance_fraction * best, params_.route_tolerance_s);
    for (const LinkId l : g.links_of(NodeId(static_cast<uint32_t>(i)))) {
      if (!usable(l)) continue;
      const NodeId m = g.other_end(l, NodeId(static_cast<uint32_t>(i)));
      if (closed(m.index()) && !closed(i)) continue;
      const double dm = r.node_cost_s[m.index()];
      if (!(dm < best)) continue;  // strict progress: no cycles
      const double total = link_cost(l) + dm;
      if (total <= limit) ci.push_back({l, total});
    }
    std::stable_sort(ci.begin(), ci.end(),
                     [](const Cand& x, const Cand& y) { return x.cost < y.cost || (x.cost == y.cost && x.link < y.link); });
  }
  for (const uint32_t u : settled_order) {
    if (safe_[u] || !inside(u)) continue;
    const std::vector<Cand>& cu = cands_of(u);
    if (cu.empty()) continue;
    const LinkId l = cu.front().link;
    const NodeId m = g.other_end(l, NodeId(u));
    bottleneck[u] = std::min(links_[l.index()].capacity_pps, bottleneck[m.index()]);
  }
  if (whole) {
    for (std::size_t i = 0; i < n_nodes; ++i) r.offsets[i + 1] = r.offsets[i] + static_cast<uint32_t>(cands[i].size());
  } else {
    for (std::size_t v = 0; v < local->size(); ++v) r.offsets[(*local)[v] + 1] = static_cast<uint32_t>(local_cands[v].size());
    for (std::size_t i = 0; i < n_nodes; ++i) r.offsets[i + 1] += r.offsets[i];
  }
  r.next_link.reserve(r.offsets.back());
  for (std::size_t v = 0; v < n_visit; ++v) {
    const std::size_t i = whole ? v : (*local)[v];
    for (const Cand& c : whole ? cands[i] : local_cands[v]) {
      r.next_link.push_back(c.link);
      r.cost_s.push_back(c.cost);
      const NodeId m = g.other_end(c.link, NodeId(static_cast<uint32_t>(i)));
      r.share_weight.push_back(std::min(links_[c.link.index()].capacity_pps, bottleneck[m.index()]));
    }
  }
  return r;
}

void EvacuationNetwork::prepare_route_choice(const RouteChoiceSpec& spec) {
  const NavGraph& g = *graph_;
  const std::size_t n_buildings = building_floors_.size();
  // Per building its exit links and stair cores.
  std::vector<std::vector<LinkId>> exits(n_buildings);
  for (const LinkId e : exits_) {
    const int32_t b = g.link(e).building;
    if (b >= 0 && static_cast<std::size_t>(b) < n_buildings) exits[b].push_back(e);
  }
  // Per node its building; per building its nodes and the outside nodes next to them.
  node_building_.resize(g.node_count());
  building_nodes_.assign(n_buildings, {});
  building_edge_.assign(n_buildings, {});
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    node_building_[i] = g.nodes()[i].building;
    if (node_building_[i] >= 0) building_nodes_[node_building_[i]].push_back(static_cast<uint32_t>(i));
  }
  for (std::size_t i = 0; i < g.node_count(); ++i)
    for (const LinkId l : g.links_of(NodeId(static_cast<uint32_t>(i)))) {
      const int32_t b = node_building_[g.other_end(l, NodeId(static_cast<uint32_t>(i))).index()];
      if (b < 0 || b == node_building_[i]) continue;
      std::vector<uint32_t>& edge = building_edge_[b];
      if (edge.empty() || edge.back() != i) edge.push_back(static_cast<uint32_t>(i));
    }
  std::map<std::tuple<int32_t, int32_t, int32_t>, uint16_t> known;  // (building, usual exit, stair)
  auto class_for = [&](int32_t b, LinkId usual, int32_t stair) -> uint16_t {
    const bool familiar = usual.valid() && exits[b].size() > 1;
    if (!familiar && stair < 0) return 0;
    const auto key = std::tuple{b, familiar ? static_cast<int32_t>(usual.value) : -1, stair};
    if (const auto it = known.find(key); it != known.end()) return it->second;
    std::vector<uint8_t> closed(g.link_count(), 0);
    if (familiar)
      for (const LinkId e : exits[b]) closed[e.index()] = e == usual ? 0 : 1;
    if (stair >= 0)
      for (std::size_t l = 0; l < g.link_count(); ++l) {
        const NavLink& link = g.links()[l];
        if (link.kind == LinkKind::Stair && link.building == b && link.stair != stair) closed[l] = 1;
      }
    const auto c = static_cast<uint16_t>(class_building_.size());
    DT_ASSERT(c < 0xFFFF, "too many route classes");
    class_building_.push_back(b);
    class_familiar_.push_back(familiar ? 1 : 0);
    class_stair_.push_back(stair);
    class_closed_.push_back(std::move(closed));
    class_routes_.push_back(compute_routes({}, {}, &class_closed_.back(), b, &routes_));
    known.emplace(key, c);
    return c;
  };
  class_of_offset_.assign(n_buildings + 1, 0);
  for (std::size_t b = 0; b < n_buildings; ++b)
    class_of_offset_[b + 1] = class_of_offset_[b] + 2 * static_cast<uint32_t>(building_floors_[b] + 1);
  class_of_.assign(class_of_offset_.back(), 0);
  for (std::size_t b = 0; b < n_buildings; ++b) {
    const LinkId usual = b < spec.usual_exit.size() ? spec.usual_exit[b] : LinkId();
    for (int32_t f = 0; f <= building_floors_[b]; ++f) {
      int32_t stair = -1;
      for (const RouteChoiceSpec::Stairs& s : spec.stairs)
        if (s.building == static_cast<int32_t>(b) && f >= s.floor_min && f <= s.floor_max) stair = s.stair;
      for (const int familiar : {0, 1})
        class_of_[class_of_offset_[b] + 2 * static_cast<uint32_t>(f) + familiar] =
            class_for(static_cast<int32_t>(b), familiar ? usual : LinkId(), stair);
    }
  }
}

uint16_t EvacuationNetwork::resident_route_class(int32_t building, int32_t floor, bool familiar) const noexcept {
  if (building < 0 || static_cast<std::size_t>(building) + 1 >= class_of_offset_.size()) return 0;
  if (floor < 0 || floor > building_floors_[building]) return 0;
  return class_of_[class_of_offset_[building] + 2 * static_cast<uint32_t>(floor) + (familiar ? 1 : 0)];
}

}  // namespace dt
