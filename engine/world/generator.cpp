#include "engine/world/generator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "engine/kernel/suggest.h"
#include "engine/world/geometry.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kUnknownStair, "unknown stair '{}' in building '{}'", "未知的楼梯 '{}'（楼栋 '{}'）");
DT_PHRASE(kUnknownNode, "unknown node '{}'", "未知的节点 '{}'");
DT_PHRASE(kUnknownBuilding, "unknown building '{}'", "未知的楼栋 '{}'");
DT_PHRASE(kDidYouMean, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kNewNode, "node '{}' is not a generated node, so it is a new one: give its kind, at and area_m2 (or correct the label of the node to change)",
          "节点 '{}' 不是生成的节点，因此是新节点：请给出它的 kind、at 和 area_m2（或改正要修改的节点的标签）");
DT_PHRASE(kNoLinkToRemove, "there is no link between '{}' and '{}' to remove", "'{}' 与 '{}' 之间没有可删除的连接");
DT_PHRASE(kNewLink, "link '{}' - '{}' is new (no generated link joins them): give its width_m",
          "连接 '{}' - '{}' 是新连接（没有生成的连接将它们相连）：请给出它的 width_m");
DT_PHRASE(kSensorTwice, "sensor id '{}' is used twice", "传感器编号 '{}' 被使用了两次");
}  // namespace

using namespace generator_constants;
using geo::distance;

double stair_flight_length_m(double storey_height_m, double riser_m, double tread_m) {
  const double ratio = tread_m / riser_m;
  return storey_height_m * std::sqrt(1.0 + ratio * ratio);
}

namespace {

std::string str_int(int v) { return std::to_string(v); }

Vec3 lift(Vec2 p, double z) { return {p.x, p.y, z}; }
Vec2 flat(Vec3 p) { return {p.x, p.y}; }

// ------------------------------------------------------------------------------------------------
// Accumulates nodes and links (links may be removed by overrides before the graph is built).

struct Builder {
  std::vector<NavNode> nodes;
  std::vector<NavLink> links;
  std::vector<bool> removed;
  std::unordered_map<std::string, uint32_t> by_label;

  NodeId add_node(NavNode n) {
    const auto id = static_cast<uint32_t>(nodes.size());
    // Labels are unique once the layout's ids are (the loader reports duplicate ids); should a
    // reader hand over a layout with duplicates anyway, the first node keeps the label's lookup.
    by_label.emplace(n.label, id);
    nodes.push_back(std::move(n));
    return NodeId(id);
  }

  LinkId add_link(NavLink l) {
    DT_ASSERT(l.a.index() < nodes.size() && l.b.index() < nodes.size(), "link end exists");
    if (l.label.empty()) l.label = nodes[l.a.index()].label + "~" + nodes[l.b.index()].label;
    links.push_back(std::move(l));
    removed.push_back(false);
    return LinkId(static_cast<uint32_t>(links.size() - 1));
  }

  [[nodiscard]] NodeId find(const std::string& label) const {
    const auto it = by_label.find(label);
    return it == by_label.end() ? NodeId() : NodeId(it->second);
  }
};

NavLink make_link(NodeId a, NodeId b, LinkKind kind, double width_m, double length_m, int32_t building,
                  const SourcePos& origin, std::string label = {}) {
  NavLink l;
  l.a = a;
  l.b = b;
  l.kind = kind;
  l.width_m = width_m;
  l.length_m = std::max(0.0, length_m);
  l.building = building;
  l.origin = origin;
  l.label = std::move(label);
  return l;
}

/// "unknown X 'y'<where> (did you mean 'z'?)"
std::string unknown(std::string msg, const std::string& name, const std::vector<std::string>& known) {
  if (const auto guess = closest_match(name, known)) msg += say(kDidYouMean, *guess);
  return msg;
}

// ------------------------------------------------------------------------------------------------
// One building

/// A door along the corridor spine, in building coordinates.
struct Door {
  Vec2 point;
  double s = 0;       // arc length of its projection on the spine [m]
  double offset = 0;  // distance from the door to the spine [m]
};

class BuildingGenerator {
 public:
  BuildingGenerator(const LayoutConfig& layout, const BuildingConfig& b, int32_t index, Builder& out,
                    Diagnostics& diag)
      : layout_(layout), b_(b), index_(index), out_(out), diag_(diag) {}

  void run(BuildingNet& net, std::vector<ElevatorNet>& elevators);

 private:
  void plan_geometry();
  [[nodiscard]] Door door_at(Vec2 p) const {
    const double s = spine_.project(p);
    return Door{p, s, distance(p, spine_.at(s))};
  }
  [[nodiscard]] Vec2 side_point(double s, double side) const {
    return spine_.at(s) + (side * b_.corridor.width_m / 2) * geo::left_normal(spine_.direction(s));
  }
  [[nodiscard]] std::string prefix(int floor) const { return b_.id + "/F" + str_int(floor); }

  struct FloorCorridor {
    std::vector<NodeId> nodes;
    std::vector<double> reps;  // spine position of each node [m]
  };
  /// The corridor node a door opens onto and the walk from the door to that node [m].
  struct Attach {
    NodeId node;
    double length_m = 0;
  };
  enum class AttachKind { Unit, Stair, Elevator, Exit };
  FloorCorridor build_corridor(int floor, const std::vector<Door>& doors);
  Attach attach(const FloorCorridor& fc, const Door& door, std::size_t door_index) const;
  void compute_unit_distances(BuildingNet& net, int floor, const std::vector<NodeId>& unit_nodes);

