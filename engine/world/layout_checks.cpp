#include "engine/world/layout_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/world/generator.h"
#include "engine/world/geometry.h"
#include "engine/world/routing.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kStairNarrow, "stair '{}' in building '{}' is {} wide; GB 50016-2014 5.5.30 asks for at least {}",
          "楼梯 '{}'（楼栋 '{}'）宽 {}；GB 50016-2014 第 5.5.30 条要求至少 {}");
DT_PHRASE(kStairPublic, "stair '{}' in building '{}' is {} wide; GB 50016-2014 5.5.18 asks for {} in high-rise public buildings",
          "楼梯 '{}'（楼栋 '{}'）宽 {}；GB 50016-2014 第 5.5.18 条要求高层公共建筑至少 {}");
DT_PHRASE(kStairDoorNarrow, "the door of stair '{}' in building '{}' is {} wide; GB 50016-2014 5.5.30 asks for at least {}",
          "楼梯 '{}'（楼栋 '{}'）的门宽 {}；GB 50016-2014 第 5.5.30 条要求至少 {}");
DT_PHRASE(kStairSteps, "stair '{}' in building '{}' has steps of {} × {}; GB 50096-2011 6.3.2 asks for risers <= 0.175 m and treads >= 0.26 m",
          "楼梯 '{}'（楼栋 '{}'）的踏步为 {} × {}；GB 50096-2011 第 6.3.2 条要求踏步高度 <= 0.175 m、宽度 >= 0.26 m");
DT_PHRASE(kExitNarrow, "exit '{}' in building '{}' is {} wide; GB 50016-2014 5.5.30 asks for at least {}",
          "出口 '{}'（楼栋 '{}'）宽 {}；GB 50016-2014 第 5.5.30 条要求至少 {}");
DT_PHRASE(kExitResidential, "exit '{}' in building '{}' is {} wide; GB 50016-2014 5.5.30 asks for {} at ground-floor exits of residential buildings",
          "出口 '{}'（楼栋 '{}'）宽 {}；GB 50016-2014 第 5.5.30 条要求住宅建筑首层出口至少 {}");
DT_PHRASE(kExitPublic, "exit '{}' in building '{}' is {} wide; GB 50016-2014 5.5.18 asks for {} at ground-floor exits of high-rise public buildings",
          "出口 '{}'（楼栋 '{}'）宽 {}；GB 50016-2014 第 5.5.18 条要求高层公共建筑首层出口至少 {}");
DT_PHRASE(kFlatDoorsNarrow, "flat doors in building '{}' are {} wide; GB 50016-2014 5.5.30 asks for at least {}",
          "楼栋 '{}' 的住户门宽 {}；GB 50016-2014 第 5.5.30 条要求至少 {}");
DT_PHRASE(kCorridorNarrow, "the corridor in building '{}' is {} wide; GB 50016-2014 5.5.30 / 5.5.18 ask for {}",
          "楼栋 '{}' 的走廊宽 {}；GB 50016-2014 第 5.5.30 / 5.5.18 条要求 {}");
DT_PHRASE(kExitsClose, "exits '{}' and '{}' of building '{}' are {} apart edge to edge; GB 50016-2014 5.5.2 asks for at least {}",
          "出口 '{}' 与 '{}'（楼栋 '{}'）边缘相距 {}；GB 50016-2014 第 5.5.2 条要求至少 {}");
DT_PHRASE(kStairDoorsClose, "the doors of stairs '{}' and '{}' of building '{}' are {} apart; GB 50016-2014 5.5.2 asks for 5 m (scissor stairs: see 5.5.28)",
          "楼梯 '{}' 与 '{}'（楼栋 '{}'）的门相距 {}；GB 50016-2014 第 5.5.2 条要求 5 m（剪刀楼梯见第 5.5.28 条）");
DT_PHRASE(kElevatorBeyond, "elevator '{}' serves floor {} but building '{}' has {} floor{}",
          "电梯 '{}' 服务第 {} 层，但楼栋 '{}' 只有 {} 层{}");
DT_PHRASE(kUnitsBeyond, "units are placed on floor {} but building '{}' has {} floor{}",
          "住户被布置在第 {} 层，但楼栋 '{}' 只有 {} 层{}");
