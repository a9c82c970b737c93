#include "engine/hazards/smoke.h"

#include <cmath>

#include "engine/world/shortest_paths.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Is node n a landing of a smoke-proof stair?
bool smoke_proof_landing(const Network& site, const SmokeParams& p, NodeId n) {
  const NavNode& node = site.graph.node(n);
  if (!p.smoke_proof_above_33m || node.kind != NodeKind::StairLanding || node.building < 0) return false;
  return site.buildings[node.building].height_m > 33.0;
}

}  // namespace

double untenable_after_arrival_s(const HazardParams& params, bool small_room) {
  const double v = small_room ? params.tenability.visibility_small_room_m : params.tenability.visibility_m;
  const double k_crit = params.tenability.sign_constant / v;
  const double k_max = params.smoke.max_extinction_per_m;
  if (k_crit > k_max) return kInf;
  return params.smoke.rise_time_s * k_crit / k_max;
}

SmokeField spread_smoke(const Network& site, const HazardParams& params, const std::vector<FireStart>& fires,
                        const std::vector<DoorHeldOpen>& held_open) {
  const NavGraph& g = site.graph;
  const SmokeParams& p = params.smoke;
  SmokeField f;
  f.arrival_s.assign(g.node_count(), kInf);
  f.untenable_s.assign(g.node_count(), kInf);
  if (fires.empty()) return f;
  std::vector<double> held(g.link_count(), kInf);
  for (const DoorHeldOpen& h : held_open) held[h.link] = std::min(held[h.link], h.from_s);

  for (const FireStart& fire : fires) {
    const double onset = fire.ignition_s + fire::time_to_reach_s(fire.alpha, params.fire.smoke_onset_kw, params.fire.peak_kw);
    f.arrival_s[fire.node.index()] = std::min(f.arrival_s[fire.node.index()], onset);
  }
  // Smoke arrival times settle like shortest paths: a node's arrival is the earliest over its
  // neighbours of (their arrival, the door's delay, the travel along the link).
  ShortestPaths search;
  search.run(f.arrival_s, [&](uint32_t u, double t, auto&& relax) {
    const NavNode& from = g.node(NodeId(u));
    for (const LinkId l : g.links_of(NodeId(u))) {
      const NavLink& link = g.link(l);
      const NodeId v = g.other_end(l, NodeId(u));
      const NavNode& to = g.node(v);
      if (to.building < 0 || from.building < 0) continue;  // smoke stays in its building
      double speed = p.corridor_speed_mps;
      double cross = t;  // when the smoke is through the leaf (doors)
      switch (link.kind) {
        case LinkKind::Path:
        case LinkKind::Exit: continue;
        case LinkKind::Elevator:
          if (!p.through_elevator_shafts) continue;
          [[fallthrough]];
        case LinkKind::Stair:
          speed = to.position.z > from.position.z || (to.position.z == from.position.z && to.floor > from.floor)
                      ? p.shaft_speed_mps
                      : p.stair_down_speed_mps;
          break;
        case LinkKind::Door: {
          const bool flat = from.kind == NodeKind::Unit || to.kind == NodeKind::Unit;
          const bool barrier = smoke_proof_landing(site, p, NodeId(u)) || smoke_proof_landing(site, p, v);
          const double normal = barrier ? kInf : t + (flat ? p.flat_door_delay_s : p.door_delay_s);
          cross = std::min(normal, std::max(t, held[l.index()]));
          break;
        }
        case LinkKind::Opening: break;
      }
      if (!std::isfinite(cross)) continue;
      relax(v.value, cross + std::max(0.0, link.length_m) / speed);
    }
    return true;
  });
  const double dt = params.tenability.check_interval_s;
  for (std::size_t n = 0; n < g.node_count(); ++n) {
    if (!std::isfinite(f.arrival_s[n])) continue;
    ++f.smoke_nodes;
    const double after = untenable_after_arrival_s(params, g.nodes()[n].kind == NodeKind::Unit);
    if (!std::isfinite(after)) continue;
    f.untenable_s[n] = std::ceil((f.arrival_s[n] + after) / dt) * dt;
    ++f.untenable_nodes;
  }
  return f;
}

}  // namespace dt