  const LayoutConfig& layout_;
  const BuildingConfig& b_;
  int32_t index_;
  Builder& out_;
  Diagnostics& diag_;

  geo::Polyline spine_;
  Vec2 lobby_at_;
  std::vector<Door> unit_doors_;
  std::vector<Vec2> unit_centres_;
  std::vector<double> unit_areas_;
  std::vector<Door> stair_doors_;
  std::vector<Door> elevator_doors_;
  std::vector<Door> exit_doors_;
  std::vector<Vec2> exit_outward_;
  std::vector<int> exit_stair_;  // -1: from the lobby
  // Per floor: the attachment of each door, in the order doors were offered to build_corridor.
  std::vector<std::size_t> door_cluster_;
};

void BuildingGenerator::plan_geometry() {
  const auto& fp = b_.footprint;
  const double fp_area = geo::area(fp);
  const geo::Box box = geo::bounding_box(fp);
  std::vector<Vec2> spine = b_.corridor.path;
  if (spine.size() < 2) {
    if (box.max.x - box.min.x >= box.max.y - box.min.y) {
      const double cy = (box.min.y + box.max.y) / 2;
      spine = {{box.min.x, cy}, {box.max.x, cy}};
    } else {
      const double cx = (box.min.x + box.max.x) / 2;
      spine = {{cx, box.min.y}, {cx, box.max.y}};
    }
  }
  spine_ = geo::Polyline(std::move(spine));
  const double L = spine_.length();
  lobby_at_ = b_.corridor.at ? *b_.corridor.at : spine_.at(L / 2);

  // Flats: doors alternate between the two sides of the spine, evenly spaced along it.
  const int n = b_.units.per_floor;
  const int row_a = (n + 1) / 2, row_b = n / 2;
  for (int i = 0; i < n; ++i) {
    Vec2 p;
    if (static_cast<std::size_t>(i) < b_.units.doors.size()) {
      p = b_.units.doors[static_cast<std::size_t>(i)];
    } else {
      const bool in_a = i < row_a;
      const int j = in_a ? i : i - row_a;
      const double s = (j + 0.5) * L / (in_a ? row_a : row_b);
      p = side_point(s, in_a ? 1.0 : -1.0);
    }
    const Door d = door_at(p);
    const auto ui = static_cast<std::size_t>(i);
    const double share = ui < b_.units.shares.size() ? b_.units.shares[ui] : b_.units.share / n;
    const double a = share * fp_area;
    Vec2 away = geo::normalized(d.point - spine_.at(d.s));
    if (geo::length(away) == 0) away = geo::left_normal(spine_.direction(d.s));
    unit_doors_.push_back(d);
    unit_areas_.push_back(a);
    unit_centres_.push_back(d.point + (std::sqrt(std::max(a, 0.0)) / 2) * away);
  }

  // Stairs: spread along the spine on the side opposite the first row of flats.
  const auto ns = b_.stairs.size();
  for (std::size_t i = 0; i < ns; ++i) {
    const StairConfig& st = b_.stairs[i];
    stair_doors_.push_back(door_at(st.at ? *st.at : side_point((static_cast<double>(i) + 0.5) * L / static_cast<double>(ns), -1.0)));
  }
  // Elevators: side by side in the middle of the spine.
  const auto ne = b_.elevators.size();
  for (std::size_t i = 0; i < ne; ++i) {
    const ElevatorConfig& el = b_.elevators[i];
    const double s = L / 2 + (static_cast<double>(i) - (static_cast<double>(ne) - 1) / 2) * kElevatorSpacing_m;
    elevator_doors_.push_back(door_at(el.at ? *el.at : side_point(s, 1.0)));
  }
  // Exits: given points; a stair's exit defaults to the outline point nearest its door; others are
  // spread along the front (the side to the right of the spine).
  std::size_t n_front = 0;
  for (const ExitConfig& e : b_.exits) n_front += (!e.at && e.via_stair.empty()) ? 1 : 0;
  std::size_t front_i = 0;
  for (const ExitConfig& e : b_.exits) {
    int stair = -1;
    if (!e.via_stair.empty()) {
      for (std::size_t s = 0; s < ns; ++s)
        if (b_.stairs[s].id == e.via_stair) stair = static_cast<int>(s);
      if (stair < 0) {
        std::vector<std::string> ids;
        for (const StairConfig& st : b_.stairs) ids.push_back(st.id);
        diag_.error(e.via_pos, unknown(say(kUnknownStair, e.via_stair, b_.id), e.via_stair, ids));
      }
    }
    Vec2 p;
    if (e.at) {
      p = *e.at;
    } else if (stair >= 0) {
      p = geo::nearest_outline_point(stair_doors_[static_cast<std::size_t>(stair)].point, fp).point;
    } else {
      const double s = (static_cast<double>(front_i++) + 0.5) * L / static_cast<double>(n_front);
      // Walk from the spine towards the right until the outline: the nearest crossing.
      const Vec2 from = spine_.at(s), dir = -1.0 * geo::left_normal(spine_.direction(s));
      const double reach = geo::distance(box.min, box.max) + 1.0;
      const Vec2 to = from + reach * dir;
      double best = std::numeric_limits<double>::infinity();
      p = geo::nearest_outline_point(from, fp).point;
      for (std::size_t k = 0; k < fp.size(); ++k) {
        double t = 0, u = 0;
        const Vec2 a = fp[k], c = fp[(k + 1) % fp.size()];
        if (geo::proper_crossing(from, to, a, c, t, u, -1e-9) && t < best) {
          best = t;
          p = from + t * (to - from);
        }
      }
    }
    exit_doors_.push_back(door_at(p));
    exit_outward_.push_back(geo::nearest_outline_point(p, fp).outward);
    exit_stair_.push_back(stair);
  }
}

BuildingGenerator::FloorCorridor BuildingGenerator::build_corridor(int floor, const std::vector<Door>& doors) {
  FloorCorridor fc;
  const double L = spine_.length();
  const double w = b_.corridor.width_m;
  const NodeKind kind = floor == 1 ? NodeKind::GroundLobby : NodeKind::Corridor;
  const double z = b_.elevation_m(floor);
  door_cluster_.assign(doors.size(), 0);
  if (b_.corridor.kind == CorridorKind::Lobby) {
    NavNode n;
    n.kind = kind;
    n.position = lift(b_.to_site(lobby_at_), z);
    const std::optional<double> area =
        floor == 1 && b_.corridor.ground_area_m2 ? b_.corridor.ground_area_m2 : b_.corridor.area_m2;
    n.area_m2 = area ? *area : std::max(L * w, kMinNodeArea_m2);
    n.building = index_;
    n.floor = floor;
    n.label = prefix(floor) + "/C1";
    fc.nodes.push_back(out_.add_node(std::move(n)));
    fc.reps.push_back(L / 2);
    return fc;
  }

  // Corridor: one node per cluster of doors along the spine, plus its two ends.
  struct Stop {
    double s;
    std::size_t door;  // doors.size() for the ends
  };
  std::vector<Stop> stops;
  stops.push_back({0.0, doors.size()});
  for (std::size_t i = 0; i < doors.size(); ++i) stops.push_back({doors[i].s, i});
  stops.push_back({L, doors.size()});
  std::stable_sort(stops.begin(), stops.end(), [](const Stop& a, const Stop& b) { return a.s < b.s; });
  std::vector<std::size_t> cluster_of(stops.size());
  double first = stops.front().s;
  fc.reps.push_back(first);
  for (std::size_t i = 0; i < stops.size(); ++i) {
    if (stops[i].s - first > kMergeTolerance_m) {
      first = stops[i].s;
      fc.reps.push_back(first);
    }
    cluster_of[i] = fc.reps.size() - 1;
    if (stops[i].door < doors.size()) door_cluster_[stops[i].door] = cluster_of[i];
  }
  if (fc.reps.size() > 1) fc.reps.back() = L;  // the last node sits at the far end

  const std::size_t k = fc.reps.size();
  for (std::size_t i = 0; i < k; ++i) {
    const double lo = i == 0 ? 0.0 : (fc.reps[i - 1] + fc.reps[i]) / 2;
    const double hi = i + 1 == k ? L : (fc.reps[i] + fc.reps[i + 1]) / 2;
    NavNode n;
    n.kind = kind;
    n.position = lift(b_.to_site(spine_.at(fc.reps[i])), z);
    n.area_m2 = std::max((hi - lo) * w, kMinNodeArea_m2);
    n.building = index_;
    n.floor = floor;
    n.label = prefix(floor) + "/C" + std::to_string(i + 1);
    fc.nodes.push_back(out_.add_node(std::move(n)));
  }
  for (std::size_t i = 0; i + 1 < k; ++i) {
    out_.add_link(make_link(fc.nodes[i], fc.nodes[i + 1], LinkKind::Opening, w, fc.reps[i + 1] - fc.reps[i], index_,
                            b_.corridor.pos,
                            prefix(floor) + "/C" + std::to_string(i + 1) + "-C" + std::to_string(i + 2)));
  }
  return fc;
}

BuildingGenerator::Attach BuildingGenerator::attach(const FloorCorridor& fc, const Door& door,
                                                    std::size_t door_index) const {
  if (b_.corridor.kind == CorridorKind::Lobby) return {fc.nodes.front(), distance(door.point, lobby_at_)};
  const std::size_t c = door_cluster_[door_index];
  return {fc.nodes[c], door.offset + std::fabs(door.s - fc.reps[c])};
}

void BuildingGenerator::compute_unit_distances(BuildingNet& net, int floor, const std::vector<NodeId>& unit_nodes) {
  // Safe exits of this floor: every stair door, and on the ground floor the lobby's exits.
  std::vector<Door> exits = stair_doors_;
  if (floor == 1)
    for (std::size_t e = 0; e < exit_doors_.size(); ++e)
      if (exit_stair_[e] < 0) exits.push_back(exit_doors_[e]);
  const bool lobby = b_.corridor.kind == CorridorKind::Lobby;
  for (std::size_t u = 0; u < unit_nodes.size(); ++u) {
    const Door& d = unit_doors_[u];
    UnitDoorDistance r;
    r.unit = unit_nodes[u];
    r.to_exit_m = std::numeric_limits<double>::infinity();
    bool before = false, after = false;
    for (const Door& e : exits) {
      const double walk = lobby ? distance(d.point, lobby_at_) + distance(lobby_at_, e.point)
                                : d.offset + std::fabs(d.s - e.s) + e.offset;
      r.to_exit_m = std::min(r.to_exit_m, walk);
      before = before || e.s <= d.s + kMergeTolerance_m;
      after = after || e.s >= d.s - kMergeTolerance_m;
    }
    r.between_two_exits = exits.size() >= 2 && (lobby || (before && after));
    net.unit_doors.push_back(r);
  }
}

void BuildingGenerator::run(BuildingNet& net, std::vector<ElevatorNet>& elevators) {
  plan_geometry();
  net.id = b_.id;
  net.index = index_;
  net.floors = b_.floors;
  net.height_m = b_.height_m();
  net.corridors.resize(static_cast<std::size_t>(b_.floors));
  net.landings.assign(b_.stairs.size(), {});

  // Elevators: the floors each one serves within the building.
  std::vector<std::vector<int>> served(b_.elevators.size());
  for (std::size_t e = 0; e < b_.elevators.size(); ++e)
    for (int f = 1; f <= b_.floors; ++f)
      if (b_.elevators[e].floors.contains(f)) served[e].push_back(f);
  std::vector<ElevatorNet> lifts(b_.elevators.size());

  std::vector<NodeId> prev_landing(b_.stairs.size());
  for (int f = 1; f <= b_.floors; ++f) {
    const double z = b_.elevation_m(f);
    const bool has_units = b_.units.per_floor > 0 && b_.units.floors.contains(f);
    // Doors that open onto this floor's corridor, in a fixed order: flats, stairs, elevators, exits.
    std::vector<Door> doors;
    if (has_units) doors.insert(doors.end(), unit_doors_.begin(), unit_doors_.end());
    const std::size_t stair0 = doors.size();
    doors.insert(doors.end(), stair_doors_.begin(), stair_doors_.end());
    const std::size_t elev0 = doors.size();
    std::vector<std::size_t> elev_index(b_.elevators.size(), 0);
    for (std::size_t e = 0; e < b_.elevators.size(); ++e) {
      elev_index[e] = doors.size();
      if (std::find(served[e].begin(), served[e].end(), f) != served[e].end()) doors.push_back(elevator_doors_[e]);
    }
    (void)elev0;
    std::vector<std::size_t> exit_index(b_.exits.size(), 0);
    if (f == 1)
      for (std::size_t e = 0; e < b_.exits.size(); ++e) {
        exit_index[e] = doors.size();
        if (exit_stair_[e] < 0) doors.push_back(exit_doors_[e]);
      }
    const FloorCorridor fc = build_corridor(f, doors);
    net.corridors[static_cast<std::size_t>(f - 1)] = fc.nodes;

    // Flats.
    if (has_units) {
      std::vector<NodeId> unit_nodes;
      for (std::size_t u = 0; u < unit_doors_.size(); ++u) {
        NavNode n;
        n.kind = NodeKind::Unit;
        n.position = lift(b_.to_site(unit_centres_[u]), z);
        n.area_m2 = std::max(unit_areas_[u], kMinNodeArea_m2);
        n.building = index_;
        n.floor = f;
        n.label = prefix(f) + "/U" + std::to_string(u + 1);
        const NodeId id = out_.add_node(std::move(n));
        const Attach at = attach(fc, unit_doors_[u], u);
        NavLink l = make_link(id, at.node, LinkKind::Door, b_.units.door_width_m,
                              distance(unit_centres_[u], unit_doors_[u].point) + at.length_m, index_, b_.units.pos,
                              prefix(f) + "/U" + std::to_string(u + 1) + "/door");
        l.door = DoorType::Swing;
        out_.add_link(std::move(l));
        unit_nodes.push_back(id);
        net.units.push_back(id);
      }
      compute_unit_distances(net, f, unit_nodes);
    }

    // Stair landings, their doors and the flights down to the floor below.
    for (std::size_t s = 0; s < b_.stairs.size(); ++s) {
      const StairConfig& st = b_.stairs[s];
      NavNode n;
      n.kind = NodeKind::StairLanding;
      n.position = lift(b_.to_site(stair_doors_[s].point), z);
      n.area_m2 = st.landing_area_m2 ? *st.landing_area_m2 : 2 * st.width_m * st.width_m;
      n.building = index_;
      n.floor = f;
      n.label = b_.id + "/" + st.id + "/F" + str_int(f);
      const NodeId landing = out_.add_node(std::move(n));
      net.landings[s].push_back(landing);
      const Attach at = attach(fc, stair_doors_[s], stair0 + s);
      NavLink door = make_link(landing, at.node, LinkKind::Door, st.door_width_m ? *st.door_width_m : st.width_m,
                               at.length_m, index_, st.pos, b_.id + "/" + st.id + "/F" + str_int(f) + "/door");
      door.door = DoorType::Swing;
      door.stair = static_cast<int32_t>(s);
      out_.add_link(std::move(door));
      if (f > 1) {
        NavLink flight = make_link(prev_landing[s], landing, LinkKind::Stair, st.width_m,
                                   stair_flight_length_m(b_.storey_height_m(f - 1), st.riser_m, st.tread_m), index_,
                                   st.pos, b_.id + "/" + st.id + "/F" + str_int(f - 1) + "-F" + str_int(f));
        flight.riser_m = st.riser_m;
        flight.tread_m = st.tread_m;
        flight.stair = static_cast<int32_t>(s);
        out_.add_link(std::move(flight));
      }
      prev_landing[s] = landing;
    }

    // Elevator stops.
    for (std::size_t e = 0; e < b_.elevators.size(); ++e) {
      if (std::find(served[e].begin(), served[e].end(), f) == served[e].end()) continue;
      const Attach at = attach(fc, elevator_doors_[e], elev_index[e]);
      lifts[e].stops.push_back(at.node);
      lifts[e].floors.push_back(f);
    }

    // Exits.
    if (f == 1) {
      for (std::size_t e = 0; e < b_.exits.size(); ++e) {
        const ExitConfig& ex = b_.exits[e];
        const Door& d = exit_doors_[e];
        Attach from;
        if (exit_stair_[e] >= 0) {
          const auto s = static_cast<std::size_t>(exit_stair_[e]);
          from = {net.landings[s][0], distance(d.point, stair_doors_[s].point)};
        } else if (!ex.via_stair.empty()) {
          from = {fc.nodes.front(), 0.0};  // unknown stair (reported): keep the network connected
        } else {
          from = attach(fc, d, exit_index[e]);
        }
        NavNode n;
        n.kind = NodeKind::Outdoor;
        n.position = lift(b_.to_site(d.point + kApronOffset_m * exit_outward_[e]), 0.0);
        n.area_m2 = (ex.width_m + kApronExtraWidth_m) * kApronDepth_m;
        n.building = -1;
        n.floor = 0;
        n.label = b_.id + "/" + ex.id + "/out";
        const NodeId apron = out_.add_node(std::move(n));
        NavLink l = make_link(from.node, apron, LinkKind::Exit, ex.width_m, from.length_m + kApronOffset_m, index_,
                              ex.pos, b_.id + "/" + ex.id);
        l.door = ex.door;
        if (exit_stair_[e] >= 0) l.stair = exit_stair_[e];
        net.exits.push_back(apron);
        net.exit_links.push_back(out_.add_link(std::move(l)));
      }
    }
  }

  // Elevator shafts between consecutive stops.
  for (std::size_t e = 0; e < b_.elevators.size(); ++e) {
    const ElevatorConfig& el = b_.elevators[e];
    ElevatorNet& lift = lifts[e];
    lift.building = index_;
    lift.index = static_cast<int32_t>(e);
    lift.id = b_.id + "/" + el.id;
    lift.capacity_persons = el.capacity_persons;
    lift.capacity_kg = el.capacity_kg;
    lift.speed_mps = el.speed_mps;
    lift.acceleration_mps2 = el.acceleration_mps2;
    lift.door_open_s = el.door_open_s;
    lift.door_close_s = el.door_close_s;
    lift.fire_service = el.fire_service;
    lift.origin = el.pos;
    for (std::size_t k = 0; k + 1 < lift.stops.size(); ++k) {
      const int f = lift.floors[k], g = lift.floors[k + 1];
      NavLink l = make_link(lift.stops[k], lift.stops[k + 1], LinkKind::Elevator, el.door_width_m,
                            b_.elevation_m(g) - b_.elevation_m(f), index_, el.pos,
                            lift.id + "/F" + str_int(f) + "-F" + str_int(g));
      l.elevator = static_cast<int32_t>(e);
      lift.links.push_back(out_.add_link(std::move(l)));
    }
    net.elevators.push_back(elevators.size());
    elevators.push_back(std::move(lift));
  }
}

// ------------------------------------------------------------------------------------------------
// The site: path network and what attaches to it

class SiteGenerator {
 public:
  SiteGenerator(const LayoutConfig& layout, Builder& out, Network& net) : layout_(layout), out_(out), net_(net) {}
  void run();

