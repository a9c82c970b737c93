#include "engine/hazards/assistance.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/world/shortest_paths.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Speeds {
  double level = 1.0, down = 1.0, up = 1.0;
};

// Closed links and nodes at a moment of the timeline.
struct Closures {
  std::vector<uint8_t> link, node;
};

class Planner {
 public:
  Planner(const EmergencyConfig& c, const AssistanceInput& in) : c_(c), in_(in), g_(c.site->graph) {}

  // Cost from every node to the nearest safe node (walking `sp`), on the network open at `t`.
  const std::vector<double>& to_safety(double t, const Speeds& sp, int which) {
    return tree(t, which, [&](std::vector<double>& d) { search(d, sp, /*towards=*/true, {}); });
  }
  // Cost from the nearest safe node to every node.
  const std::vector<double>& from_safety(double t, const Speeds& sp, int which) {
    return tree(t, which, [&](std::vector<double>& d) { search(d, sp, /*towards=*/false, {}); });
  }
  // Cost from `origin` to `target` (a search that stops at the target; not cached).
  double path(double t, const Speeds& sp, NodeId origin, NodeId target) {
    current_ = &closures(epoch(t));
    search(scratch_, sp, false, {origin}, target);
    return scratch_[target.index()];
  }

  // Walking distance between two nodes of one floor (doors and openings) [m]; +inf if none.
  double on_floor_m(NodeId a, NodeId b) {
    if (a == b) return 0.0;
    const NavNode& na = g_.node(a);
    floor_dist_.assign(g_.node_count(), kInf);
    floor_dist_[a.index()] = 0.0;
    double found = kInf;
    search_.run(floor_dist_, [&](uint32_t u, double d, auto&& relax) {
      if (u == b.value) {
        found = d;
        return false;
      }
      for (const LinkId l : g_.links_of(NodeId(u))) {
        const NavLink& link = g_.link(l);
        if (link.kind != LinkKind::Door && link.kind != LinkKind::Opening) continue;
        const NodeId v = g_.other_end(l, NodeId(u));
        const NavNode& nv = g_.node(v);
        if (nv.building != na.building || nv.floor != na.floor) continue;
        relax(v.value, d + std::max(0.0, link.length_m));
      }
      return true;
    });
    return found;
  }

  // Cost from `origin` to every node (a full search; the result lives until the next search).
  const std::vector<double>& from(double t, const Speeds& sp, NodeId origin) {
    current_ = &closures(epoch(t));
    search(scratch_, sp, false, {origin});
    return scratch_;
  }

  // The safe node reached soonest from `origin` (ties: the lowest index); invalid when none is.
  NodeId nearest_safe(double t, const Speeds& sp, NodeId origin) {
    const std::vector<double>& d = from(t, sp, origin);
    NodeId best;
    double best_s = kInf;
    for (std::size_t n = 0; n < in_.safe.size(); ++n)
      if (in_.safe[n] && d[n] < best_s) best_s = d[n], best = NodeId(static_cast<uint32_t>(n));
    return best;
  }

  // Whether a guard may enter node n at t (not closed by smoke or water).
  bool open(NodeId n, double t) {
    const Closures& cl = closures(epoch(t));
    return cl.node.empty() || !cl.node[n.index()];
  }

 private:
  std::size_t epoch(double t) const {
    if (!in_.timeline) return 0;
    const auto& ch = in_.timeline->changes;
    return static_cast<std::size_t>(
        std::upper_bound(ch.begin(), ch.end(), t, [](double x, const NetworkChange& c) { return x < c.time_s; }) -
        ch.begin());
  }

  const Closures& closures(std::size_t k) {
    auto it = closures_.find(k);
    if (it != closures_.end()) return it->second;
    Closures cl;
    if (in_.timeline && k > 0) {
      cl.link.assign(g_.link_count(), 0);
      cl.node.assign(g_.node_count(), 0);
      for (std::size_t i = 0; i < k; ++i) {
        const NetworkChange& ch = in_.timeline->changes[i];
        switch (ch.kind) {
          case NetworkChangeKind::CloseLink: cl.link[ch.target] = 1; break;
          case NetworkChangeKind::OpenLink: cl.link[ch.target] = 0; break;
          case NetworkChangeKind::CloseNode: cl.node[ch.target] = 1; break;
          case NetworkChangeKind::OpenNode: cl.node[ch.target] = 0; break;
        }
      }
    }
    return closures_.emplace(k, std::move(cl)).first->second;
  }

