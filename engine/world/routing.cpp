#include "engine/world/routing.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <utility>

#include "engine/kernel/random.h"
#include "engine/world/layout.h"

namespace dt {

double level_speed_mps(const RouteOptions& o) {
  return o.level_k_mps * (1.0 - o.speed_density_a * o.free_flow_density_ppm2);
}

double stair_speed_mps(double riser_m, double tread_m, const RouteOptions& o) {
  if (riser_m <= 0 || tread_m <= 0) {  // a stair link written without steps: the layout defaults
    riser_m = layout_defaults::kRiser_m;
    tread_m = layout_defaults::kTread_m;
  }
  const double k = o.stair_k_per_sqrt_ratio_mps * std::sqrt(tread_m / riser_m);
  return k * (1.0 - o.speed_density_a * o.free_flow_density_ppm2);
}

double elevator_hop_time_s(const ElevatorNet& e, double height_m) {
  const double v = e.speed_mps, a = e.acceleration_mps2;
  const double h = std::fabs(height_m);
  const double ride = h >= v * v / a ? h / v + v / a : 2.0 * std::sqrt(h / a);
  return e.door_open_s + e.door_close_s + ride;
}

LinkTimes free_flow_link_times(const Network& net, const RouteOptions& o) {
  const NavGraph& g = net.graph;
  LinkTimes t;
  t.forward_s.resize(g.link_count());
  t.backward_s.resize(g.link_count());
  const double level = level_speed_mps(o);
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    const NavLink& l = g.links()[i];
    double fwd = kUnreachable, bwd = kUnreachable;
    switch (l.kind) {
      case LinkKind::Door:
      case LinkKind::Opening:
      case LinkKind::Path:
      case LinkKind::Exit:
        fwd = bwd = l.length_m / level;
        break;
      case LinkKind::Stair: {
        const double down = l.length_m / stair_speed_mps(l.riser_m, l.tread_m, o);
        const double up = down / o.stair_up_factor;
        const bool a_higher = g.node(l.a).position.z >= g.node(l.b).position.z;
        fwd = a_higher ? down : up;
        bwd = a_higher ? up : down;
        break;
      }
      case LinkKind::Elevator: {
        if (!o.use_elevators) break;
        const NavNode& na = g.node(l.a);
        const double h = g.node(l.b).position.z - na.position.z;
        for (const ElevatorNet& e : net.elevators)
          if (e.building == l.building && e.index == l.elevator) fwd = bwd = elevator_hop_time_s(e, h);
        break;
      }
    }
    t.forward_s[i] = fwd;
    t.backward_s[i] = bwd;
  }
  return t;
}

std::vector<Destination> standard_destinations(const Network& net) {
  std::vector<Destination> d;
  d.push_back({"safety", net.assembly_points});
  for (const NodeId ap : net.assembly_points) d.push_back({net.graph.node(ap).label, {ap}});
  for (const NodeId g : net.gates) d.push_back({net.graph.node(g).label, {g}});
  for (const BuildingNet& b : net.buildings) {
    if (b.exits.empty()) continue;
    d.push_back({"exits:" + b.id, b.exits});
  }
  for (const BuildingNet& b : net.buildings)
    for (std::size_t e = 0; e < b.exits.size(); ++e) {
      const NavLink& l = net.graph.link(b.exit_links[e]);
      d.push_back({"exit:" + l.label, {b.exits[e]}});
    }
  return d;
}

LinkId RouteTree::next_link(NodeId n, uint64_t choice_key) const noexcept {
  const std::size_t count = next_count(n);
  if (count <= 1) return best_link(n);
  // splitmix64 of the key mixed with the node: independent, reproducible picks at every node.
  constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ull;
  const uint64_t h = mix64((choice_key ^ (uint64_t{n.value} * kGamma)) + kGamma);
  // Multiply-shift on the top 32 bits: uniform over `count` without a modulo.
  const auto pick = static_cast<std::size_t>(((h >> 32) * count) >> 32);
  return next_[offsets_[n.index()] + pick];
}

Router::Router(const Network& net, std::vector<Destination> destinations, RouteOptions options)
    : Router(net.graph, free_flow_link_times(net, options), std::move(destinations), options) {}

Router::Router(const NavGraph& graph, LinkTimes base_times, std::vector<Destination> destinations,
               RouteOptions options)
    : graph_(&graph),
      destinations_(std::move(destinations)),
      options_(options),
      base_(std::move(base_times)),
      current_(base_),
      blocked_(graph.link_count(), 0),
      trees_(destinations_.size()) {
  DT_ASSERT(graph.finalized(), "routing needs a finalized graph");
  DT_ASSERT(base_.forward_s.size() == graph.link_count() && base_.backward_s.size() == graph.link_count(),
            "one time per link and direction");
  update();
}