 private:
  struct Point {
    Vec2 p;
    std::string label;
    NodeId node;
  };
  struct Segment {
    std::size_t path, index;
    std::size_t a, b;  // points
    double width_m;
    std::vector<std::pair<double, std::size_t>> splits;  // (t, point)
  };
  struct Attachment {
    NodeId node;
    Vec2 at;
    double width_m;  // < 0: the width of the path it joins
    SourcePos origin;
  };

  std::size_t intern(Vec2 p, std::string label) {
    for (std::size_t i = 0; i < points_.size(); ++i)
      if (distance(points_[i].p, p) <= kMergeTolerance_m) return i;
    points_.push_back({p, std::move(label), NodeId()});
    return points_.size() - 1;
  }
  void split_segments();
  void attach_all(const std::vector<Attachment>& attachments);
  void emit_paths();

  const LayoutConfig& layout_;
  Builder& out_;
  Network& net_;
  std::vector<Point> points_;
  std::vector<Segment> segments_;
  struct PendingLink {
    NodeId node;
    std::size_t point;
    double length_m, width_m;
    SourcePos origin;
  };
  std::vector<PendingLink> pending_;
};

void SiteGenerator::split_segments() {
  const double tol = kMergeTolerance_m;
  // A path's vertex lying on another path's segment joins it there.
  const std::size_t vertex_count = points_.size();
  for (Segment& seg : segments_) {
    const Vec2 a = points_[seg.a].p, b = points_[seg.b].p;
    const double len = distance(a, b);
    for (std::size_t v = 0; v < vertex_count; ++v) {
      if (v == seg.a || v == seg.b) continue;
      const Vec2 p = points_[v].p;
      if (geo::distance_to_segment(p, a, b) > tol) continue;
      const double t = geo::project_on_segment(p, a, b);
      if (t * len <= tol || (1 - t) * len <= tol) continue;
      seg.splits.emplace_back(t, v);
    }
  }
  // Segments that cross meet at a new point.
  for (std::size_t i = 0; i < segments_.size(); ++i)
    for (std::size_t j = i + 1; j < segments_.size(); ++j) {
      Segment& s1 = segments_[i];
      Segment& s2 = segments_[j];
      double t = 0, u = 0;
      const Vec2 a = points_[s1.a].p, b = points_[s1.b].p;
      if (!geo::proper_crossing(a, b, points_[s2.a].p, points_[s2.b].p, t, u, 1e-9)) continue;
      const std::size_t p = intern(a + t * (b - a), {});
      if (p != s1.a && p != s1.b) s1.splits.emplace_back(t, p);
      if (p != s2.a && p != s2.b) s2.splits.emplace_back(u, p);
    }
}

void SiteGenerator::attach_all(const std::vector<Attachment>& attachments) {
  for (const Attachment& at : attachments) {
    if (segments_.empty()) {
      // No paths: a straight walk over open ground to the nearest assembly point.
      double best = std::numeric_limits<double>::infinity();
      NodeId to;
      for (const NodeId ap : net_.assembly_points) {
        if (ap == at.node) continue;
        const double d = distance(at.at, flat(out_.nodes[ap.index()].position));
        if (d < best) {
          best = d;
          to = ap;
        }
      }
      if (to.valid())
        out_.add_link(make_link(at.node, to, LinkKind::Path, at.width_m > 0 ? at.width_m : layout_.open_ground_width_m,
                                best, -1, at.origin));
      continue;
    }
    std::size_t best_seg = 0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < segments_.size(); ++i) {
      const double d = geo::distance_to_segment(at.at, points_[segments_[i].a].p, points_[segments_[i].b].p);
      if (d < best - 1e-12) {
        best = d;
        best_seg = i;
      }
    }
    Segment& seg = segments_[best_seg];
    const Vec2 a = points_[seg.a].p, b = points_[seg.b].p;
    const double t = geo::project_on_segment(at.at, a, b);
    const Vec2 q = a + t * (b - a);
    std::size_t p;
    if (distance(q, a) <= kMergeTolerance_m) {
      p = seg.a;
    } else if (distance(q, b) <= kMergeTolerance_m) {
      p = seg.b;
    } else {
      p = intern(q, {});
      if (p != seg.a && p != seg.b) seg.splits.emplace_back(t, p);
    }
    pending_.push_back({at.node, p, distance(at.at, points_[p].p), at.width_m > 0 ? at.width_m : seg.width_m, at.origin});
  }
}