DT_PHRASE(kBuilding, "building '{}'", "楼栋 '{}'");
DT_PHRASE(kOneStairHigh, "{} is {} high with {} stair; GB 50016-2014 5.5.25 asks for two exits per floor above 54 m",
          "{} 高 {}，只有 {} 部楼梯；GB 50016-2014 第 5.5.25 条要求 54 m 以上每层有两个安全出口");
DT_PHRASE(kFewLifts, "{} has {} floors and {} elevator(s); GB 50096-2011 6.4.2 asks for at least two from 12 floors",
          "{} 有 {} 层，电梯 {} 部；GB 50096-2011 第 6.4.2 条要求 12 层及以上至少两部");
DT_PHRASE(kNoLift, "{} has {} floors and no elevator; GB 50096-2011 6.4.1 asks for one from 7 floors",
          "{} 有 {} 层，没有电梯；GB 50096-2011 第 6.4.1 条要求 7 层及以上设电梯");
DT_PHRASE(kNoFireLift, "{} is {} high and has no firefighting lift (fire_service: true); GB 50016-2014 7.3.1 asks for one above 33 m",
          "{} 高 {}，没有消防电梯 (fire_service: true)；GB 50016-2014 第 7.3.1 条要求 33 m 以上设置消防电梯");
DT_PHRASE(kFireLiftSlow, "firefighting lift '{}' of {} needs {:.0f} s from the ground to the top floor; GB 50016-2014 7.3.8 asks for at most 60 s",
          "消防电梯 '{}'（{}）从首层到顶层需要 {:.0f} s；GB 50016-2014 第 7.3.8 条要求不超过 60 s");
DT_PHRASE(kTravelTooFar, "{} flat door(s) of building '{}' are farther from the nearest stair door than GB 50016-2014 5.5.29 allows; the worst, {}, walks {} (limit {})",
          "{} 个住户门（楼栋 '{}'）到最近楼梯门的距离超出 GB 50016-2014 第 5.5.29 条的限值；最远的 {} 需走 {}（限值 {}）");
DT_PHRASE(kExitOffOutline, "exit '{}' of building '{}' is {} off the footprint's outline",
          "出口 '{}'（楼栋 '{}'）偏离轮廓线 {}");
DT_PHRASE(kStairOutside, "stair '{}' of building '{}' stands outside the footprint", "楼梯 '{}'（楼栋 '{}'）位于轮廓之外");
DT_PHRASE(kElevatorOutside, "elevator '{}' of building '{}' stands outside the footprint", "电梯 '{}'（楼栋 '{}'）位于轮廓之外");
DT_PHRASE(kAreasExceed, "the flats ({} m²) and the corridor ({} m²) of building '{}' take more than its footprint ({} m²)",
          "住户（{} m²）与走廊（{} m²）（楼栋 '{}'）的面积之和超过了楼栋轮廓（{} m²）");
DT_PHRASE(kBuildingOutsideSite, "building '{}' reaches outside the site boundary", "楼栋 '{}' 超出了小区边界");
DT_PHRASE(kGateOff, "gate '{}' is {} off the site boundary", "大门 '{}' 偏离小区边界 {}");
DT_PHRASE(kAssemblyOutside, "assembly point '{}' is outside the site boundary", "集合点 '{}' 位于小区边界之外");
DT_PHRASE(kStoreOutside, "store '{}' is outside the site boundary", "物资库 '{}' 位于小区边界之外");
DT_PHRASE(kAssemblySmall, "the assembly points hold {:.0f} persons, fewer than the {:.0f} residents the flats house",
          "集合点可容纳 {:.0f} 人，少于住户中的 {:.0f} 名居民");
DT_PHRASE(kFootprintsOverlap, "the footprints of buildings '{}' and '{}' overlap", "楼栋 '{}' 与 '{}' 的轮廓重叠");
DT_PHRASE(kBuildingsClose, "buildings '{}' and '{}' are {} apart; GB 50016-2014 table 5.2.2 asks for {}",
          "楼栋 '{}' 与 '{}' 相距 {}；GB 50016-2014 表 5.2.2 要求 {}");
DT_PHRASE(kNoAssembly, "the layout has no assembly_points: nobody could reach safety", "布局中没有集合点（assembly_points）：无人能到达安全地点");
DT_PHRASE(kUnreachable, "{} of the {} flats of building '{}' cannot reach any assembly point on foot (e.g. {}); check its stairs, exits and the site paths",
          "{} 户（共 {} 户，楼栋 '{}'）无法步行到达任何集合点（例如 {}）；请检查其楼梯、出口和小区道路");
}  // namespace

