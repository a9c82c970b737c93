#include "engine/scenario/emergency_reader.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/kernel/lang.h"
#include "engine/scenario/distribution_reader.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kImpassable, "impassable_depth_m must be greater than spill_depth_m", "impassable_depth_m 必须大于 spill_depth_m");
DT_PHRASE(kMissingPost, "missing required key 'post' in 'assistance': the node where the guards are (e.g. kiosk)",
          "缺少必需的键 'post'（位于 'assistance'）：即保安所在的节点（例如 kiosk）");
DT_PHRASE(kRosterOrStaff, "'from_roster' and '{}' are exclusive in 'assistance': the roster's members on duty are the emergency staff, so give either `from_roster:` or `staff:`/`post:`",
          "'from_roster' 与 '{}' 在 'assistance' 中不能同时使用：值班名册中在岗的人员即为应急人员，请只给出 `from_roster:` 或 `staff:`/`post:` 之一");
DT_PHRASE(kRosterEmpty, "'from_roster' lists no role: give the roles of staff.roster that answer an emergency, e.g. [guard, engineer]",
          "'from_roster' 未列出任何岗位：请给出 staff.roster 中响应应急的岗位，例如 [guard, engineer]");
DT_PHRASE(kOneAction, "one action per drill item: '{}' and '{}' are both given in '{}'; write two items",
          "每个演练项只能有一个动作：'{}' 和 '{}' 同时出现在 '{}' 中；请写成两项");
DT_PHRASE(kNoAction, "drill item '{}' has no action; give one of: start_fire, close, open, hold_open, fail_elevator, fail_sensor, silence_sensor, cut_power, release_floor, sound_alarm, burst_pipe, medical_emergency",
          "演练项 '{}' 没有动作；请给出以下之一：start_fire、close、open、hold_open、fail_elevator、fail_sensor、silence_sensor、cut_power、release_floor、sound_alarm、burst_pipe、medical_emergency");
DT_PHRASE(kNeedsEvacuation, "'{}' needs an evacuation: add an `evacuation:` section and a `layout:`",
          "'{}' 需要疏散设置：请添加 `evacuation:` 部分和 `layout:`");
DT_PHRASE(kDrillOrInjections, "give the drill as `drill:` or as `injections:`, not both", "演练请写成 `drill:` 或 `injections:` 之一，不要同时给出");
}  // namespace