void SiteGenerator::emit_paths() {
  // Chain every segment through its split points; name unnamed points after the segment.
  std::vector<std::vector<std::size_t>> chains;
  for (Segment& seg : segments_) {
    std::sort(seg.splits.begin(), seg.splits.end());
    std::vector<std::size_t> chain{seg.a};
    int k = 0;
    for (const auto& [t, p] : seg.splits) {
      if (p == chain.back()) continue;
      if (points_[p].label.empty())
        points_[p].label = "path:" + layout_.paths[seg.path].id + "/" + std::to_string(seg.index) + "." + std::to_string(++k);
      chain.push_back(p);
    }
    if (seg.b != chain.back()) chain.push_back(seg.b);
    chains.push_back(std::move(chain));
  }
  // Nodes, in the order the points were found.
  for (Point& pt : points_) {
    NavNode n;
    n.kind = NodeKind::Outdoor;
    n.position = lift(pt.p, 0.0);
    n.area_m2 = 0;
    n.label = pt.label.empty() ? "site:" + std::to_string(&pt - points_.data()) : pt.label;
    pt.node = out_.add_node(std::move(n));
  }
  // Links along the paths; a stretch two paths share is walked once.
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    const Segment& seg = segments_[i];
    const SitePathConfig& path = layout_.paths[seg.path];
    const std::vector<std::size_t>& chain = chains[i];
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      const std::size_t p = chain[k], q = chain[k + 1];
      if (!seen.emplace(std::min(p, q), std::max(p, q)).second) continue;
      const double len = distance(points_[p].p, points_[q].p);
      out_.add_link(make_link(points_[p].node, points_[q].node, LinkKind::Path, seg.width_m, len, -1, path.pos));
      out_.nodes[points_[p].node.index()].area_m2 += len / 2 * seg.width_m;
      out_.nodes[points_[q].node.index()].area_m2 += len / 2 * seg.width_m;
    }
  }
  for (Point& pt : points_) {
    double& a = out_.nodes[pt.node.index()].area_m2;
    a = std::max(a, kMinNodeArea_m2);
  }
  for (const PendingLink& pl : pending_)
    out_.add_link(make_link(pl.node, points_[pl.point].node, LinkKind::Path, pl.width_m, pl.length_m, -1, pl.origin));
}

