#include "engine/dispatch/travel_time.h"

#include <algorithm>
#include <cmath>

namespace dt {

namespace {

// Staff link times: free-flow walking, and lifts as described in travel_time.h.
LinkTimes staff_link_times(const Network& net, const TravelOptions& o) {
  RouteOptions walk = o.route;
  walk.use_elevators = false;
  LinkTimes t = free_flow_link_times(net, walk);
  if (!o.use_elevators) return t;
  const NavGraph& g = net.graph;
  for (const ElevatorNet& e : net.elevators) {
    const double v = e.speed_mps, a = e.acceleration_mps2;
    for (std::size_t i = 0; i < e.links.size(); ++i) {
      const NavLink& l = g.link(e.links[i]);
      const double h = std::fabs(g.node(l.b).position.z - g.node(l.a).position.z);
      double s = h / v;
      // Boarding at the lowest stop: wait, doors, and the time lost accelerating and braking
      // (v/a for a run that reaches rated speed; elevator_hop_time_s in routing.h).
      if (i == 0) s += o.elevator_wait_s + e.door_open_s + e.door_close_s + v / a;
      t.forward_s[e.links[i].index()] = t.backward_s[e.links[i].index()] = s;
    }
  }
  return t;
}

void copy_tree(const RouteTree& rt, std::size_t n, std::vector<double>& time_s, std::vector<double>& distance_m) {
  time_s.resize(n);
  distance_m.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const NodeId id(static_cast<uint32_t>(i));
    time_s[i] = rt.time_s(id);
    distance_m[i] = rt.distance_m(id);
  }
}

}  // namespace

TravelModel::TravelModel(std::shared_ptr<const Network> net, std::vector<NodeId> anchors, TravelOptions options)
    : net_(std::move(net)), options_(options), level_speed_mps_(level_speed_mps()) {
  const Network& n = *net_;
  const NavGraph& g = n.graph;
  const std::size_t nodes = g.node_count();
  for (NodeId a : n.gates) anchors.push_back(a);
  for (NodeId a : n.assembly_points) anchors.push_back(a);
  for (NodeId a : n.stores) anchors.push_back(a);
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  anchor_of_.assign(nodes, -1);
  for (std::size_t i = 0; i < anchors.size(); ++i) anchor_of_[anchors[i].index()] = static_cast<int32_t>(i);

  std::vector<Destination> dest;
  for (const BuildingNet& b : n.buildings) dest.push_back({"exits:" + b.id, b.exits});
  for (NodeId a : anchors) dest.push_back({g.node(a).label, {a}});

  LinkTimes fwd = staff_link_times(n, options_);
  LinkTimes rev{fwd.backward_s, fwd.forward_s};  // trees of the reversed graph: time *from* the destination
  const Router to(g, std::move(fwd), dest, options_.route);
  const Router from(g, std::move(rev), dest, options_.route);
  const std::size_t nb = n.buildings.size();
  to_building_.resize(nb);
  from_building_.resize(nb);
  to_anchor_.resize(anchors.size());
  from_anchor_.resize(anchors.size());
  for (std::size_t d = 0; d < dest.size(); ++d) {
    Tree& t = d < nb ? to_building_[d] : to_anchor_[d - nb];
    Tree& f = d < nb ? from_building_[d] : from_anchor_[d - nb];
    copy_tree(to.tree(d), nodes, t.time_s, t.distance_m);
    copy_tree(from.tree(d), nodes, f.time_s, f.distance_m);
  }

  lobby_.resize(nb);
  for (std::size_t b = 0; b < nb; ++b) {
    const BuildingNet& bn = n.buildings[b];
    lobby_[b] = !bn.corridors.empty() && !bn.corridors[0].empty() ? bn.corridors[0][0]
                : !bn.exits.empty()                                 ? bn.exits[0]
                                                                    : NodeId();
  }

  // Candidate places: reachable to and from the site (some building's exits, or an anchor).
  auto reachable = [&](NodeId id) {
    const int32_t b = g.node(id).building;
    if (b >= 0) {
      const auto bi = static_cast<std::size_t>(b);
      return to_building_[bi].time_s[id.index()] < kUnreachable && from_building_[bi].time_s[id.index()] < kUnreachable;
    }
    return anchor_of_[id.index()] >= 0;
  };
  for (std::size_t i = 0; i < nodes; ++i) {
    const NodeId id(static_cast<uint32_t>(i));
    const NavNode& nd = g.node(id);
    if (!reachable(id)) continue;
    if (nd.kind == NodeKind::Unit) units_.push_back(id);
    if (nd.kind == NodeKind::Corridor || nd.kind == NodeKind::GroundLobby) common_.push_back(id);
  }
  for (const ElevatorNet& e : n.elevators)
    for (NodeId s : e.stops)
      if (reachable(s)) elevator_stops_.push_back(s);
  for (NodeId a : n.gates) outdoor_.push_back(a);
  for (NodeId a : n.assembly_points) outdoor_.push_back(a);
  for (NodeId a : n.stores) outdoor_.push_back(a);
}

double TravelModel::trip(NodeId a, NodeId b, bool distance) const noexcept {
  if (a == b) return 0.0;
  auto pick = [distance](const Tree& t, NodeId n) { return distance ? t.distance_m[n.index()] : t.time_s[n.index()]; };
  if (const int32_t k = anchor_of_[b.index()]; k >= 0) return pick(to_anchor_[static_cast<std::size_t>(k)], a);
  if (const int32_t k = anchor_of_[a.index()]; k >= 0) return pick(from_anchor_[static_cast<std::size_t>(k)], b);
  const NavGraph& g = net_->graph;
  const int32_t bb = g.node(b).building;
  if (bb < 0) return kUnreachable;  // outdoor non-anchor destinations are not used as places
  const auto B = static_cast<std::size_t>(bb);
  if (g.node(a).building != bb) return pick(to_building_[B], a) + pick(from_building_[B], b);
  const Vec3 pa = g.node(a).position, pb = g.node(b).position;
  const double straight_m = std::hypot(pa.x - pb.x, pa.y - pb.y);
  const double up = pick(from_building_[B], b) - pick(from_building_[B], a);
  const double down = pick(to_building_[B], a) - pick(to_building_[B], b);
  return std::max({up, down, distance ? straight_m : straight_m / level_speed_mps_});
}

double TravelModel::time_s(NodeId from, NodeId to) const noexcept { return trip(from, to, false); }
double TravelModel::distance_m(NodeId from, NodeId to) const noexcept { return trip(from, to, true); }

}  // namespace dt