namespace {

DT_PHRASE(kTwoTeamsOfAKind,
          "a second '{}' team without a name (the first is at {}): give each team a `name:`, which names its KPIs",
          "第二个未命名的 '{}' 队伍（第一个在 {}）：请给每个队伍一个 `name:`，它用于 KPI 名称");

const std::vector<std::string> kSections = {"hazards", "sensors", "alarm", "elevators", "assistance", "drill", "injections"};
const std::vector<std::string> kActions = {"start_fire", "close",      "open",          "hold_open",   "fail_elevator",
                                           "fail_sensor", "silence_sensor", "cut_power", "release_floor", "sound_alarm",
                                           "burst_pipe", "medical_emergency"};

SourceName name_of(const ValueReader& v) { return SourceName{v.text(), v.pos(), v.path()}; }

void read_hazards(MapReader m, HazardParams& h) {
  MapReader fire = m.map_or_empty("fire");
  h.fire.smoke_onset_kw = fire.number("smoke_onset_kw", h.fire.smoke_onset_kw, Range::at_least(0).at_most(1e5));
  h.fire.peak_kw = fire.number("peak_kw", h.fire.peak_kw, Range::greater_than(0).at_most(1e6));
  MapReader smoke = m.map_or_empty("smoke");
  SmokeParams& s = h.smoke;
  s.corridor_speed_mps = smoke.number("corridor_speed", s.corridor_speed_mps, Range::greater_than(0).at_most(20));
  s.shaft_speed_mps = smoke.number("shaft_speed", s.shaft_speed_mps, Range::greater_than(0).at_most(20));
  s.stair_down_speed_mps = smoke.number("stair_down_speed", s.stair_down_speed_mps, Range::greater_than(0).at_most(20));
  s.door_delay_s = smoke.duration("door_delay", s.door_delay_s, Range::at_least(0).at_most(86400));
  s.flat_door_delay_s = smoke.duration("flat_door_delay", s.flat_door_delay_s, Range::at_least(0).at_most(86400));
  s.smoke_proof_above_33m = smoke.boolean("smoke_proof_above_33m", s.smoke_proof_above_33m);
  s.through_elevator_shafts = smoke.boolean("through_elevator_shafts", s.through_elevator_shafts);
  s.max_extinction_per_m = smoke.number("max_extinction", s.max_extinction_per_m, Range::greater_than(0).at_most(50));
  s.rise_time_s = smoke.duration("rise_time", s.rise_time_s, Range::at_least(0).at_most(86400));
  MapReader ten = m.map_or_empty("tenability");
  TenabilityParams& t = h.tenability;
  t.visibility_m = ten.number("visibility_m", t.visibility_m, Range::greater_than(0).at_most(100));
  t.visibility_small_room_m = ten.number("visibility_small_room_m", t.visibility_small_room_m, Range::greater_than(0).at_most(100));
  t.sign_constant = ten.number("sign_constant", t.sign_constant, Range::greater_than(0).at_most(20));
  t.check_interval_s = ten.duration("check_interval", t.check_interval_s, Range::greater_than(0).at_most(3600));
  MapReader walk = m.map_or_empty("walking_in_smoke");
  h.walking.beta_m2ps = walk.number("beta", h.walking.beta_m2ps, Range::between(-10, 0));
  h.walking.alpha_mps = walk.number("alpha", h.walking.alpha_mps, Range::greater_than(0).at_most(10));
  h.walking.min_factor = walk.number("min_factor", h.walking.min_factor, Range::greater_than(0).at_most(1));
  MapReader flood = m.map_or_empty("flooding");
  h.flood.spill_depth_m = flood.number("spill_depth_m", h.flood.spill_depth_m, Range::greater_than(0).at_most(2));
  h.flood.impassable_depth_m = flood.number("impassable_depth_m", h.flood.impassable_depth_m, Range::greater_than(0).at_most(5));
  if (h.flood.impassable_depth_m <= h.flood.spill_depth_m)
    flood.error("impassable_depth_m", say(kImpassable));
  h.lights_out_speed_factor = m.number("lights_out_speed_factor", h.lights_out_speed_factor, Range::greater_than(0).at_most(1));
}

void read_sensors(MapReader m, SensorParams& p) {
  for (std::size_t k = 0; k < kSensorKindCount; ++k) {
    const std::string name(to_string(static_cast<SensorKind>(k)));
    MapReader s = m.map_or_empty(name);
    SensorKindParams& kp = p.kind[k];
    if (const auto v = s.optional_value("delay")) kp.delay = read_distribution(*v, Quantity::Duration);
    kp.reliability = s.number("reliability", kp.reliability, Range::between(0, 1));
    kp.false_alarms_per_year = s.number("false_alarms_per_year", kp.false_alarms_per_year, Range::at_least(0).at_most(1e4));
  }
  p.battery_h = m.duration("battery", p.battery_h * 3600.0, Range::at_least(0).at_most(30 * 86400.0)) / 3600.0;
}

void read_alarm(MapReader m, AlarmParams& a) {
  const std::string mode = m.choice("mode", {"site", "building", "phased", "given"}, "site");
  a.mode = mode == "given" ? AlarmMode::Given : mode == "building" ? AlarmMode::Building : mode == "phased" ? AlarmMode::Phased : AlarmMode::Site;
  a.given_at_s = m.duration("at", a.given_at_s, Range::at_least(0).at_most(7 * 86400.0));
  a.delay_to_residents_s = m.duration("delay_to_residents", a.delay_to_residents_s, Range::at_least(0).at_most(86400));
  a.phase_floors = static_cast<int>(m.integer("phase_floors", a.phase_floors, Range::between(0, 300)));
  a.phase_delay_s = m.duration("phase_delay", a.phase_delay_s, Range::at_least(0).at_most(86400));
  if (m.has("others_after")) a.others_after_s = m.duration("others_after", Range::at_least(0).at_most(86400));
  a.fallback_s = m.duration("fallback", a.fallback_s, Range::greater_than(0).at_most(86400));
  a.staff_delay_s = m.duration("staff_delay", a.staff_delay_s, Range::at_least(0).at_most(86400));
}

void read_elevators(MapReader m, ElevatorParams& e) {
  e.recall_on_alarm = m.boolean("recall_on_alarm", e.recall_on_alarm);
  e.trips_per_hour_per_car = m.number("trips_per_hour_per_car", e.trips_per_hour_per_car, Range::at_least(0).at_most(1000));
  e.persons_per_trip = m.number("persons_per_trip", e.persons_per_trip, Range::at_least(1).at_most(30));
  e.fire_lift_backup_power = m.boolean("fire_lift_backup_power", e.fire_lift_backup_power);
  if (const auto v = m.optional_value("rescue_response")) e.rescue_response = read_distribution(*v, Quantity::Duration);
  if (const auto v = m.optional_value("release_duration")) e.release_duration = read_distribution(*v, Quantity::Duration);
  e.passenger_report_delay_s = m.duration("passenger_report_delay", e.passenger_report_delay_s, Range::at_least(0).at_most(86400));
}

void read_assistance(MapReader m, AssistanceParams& a) {
  if (const auto v = m.optional_value("from_roster")) {
    a.from_roster_pos = v->pos();
    const std::vector<ValueReader> roles = v->node().is_scalar() ? std::vector<ValueReader>{*v} : v->list();
    for (const ValueReader& r : roles) a.from_roster.push_back(name_of(r));
    if (a.from_roster.empty()) v->error(say(kRosterEmpty));
    for (const char* key : {"staff", "post"})
      if (m.has(key)) m.error(key, say(kRosterOrStaff, key));
  }
  a.staff = static_cast<uint32_t>(m.integer("staff", 0, Range::between(0, 10'000)));
  if (const auto v = m.optional_value("post")) {
    a.post_name = name_of(*v);
  } else if (a.staff > 0 && a.from_roster.empty()) {
    m.diag().error(m.pos(), say(kMissingPost));
  }
  const std::string order = m.choice("order", {"fire_first", "nearest", "top_down"}, "fire_first");
  a.order = order == "nearest" ? AssistOrder::Nearest : order == "top_down" ? AssistOrder::TopDown : AssistOrder::FireFirst;
  a.method = m.choice("method", {"fire_lift", "carry"}, "fire_lift") == "carry" ? AssistMethod::Carry : AssistMethod::FireLift;
  MapReader staff = m.map_or_empty("staff_speed");
  a.staff_level_mps = staff.number("level", a.staff_level_mps, Range::greater_than(0).at_most(5));
  a.staff_down_mps = staff.number("down", a.staff_down_mps, Range::greater_than(0).at_most(5));
  a.staff_up_mps = staff.number("up", a.staff_up_mps, Range::greater_than(0).at_most(5));
  MapReader carry = m.map_or_empty("carry_speed");
  a.carry_down_mps = carry.number("stairs_down", a.carry_down_mps, Range::greater_than(0).at_most(5));
  a.carry_level_mps = carry.number("level", a.carry_level_mps, Range::greater_than(0).at_most(5));
  a.transfer_s = m.duration("transfer_time", a.transfer_s, Range::at_least(0).at_most(3600));
  a.sweep = m.boolean("sweep", a.sweep);
  a.check_per_flat_s = m.duration("check_per_flat", a.check_per_flat_s, Range::at_least(0).at_most(3600));
  a.medical_stay_s = m.duration("medical_stay", a.medical_stay_s, Range::at_least(0).at_most(86400));
  std::map<std::string, SourcePos> names;  // team name → where it is given (or its kind, when unnamed)
  a.responders_pos = m.has("responders") ? m.value_pos("responders") : m.pos();
  for (const ValueReader& item : m.list_or_empty("responders")) {
    MapReader t = item.map();
    ResponderTeam rt;
    const std::string kind = t.choice("kind", {"fire_brigade", "ambulance"});
    rt.kind = kind == "ambulance" ? ResponderTeam::Kind::Ambulance : ResponderTeam::Kind::FireBrigade;
    if (rt.kind == ResponderTeam::Kind::Ambulance)
      rt.arrival = Distribution::lognormal(660.0, 240.0, 240.0, 3600.0), rt.count = 2;
    if (const auto name = read_item_name(t, {"responder team", "外部救援队", "assistance.responders.0.count", "brigade_east"},
                                         names)) {
      rt.name = *name;
    } else {
      rt.name = kind;
      if (const auto [it, fresh] = names.emplace(kind, t.pos()); !fresh)
        t.diag().error(t.pos(), say(kTwoTeamsOfAKind, kind, it->second.str()));
    }
    rt.count = static_cast<uint32_t>(t.integer("count", rt.count, Range::between(1, 1000)));
    if (const auto v = t.optional_value("arrival")) rt.arrival = read_distribution(*v, Quantity::Duration);
    rt.call_delay_s = t.duration("call_delay", rt.call_delay_s, Range::at_least(0).at_most(86400));
    rt.called = t.boolean("call", rt.called);
    if (const auto v = t.optional_value("gate")) rt.gate_name = name_of(*v);
    MapReader sp = t.map_or_empty("speed");
    rt.level_mps = sp.number("level", rt.level_mps, Range::greater_than(0).at_most(5));
    rt.down_mps = sp.number("down", rt.down_mps, Range::greater_than(0).at_most(5));
    rt.up_mps = sp.number("up", rt.up_mps, Range::greater_than(0).at_most(5));
    a.responders.push_back(std::move(rt));
  }
}

// A building, a list of buildings or "all".
void read_buildings(const ValueReader& v, Injection& inj) {
  if (v.node().is_scalar() && v.text() == "all") {
    inj.all_buildings = true;
  } else if (v.node().is_scalar()) {
    inj.target.push_back(name_of(v));
  } else {
    for (const ValueReader& item : v.list()) inj.target.push_back(name_of(item));
  }
}

void read_drill(std::vector<ValueReader> items, std::vector<Injection>& drill) {
  std::map<std::string, SourcePos> names;  // step name → where it is given
  for (const ValueReader& item : items) {
    MapReader m = item.map();
    Injection inj;
    // `name:` lets --set address the step (drill.NAME.at); it does not change what the step does.
    (void)read_item_name(m, {"drill step", "演练步骤", "drill.2.at", "close_stair"}, names);
    inj.at_s = m.duration("at", Range::at_least(0).at_most(30 * 86400.0));
    std::vector<std::string> given;
    for (const std::string& a : kActions) {
      if (m.has(a)) given.push_back(a);
      m.ignore(a);  // every action is a known key: a misspelt one gets a "did you mean"
    }
    if (given.size() > 1) {
      m.error(given[1], say(kOneAction, given[0], given[1], m.label()));
      continue;
    }
    if (given.empty()) {
      if (m.node() != nullptr && m.node()->is_map() && m.node()->size() - (m.has("name") ? 1 : 0) <= 1)  // else: an unknown key says it
        m.diag().error(m.pos(), say(kNoAction, m.label()));
      continue;
    }
    const std::string& a = given[0];
    const ValueReader v = m.value(a);
    if (a == "start_fire") {
      inj.kind = InjectionKind::StartFire;
      const std::string growth = m.choice("growth", {"slow", "medium", "fast", "ultrafast"}, "medium");
      inj.alpha = fire::alpha_kw_per_s2(fire::growth_from_name(growth).value_or(fire::Growth::Medium));
      inj.alpha = m.number("alpha", inj.alpha, Range::greater_than(0).at_most(10));
    } else if (a == "close" || a == "open" || a == "hold_open") {
      inj.kind = a == "close" ? InjectionKind::CloseLink : a == "open" ? InjectionKind::OpenLink : InjectionKind::HoldOpen;
    } else if (a == "fail_elevator") {
      inj.kind = InjectionKind::FailElevator;
    } else if (a == "fail_sensor" || a == "silence_sensor") {
      inj.kind = a == "fail_sensor" ? InjectionKind::FailSensor : InjectionKind::SilenceSensor;
    } else if (a == "cut_power") {
      inj.kind = InjectionKind::CutPower;
      inj.duration_s = m.duration("for", kNeverS, Range::greater_than(0).at_most(30 * 86400.0));
    } else if (a == "release_floor") {
      inj.kind = InjectionKind::ReleaseFloor;
    } else if (a == "sound_alarm") {
      inj.kind = InjectionKind::SoundAlarm;
    } else if (a == "burst_pipe") {
      inj.kind = InjectionKind::BurstPipe;
      inj.flow_lps = m.number("flow_lps", inj.flow_lps, Range::greater_than(0).at_most(1000));
    } else if (a == "medical_emergency") {
      inj.kind = InjectionKind::Medical;
    }
    if (inj.kind == InjectionKind::CutPower || inj.kind == InjectionKind::SoundAlarm) read_buildings(v, inj);
    else inj.target.push_back(name_of(v));
    drill.push_back(std::move(inj));
  }
  // The site keeps this order for the injections that resolve (engine/sim/site.cpp).
  std::stable_sort(drill.begin(), drill.end(), [](const Injection& x, const Injection& y) { return x.at_s < y.at_s; });
}

}  // namespace

bool has_emergency_sections(const MapReader& root) {
  return std::any_of(kSections.begin(), kSections.end(), [&](const std::string& s) { return root.has(s); });
}

std::optional<EmergencyConfig> read_emergency(MapReader& root, const EvacuationConfig* evacuation) {
  if (!has_emergency_sections(root)) return std::nullopt;
  Diagnostics& diag = root.diag();
  if (evacuation == nullptr) {
    for (const std::string& s : kSections)
      if (root.has(s)) {
        root.ignore(s);
        diag.error(root.key_pos(s), say(kNeedsEvacuation, s));
      }
    return std::nullopt;
  }
  const int errors_before = diag.error_count();
  EmergencyConfig c;
  read_hazards(root.map_or_empty("hazards"), c.hazards);
  read_sensors(root.map_or_empty("sensors"), c.sensors);
  read_alarm(root.map_or_empty("alarm"), c.alarm);
  read_elevators(root.map_or_empty("elevators"), c.elevators);
  read_assistance(root.map_or_empty("assistance"), c.assistance);
  if (root.has("drill") && root.has("injections"))
    root.error("injections", say(kDrillOrInjections));
  read_drill(root.has("injections") ? root.list("injections") : root.list_or_empty("drill"), c.drill);
  if (root.has("injections")) root.ignore("drill");
  // Checked once the drill's names are resolved (engine/sim/site.cpp).
  c.alarm_check_pos = root.key_pos(root.has("alarm") ? "alarm" : "drill");
  if (diag.error_count() > errors_before) return std::nullopt;
  return c;
}

}  // namespace dt