void SiteGenerator::run() {
  // Gates, assembly points and stores.
  for (const GateConfig& g : layout_.gates) {
    NavNode n;
    n.kind = NodeKind::Gate;
    n.position = lift(g.at, 0.0);
    n.area_m2 = g.width_m * kGateDepth_m;
    n.label = "gate:" + g.id;
    net_.gates.push_back(out_.add_node(std::move(n)));
  }
  for (const AssemblyPointConfig& ap : layout_.assembly_points) {
    NavNode n;
    n.kind = NodeKind::AssemblyPoint;
    n.position = lift(ap.at, 0.0);
    n.area_m2 = ap.area_m2;
    n.label = "ap:" + ap.id;
    net_.assembly_points.push_back(out_.add_node(std::move(n)));
  }
  for (const StoreConfig& st : layout_.stores) {
    NavNode n;
    n.kind = NodeKind::Store;
    n.position = lift(st.at, 0.0);
    n.area_m2 = st.area_m2;
    n.label = "store:" + st.id;
    net_.stores.push_back(out_.add_node(std::move(n)));
  }

  // Path vertices, then the segments between them.
  std::vector<std::vector<std::size_t>> vertex(layout_.paths.size());
  for (std::size_t p = 0; p < layout_.paths.size(); ++p) {
    const SitePathConfig& path = layout_.paths[p];
    for (std::size_t i = 0; i < path.points.size(); ++i)
      vertex[p].push_back(intern(path.points[i], "path:" + path.id + "/" + std::to_string(i)));
  }
  for (std::size_t p = 0; p < layout_.paths.size(); ++p)
    for (std::size_t i = 0; i + 1 < vertex[p].size(); ++i)
      if (vertex[p][i] != vertex[p][i + 1])
        segments_.push_back({p, i, vertex[p][i], vertex[p][i + 1], layout_.paths[p].width_m, {}});
  split_segments();

  // What attaches: exits, gates, assembly points, stores (in this order).
  std::vector<Attachment> attachments;
  for (std::size_t b = 0; b < layout_.buildings.size(); ++b)
    for (std::size_t e = 0; e < net_.buildings[b].exits.size(); ++e) {
      const NodeId apron = net_.buildings[b].exits[e];
      attachments.push_back({apron, flat(out_.nodes[apron.index()].position), -1, layout_.buildings[b].exits[e].pos});
    }
  for (std::size_t i = 0; i < layout_.gates.size(); ++i)
    attachments.push_back({net_.gates[i], layout_.gates[i].at, layout_.gates[i].width_m, layout_.gates[i].pos});
  if (!segments_.empty())
    for (std::size_t i = 0; i < layout_.assembly_points.size(); ++i)
      attachments.push_back({net_.assembly_points[i], layout_.assembly_points[i].at, -1, layout_.assembly_points[i].pos});
  for (std::size_t i = 0; i < layout_.stores.size(); ++i)
    attachments.push_back({net_.stores[i], layout_.stores[i].at, -1, layout_.stores[i].pos});
  attach_all(attachments);
  emit_paths();
}