  template <class Build>
  const std::vector<double>& tree(double t, int which, Build build) {
    const std::size_t k = epoch(t);
    current_ = &closures(k);
    auto key = std::pair{k, which};
    auto it = trees_.find(key);
    if (it != trees_.end()) return it->second;
    std::vector<double> d;
    build(d);
    return trees_.emplace(key, std::move(d)).first->second;
  }

  double link_time(LinkId l, NodeId from, NodeId to, const Speeds& sp) const {
    const NavLink& link = g_.link(l);
    const double len = std::max(0.0, link.length_m);
    if (link.kind != LinkKind::Stair) return len / sp.level;
    return len / (g_.node(to).position.z < g_.node(from).position.z ? sp.down : sp.up);
  }

  // Dijkstra. towards: costs of walking from each node to the sources (safe nodes); else from the
  // sources (safe nodes, or `origin`) to each node. Closed links are never used; a closed node is
  // entered only from a closed node.
  void search(std::vector<double>& d, const Speeds& sp, bool towards, std::vector<NodeId> origin,
              NodeId target = NodeId()) {
    const Closures& cl = *current_;
    auto closed = [&](NodeId n) { return !cl.node.empty() && cl.node[n.index()]; };
    d.assign(g_.node_count(), kInf);
    if (origin.empty()) {
      for (std::size_t n = 0; n < in_.safe.size(); ++n)
        if (in_.safe[n]) d[n] = 0;
    } else {
      for (const NodeId o : origin) d[o.index()] = 0;
    }
    search_.run(d, [&](uint32_t u, double du, auto&& relax) {
      if (u == target.value) return false;
      for (const LinkId l : g_.links_of(NodeId(u))) {
        const NavLink& link = g_.link(l);
        if (link.kind == LinkKind::Elevator || (!cl.link.empty() && cl.link[l.index()])) continue;
        const NodeId m = g_.other_end(l, NodeId(u));
        // towards: the walker goes m → u; else u → m.
        const NodeId from = towards ? m : NodeId(u), to = towards ? NodeId(u) : m;
        if (closed(to) && !closed(from)) continue;
        relax(m.value, du + link_time(l, from, to, sp));
      }
      return true;
    });
  }

  const EmergencyConfig& c_;
  const AssistanceInput& in_;
  const NavGraph& g_;
  std::map<std::size_t, Closures> closures_;
  std::map<std::pair<std::size_t, int>, std::vector<double>> trees_;
  const Closures* current_ = nullptr;
  std::vector<double> scratch_, floor_dist_;
  ShortestPaths search_;  // one workspace for every search of this replication
};

enum Tree : int { kCarryOut = 0, kStaffIn = 1 };

}  // namespace