using namespace code_limits;

namespace {

/// Up to two decimals, no trailing zeros: 1.1, 0.95, 40.
std::string fmt_num(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}
std::string fmt_m(double v) { return fmt_num(v) + " m"; }

std::vector<Vec2> site_footprint(const BuildingConfig& b) {
  std::vector<Vec2> out;
  out.reserve(b.footprint.size());
  for (const Vec2& p : b.footprint) out.push_back(b.to_site(p));
  return out;
}

void check_widths(const BuildingConfig& b, Diagnostics& diag) {
  const bool office_high = b.use == BuildingUse::Office && is_high_rise(b);
  for (const StairConfig& s : b.stairs) {
    if (s.width_m < kMinStairWidth_m)
      diag.error(s.width_pos, say(kStairNarrow, s.id, b.id, fmt_m(s.width_m), fmt_m(kMinStairWidth_m)));
    else if (office_high && s.width_m < kPublicHighRiseStair_m)
      diag.warning(s.width_pos, say(kStairPublic, s.id, b.id, fmt_m(s.width_m), fmt_m(kPublicHighRiseStair_m)));
    if (s.door_width_m && *s.door_width_m < kMinDoorWidth_m)
      diag.error(s.door_width_pos, say(kStairDoorNarrow, s.id, b.id, fmt_m(*s.door_width_m), fmt_m(kMinDoorWidth_m)));
    if (b.use == BuildingUse::Residential && (s.riser_m > kMaxRiser_m + 1e-9 || s.tread_m < kMinTread_m - 1e-9))
      diag.warning(s.step_pos, say(kStairSteps, s.id, b.id, fmt_m(s.riser_m), fmt_m(s.tread_m)));
  }
  for (const ExitConfig& e : b.exits) {
    if (e.width_m < kMinDoorWidth_m)
      diag.error(e.width_pos, say(kExitNarrow, e.id, b.id, fmt_m(e.width_m), fmt_m(kMinDoorWidth_m)));
    else if (b.use == BuildingUse::Residential && e.width_m < kResidentialGroundExit_m)
      diag.warning(e.width_pos, say(kExitResidential, e.id, b.id, fmt_m(e.width_m), fmt_m(kResidentialGroundExit_m)));
    else if (office_high && e.width_m < kPublicHighRiseGroundExit_m)
      diag.warning(e.width_pos, say(kExitPublic, e.id, b.id, fmt_m(e.width_m), fmt_m(kPublicHighRiseGroundExit_m)));
  }
  if (b.units.per_floor > 0 && b.units.door_width_m < kMinDoorWidth_m)
    diag.error(b.units.door_width_pos.line ? b.units.door_width_pos : b.units.pos,
               say(kFlatDoorsNarrow, b.id, fmt_m(b.units.door_width_m), fmt_m(kMinDoorWidth_m)));
  if (b.use != BuildingUse::Other && b.corridor.width_m < kMinCorridorWidth_m)
    diag.warning(b.corridor.width_pos.line ? b.corridor.width_pos : b.corridor.pos,
                 say(kCorridorNarrow, b.id, fmt_m(b.corridor.width_m), fmt_m(kMinCorridorWidth_m)));
}

void check_exits_apart(const BuildingConfig& b, const BuildingNet& bn, const NavGraph& g, Diagnostics& diag) {
  // Ground exits: edge to edge along the outline ≈ centre distance minus half of each width.
  for (std::size_t i = 0; i < b.exits.size() && i < bn.exits.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const Vec3 a = g.node(bn.exits[i]).position, c = g.node(bn.exits[j]).position;
      const double gap = geo::distance(Vec2{a.x, a.y}, Vec2{c.x, c.y}) - (b.exits[i].width_m + b.exits[j].width_m) / 2;
      if (gap < kMinExitSpacing_m)
        diag.error(b.exits[i].at_pos.line ? b.exits[i].at_pos : b.exits[i].pos,
                   say(kExitsClose, b.exits[j].id, b.exits[i].id, b.id, fmt_m(std::max(gap, 0.0)),
                       fmt_m(kMinExitSpacing_m)));
    }
  // Stair doors on a floor.
  for (std::size_t i = 0; i < b.stairs.size() && i < bn.landings.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      if (bn.landings[i].empty() || bn.landings[j].empty()) continue;
      const Vec3 a = g.node(bn.landings[i][0]).position, c = g.node(bn.landings[j][0]).position;
      const double wi = b.stairs[i].door_width_m.value_or(b.stairs[i].width_m);
      const double wj = b.stairs[j].door_width_m.value_or(b.stairs[j].width_m);
      const double gap = geo::distance(Vec2{a.x, a.y}, Vec2{c.x, c.y}) - (wi + wj) / 2;
      if (gap < kMinExitSpacing_m)
        diag.warning(b.stairs[i].at_pos.line ? b.stairs[i].at_pos : b.stairs[i].pos,
                     say(kStairDoorsClose, b.stairs[j].id, b.stairs[i].id, b.id, fmt_m(std::max(gap, 0.0))));
    }
}

void check_floors(const BuildingConfig& b, Diagnostics& diag) {
  // `said` says it with the floor, the building, its floor count and the plural ending.
  auto beyond = [&](const FloorSet& fs, auto said) {
    if (fs.all) return;
    for (std::size_t r = 0; r < fs.ranges.size(); ++r)
      if (fs.ranges[r].second > b.floors)
        diag.error(r < fs.range_pos.size() ? fs.range_pos[r] : fs.pos,
                   said(fs.ranges[r].second, b.id, b.floors, lang() == Lang::En && b.floors != 1 ? "s" : ""));
  };
  for (const ElevatorConfig& e : b.elevators)
    beyond(e.floors, [&](int floor, const std::string& id, int floors, const char* s) {
      return say(kElevatorBeyond, e.id, floor, id, floors, s);
    });
  if (b.units.per_floor > 0)
    beyond(b.units.floors, [&](int floor, const std::string& id, int floors, const char* s) {
      return say(kUnitsBeyond, floor, id, floors, s);
    });
}

void check_vertical(const BuildingConfig& b, const std::vector<ElevatorNet>& elevators, const BuildingNet& bn,
                    Diagnostics& diag) {
  const double h = b.height_m();
  const std::string name = say(kBuilding, b.id);
  if (b.use == BuildingUse::Residential) {
    if (h > kTwoStairsAbove_m && b.stairs.size() < 2)
      diag.warning(b.pos, say(kOneStairHigh, name, fmt_m(h), b.stairs.size()));
    if (b.floors >= kTwoLiftsFromFloor && b.elevators.size() < 2)
      diag.warning(b.pos, say(kFewLifts, name, b.floors, b.elevators.size()));
    else if (b.floors >= kLiftFromFloor && b.elevators.empty())
      diag.warning(b.pos, say(kNoLift, name, b.floors));
    if (h > kFireLiftAbove_m &&
        std::none_of(b.elevators.begin(), b.elevators.end(), [](const ElevatorConfig& e) { return e.fire_service; }))
      diag.warning(b.pos, say(kNoFireLift, name, fmt_m(h)));
  }
  for (const std::size_t e : bn.elevators) {
    const ElevatorNet& lift = elevators[e];
    if (!lift.fire_service || lift.floors.size() < 2) continue;
    const double rise = b.elevation_m(lift.floors.back()) - b.elevation_m(lift.floors.front());
    const double v = lift.speed_mps, a = lift.acceleration_mps2;
    const double t = rise >= v * v / a ? rise / v + v / a : 2 * std::sqrt(rise / a);
    if (t > kFireLiftToTop_s) {
      const ElevatorConfig& cfg = b.elevators[static_cast<std::size_t>(lift.index)];
      diag.warning(cfg.speed_pos.line ? cfg.speed_pos : cfg.pos,
                   say(kFireLiftSlow, cfg.id, name, t));
    }
  }
}

void check_travel_distance(const BuildingConfig& b, const BuildingNet& bn, const NavGraph& g, Diagnostics& diag) {
  std::size_t over = 0;
  double worst_excess = -1, worst_d = 0, worst_limit = 0;
  std::string worst;
  for (const UnitDoorDistance& u : bn.unit_doors) {
    const double limit = door_to_exit_limit_m(b, u.between_two_exits);
    if (u.to_exit_m <= limit + 1e-9 || std::isinf(u.to_exit_m)) continue;  // no stair at all: unreachable
    ++over;
    if (u.to_exit_m - limit > worst_excess) {
      worst_excess = u.to_exit_m - limit;
      worst_d = u.to_exit_m;
      worst_limit = limit;
      worst = g.node(u.unit).label;
    }
  }
  if (over == 0) return;
  diag.warning(b.units.pos.line ? b.units.pos : b.pos,
               say(kTravelTooFar, over, b.id, worst, fmt_m(worst_d), fmt_m(worst_limit)));
}

void check_placement(const LayoutConfig& layout, const BuildingConfig& b, Diagnostics& diag) {
  if (b.footprint.size() < 3) return;
  for (const ExitConfig& e : b.exits) {
    if (!e.at) continue;
    const double d = geo::nearest_outline_point(*e.at, b.footprint).distance;
    if (d > kOnOutlineTolerance_m)
      diag.warning(e.at_pos, say(kExitOffOutline, e.id, b.id, fmt_m(d)));
  }
  for (const StairConfig& s : b.stairs)
    if (s.at && !geo::inside_or_on(*s.at, b.footprint, kOnOutlineTolerance_m))
      diag.warning(s.at_pos, say(kStairOutside, s.id, b.id));
  for (const ElevatorConfig& e : b.elevators)
    if (e.at && !geo::inside_or_on(*e.at, b.footprint, kOnOutlineTolerance_m))
      diag.warning(e.at_pos, say(kElevatorOutside, e.id, b.id));
  const double fp = geo::area(b.footprint);
  double units = 0;
  if (b.units.per_floor > 0) {
    if (b.units.shares.empty()) units = b.units.share * fp;
    for (double s : b.units.shares) units += s * fp;
  }
  const double corridor = b.corridor.kind == CorridorKind::Lobby && b.corridor.area_m2
                              ? *b.corridor.area_m2
                              : [&] {
                                  std::vector<Vec2> spine = b.corridor.path;
                                  if (spine.size() < 2) {
                                    const geo::Box box = geo::bounding_box(b.footprint);
                                    return std::max(box.max.x - box.min.x, box.max.y - box.min.y) * b.corridor.width_m;
                                  }
                                  return geo::Polyline(spine).length() * b.corridor.width_m;
                                }();
  if (units + corridor > fp * 1.0001)
    diag.warning(b.units.pos.line ? b.units.pos : b.pos,
                 say(kAreasExceed, fmt_num(units), fmt_num(corridor), b.id, fmt_num(fp)));
  if (layout.site_boundary.size() >= 3)
    for (const Vec2& p : site_footprint(b))
      if (!geo::inside_or_on(p, layout.site_boundary, kOnOutlineTolerance_m)) {
        diag.warning(b.at_pos.line ? b.at_pos : b.pos, say(kBuildingOutsideSite, b.id));
        break;
      }
}

void check_site(const LayoutConfig& layout, double residents, Diagnostics& diag) {
  const auto& site = layout.site_boundary;
  if (site.size() >= 3) {
    for (const GateConfig& gate : layout.gates) {
      const double d = geo::nearest_outline_point(gate.at, site).distance;
      if (d > kOnOutlineTolerance_m + gate.width_m / 2)
        diag.warning(gate.at_pos, say(kGateOff, gate.id, fmt_m(d)));
    }
    for (const AssemblyPointConfig& ap : layout.assembly_points)
      if (!geo::inside_or_on(ap.at, site, kOnOutlineTolerance_m))
        diag.warning(ap.at_pos, say(kAssemblyOutside, ap.id));
    for (const StoreConfig& s : layout.stores)
      if (!geo::inside_or_on(s.at, site, kOnOutlineTolerance_m))
        diag.warning(s.at_pos, say(kStoreOutside, s.id));
  }
  double capacity = 0;
  for (const AssemblyPointConfig& ap : layout.assembly_points) capacity += ap.capacity_persons;
  if (!layout.assembly_points.empty() && capacity + 1e-9 < residents) {
    diag.warning(layout.assembly_points.front().capacity_pos,
                 say(kAssemblySmall, capacity, residents));
  }
}

void check_buildings_apart(const LayoutConfig& layout, Diagnostics& diag) {
  std::vector<std::vector<Vec2>> fps;
  for (const BuildingConfig& b : layout.buildings) fps.push_back(site_footprint(b));
  for (std::size_t i = 0; i < layout.buildings.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const BuildingConfig& a = layout.buildings[i];
      const BuildingConfig& c = layout.buildings[j];
      if (fps[i].size() < 3 || fps[j].size() < 3) continue;
      const SourcePos& where = a.at_pos.line ? a.at_pos : a.footprint_pos.line ? a.footprint_pos : a.pos;
      if (geo::interiors_overlap(fps[i], fps[j])) {
        diag.error(where, say(kFootprintsOverlap, c.id, a.id));
        continue;
      }
      const double gap = geo::outline_distance(fps[i], fps[j]);
      const bool hi = is_high_rise(a), hj = is_high_rise(c);
      const double need = hi && hj ? kSeparationHighRise_m : (hi || hj) ? kSeparationHighToLow_m : kSeparationLowRise_m;
      if (gap > 1e-6 && gap < need)
        diag.warning(where, say(kBuildingsClose, c.id, a.id, fmt_m(gap), fmt_m(need)));
    }
}

void check_reachability(const LayoutConfig& layout, const Network& net, Diagnostics& diag) {
  if (net.assembly_points.empty()) {
    diag.error(layout.pos, say(kNoAssembly));
    return;
  }
  const std::vector<uint8_t> ok = reachable_on_foot(net.graph, net.assembly_points);
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const BuildingConfig& cfg = layout.buildings[b];
    std::size_t stuck = 0;
    std::string first;
    for (const NodeId u : net.buildings[b].units)
      if (ok[u.index()] == 0 && stuck++ == 0) first = net.graph.node(u).label;
    if (stuck == 0) continue;
    diag.error(cfg.units.pos.line ? cfg.units.pos : cfg.pos,
               say(kUnreachable, stuck, net.buildings[b].units.size(), cfg.id, first));
  }
}

}  // namespace