// ------------------------------------------------------------------------------------------------
// Explicit nodes and links, sensors

std::vector<std::string> all_labels(const Builder& out) {
  std::vector<std::string> v;
  v.reserve(out.nodes.size());
  for (const NavNode& n : out.nodes) v.push_back(n.label);
  return v;
}

NodeId resolve(const Builder& out, const std::string& label, const SourcePos& pos, Diagnostics& diag) {
  const NodeId id = out.find(label);
  if (!id.valid()) diag.error(pos, unknown(say(kUnknownNode, label), label, all_labels(out)));
  return id;
}

void apply_overrides(const LayoutConfig& layout, Builder& out, Diagnostics& diag) {
  for (const NodeOverride& o : layout.nodes) {
    int32_t building = -1;
    if (o.building) {
      for (std::size_t b = 0; b < layout.buildings.size(); ++b)
        if (layout.buildings[b].id == *o.building) building = static_cast<int32_t>(b);
      if (building < 0) {
        std::vector<std::string> ids;
        for (const BuildingConfig& b : layout.buildings) ids.push_back(b.id);
        diag.error(o.pos, unknown(say(kUnknownBuilding, *o.building), *o.building, ids));
      }
    }
    const NodeId existing = out.find(o.id);
    if (existing.valid()) {
      NavNode& n = out.nodes[existing.index()];
      if (o.kind) n.kind = *o.kind;
      if (o.at) n.position = *o.at;
      if (o.area_m2) n.area_m2 = *o.area_m2;
      if (o.building) n.building = building;
      if (o.floor) n.floor = *o.floor;
      continue;
    }
    if (!o.kind || !o.at || !o.area_m2) {
      diag.error(o.pos, say(kNewNode, o.id));
      continue;
    }
    NavNode n;
    n.kind = *o.kind;
    n.position = *o.at;
    n.area_m2 = *o.area_m2;
    n.building = building;
    n.floor = o.floor ? *o.floor : 0;
    n.label = o.id;
    out.add_node(std::move(n));
  }

  for (const LinkOverride& o : layout.links) {
    const NodeId a = resolve(out, o.from, o.from_pos, diag);
    const NodeId b = resolve(out, o.to, o.to_pos, diag);
    if (!a.valid() || !b.valid()) continue;
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < out.links.size(); ++i) {
      const NavLink& l = out.links[i];
      if (!out.removed[i] && ((l.a == a && l.b == b) || (l.a == b && l.b == a))) matches.push_back(i);
    }
    if (o.remove) {
      if (matches.empty()) diag.error(o.pos, say(kNoLinkToRemove, o.from, o.to));
      for (std::size_t i : matches) out.removed[i] = true;
      continue;
    }
    if (!matches.empty()) {
      for (std::size_t i : matches) {
        NavLink& l = out.links[i];
        if (o.kind) l.kind = *o.kind;
        if (o.width_m) l.width_m = *o.width_m;
        if (o.length_m) l.length_m = *o.length_m;
        if (o.door) l.door = *o.door;
        if (o.label) l.label = *o.label;
        l.origin = o.pos;
      }
      continue;
    }
    if (!o.width_m) {
      diag.error(o.pos, say(kNewLink, o.from, o.to));
      continue;
    }
    const NavNode& na = out.nodes[a.index()];
    const NavNode& nb = out.nodes[b.index()];
    NavLink l = make_link(a, b, o.kind ? *o.kind : LinkKind::Opening, *o.width_m,
                          o.length_m ? *o.length_m : geo::distance(na.position, nb.position),
                          na.building == nb.building ? na.building : -1, o.pos, o.label ? *o.label : std::string());
    if (o.door) l.door = *o.door;
    out.add_link(std::move(l));
  }
}