std::optional<std::size_t> Router::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < destinations_.size(); ++i)
    if (destinations_[i].name == name) return i;
  return std::nullopt;
}

void Router::set_blocked(LinkId l, bool blocked) {
  const uint8_t v = blocked ? 1 : 0;
  if (blocked_[l.index()] == v) return;
  blocked_[l.index()] = v;
  dirty_ = true;
}

void Router::set_link_time(LinkId l, double forward_s, double backward_s) {
  DT_ASSERT(forward_s >= 0 && backward_s >= 0, "link times are not negative");
  current_.forward_s[l.index()] = forward_s;
  current_.backward_s[l.index()] = backward_s;
  dirty_ = true;
}

void Router::reset_link_time(LinkId l) {
  set_link_time(l, base_.forward_s[l.index()], base_.backward_s[l.index()]);
}

void Router::update() {
  if (!dirty_) return;
  for (std::size_t d = 0; d < trees_.size(); ++d) build(d);
  dirty_ = false;
  ++version_;
}

void Router::build(std::size_t d) {
  const NavGraph& g = *graph_;
  const std::size_t n = g.node_count();
  RouteTree& t = trees_[d];
  t.time_s_.assign(n, kUnreachable);
  t.distance_m_.assign(n, kUnreachable);
  settle_rank_.assign(n, UINT32_MAX);
  order_.clear();

  // Time to cross link l from `from` to its other end, or +inf when blocked.
  auto cost = [&](LinkId l, NodeId from) {
    if (blocked_[l.index()] != 0) return kUnreachable;
    const NavLink& k = g.link(l);
    return k.a == from ? current_.forward_s[l.index()] : current_.backward_s[l.index()];
  };

  // Reverse Dijkstra: settles nodes in order of their time to the destination. Ties pop in
  // node-index order, so the result never depends on anything but the graph.
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (const NodeId s : destinations_[d].nodes) {
    t.time_s_[s.index()] = 0.0;
    heap.emplace(0.0, s.value);
  }
  while (!heap.empty()) {
    const auto [time, u] = heap.top();
    heap.pop();
    if (settle_rank_[u] != UINT32_MAX || time > t.time_s_[u]) continue;
    settle_rank_[u] = static_cast<uint32_t>(order_.size());
    order_.push_back(u);
    for (const LinkId l : g.links_of(NodeId(u))) {
      const NodeId v = g.other_end(l, NodeId(u));
      if (settle_rank_[v.index()] != UINT32_MAX) continue;
      const double tv = time + cost(l, v);  // walking from v over l to u
      if (tv < t.time_s_[v.index()]) {
        t.time_s_[v.index()] = tv;
        heap.emplace(tv, v.value);
      }
    }
  }

  // Next links: towards nodes settled earlier, within the tolerance of the best; best first.
  // Nodes are visited in settle order so that distance_m of the chosen next node is known.
  is_destination_.assign(n, 0);
  for (const NodeId s : destinations_[d].nodes) is_destination_[s.index()] = 1;
  count_.assign(n, 0);
  start_.assign(n, 0);
  scratch_.clear();
  std::vector<std::pair<double, LinkId>>& candidates = candidates_;
  for (const uint32_t u : order_) {
    const NodeId node(u);
    start_[u] = static_cast<uint32_t>(scratch_.size());
    const double best = t.time_s_[u];
    if (is_destination_[u] != 0) {
      t.distance_m_[u] = 0.0;
      continue;
    }
    const double tol = std::max(options_.tie_tolerance_s, options_.tie_tolerance_fraction * best);
    candidates.clear();
    for (const LinkId l : g.links_of(node)) {
      const NodeId m = g.other_end(l, node);
      if (settle_rank_[m.index()] >= settle_rank_[u]) continue;
      const double total = cost(l, node) + t.time_s_[m.index()];
      if (total <= best + tol) candidates.emplace_back(total, l);
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& x, const auto& y) { return x.first != y.first ? x.first < y.first : x.second < y.second; });
    for (const auto& c : candidates) scratch_.push_back(c.second);
    count_[u] = static_cast<uint32_t>(candidates.size());
    if (!candidates.empty()) {
      const LinkId first = candidates.front().second;
      t.distance_m_[u] = g.link(first).length_m + t.distance_m_[g.other_end(first, node).index()];
    }
  }
  t.offsets_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) t.offsets_[i + 1] = t.offsets_[i] + count_[i];
  t.next_.resize(t.offsets_[n]);
  for (const uint32_t u : order_)
    std::copy_n(scratch_.begin() + start_[u], count_[u], t.next_.begin() + t.offsets_[u]);
}

}  // namespace dt