bool is_high_rise(const BuildingConfig& b) {
  return b.height_m() > (b.use == BuildingUse::Residential ? kResidentialHighRise_m : kPublicHighRise_m);
}

double door_to_exit_limit_m(const BuildingConfig& b, bool between_two_exits) {
  const double base = between_two_exits ? kTravelBetweenExits_m
                      : is_high_rise(b) ? kTravelDeadEndHighRise_m
                                        : kTravelDeadEndLowRise_m;
  return b.sprinklered ? base * kSprinklerFactor : base;
}

std::vector<uint8_t> reachable_on_foot(const NavGraph& graph, std::span<const NodeId> from) {
  std::vector<uint8_t> seen(graph.node_count(), 0);
  std::vector<NodeId> stack(from.begin(), from.end());
  for (const NodeId n : from) seen[n.index()] = 1;
  while (!stack.empty()) {
    const NodeId u = stack.back();
    stack.pop_back();
    for (const LinkId l : graph.links_of(u)) {
      if (graph.link(l).kind == LinkKind::Elevator) continue;
      const NodeId v = graph.other_end(l, u);
      if (seen[v.index()] == 0) {
        seen[v.index()] = 1;
        stack.push_back(v);
      }
    }
  }
  return seen;
}

void check_layout(const LayoutConfig& layout, const Network& net, Diagnostics& diag) {
  double residents = 0;
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const BuildingConfig& cfg = layout.buildings[b];
    const BuildingNet& bn = net.buildings[b];
    residents += static_cast<double>(bn.units.size()) * layout.persons_per_household;
    if (cfg.footprint.size() < 3 || cfg.floors < 1) continue;  // reported by the loader
    check_floors(cfg, diag);
    check_widths(cfg, diag);
    check_exits_apart(cfg, bn, net.graph, diag);
    check_vertical(cfg, net.elevators, bn, diag);
    check_travel_distance(cfg, bn, net.graph, diag);
    check_placement(layout, cfg, diag);
  }
  check_buildings_apart(layout, diag);
  check_site(layout, residents, diag);
  check_reachability(layout, net, diag);
}

Network build_network(const LayoutConfig& layout, Diagnostics& diag) {
  Network net = generate_network(layout, diag);
  check_layout(layout, net, diag);
  diag.throw_if_errors();
  return net;
}

}  // namespace dt
