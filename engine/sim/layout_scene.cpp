#include "engine/sim/layout_scene.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include <fmt/format.h>

#include "engine/scenario/layout_loader.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"

namespace dt {

namespace {

static_assert(static_cast<int>(trace::NodeKind::ElevatorCar) == static_cast<int>(NodeKind::ElevatorCar));
static_assert(static_cast<int>(trace::NodeKind::AssemblyPoint) == static_cast<int>(NodeKind::AssemblyPoint));
static_assert(static_cast<int>(trace::LinkKind::Exit) == static_cast<int>(LinkKind::Exit));
static_assert(static_cast<int>(trace::LinkKind::Stair) == static_cast<int>(LinkKind::Stair));
static_assert(static_cast<int>(trace::SensorKind::ManualCallPoint) == static_cast<int>(SensorKind::ManualCallPoint));

/// Horizontal run of one flight when the stair's step geometry is unknown (T/R of 28/17.5 cm).
constexpr double kDefaultTreadPerRiser = 1.6;
/// Height of the roof above the top floor of a building known only from its nodes [m].
constexpr double kDefaultStorey_m = 3.0;

trace::Vec2f to2f(double x, double y) { return {static_cast<float>(x), static_cast<float>(y)}; }
trace::Vec3f to3f(const Vec3& v) { return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)}; }

/// The run of one flight of stair link `l` (see trace::Link::run). `axis` is the building's x axis.
trace::Vec2f stair_run(const NavGraph& g, LinkId id, Vec2 axis) {
  const NavLink& l = g.link(id);
  const NavNode& na = g.node(l.a);
  const NavNode& nb = g.node(l.b);
  const NodeId lower = na.position.z <= nb.position.z ? l.a : l.b;
  const NavNode& low = g.node(lower);
  const double height = std::fabs(na.position.z - nb.position.z);
  // Away from the corridor node the lower landing's door opens onto.
  Vec2 d{0, 0};
  for (const LinkId k : g.links_of(lower)) {
    const NavLink& door = g.link(k);
    if (door.kind != LinkKind::Door || door.stair != l.stair) continue;
    const NavNode& other = g.node(g.other_end(k, lower));
    d = {low.position.x - other.position.x, low.position.y - other.position.y};
    break;
  }
  const Vec2 ey{-axis.y, axis.x};
  const double dx = d.x * axis.x + d.y * axis.y, dy = d.x * ey.x + d.y * ey.y;
  Vec2 dir = axis;
  if (std::fabs(dx) >= std::fabs(dy) && std::fabs(dx) > 1e-6)
    dir = dx > 0 ? axis : Vec2{-axis.x, -axis.y};
  else if (std::fabs(dy) > 1e-6)
    dir = dy > 0 ? ey : Vec2{-ey.x, -ey.y};
  const double ratio = l.riser_m > 0 && l.tread_m > 0 ? l.tread_m / l.riser_m : kDefaultTreadPerRiser;
  const double run = height / 2 * ratio;
  return to2f(dir.x * run, dir.y * run);
}

void add_network(trace::Scene& s, const NavGraph& g, const std::vector<Vec2>& building_axis) {
  s.nodes.reserve(g.node_count());
  for (const NavNode& n : g.nodes()) {
    trace::Node t;
    t.position = to3f(n.position);
    t.area_m2 = static_cast<float>(n.area_m2);
    t.building = n.building;
    t.floor = static_cast<int16_t>(std::clamp(n.floor, -32768, 32767));
    t.kind = static_cast<trace::NodeKind>(n.kind);
    t.label = n.label;
    s.nodes.push_back(std::move(t));
  }
  s.links.reserve(g.link_count());
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    const NavLink& l = g.links()[i];
    trace::Link t;
    t.a = l.a.value;
    t.b = l.b.value;
    t.width_m = static_cast<float>(l.width_m);
    t.length_m = static_cast<float>(l.length_m);
    t.building = l.building;
    t.kind = static_cast<trace::LinkKind>(l.kind);
    t.label = l.label;
    if (l.kind == LinkKind::Stair) {
      const Vec2 axis = l.building >= 0 && static_cast<std::size_t>(l.building) < building_axis.size()
                            ? building_axis[l.building]
                            : Vec2{1, 0};
      t.run = stair_run(g, LinkId(static_cast<uint32_t>(i)), axis);
    }
    s.links.push_back(std::move(t));
  }
}

}  // namespace

