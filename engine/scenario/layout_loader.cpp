#include "engine/scenario/layout_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "engine/kernel/suggest.h"
#include "engine/world/geometry.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kThingStair, "stair", "楼梯");
DT_PHRASE(kThingElevator, "elevator", "电梯");
DT_PHRASE(kThingExit, "exit", "出口");
DT_PHRASE(kThingBuilding, "building", "楼栋");
DT_PHRASE(kThingPath, "path", "道路");
DT_PHRASE(kThingGate, "gate", "大门");
DT_PHRASE(kThingAssembly, "assembly point", "集合点");
DT_PHRASE(kThingStore, "store", "物资库");
DT_PHRASE(kThingService, "service", "服务设施");
DT_PHRASE(kTwoUsualExits, "{}: exits '{}' and '{}' are both marked `usual: true`; a building has at most one usual exit",
          "{}：出口 '{}' 与 '{}' 都标记了 `usual: true`；每栋楼最多只有一个常用出口");
DT_PHRASE(kThingCore, "stair, elevator or exit", "楼梯、电梯或出口");
DT_PHRASE(kThingFlatDoors, "flat doors", "住户门");
DT_PHRASE(kThingACorridor, "a corridor", "走廊");
DT_PHRASE(kThingAFootprint, "a footprint", "楼栋轮廓");
DT_PHRASE(kThingAPath, "a path", "道路");
DT_PHRASE(kThingASiteBoundary, "a site boundary", "小区边界");

/// A thing named in English in this file ("stair", "a footprint") in the current language.
std::string thing(const std::string& en) {
  for (const Phrase* p : {&kThingStair, &kThingElevator, &kThingExit, &kThingBuilding, &kThingPath, &kThingGate,
                          &kThingAssembly, &kThingStore, &kThingService, &kThingCore, &kThingFlatDoors, &kThingACorridor,
                          &kThingAFootprint, &kThingAPath, &kThingASiteBoundary})
    if (en == p->en) return say(*p);
  return en;
}

// Between the items of a list of ids in a message (the Chinese enumeration comma).
DT_PHRASE(kListComma, ", ", "、");
DT_PHRASE(kBadId, "{} id '{}' must be 1-64 letters, digits, '_', '-' or '.'", "{} 编号 '{}' 必须由 1-64 个字母、数字、'_'、'-' 或 '.' 组成");
DT_PHRASE(kPoint2, "'{}' must be a point [x, y] in metres (found {} numbers)", "'{}' 必须是以米为单位的点 [x, y]（实际有 {} 个数）");
DT_PHRASE(kPoint3, "'{}' must be a point [x, y] or [x, y, z] in metres", "'{}' 必须是以米为单位的点 [x, y] 或 [x, y, z]");
DT_PHRASE(kTooFewPoints, "'{}' needs at least {} points for {} (found {})", "'{}' 至少需要 {} 个点才能构成{}（实际为 {} 个）");
DT_PHRASE(kFloorSet, "'{}' must be all, a floor number, a range like 2-33 or a list of those",
          "'{}' 必须是 all、楼层号、形如 2-33 的范围，或由它们组成的列表");
DT_PHRASE(kFoundKind, " (found {})", "（实际为{}）");
DT_PHRASE(kFoundQuoted, " (found '{}')", "（实际为 '{}'）");
DT_PHRASE(kFloorsUpwards, "'{}': floors are numbered from 1 and a range goes upwards (found '{}')",
          "'{}'：楼层从 1 开始编号，范围须从低到高（实际为 '{}'）");
DT_PHRASE(kEmptyFloors, "'{}' is an empty list of floors", "'{}' 是空的楼层列表");
DT_PHRASE(kIdTwice, "{} id '{}' is used twice (first at line {})", "{} 编号 '{}' 被使用了两次（首次在第 {} 行）");
DT_PHRASE(kFootprintShape, "'{}' must be a list of [x, y] points or a rectangle {{width_m: W, depth_m: D}}",
          "'{}' 必须是 [x, y] 点的列表，或矩形 {{width_m: W, depth_m: D}}");
DT_PHRASE(kBuildingName, "building '{}'", "楼栋 '{}'");
DT_PHRASE(kMissingFootprint, "missing footprint in {} (give it here or in its type)", "{} 缺少轮廓 footprint（请在此处或其类型中给出）");
DT_PHRASE(kFootprintCrosses, "the footprint of {} crosses itself or repeats a point", "{} 的轮廓自相交或有重复的点");
DT_PHRASE(kFootprintNoArea, "the footprint of {} has no area", "{} 的轮廓面积为零");
DT_PHRASE(kMissingFloors, "missing floors in {} (give it here or in its type)", "{} 缺少楼层数 floors（请在此处或其类型中给出）");
DT_PHRASE(kSharesCount, "units.shares of {} lists {} flats but units.per_floor is {}",
          "{} 的 units.shares 列出了 {} 户，但 units.per_floor 为 {}");
DT_PHRASE(kSharesSum, "units.shares of {} add up to {:.3g}, more than the whole footprint",
          "{} 的 units.shares 之和为 {:.3g}，超过了整个楼层面积");
