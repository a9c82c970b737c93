#include "engine/hazards/flooding.h"

#include <algorithm>
#include <cmath>

#include "engine/world/shortest_paths.h"

namespace dt {

FloodField spread_water(const NavGraph& g, const FloodParams& params, const std::vector<BurstPipe>& pipes) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  FloodField f;
  f.wet_s.assign(g.node_count(), kInf);
  f.impassable_s.assign(g.node_count(), kInf);
  ShortestPaths search;
  for (const BurstPipe& pipe : pipes) {
    const NavNode& origin = g.node(pipe.node);
    // The floor's nodes in order of walking distance from the pipe (doors and openings only).
    std::vector<double> dist(g.node_count(), kInf);
    std::vector<uint32_t> order;
    dist[pipe.node.index()] = 0;
    search.run(dist, [&](uint32_t u, double d, auto&& relax) {
      order.push_back(u);
      for (const LinkId l : g.links_of(NodeId(u))) {
        const NavLink& link = g.link(l);
        if (link.kind != LinkKind::Door && link.kind != LinkKind::Opening) continue;
        const NodeId v = g.other_end(l, NodeId(u));
        const NavNode& to = g.node(v);
        if (to.building != origin.building || to.floor != origin.floor || to.building < 0) continue;
        relax(v.value, d + std::max(0.0, link.length_m));
      }
      return true;
    });
    const double q_m3ps = pipe.flow_lps / 1000.0;
    double volume = 0.0, area = 0.0;
    for (const uint32_t n : order) {
      f.wet_s[n] = std::min(f.wet_s[n], pipe.start_s + volume / q_m3ps);
      const double a = std::max(1.0, g.nodes()[n].area_m2);
      volume += a * params.spill_depth_m;
      area += a;
    }
    // Every node of the floor at the spill depth; then the depth rises evenly.
    const double t_imp = pipe.start_s + area * params.impassable_depth_m / q_m3ps;
    for (const uint32_t n : order) f.impassable_s[n] = std::min(f.impassable_s[n], t_imp);
  }
  return f;
}

}  // namespace dt
