#include "engine/world/routing.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "engine/kernel/random.h"
#include "engine/kernel/task_handoff.h"
#include "engine/world/hydraulics.h"
#include "engine/world/layout.h"

namespace dt {

double level_speed_mps() { return sfpe::speed_mps(sfpe::kLevelK_mps, sfpe::kFreeDensity_ppm2); }

double stair_speed_mps(double riser_m, double tread_m) {
  if (riser_m <= 0 || tread_m <= 0) {  // a stair link written without steps: the layout defaults
    riser_m = layout_defaults::kRiser_m;
    tread_m = layout_defaults::kTread_m;
  }
  return sfpe::speed_mps(sfpe::stair_k_mps(riser_m, tread_m), sfpe::kFreeDensity_ppm2);
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
  t.forward_s.assign(g.link_count(), kUnreachable);
  t.backward_s.assign(g.link_count(), kUnreachable);
  const double level = level_speed_mps();
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
        const double down = l.length_m / stair_speed_mps(l.riser_m, l.tread_m);
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
  prepare_adjacency();
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
  prepare_costs();
  // Trees are independent: build them in parallel, each worker with its own working memory.
  tbb::enumerable_thread_specific<Scratch> scratch;
  TaskHandoff handoff;  // what oneTBB orders, stated for ThreadSanitizer (kernel/task_handoff.h)
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, trees_.size()),
                    handoff.body([&](const tbb::blocked_range<std::size_t>& r) {
                      Scratch& s = scratch.local();
                      for (std::size_t d = r.begin(); d != r.end(); ++d) build(d, s);
                    }));
  handoff.join();
  dirty_ = false;
  ++version_;
}

void Router::prepare_adjacency() {
  // A compact copy of the adjacency, so that the searches read contiguous arrays instead of the
  // (large) NavLink records.
  const NavGraph& g = *graph_;
  const std::size_t n = g.node_count();
  adj_offset_.assign(n + 1, 0);
  adj_node_.clear();
  adj_link_.clear();
  for (std::size_t u = 0; u < n; ++u) {
    for (const LinkId l : g.links_of(NodeId(static_cast<uint32_t>(u)))) {
      const NodeId v = g.other_end(l, NodeId(static_cast<uint32_t>(u)));
      if (v.index() == u) continue;  // a loop leads nowhere
      adj_node_.push_back(v.value);
      adj_link_.push_back(l);
    }
    adj_offset_[u + 1] = static_cast<uint32_t>(adj_node_.size());
  }
  link_length_m_.resize(g.link_count());
  for (std::size_t i = 0; i < g.link_count(); ++i) link_length_m_[i] = g.links()[i].length_m;
}

void Router::prepare_costs() {
  const NavGraph& g = *graph_;
  adj_in_s_.resize(adj_node_.size());
  adj_out_s_.resize(adj_node_.size());
  for (std::size_t u = 0; u + 1 < adj_offset_.size(); ++u)
    for (uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const LinkId l = adj_link_[k];
      if (blocked_[l.index()] != 0) {
        adj_in_s_[k] = adj_out_s_[k] = kUnreachable;
        continue;
      }
      const bool u_is_a = g.link(l).a.index() == u;
      adj_out_s_[k] = u_is_a ? current_.forward_s[l.index()] : current_.backward_s[l.index()];
      adj_in_s_[k] = u_is_a ? current_.backward_s[l.index()] : current_.forward_s[l.index()];
    }
}

void Router::build(std::size_t d, Scratch& s) {
  const std::size_t n = adj_offset_.size() - 1;
  RouteTree& t = trees_[d];
  t.time_s_.assign(n, kUnreachable);
  t.distance_m_.assign(n, kUnreachable);
  std::vector<uint32_t>& rank = s.settle_rank;
  std::vector<uint32_t>& order = s.order;
  std::vector<uint8_t>& is_dest = s.is_destination;
  std::vector<uint32_t>& start = s.start;
  std::vector<Candidate>& cand = s.candidates;
  rank.assign(n, UINT32_MAX);
  order.clear();

  is_dest.assign(n, 0);
  for (const NodeId dst : destinations_[d].nodes) is_dest[dst.index()] = 1;

  // Reverse Dijkstra: settles nodes in order of their time to the destination. Ties pop in
  // node-index order, so the result never depends on anything but the graph. A dead end (a node
  // with one neighbour, e.g. a flat) is settled straight from that neighbour without the heap:
  // nothing can be reached through it.
  for (const NodeId src : destinations_[d].nodes) t.time_s_[src.index()] = 0.0;
  s.search.run(t.time_s_, [&](uint32_t u, double du, auto&& relax) {
    rank[u] = static_cast<uint32_t>(order.size());
    order.push_back(u);
    for (uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const uint32_t v = adj_node_[k];
      if (rank[v] != UINT32_MAX) continue;
      const double tv = du + adj_in_s_[k];  // walking from v over the link to u
      if (adj_offset_[v + 1] - adj_offset_[v] == 1 && is_dest[v] == 0) {
        if (tv < kUnreachable) {
          t.time_s_[v] = tv;
          rank[v] = static_cast<uint32_t>(order.size());
          order.push_back(v);
        }
        continue;
      }
      relax(v, tv);
    }
    return true;
  });

  // Next links: towards nodes settled earlier, within the tolerance of the best; best first.
  // Nodes are visited in settle order so that distance_m of the chosen next node is known.
  t.offsets_.assign(n + 1, 0);
  start.assign(n, 0);
  cand.clear();
  for (const uint32_t u : order) {
    if (is_dest[u] != 0) {
      t.distance_m_[u] = 0.0;
      continue;
    }
    const double best = t.time_s_[u];
    const double limit = best + std::max(options_.tie_tolerance_s, options_.tie_tolerance_fraction * best);
    const auto first = static_cast<uint32_t>(cand.size());
    start[u] = first;
    for (uint32_t k = adj_offset_[u]; k < adj_offset_[u + 1]; ++k) {
      const uint32_t m = adj_node_[k];
      if (rank[m] >= rank[u]) continue;
      const double total = adj_out_s_[k] + t.time_s_[m];
      if (total > limit) continue;
      // Insertion into the (short) sorted run: by total time, then link id.
      cand.push_back({total, adj_link_[k], m});
      for (std::size_t i = cand.size() - 1; i > first; --i) {
        const Candidate& a = cand[i - 1];
        const Candidate& b = cand[i];
        if (a.total_s < b.total_s || (a.total_s == b.total_s && a.link < b.link)) break;
        std::swap(cand[i - 1], cand[i]);
      }
    }
    t.offsets_[u + 1] = static_cast<uint32_t>(cand.size()) - first;  // a count for now
    if (cand.size() > first) {
      const Candidate& c = cand[first];
      t.distance_m_[u] = link_length_m_[c.link.index()] + t.distance_m_[c.to];
    }
  }
  for (std::size_t i = 0; i < n; ++i) t.offsets_[i + 1] += t.offsets_[i];
  t.next_.resize(t.offsets_[n]);
  for (const uint32_t u : order)
    for (uint32_t i = 0, c = t.offsets_[u + 1] - t.offsets_[u]; i < c; ++i)
      t.next_[t.offsets_[u] + i] = cand[start[u] + i].link;
}

}  // namespace dt