AssistanceOutcome run_assistance(const EmergencyConfig& c, const AssistanceInput& in, const ElevatorOutcome& lifts,
                                 double max_time_s) {
  const AssistanceParams& p = c.assistance;
  const Network& site = *c.site;
  const NavGraph& g = site.graph;
  AssistanceOutcome out;
  out.safe_s.assign(in.residents.size(), kInf);
  out.medical_response_s.assign(in.medical_s.size(), kInf);
  out.by_team.assign(p.responders.size(), 0);
  if (!std::isfinite(in.alerted_s)) return out;

  Planner plan(c, in);
  const Speeds carry{p.carry_level_mps, p.carry_down_mps, p.carry_down_mps};

  // Residents in order (assistance.order). fire_first: burning buildings first, nearest the fire
  // floor first, then by flat; top_down: highest floor first, then by flat; nearest: chosen when a
  // guard is free (below), ties in the fire_first order.
  std::vector<std::size_t> order(in.residents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [&](std::size_t i) {
    const NavNode& n = g.node(in.residents[i]);
    if (p.order == AssistOrder::TopDown) return std::pair{-n.floor, in.residents[i].value};
    int best = 1 << 20;
    for (const FireStart& f : in.fires)
      if (g.node(f.node).building == n.building) best = std::min(best, std::abs(g.node(f.node).floor - n.floor));
    return std::pair{best, in.residents[i].value};
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });

  // Workers: the guards, then the members of each fire brigade; free at, where (invalid node = at a
  // safe place), their walking speeds, and their team (-1: a guard).
  std::vector<double> free_s;
  std::vector<NodeId> at;
  std::vector<int> team;
  std::vector<Speeds> speeds{{p.staff_level_mps, p.staff_down_mps, p.staff_up_mps}};
  if (p.post.valid())
    for (uint32_t i = 0; i < p.staff; ++i) free_s.push_back(in.alerted_s), at.push_back(p.post), team.push_back(-1);
  for (const NodeId n : in.staff_at) free_s.push_back(in.alerted_s), at.push_back(n), team.push_back(-1);
  const std::size_t guards = free_s.size();
  // Where each guard really is (at[k] is invalid "at a safe place" for the walking model); kept
  // only for staff of the roster, who go back to dispatch from there.
  const bool track = !in.staff_at.empty();
  for (std::size_t r = 0; r < p.responders.size(); ++r) {
    const ResponderTeam& rt = p.responders[r];
    speeds.push_back({rt.level_mps, rt.down_mps, rt.up_mps});
    if (rt.kind != ResponderTeam::Kind::FireBrigade || r >= in.team_at_gate_s.size() || in.team_at_gate_s[r].empty() ||
        !std::isfinite(in.team_at_gate_s[r].front()) || !rt.gate.valid())
      continue;
    for (uint32_t i = 0; i < rt.count; ++i)
      free_s.push_back(in.team_at_gate_s[r].front()), at.push_back(rt.gate), team.push_back(static_cast<int>(r));
  }
  std::vector<NodeId> place = at;  // every worker (guards first)
  auto finish = [&] {
    out.guard_free_s.assign(free_s.begin(), free_s.begin() + static_cast<std::ptrdiff_t>(guards));
    out.guard_free_at.assign(place.begin(), place.begin() + static_cast<std::ptrdiff_t>(guards));
    return out;
  };
  if (free_s.empty()) return finish();
  // The speeds of worker k and the cached search tree of its team (kStaffIn + 1 + team).
  auto speed_of = [&](std::size_t k) -> const Speeds& { return speeds[static_cast<std::size_t>(team[k] + 1)]; };
  auto tree_of = [&](std::size_t k) { return kStaffIn + 1 + team[k]; };

  std::vector<double> lift_free(site.elevators.size(), 0.0);
  std::vector<uint8_t> medical_done(in.medical_s.size(), 0);
  std::size_t next_floor = 0;
  std::vector<std::size_t> waiting = order;  // residents nobody has set off for yet
  // The resident worker k (free at t) takes next: the first waiting one. With order `nearest`,
  // among the workers free at t (k and those free at the same moment) and the waiting residents,
  // the pair with the shortest walk (unreachable residents last; ties: the lower worker, then the
  // fire_first order); k becomes that worker.
  auto take_resident = [&](std::size_t& k, double t) {
    std::size_t pos = 0;
    if (p.order == AssistOrder::Nearest) {
      double best = kInf;
      std::size_t best_k = k;
      for (std::size_t j = 0; j < free_s.size(); ++j) {
        if (free_s[j] != t) continue;
        const std::vector<double>& d =
            at[j].valid() ? plan.from(t, speed_of(j), at[j]) : plan.from_safety(t, speed_of(j), tree_of(j));
        for (std::size_t w = 0; w < waiting.size(); ++w)
          if (d[in.residents[waiting[w]].index()] < best) best = d[in.residents[waiting[w]].index()], pos = w, best_k = j;
      }
      k = best_k;
    }
    const std::size_t r = waiting[pos];
    waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(pos));
    return r;
  };

  // Traces: guard k goes from `a` to `b` between t0 and t1 (with resident r unless kNo).
  constexpr uint32_t kNo = 0xFFFFFFFFu;
  auto leg = [&](std::size_t k, uint32_t r, double t0, double t1, NodeId a, NodeId b, bool lift = false) {
    if (in.moves) in.moves->push_back({static_cast<uint32_t>(k), r, t0, t1, a, b, lift});
  };

  // Time for worker k, free at t, to reach node n on foot.
  auto walk_to = [&](std::size_t k, double t, NodeId n) {
    return at[k].valid() ? plan.path(t, speed_of(k), at[k], n) : plan.from_safety(t, speed_of(k), tree_of(k))[n.index()];
  };
  // When the first ambulance crew of config.assistance.responders reaches medical emergency m
  // (+inf: no ambulance is called).
  auto ambulance_at_patient = [&](std::size_t m, double from_s) {
    double best = kInf;
    for (std::size_t r = 0; r < p.responders.size() && r < in.team_at_gate_s.size(); ++r) {
      const ResponderTeam& rt = p.responders[r];
      if (rt.kind != ResponderTeam::Kind::Ambulance || m >= in.team_at_gate_s[r].size() || !rt.gate.valid()) continue;
      const double gate_s = in.team_at_gate_s[r][m];
      if (!std::isfinite(gate_s)) continue;
      best = std::min(best, gate_s + plan.path(std::max(gate_s, from_s), speeds[r + 1], rt.gate, in.medical_node[m]));
    }
    return best;
  };

  for (;;) {
    std::size_t k = 0;
    for (std::size_t j = 1; j < free_s.size(); ++j)
      if (free_s[j] < free_s[k]) k = j;
    const double t = free_s[k];
    if (t > max_time_s) break;
    // 1. A medical emergency reported by now (else the earliest one, if nothing else is left).
    std::size_t med = in.medical_s.size();
    for (std::size_t m = 0; m < in.medical_s.size(); ++m)
      if (!medical_done[m] && (med == in.medical_s.size() || in.medical_s[m] < in.medical_s[med])) med = m;
    const bool other_work = !waiting.empty() || (p.sweep && next_floor < in.sweep_floors.size());
    if (team[k] < 0 && med < in.medical_s.size() && (in.medical_s[med] <= t || !other_work)) {
      const double start = std::max(t, in.medical_s[med]);
      const double arrive = start + walk_to(k, start, in.medical_node[med]);
      medical_done[med] = 1;
      if (std::isfinite(arrive)) {
        out.medical_response_s[med] = arrive - in.medical_s[med];
        leg(k, kNo, start, arrive, at[k], in.medical_node[med]);
        // Stays with the patient until the ambulance crew is there (without one: medical_stay_s).
        const double crew = ambulance_at_patient(med, in.medical_s[med]);
        free_s[k] = std::isfinite(crew) ? std::max(arrive, crew) : arrive + p.medical_stay_s;
        at[k] = place[k] = in.medical_node[med];
      }
      continue;
    }
    // 2. The next resident awaiting assistance.
    if (!waiting.empty()) {
      const std::size_t r = take_resident(k, t);
      const NodeId flat = in.residents[r];
      const NavNode& fn = g.node(flat);
      // A working fire lift of the building serving the resident's floor.
      int lift = -1;
      if (p.method == AssistMethod::FireLift && fn.building >= 0)
        for (const std::size_t e : site.buildings[fn.building].elevators) {
          const ElevatorNet& el = site.elevators[e];
          if (el.fire_service && std::binary_search(el.floors.begin(), el.floors.end(), fn.floor) &&
              std::binary_search(el.floors.begin(), el.floors.end(), el.floors.front()) &&
              elevator_works(lifts, static_cast<uint32_t>(e), t)) {
            lift = static_cast<int>(e);
            break;
          }
        }
      double safe = kInf, busy_until = t;
      if (lift >= 0) {
        const ElevatorNet& el = site.elevators[lift];
        const NodeId ground = el.stops.front(), stop = el.stops[static_cast<std::size_t>(
                                                    std::lower_bound(el.floors.begin(), el.floors.end(), fn.floor) - el.floors.begin())];
        const double at_lift = t + walk_to(k, t, ground);
        const double depart = std::max({at_lift, lift_free[lift], std::isfinite(lifts.recalled_s[lift]) ? lifts.recalled_s[lift] : 0.0});
        const double up = elevator_run_time_s(el, el.floors.front(), fn.floor, g);
        const double on_floor = plan.on_floor_m(stop, flat);
        if (std::isfinite(at_lift) && std::isfinite(on_floor) && elevator_works(lifts, static_cast<uint32_t>(lift), depart) &&
            plan.open(stop, depart + up)) {
          const double fetched = depart + up + on_floor / speed_of(k).level + p.transfer_s + on_floor / p.carry_level_mps;
          const double down_at = fetched + elevator_run_time_s(el, fn.floor, el.floors.front(), g);
          if (elevator_works(lifts, static_cast<uint32_t>(lift), down_at)) {
            lift_free[lift] = down_at;
            safe = down_at + plan.to_safety(down_at, carry, kCarryOut)[ground.index()];
            if (std::isfinite(safe)) {
              ++out.by_fire_lift;
              busy_until = safe;
              if (track && k < guards) place[k] = plan.nearest_safe(down_at, carry, ground);
              const double reached = depart + up + on_floor / speed_of(k).level;
              leg(k, kNo, t, at_lift, at[k], ground);
              leg(k, kNo, depart, depart + up, ground, stop, true);
              leg(k, kNo, depart + up, reached, stop, flat);
              leg(k, static_cast<uint32_t>(r), reached + p.transfer_s, fetched, flat, stop);
              leg(k, static_cast<uint32_t>(r), fetched, down_at, stop, ground, true);
              leg(k, static_cast<uint32_t>(r), down_at, safe, ground, NodeId());
            }
          }
        }
      }
      if (!std::isfinite(safe)) {  // carry down the stairs
        const double reach = t + walk_to(k, t, flat);
        if (std::isfinite(reach) && plan.open(flat, reach)) {
          const double start = reach + p.transfer_s;
          safe = start + plan.to_safety(start, carry, kCarryOut)[flat.index()];
          if (std::isfinite(safe)) {
            ++out.by_carry;
            busy_until = safe;
            if (track && k < guards) place[k] = plan.nearest_safe(start, carry, flat);
            leg(k, kNo, t, reach, at[k], flat);
            leg(k, static_cast<uint32_t>(r), start, safe, flat, NodeId());
          }
        }
      }
      if (std::isfinite(safe)) {
        out.safe_s[r] = safe;
        if (team[k] < 0) ++out.by_guards;
        else ++out.by_team[static_cast<std::size_t>(team[k])];
        free_s[k] = busy_until;
        at[k] = NodeId();  // at a safe place
      } else {
        ++out.unreachable;
      }
      continue;
    }
    // 3. Sweep the next floor.
    if (p.sweep && next_floor < in.sweep_floors.size()) {
      const std::size_t f = next_floor++;
      const NodeId corridor = in.sweep_floors[f].front();
      const double reach = t + walk_to(k, t, corridor);
      if (!std::isfinite(reach) || !plan.open(corridor, reach)) continue;
      const double checked = reach + in.sweep_flats[f] * p.check_per_flat_s;
      leg(k, kNo, t, reach, at[k], corridor);
      ++out.floors_swept;
      out.sweep_done_s = out.sweep_done_s < kInf ? std::max(out.sweep_done_s, checked) : checked;
      free_s[k] = checked;  // goes on to the next floor from here
      at[k] = place[k] = corridor;
      continue;
    }
    if (team[k] >= 0) {  // nothing left a responder does; a guard may still have a medical emergency
      free_s[k] = kInf;
      continue;
    }
    break;
  }
  return finish();
}

}  // namespace dt