DT_PHRASE(kSharePositive, "units.share of {} must be > 0 when it has flats", "{} 有住户时 units.share 必须 > 0");
DT_PHRASE(kDoorsCount, "units.doors of {} gives {} door points but units.per_floor is {}",
          "{} 的 units.doors 给出了 {} 个门位置，但 units.per_floor 为 {}");
DT_PHRASE(kAssemblyNeeds, "assembly point '{}' needs capacity_persons or area_m2 (or both)",
          "集合点 '{}' 需要 capacity_persons 或 area_m2（或两者都给）");
DT_PHRASE(kMissingPer, "missing required key 'per' in '{}'", "缺少必需的键 'per'（位于 '{}'）");
DT_PHRASE(kBuildingsNotApply, "'buildings' does not apply to sensors per gate, assembly point or store",
          "'buildings' 不适用于按大门、集合点或物资库布置的传感器");
DT_PHRASE(kRemovedLink, "a link that is removed takes no other settings", "被删除的连接不能再有其他设置");
DT_PHRASE(kBoundaryCrosses, "the site boundary crosses itself or repeats a point", "小区边界自相交或有重复的点");
DT_PHRASE(kBadTypeName, "building type name '{}' must be 1-64 letters, digits, '_', '-' or '.'",
          "楼栋类型名 '{}' 必须由 1-64 个字母、数字、'_'、'-' 或 '.' 组成");
DT_PHRASE(kNeedsBuilding, "a layout needs at least one building", "布局至少需要一栋楼");
DT_PHRASE(kUnknownType, "unknown building type '{}'", "未知的楼栋类型 '{}'");
DT_PHRASE(kDidYouMeanType, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kTypesDefined, "; building_types defines: {}", "；building_types 中定义了：{}");
DT_PHRASE(kServiceWhere, "service '{}' needs exactly one of 'at' (a point) or 'building' (a building id)",
          "服务设施 '{}' 需要且只能给出 'at'（位置点）或 'building'（楼栋编号）之一");
DT_PHRASE(kServiceUnknownBuilding, "service '{}': unknown building '{}'", "服务设施 '{}'：未知的楼栋 '{}'");
DT_PHRASE(kDidYouMeanBuilding, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kOpeningHours, "'{}' must be 24/7 or a daily time range HH:MM-HH:MM, e.g. 07:00-20:00 (found '{}')",
          "'{}' 必须是 24/7 或每日时段 HH:MM-HH:MM，例如 07:00-20:00（实际为 '{}'）");
DT_PHRASE(kNoTypes, "; the layout has no building_types", "；该布局没有 building_types");
}  // namespace