void place_sensors(const LayoutConfig& layout, const Builder& out, Network& net, Diagnostics& diag) {
  std::set<std::string> placed;
  auto place = [&](SensorKind kind, NodeId node, const SourcePos& origin) {
    const NavNode& n = out.nodes[node.index()];
    std::string id = std::string(to_string(kind)) + "@" + n.label;
    if (!placed.insert(id).second) return;  // two rules asking for the same sensor place one
    net.sensors.push_back({std::move(id), kind, node, n.position, origin});
  };
  for (const SensorRuleConfig& rule : layout.sensor_rules) {
    if (rule.per == SensorSite::Gate || rule.per == SensorSite::AssemblyPoint || rule.per == SensorSite::Store) {
      const std::vector<NodeId>& nodes = rule.per == SensorSite::Gate            ? net.gates
                                         : rule.per == SensorSite::AssemblyPoint ? net.assembly_points
                                                                                 : net.stores;
      for (const NodeId n : nodes) place(rule.kind, n, rule.pos);
      continue;
    }
    for (std::size_t bi = 0; bi < layout.buildings.size(); ++bi) {
      const BuildingConfig& b = layout.buildings[bi];
      const BuildingNet& bn = net.buildings[bi];
      if (!rule.buildings.empty() && std::find(rule.buildings.begin(), rule.buildings.end(), b.id) == rule.buildings.end())
        continue;
      auto floor_ok = [&](NodeId n) { return rule.floors.contains(out.nodes[n.index()].floor); };
      switch (rule.per) {
        case SensorSite::Unit:
          for (const NodeId n : bn.units)
            if (floor_ok(n)) place(rule.kind, n, rule.pos);
          break;
        case SensorSite::Corridor:
          for (std::size_t f = 1; f < bn.corridors.size(); ++f)
            for (const NodeId n : bn.corridors[f])
              if (floor_ok(n)) place(rule.kind, n, rule.pos);
          break;
        case SensorSite::GroundLobby:
          if (!bn.corridors.empty())
            for (const NodeId n : bn.corridors[0])
              if (floor_ok(n)) place(rule.kind, n, rule.pos);
          break;
        case SensorSite::Floor:
          for (const auto& floor_nodes : bn.corridors)
            if (!floor_nodes.empty() && floor_ok(floor_nodes.front())) place(rule.kind, floor_nodes.front(), rule.pos);
          break;
        case SensorSite::StairLanding:
          for (const auto& stair : bn.landings)
            for (const NodeId n : stair)
              if (floor_ok(n)) place(rule.kind, n, rule.pos);
          break;
        case SensorSite::Exit:
          for (const NodeId n : bn.exits) place(rule.kind, n, rule.pos);
          break;
        case SensorSite::Elevator:
          for (const std::size_t e : bn.elevators)
            if (!net.elevators[e].stops.empty()) place(rule.kind, net.elevators[e].stops.front(), rule.pos);
          break;
        case SensorSite::Gate:
        case SensorSite::AssemblyPoint:
        case SensorSite::Store:
          break;
      }
    }
  }
  for (const SensorConfig& s : layout.sensors) {
    const NodeId node = resolve(out, s.node, s.node_pos, diag);
    if (!node.valid()) continue;
    if (!placed.insert(s.id).second) {
      diag.error(s.pos, say(kSensorTwice, s.id));
      continue;
    }
    net.sensors.push_back({s.id, s.kind, node, s.at ? *s.at : out.nodes[node.index()].position, s.pos});
  }
}

}  // namespace

Network generate_network(const LayoutConfig& layout, Diagnostics& diag) {
  Network net;
  Builder out;
  net.buildings.resize(layout.buildings.size());
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const BuildingConfig& cfg = layout.buildings[b];
    if (cfg.footprint.size() < 3 || cfg.floors < 1) continue;  // reported by the loader
    BuildingGenerator(layout, cfg, static_cast<int32_t>(b), out, diag).run(net.buildings[b], net.elevators);
  }
  SiteGenerator(layout, out, net).run();
  apply_overrides(layout, out, diag);
  place_sensors(layout, out, net, diag);

  // The graph, without removed links (ids of the others shift down).
  std::vector<LinkId> remap(out.links.size());
  for (NavNode& n : out.nodes) net.graph.add_node(std::move(n));
  for (std::size_t i = 0; i < out.links.size(); ++i)
    if (!out.removed[i]) remap[i] = net.graph.add_link(std::move(out.links[i]));
  for (BuildingNet& b : net.buildings)
    for (LinkId& l : b.exit_links) l = remap[l.index()];
  for (ElevatorNet& e : net.elevators)
    for (LinkId& l : e.links) l = remap[l.index()];
  net.graph.finalize();
  return net;
}

}  // namespace dt
