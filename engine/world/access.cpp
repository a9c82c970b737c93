#include "engine/world/access.h"

#include <cmath>
#include <limits>

#include "engine/kernel/assert.h"

namespace dt {

std::vector<ServiceEntry> service_entries(const LayoutConfig& layout, const Network& net, const ServiceConfig& service) {
  std::vector<ServiceEntry> out;
  if (!service.building.empty()) {
    for (std::size_t b = 0; b < layout.buildings.size(); ++b)
      if (layout.buildings[b].id == service.building)
        for (const NodeId apron : net.buildings[b].exits) out.push_back({apron, 0.0});
    return out;
  }
  if (!service.at) return out;
  const NavGraph& g = net.graph;
  double best = std::numeric_limits<double>::infinity();
  NodeId best_node;
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    const NavNode& n = g.nodes()[i];
    if (n.building >= 0 || n.kind == NodeKind::ElevatorCar) continue;  // outdoors only
    const double d = std::hypot(n.position.x - service.at->x, n.position.y - service.at->y);
    if (d < best) {  // strictly smaller: the lowest node index wins a tie
      best = d;
      best_node = NodeId(static_cast<uint32_t>(i));
    }
  }
  if (best_node.valid()) out.push_back({best_node, best});
  return out;
}

void access_times(const LayoutConfig& layout, const Network& net, std::span<const ServiceEntry> entries,
                  const WalkSpeeds& speeds, ShortestPaths& sp, std::vector<double>& time_s) {
  DT_ASSERT(speeds.level_mps > 0 && speeds.stairs_mps > 0, "walking speeds must be positive");
  const NavGraph& g = net.graph;
  time_s.assign(g.node_count(), std::numeric_limits<double>::infinity());
  for (const ServiceEntry& e : entries) time_s[e.node.index()] = std::min(time_s[e.node.index()], e.walk_m / speeds.level_mps);
  sp.run(time_s, [&](uint32_t u, double t, auto&& relax) {
    const NodeId from(u);
    for (const LinkId l : g.links_of(from)) {
      const NavLink& link = g.link(l);
      double cost = 0;
      switch (link.kind) {
        case LinkKind::Stair: cost = link.length_m / speeds.stairs_mps; break;
        case LinkKind::Elevator: {
          if (!speeds.use_lifts || link.building < 0 || link.elevator < 0) continue;
          const ElevatorConfig& el =
              layout.buildings[static_cast<std::size_t>(link.building)].elevators[static_cast<std::size_t>(link.elevator)];
          cost = link.length_m / el.speed_mps;
          break;
        }
        default: cost = link.length_m / speeds.level_mps; break;
      }
      relax(g.other_end(l, from).value, t + cost);
    }
    return true;
  });
}

}  // namespace dt