namespace {

// Limits that catch typing mistakes (a floor height of 290 m, 3000 floors), not design rules.
const Range kLength = Range::greater_than(0).at_most(10'000);  // [m]
const Range kWidth = Range::greater_than(0).at_most(100);      // [m]
const Range kArea = Range::greater_than(0).at_most(1e7);       // [m²]
const Range kCoordinate = Range::between(-1e6, 1e6);           // [m]

bool valid_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

std::string read_id(MapReader& m, const std::string& what, std::string fallback = {}) {
  const bool required = fallback.empty();
  std::string id = required ? m.text("id") : m.text("id", fallback);
  if ((m.has("id") || required) && !id.empty() && !valid_id(id))
    m.error("id", say(kBadId, thing(what), id));
  return id;
}

// --- points, polygons, floor sets ------------------------------------------------------------------

std::optional<Vec2> read_point(const ValueReader& v) {
  const std::vector<ValueReader> items = v.list();
  if (!v.node().is_sequence()) return std::nullopt;  // reported by list()
  if (items.size() != 2) {
    v.error(say(kPoint2, v.path(), items.size()));
    return std::nullopt;
  }
  const auto x = items[0].try_number(kCoordinate);
  const auto y = items[1].try_number(kCoordinate);
  if (!x || !y) return std::nullopt;
  return Vec2{*x, *y};
}

std::optional<Vec2> optional_point(MapReader& m, std::string_view key) {
  const auto v = m.optional_value(key);
  return v ? read_point(*v) : std::nullopt;
}

Vec2 required_point(MapReader& m, std::string_view key) {
  const ValueReader v = m.value(key);
  return read_point(v).value_or(Vec2{});
}

std::optional<Vec3> read_point3(const ValueReader& v) {
  const std::vector<ValueReader> items = v.list();
  if (!v.node().is_sequence()) return std::nullopt;
  if (items.size() != 2 && items.size() != 3) {
    v.error(say(kPoint3, v.path()));
    return std::nullopt;
  }
  Vec3 p;
  const auto x = items[0].try_number(kCoordinate);
  const auto y = items[1].try_number(kCoordinate);
  const auto z = items.size() == 3 ? items[2].try_number(kCoordinate) : std::optional<double>(0.0);
  if (!x || !y || !z) return std::nullopt;
  return Vec3{*x, *y, *z};
}

/// A list of at least `min_points` points; `point_pos` gets each point's position.
std::vector<Vec2> read_points(const ValueReader& v, std::size_t min_points, const std::string& what,
                              std::vector<SourcePos>* point_pos = nullptr) {
  std::vector<Vec2> pts;
  const std::vector<ValueReader> items = v.list();
  if (!v.node().is_sequence()) return pts;
  bool ok = true;
  for (const ValueReader& item : items) {
    const auto p = read_point(item);
    ok = ok && p.has_value();
    if (p) pts.push_back(*p);
    if (point_pos) point_pos->push_back(item.pos());
  }
  if (ok && pts.size() < min_points)
    v.error(say(kTooFewPoints, v.path(), min_points, thing(what), pts.size()));
  return ok ? pts : std::vector<Vec2>{};
}

/// "all" | N | "A-B" | a list of N and "A-B".
FloorSet read_floor_set(const ValueReader& v) {
  FloorSet fs;
  fs.pos = v.pos();
  const std::string what = say(kFloorSet, v.path());
  auto one = [&](const ValueReader& item) {
    const YamlNode& n = item.node();
    if (!n.is_scalar() || n.quoted()) {
      item.error(what + say(kFoundKind, n.kind_name()));
      return;
    }
    const std::string& s = n.scalar();
    int lo = 0, hi = 0;
    const char* p = s.data();
    const char* end = p + s.size();
    auto r = std::from_chars(p, end, lo);
    bool ok = r.ec == std::errc() && r.ptr != p;
    if (ok && r.ptr == end) {
      hi = lo;
    } else if (ok && *r.ptr == '-') {
      const char* q = r.ptr + 1;
      auto r2 = std::from_chars(q, end, hi);
      ok = r2.ec == std::errc() && r2.ptr == end && r2.ptr != q;
    } else {
      ok = false;
    }
    if (!ok) {
      item.error(what + say(kFoundQuoted, s));
      return;
    }
    if (lo < 1 || hi < lo) {
      item.error(say(kFloorsUpwards, item.path(), s));
      return;
    }
    fs.ranges.emplace_back(lo, hi);
    fs.range_pos.push_back(item.pos());
  };
  const YamlNode& n = v.node();
  if (n.is_scalar() && !n.quoted() && n.scalar() == "all") return fs;
  fs.all = false;
  if (n.is_sequence()) {
    for (const ValueReader& item : v.list()) one(item);
    if (n.items().empty()) v.error(say(kEmptyFloors, v.path()));
  } else {
    one(v);
  }
  return fs;
}

template <class E>
E read_enum(MapReader& m, std::string_view key, const std::vector<std::pair<std::string, E>>& options, E fallback) {
  std::vector<std::string> names;
  for (const auto& o : options) names.push_back(o.first);
  if (!m.has(key)) {
    (void)m.optional_value(key);  // registers the key for suggestions
    return fallback;
  }
  const std::string s = m.choice(key, names, names.front());
  for (const auto& o : options)
    if (o.first == s) return o.second;
  return fallback;
}

const std::vector<std::pair<std::string, DoorType>> kDoorTypes = {
    {"swing", DoorType::Swing}, {"sliding", DoorType::Sliding}, {"revolving", DoorType::Revolving}, {"opening", DoorType::Opening}};
const std::vector<std::pair<std::string, NodeKind>> kNodeKinds = {
    {"unit", NodeKind::Unit},           {"corridor", NodeKind::Corridor},  {"stair_landing", NodeKind::StairLanding},
    {"ground_lobby", NodeKind::GroundLobby}, {"outdoor", NodeKind::Outdoor}, {"gate", NodeKind::Gate},
    {"assembly_point", NodeKind::AssemblyPoint}, {"store", NodeKind::Store}};
const std::vector<std::pair<std::string, LinkKind>> kLinkKinds = {
    {"opening", LinkKind::Opening}, {"door", LinkKind::Door}, {"stair", LinkKind::Stair},
    {"elevator", LinkKind::Elevator}, {"path", LinkKind::Path}, {"exit", LinkKind::Exit}};
const std::vector<std::pair<std::string, SensorKind>> kSensorKinds = {
    {"smoke_detector", SensorKind::SmokeDetector}, {"heat_detector", SensorKind::HeatDetector},
    {"camera", SensorKind::Camera}, {"water_leak", SensorKind::WaterLeak}, {"elevator_fault", SensorKind::ElevatorFault},
    {"manual_call_point", SensorKind::ManualCallPoint}};
const std::vector<std::pair<std::string, SensorSite>> kSensorSites = {
    {"corridor", SensorSite::Corridor}, {"unit", SensorSite::Unit}, {"ground_lobby", SensorSite::GroundLobby},
    {"floor", SensorSite::Floor}, {"stair_landing", SensorSite::StairLanding}, {"exit", SensorSite::Exit},
    {"elevator", SensorSite::Elevator}, {"gate", SensorSite::Gate}, {"assembly_point", SensorSite::AssemblyPoint},
    {"store", SensorSite::Store}};
const std::vector<std::pair<std::string, StoreKind>> kStoreKinds = {
    {"daily_necessities", StoreKind::DailyNecessities}, {"medical", StoreKind::Medical}, {"energy", StoreKind::Energy}};

const std::vector<std::pair<std::string, ServiceKind>> kServiceKinds = [] {
  std::vector<std::pair<std::string, ServiceKind>> v;
  for (std::size_t i = 0; i < kServiceKindCount; ++i) v.emplace_back(service_kind_names()[i], static_cast<ServiceKind>(i));
  return v;
}();

/// "24/7" → whole day; "HH:MM-HH:MM" → [from, until) in minutes after midnight (until may be
/// earlier than from: open past midnight; 24:00 closes at midnight).
std::optional<std::pair<int, int>> parse_opening_hours(const std::string& s) {
  if (s == "24/7") return std::pair{0, 24 * 60};
  auto clock = [](std::string_view t) -> std::optional<int> {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
  };
  const std::size_t dash = s.find('-');
  if (dash == std::string::npos) return std::nullopt;
  const auto from = clock(std::string_view(s).substr(0, dash));
  const auto until = clock(std::string_view(s).substr(dash + 1));
  if (!from || !until || *from == *until || *from == 24 * 60) return std::nullopt;
  return std::pair{*from, *until};
}

/// Checks that ids are unique within one list.
void unique_ids(Diagnostics& diag, const std::string& what, const std::vector<std::pair<std::string, SourcePos>>& ids) {
  std::map<std::string, SourcePos> seen;
  for (const auto& [id, pos] : ids) {
    if (id.empty()) continue;
    const auto [it, fresh] = seen.emplace(id, pos);
    if (!fresh) diag.error(pos, say(kIdTwice, thing(what), id, it->second.line));
  }
}

// --- buildings ---------------------------------------------------------------------------------------

/// What a building got from its type or its own entry beyond BuildingConfig's fields.
struct BuildingDraft {
  BuildingConfig b;
  bool has_stairs = false;
  bool has_exits = false;
  bool unknown_type = false;  // reported; what the type would have given is not missing twice
};

void read_units(MapReader m, UnitsConfig& u) {
  u.pos = m.pos();
  u.per_floor = static_cast<int>(m.integer("per_floor", u.per_floor, Range::between(0, 100)));
  if (m.has("share")) u.share_pos = m.value_pos("share");
  u.share = m.number("share", u.share, Range::between(0, 1));
  if (const auto v = m.optional_value("shares")) {
    u.share_pos = v->pos();
    u.shares.clear();
    for (const ValueReader& item : v->list())
      if (const auto s = item.try_number(Range::greater_than(0).at_most(1))) u.shares.push_back(*s);
  }
  if (m.has("door_width_m")) u.door_width_pos = m.value_pos("door_width_m");
  u.door_width_m = m.number("door_width_m", u.door_width_m, kWidth);
  if (const auto v = m.optional_value("floors")) u.floors = read_floor_set(*v);
  if (const auto v = m.optional_value("doors")) {
    u.door_pos.clear();
    u.doors = read_points(*v, 1, "flat doors", &u.door_pos);
  }
}

void read_corridor(MapReader m, CorridorConfig& c) {
  c.pos = m.pos();
  c.kind = read_enum<CorridorKind>(m, "kind", {{"lobby", CorridorKind::Lobby}, {"corridor", CorridorKind::Corridor}}, c.kind);
  if (m.has("width_m")) c.width_pos = m.value_pos("width_m");
  c.width_m = m.number("width_m", c.width_m, kWidth);
  if (const auto v = m.optional_value("path")) {
    c.path_pos = v->pos();
    c.path = read_points(*v, 2, "a corridor");
  }
  if (const auto p = optional_point(m, "at")) c.at = p;
  if (const auto a = m.optional_number("area_m2", kArea)) c.area_m2 = a;
  if (const auto a = m.optional_number("ground_area_m2", kArea)) c.ground_area_m2 = a;
}

StairConfig read_stair(MapReader m, std::size_t index) {
  StairConfig s;
  s.pos = m.pos();
  s.id = read_id(m, "stair", "S" + std::to_string(index + 1));
  if (m.has("at")) s.at_pos = m.value_pos("at");
  s.at = optional_point(m, "at");
  s.width_pos = m.has("width_m") ? m.value_pos("width_m") : m.pos();
  s.width_m = m.number("width_m", s.width_m, kWidth);
  s.step_pos = m.has("riser_m") ? m.value_pos("riser_m") : m.has("tread_m") ? m.value_pos("tread_m") : m.pos();
  s.riser_m = m.number("riser_m", s.riser_m, Range::greater_than(0).at_most(0.3));
  s.tread_m = m.number("tread_m", s.tread_m, Range::greater_than(0).at_most(0.6));
  s.door_width_pos = m.has("door_width_m") ? m.value_pos("door_width_m") : s.width_pos;
  s.door_width_m = m.optional_number("door_width_m", kWidth);
  s.landing_area_m2 = m.optional_number("landing_area_m2", kArea);
  return s;
}

ElevatorConfig read_elevator(MapReader m, std::size_t index) {
  ElevatorConfig e;
  e.pos = m.pos();
  e.id = read_id(m, "elevator", "L" + std::to_string(index + 1));
  if (m.has("at")) e.at_pos = m.value_pos("at");
  e.at = optional_point(m, "at");
  e.capacity_persons = static_cast<int>(m.integer("capacity_persons", e.capacity_persons, Range::between(1, 100)));
  e.capacity_kg = m.number("capacity_kg", e.capacity_kg, Range::greater_than(0).at_most(10'000));
  e.speed_pos = m.has("speed_mps") ? m.value_pos("speed_mps") : m.pos();
  e.speed_mps = m.number("speed_mps", e.speed_mps, Range::greater_than(0).at_most(20));
  e.acceleration_mps2 = m.number("acceleration_mps2", e.acceleration_mps2, Range::greater_than(0).at_most(5));
  e.door_open_s = m.duration("door_open", e.door_open_s, Range::between(0, 60));
  e.door_close_s = m.duration("door_close", e.door_close_s, Range::between(0, 60));
  e.door_width_m = m.number("door_width_m", e.door_width_m, kWidth);
  if (const auto v = m.optional_value("floors")) e.floors = read_floor_set(*v);
  e.fire_service = m.boolean("fire_service", e.fire_service);
  return e;
}

ExitConfig read_exit(MapReader m, std::size_t index) {
  ExitConfig e;
  e.pos = m.pos();
  e.id = read_id(m, "exit", "E" + std::to_string(index + 1));
  if (m.has("at")) e.at_pos = m.value_pos("at");
  e.at = optional_point(m, "at");
  e.width_pos = m.has("width_m") ? m.value_pos("width_m") : m.pos();
  e.width_m = m.number("width_m", e.width_m, kWidth);
  e.door = read_enum(m, "door", kDoorTypes, e.door);
  if (m.has("via_stair")) e.via_pos = m.value_pos("via_stair");
  e.via_stair = m.text("via_stair", "");
  if (m.has("usual")) e.usual_pos = m.value_pos("usual");
  e.usual = m.boolean("usual", false);
  return e;
}

/// `stairs: 2` (that many, all with defaults) or a list of mappings.
template <class T, class F>
std::vector<T> read_cores(const ValueReader& v, const std::string& id_prefix, F read_one) {
  std::vector<T> out;
  if (v.node().is_scalar()) {
    const auto count = v.try_integer(Range::between(0, 20));
    for (std::size_t i = 0; count && i < static_cast<std::size_t>(*count); ++i) {
      T t;
      t.id = id_prefix + std::to_string(i + 1);
      t.pos = v.pos();
      if constexpr (requires { t.width_pos; }) t.width_pos = v.pos();
      if constexpr (requires { t.step_pos; }) t.step_pos = t.door_width_pos = v.pos();
      if constexpr (requires { t.speed_pos; }) t.speed_pos = v.pos();
      out.push_back(std::move(t));
    }
    return out;
  }
  const std::vector<ValueReader> items = v.list();
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read_one(items[i].map(), i));
  return out;
}

/// Reads the keys of a building body (a building_types entry or a building) on top of `d`.
void read_body(MapReader& m, BuildingDraft& d) {
  BuildingConfig& b = d.b;
  b.use = read_enum<BuildingUse>(
      m, "use", {{"residential", BuildingUse::Residential}, {"office", BuildingUse::Office}, {"other", BuildingUse::Other}},
      b.use);
  if (const auto v = m.optional_value("footprint")) {
    b.footprint_pos = v->pos();
    if (v->node().is_map()) {
      MapReader r = v->map();
      const double w = r.number("width_m", kLength);
      const double dp = r.number("depth_m", kLength);
      if (w > 0 && dp > 0) b.footprint = {{0, 0}, {w, 0}, {w, dp}, {0, dp}};  // else reported
    } else if (v->node().is_sequence()) {
      b.footprint = read_points(*v, 3, "a footprint");
    } else {
      v->error(say(kFootprintShape, v->path()));
    }
  }
  if (m.has("floors")) b.floors_pos = m.value_pos("floors");
  if (const auto f = m.optional_integer("floors", Range::between(1, 300))) b.floors = static_cast<int>(*f);
  if (m.has("floor_height_m")) b.height_pos = m.value_pos("floor_height_m");
  b.floor_height_m = m.number("floor_height_m", b.floor_height_m, Range::greater_than(0).at_most(20));
  if (const auto h = m.optional_number("ground_floor_height_m", Range::greater_than(0).at_most(20))) b.ground_floor_height_m = h;
  b.sprinklered = m.boolean("sprinklered", b.sprinklered);
  if (auto u = m.optional_map("units")) read_units(*u, b.units);
  if (auto c = m.optional_map("corridor")) read_corridor(*c, b.corridor);
  if (const auto v = m.optional_value("stairs")) {
    d.has_stairs = true;
    b.stairs = read_cores<StairConfig>(*v, "S", read_stair);
  }
  if (const auto v = m.optional_value("elevators")) b.elevators = read_cores<ElevatorConfig>(*v, "L", read_elevator);
  if (const auto v = m.optional_value("exits")) {
    d.has_exits = true;
    b.exits = read_cores<ExitConfig>(*v, "E", read_exit);
  }
}

/// What only the finished building (type and own keys together) can tell.
void finish_building(BuildingDraft& d, Diagnostics& diag) {
  BuildingConfig& b = d.b;
  const std::string name = say(kBuildingName, b.id);
  if (b.footprint.empty() && b.footprint_pos.line == 0 && !d.unknown_type) {
    diag.error(b.pos, say(kMissingFootprint, name));
  } else if (b.footprint.size() >= 3) {
    if (!geo::is_simple(b.footprint))
      diag.error(b.footprint_pos, say(kFootprintCrosses, name));
    else if (geo::area(b.footprint) <= 1e-6)
      diag.error(b.footprint_pos, say(kFootprintNoArea, name));
  }
  if (b.floors == 0 && b.floors_pos.line == 0 && !d.unknown_type) diag.error(b.pos, say(kMissingFloors, name));

  // Defaults that depend on the building: a stair when there is an upper floor, one exit.
  if (!d.has_stairs && b.floors > 1) {
    StairConfig s;
    s.id = "S1";
    s.pos = s.width_pos = s.step_pos = s.door_width_pos = b.pos;
    b.stairs.push_back(s);
  }
  if (!d.has_exits) {
    ExitConfig e;
    e.id = "E1";
    e.pos = e.width_pos = b.pos;
    b.exits.push_back(e);
  }

  UnitsConfig& u = b.units;
  if (!u.shares.empty() && static_cast<int>(u.shares.size()) != u.per_floor)
    diag.error(u.share_pos, say(kSharesCount, name, u.shares.size(), u.per_floor));
  double total = 0;
  for (double s : u.shares) total += s;
  if (total > 1 + 1e-9)
    diag.error(u.share_pos, say(kSharesSum, name, total));
  if (u.per_floor > 0 && u.shares.empty() && u.share <= 0)
    diag.error(u.share_pos.line ? u.share_pos : u.pos, say(kSharePositive, name));
  if (!u.doors.empty() && static_cast<int>(u.doors.size()) != u.per_floor)
    diag.error(u.door_pos.empty() ? u.pos : u.door_pos.front(),
               say(kDoorsCount, name, u.doors.size(), u.per_floor));

  std::vector<std::pair<std::string, SourcePos>> ids;
  for (const StairConfig& s : b.stairs) ids.emplace_back(s.id, s.pos);
  for (const ElevatorConfig& e : b.elevators) ids.emplace_back(e.id, e.pos);
  for (const ExitConfig& e : b.exits) ids.emplace_back(e.id, e.pos);
  unique_ids(diag, "stair, elevator or exit", ids);
  const ExitConfig* usual = nullptr;
  for (const ExitConfig& e : b.exits) {
    if (!e.usual) continue;
    if (usual != nullptr) diag.error(e.usual_pos, say(kTwoUsualExits, name, usual->id, e.id));
    else usual = &e;
  }
}

// --- site ---------------------------------------------------------------------------------------------

void read_site_lists(MapReader& root, LayoutConfig& out) {
  std::vector<std::pair<std::string, SourcePos>> ids;
  for (const ValueReader& item : root.list_or_empty("paths")) {
    MapReader m = item.map();
    SitePathConfig p;
    p.pos = m.pos();
    p.id = read_id(m, "path", "P" + std::to_string(out.paths.size() + 1));
    p.points = read_points(m.value("points"), 2, "a path", &p.point_pos);
    p.width_m = m.number("width_m", p.width_m, kWidth);
    ids.emplace_back(p.id, p.pos);
    out.paths.push_back(std::move(p));
  }
  unique_ids(root.diag(), "path", ids);

  ids.clear();
  for (const ValueReader& item : root.list_or_empty("gates")) {
    MapReader m = item.map();
    GateConfig g;
    g.pos = m.pos();
    g.id = read_id(m, "gate");
    g.at_pos = m.value_pos("at");
    g.at = required_point(m, "at");
    g.width_m = m.number("width_m", g.width_m, kWidth);
    ids.emplace_back(g.id, g.pos);
    out.gates.push_back(std::move(g));
  }
  unique_ids(root.diag(), "gate", ids);

  ids.clear();
  for (const ValueReader& item : root.list_or_empty("assembly_points")) {
    MapReader m = item.map();
    AssemblyPointConfig a;
    a.pos = m.pos();
    a.id = read_id(m, "assembly point");
    a.at_pos = m.value_pos("at");
    a.at = required_point(m, "at");
    const auto cap = m.optional_number("capacity_persons", Range::greater_than(0).at_most(1e7));
    const auto area = m.optional_number("area_m2", kArea);
    a.capacity_pos = m.has("capacity_persons") ? m.value_pos("capacity_persons") : a.pos;
    if (!m.has("capacity_persons") && !m.has("area_m2"))
      root.diag().error(a.pos, say(kAssemblyNeeds, a.id));
    a.capacity_persons = cap ? *cap : area ? *area / layout_defaults::kAssemblyArea_m2_per_person : 1;
    a.area_m2 = area ? *area : a.capacity_persons * layout_defaults::kAssemblyArea_m2_per_person;
    ids.emplace_back(a.id, a.pos);
    out.assembly_points.push_back(std::move(a));
  }
  unique_ids(root.diag(), "assembly point", ids);

  ids.clear();
  for (const ValueReader& item : root.list_or_empty("stores")) {
    MapReader m = item.map();
    StoreConfig s;
    s.pos = m.pos();
    s.id = read_id(m, "store");
    s.at_pos = m.value_pos("at");
    s.at = required_point(m, "at");
    if (const auto v = m.optional_value("kinds")) {
      for (const ValueReader& k : v->list())
        if (const auto name = k.try_choice({"daily_necessities", "medical", "energy"}))
          for (const auto& [n, kind] : kStoreKinds)
            if (n == *name) s.kinds.push_back(kind);
    } else {
      s.kinds = {StoreKind::DailyNecessities, StoreKind::Medical, StoreKind::Energy};
    }
    s.area_m2 = m.number("area_m2", s.area_m2, kArea);
    ids.emplace_back(s.id, s.pos);
    out.stores.push_back(std::move(s));
  }
  unique_ids(root.diag(), "store", ids);

  ids.clear();
  std::vector<std::string> building_ids;
  for (const BuildingConfig& b : out.buildings) building_ids.push_back(b.id);
  for (const ValueReader& item : root.list_or_empty("services")) {
    MapReader m = item.map();
    ServiceConfig s;
    s.pos = m.pos();
    s.id = read_id(m, "service");
    if (!m.has("kind")) (void)m.value("kind");  // "missing required key"
    s.kind = read_enum(m, "kind", kServiceKinds, ServiceKind::Other);
    s.name = m.text("name", "");
    if (m.has("at")) s.at_pos = m.value_pos("at");
    s.at = optional_point(m, "at");
    if (m.has("building")) {
      s.building_pos = m.value_pos("building");
      s.building = m.text("building");
      if (std::find(building_ids.begin(), building_ids.end(), s.building) == building_ids.end()) {
        std::string msg = say(kServiceUnknownBuilding, s.id, s.building);
        if (const auto guess = closest_match(s.building, building_ids)) msg += say(kDidYouMeanBuilding, *guess);
        root.diag().error(s.building_pos, msg);
      }
    }
    if (m.has("at") == m.has("building")) root.diag().error(s.pos, say(kServiceWhere, s.id));
    if (const auto hours = m.optional_text("opening_hours")) {
      s.hours_pos = m.value_pos("opening_hours");
      if (const auto h = parse_opening_hours(*hours)) {
        s.open_from_min = h->first;
        s.open_until_min = h->second;
      } else {
        root.diag().error(s.hours_pos, say(kOpeningHours, m.key_path("opening_hours"), *hours));
      }
    }
    s.capacity_persons = m.optional_number("capacity_persons", Range::greater_than(0).at_most(1e6));
    ids.emplace_back(s.id, s.pos);
    out.services.push_back(std::move(s));
  }
  unique_ids(root.diag(), "service", ids);
}

void read_sensors(MapReader m, LayoutConfig& out) {
  for (const ValueReader& item : m.list_or_empty("rules")) {
    MapReader r = item.map();
    SensorRuleConfig rule;
    rule.pos = r.pos();
    rule.kind = read_enum(r, "kind", kSensorKinds, rule.kind);
    if (!r.has("per")) r.diag().error(r.pos(), say(kMissingPer, r.label()));
    rule.per = read_enum(r, "per", kSensorSites, rule.per);
    if (const auto v = r.optional_value("buildings")) {
      for (const ValueReader& b : v->list())
        if (const auto id = b.try_text()) {
          rule.buildings.push_back(*id);
          rule.building_pos.push_back(b.pos());
        }
      if (rule.per == SensorSite::Gate || rule.per == SensorSite::AssemblyPoint || rule.per == SensorSite::Store)
        r.error("buildings", say(kBuildingsNotApply));
    }
    if (const auto v = r.optional_value("floors")) rule.floors = read_floor_set(*v);
    out.sensor_rules.push_back(std::move(rule));
  }
  for (const ValueReader& item : m.list_or_empty("placed")) {
    MapReader r = item.map();
    SensorConfig s;
    s.pos = r.pos();
    s.kind = read_enum(r, "kind", kSensorKinds, s.kind);
    s.node_pos = r.value_pos("node");
    s.node = r.text("node");
    s.id = r.text("id", std::string(to_string(s.kind)) + "@" + s.node);
    if (const auto v = r.optional_value("at")) s.at = read_point3(*v);
    out.sensors.push_back(std::move(s));
  }
}

void read_overrides(MapReader& root, LayoutConfig& out) {
  for (const ValueReader& item : root.list_or_empty("nodes")) {
    MapReader m = item.map();
    NodeOverride o;
    o.pos = m.pos();
    o.id_pos = m.value_pos("id");
    o.id = m.text("id");
    if (m.has("kind")) o.kind = read_enum(m, "kind", kNodeKinds, NodeKind::Outdoor);
    else (void)m.optional_value("kind");
    if (const auto v = m.optional_value("at")) o.at = read_point3(*v);
    o.area_m2 = m.optional_number("area_m2", kArea);
    o.building = m.optional_text("building");
    if (const auto f = m.optional_integer("floor", Range::between(0, 300))) o.floor = static_cast<int>(*f);
    out.nodes.push_back(std::move(o));
  }
  for (const ValueReader& item : root.list_or_empty("links")) {
    MapReader m = item.map();
    LinkOverride o;
    o.pos = m.pos();
    o.from_pos = m.value_pos("from");
    o.from = m.text("from");
    o.to_pos = m.value_pos("to");
    o.to = m.text("to");
    if (m.has("kind")) o.kind = read_enum(m, "kind", kLinkKinds, LinkKind::Opening);
    else (void)m.optional_value("kind");
    o.width_m = m.optional_number("width_m", kWidth);
    o.length_m = m.optional_number("length_m", Range::at_least(0).at_most(10'000));
    if (m.has("door")) o.door = read_enum(m, "door", kDoorTypes, DoorType::Swing);
    else (void)m.optional_value("door");
    o.label = m.optional_text("label");
    o.remove = m.boolean("remove", false);
    if (o.remove && (o.kind || o.width_m || o.length_m || o.door || o.label))
      m.error("remove", say(kRemovedLink));
    out.links.push_back(std::move(o));
  }
}

}  // namespace

void read_layout_into(MapReader& root, LayoutConfig& out) {
  Diagnostics& diag = root.diag();
  out.pos = root.pos();
  out.name = root.text("name", out.name);
  out.description = root.text("description", "");
  out.persons_per_household = root.number("persons_per_household", out.persons_per_household, Range::greater_than(0).at_most(20));

  if (auto site = root.optional_map("site")) {
    out.site_pos = site->pos();
    if (const auto v = site->optional_value("boundary")) {
      out.site_pos = v->pos();
      out.site_boundary = read_points(*v, 3, "a site boundary");
      if (out.site_boundary.size() >= 3 && !geo::is_simple(out.site_boundary))
        diag.error(v->pos(), say(kBoundaryCrosses));
    }
    out.open_ground_width_m = site->number("open_ground_width_m", out.open_ground_width_m, kWidth);
  }

  // Building types: templates read like buildings (but without id, type, at and rotation).
  std::map<std::string, BuildingDraft> types;
  std::vector<std::string> type_names;
  for (MapEntryReader& e : root.map_or_empty("building_types").entries()) {
    if (!valid_id(e.key)) diag.error(e.key_pos, say(kBadTypeName, e.key));
    BuildingDraft t;
    t.b.pos = e.value.pos();
    MapReader m = e.value.map();
    read_body(m, t);
    types.emplace(e.key, std::move(t));
    type_names.push_back(e.key);
  }

  const std::vector<ValueReader> items = root.list("buildings");
  out.buildings_pos = root.value_pos("buildings");
  if (root.has("buildings") && items.empty() && root.node() != nullptr)
    diag.error(root.value_pos("buildings"), say(kNeedsBuilding));
  std::vector<std::pair<std::string, SourcePos>> ids;
  for (const ValueReader& item : items) {
    MapReader m = item.map();
    BuildingDraft d;
    if (const auto t = m.optional_text("type")) {
      const auto it = types.find(*t);
      if (it != types.end()) {
        d = it->second;
      } else {
        std::string msg = say(kUnknownType, *t);
        if (const auto guess = closest_match(*t, type_names)) msg += say(kDidYouMeanType, *guess);
        else if (!type_names.empty()) msg += say(kTypesDefined, [&] {
          std::string s;
          for (const auto& n : type_names) s += (s.empty() ? "" : say(kListComma)) + n;
          return s;
        }());
        else msg += say(kNoTypes);
        m.error("type", msg);
        d.unknown_type = true;
      }
      d.b.type = *t;
      d.b.type_pos = m.value_pos("type");
    }
    d.b.pos = m.pos();
    d.b.id = read_id(m, "building");
    if (m.has("at")) d.b.at_pos = m.value_pos("at");
    if (const auto p = optional_point(m, "at")) d.b.at = *p;
    d.b.rotation_deg = m.number("rotation_deg", 0.0, Range::between(-360, 360));
    read_body(m, d);
    if (m.node() != nullptr) finish_building(d, diag);
    ids.emplace_back(d.b.id, d.b.pos);
    out.buildings.push_back(std::move(d.b));
  }
  unique_ids(diag, "building", ids);

  read_site_lists(root, out);
  if (auto s = root.optional_map("sensors")) read_sensors(*s, out);
  read_overrides(root, out);
}

LayoutConfig read_layout(const YamlNode& doc, const std::string& source_file) {
  Diagnostics diag;
  LayoutConfig out;
  out.source_file = source_file;
  const std::string stem = std::filesystem::path(source_file).stem().string();
  out.name = valid_id(stem) ? stem : std::string("layout");
  MapReader root(doc, diag, "layout");
  read_layout_into(root, out);
  root.finish();
  diag.throw_if_errors();
  return out;
}

LayoutConfig load_layout(const std::string& path, const std::vector<std::string>& overrides,
                         const IncludeRules& includes) {
  YamlLoadOptions options;
  options.file_role = "layout file";
  options.includes = includes.root.empty() ? include_rules_for(path, options.file_role, includes.allow_outside) : includes;
  YamlNode doc = load_yaml_file(path, options);
  if (!overrides.empty()) (void)read_layout(doc, path);  // the file as written: overrides cannot hide its mistakes
  for (const std::string& o : overrides) apply_override(doc, o, options.includes);
  return read_layout(doc, path);
}

}  // namespace dt