trace::Scene make_scene(const LayoutConfig& layout, const Network& network) {
  trace::Scene s;
  s.name = layout.name;
  for (const Vec2& p : layout.site_boundary) s.site.push_back(to2f(p.x, p.y));
  std::vector<Vec2> axes;
  for (std::size_t i = 0; i < layout.buildings.size(); ++i) {
    const BuildingConfig& b = layout.buildings[i];
    const double r = b.rotation_deg * std::numbers::pi / 180.0;
    axes.push_back({std::cos(r), std::sin(r)});
    trace::Building t;
    t.id = b.id;
    for (const Vec2& p : b.footprint) {
      const Vec2 q = b.to_site(p);
      t.outline.push_back(to2f(q.x, q.y));
    }
    for (int f = 1; f <= b.floors + 1; ++f) t.elevation_m.push_back(static_cast<float>(b.elevation_m(f)));
    if (i < network.buildings.size()) {
      for (const std::size_t e : network.buildings[i].elevators) {
        const ElevatorNet& en = network.elevators[e];
        if (en.floors.empty() || en.index < 0 || static_cast<std::size_t>(en.index) >= b.elevators.size()) continue;
        const ElevatorConfig& cfg = b.elevators[static_cast<std::size_t>(en.index)];
        trace::ElevatorShaft shaft;
        shaft.id = cfg.id;
        if (cfg.at) {
          const Vec2 q = b.to_site(*cfg.at);
          shaft.at = to2f(q.x, q.y);
        } else {
          const Vec3& p = network.graph.node(en.stops.front()).position;
          shaft.at = to2f(p.x, p.y);
        }
        shaft.lowest = static_cast<int16_t>(en.floors.front());
        shaft.highest = static_cast<int16_t>(en.floors.back());
        t.elevators.push_back(std::move(shaft));
      }
    }
    s.buildings.push_back(std::move(t));
  }
  add_network(s, network.graph, axes);
  for (const SensorPlacement& p : network.sensors) {
    trace::Sensor t;
    t.position = to3f(p.position);
    t.node = p.node.value;
    t.kind = static_cast<trace::SensorKind>(p.kind);
    t.id = p.id;
    s.sensors.push_back(std::move(t));
  }
  return s;
}

trace::Scene make_scene(const NavGraph& graph, const std::vector<std::string>& building_names) {
  trace::Scene s;
  const std::size_t nb = building_names.size();
  struct Box {
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    std::map<int, double> floor_z;
  };
  std::vector<Box> boxes(nb);
  for (const NavNode& n : graph.nodes()) {
    if (n.building < 0 || static_cast<std::size_t>(n.building) >= nb) continue;
    Box& b = boxes[n.building];
    b.x0 = std::min(b.x0, n.position.x);
    b.y0 = std::min(b.y0, n.position.y);
    b.x1 = std::max(b.x1, n.position.x);
    b.y1 = std::max(b.y1, n.position.y);
    auto [it, fresh] = b.floor_z.emplace(n.floor, n.position.z);
    if (!fresh) it->second = std::min(it->second, n.position.z);
  }
  for (std::size_t i = 0; i < nb; ++i) {
    Box& b = boxes[i];
    trace::Building t;
    t.id = building_names[i];
    if (b.x0 <= b.x1) {
      constexpr double m = 1.0;
      t.outline = {to2f(b.x0 - m, b.y0 - m), to2f(b.x1 + m, b.y0 - m), to2f(b.x1 + m, b.y1 + m), to2f(b.x0 - m, b.y1 + m)};
    }
    const int top = b.floor_z.empty() ? 1 : std::max(1, b.floor_z.rbegin()->first);
    double z = 0;
    for (int f = 1; f <= top + 1; ++f) {
      const auto it = b.floor_z.find(f);
      z = it != b.floor_z.end() ? it->second : (f == 1 ? 0.0 : z + kDefaultStorey_m);
      t.elevation_m.push_back(static_cast<float>(z));
    }
    s.buildings.push_back(std::move(t));
  }
  // Elevator shafts from the elevator links: (building, elevator) → served floors.
  std::map<std::pair<int32_t, int32_t>, trace::ElevatorShaft> shafts;
  for (const NavLink& l : graph.links()) {
    if (l.kind != LinkKind::Elevator || l.building < 0 || static_cast<std::size_t>(l.building) >= nb) continue;
    auto [it, fresh] = shafts.try_emplace({l.building, l.elevator});
    trace::ElevatorShaft& e = it->second;
    const NavNode& a = graph.node(l.a);
    const NavNode& b = graph.node(l.b);
    if (fresh) {
      e.id = fmt::format("L{}", l.elevator + 1);
      e.at = to2f(a.position.x, a.position.y);
      e.lowest = e.highest = static_cast<int16_t>(a.floor);
    }
    e.lowest = static_cast<int16_t>(std::min<int>({e.lowest, a.floor, b.floor}));
    e.highest = static_cast<int16_t>(std::max<int>({e.highest, a.floor, b.floor}));
  }
  for (auto& [key, e] : shafts) s.buildings[static_cast<std::size_t>(key.first)].elevators.push_back(std::move(e));
  add_network(s, graph, {});
  return s;
}

trace::Scene load_layout_scene(const std::string& path, std::vector<std::string>& findings) {
  const LayoutConfig layout = load_layout(path);
  Diagnostics diag;
  const Network net = generate_network(layout, diag);
  diag.throw_if_errors();
  Diagnostics checks;
  check_layout(layout, net, checks);
  for (const Diagnostic& d : diag.all()) findings.push_back(d.str());
  for (const Diagnostic& d : checks.all()) findings.push_back(d.str());
  return make_scene(layout, net);
}

}  // namespace dt
