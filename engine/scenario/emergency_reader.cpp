#include "engine/scenario/emergency_reader.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "engine/scenario/distribution_reader.h"
#include "engine/kernel/suggest.h"

namespace dt {

namespace {

const std::vector<std::string> kSections = {"hazards", "sensors", "alarm", "elevators", "assistance", "drill", "injections"};
const std::vector<std::string> kActions = {"start_fire", "close",      "open",          "hold_open",   "fail_elevator",
                                           "fail_sensor", "silence_sensor", "cut_power", "release_floor", "sound_alarm",
                                           "burst_pipe", "medical_emergency"};

// Names the network knows, for resolving drill ids with suggestions.
class Names {
 public:
  explicit Names(const Network& site) : site_(site) {
    const NavGraph& g = site.graph;
    for (std::size_t n = 0; n < g.node_count(); ++n) nodes_.emplace(g.nodes()[n].label, static_cast<uint32_t>(n));
    for (std::size_t l = 0; l < g.link_count(); ++l) {
      const NavLink& link = g.links()[l];
      if (!link.label.empty()) links_[link.label].push_back(static_cast<uint32_t>(l));
      if (link.kind == LinkKind::Stair) {
        // "C1/S2/F3-F4" → stair "C1/S2"
        const std::size_t slash = link.label.rfind('/');
        if (slash != std::string::npos) stairs_[link.label.substr(0, slash)].push_back(static_cast<uint32_t>(l));
      }
    }
    for (std::size_t e = 0; e < site.elevators.size(); ++e) elevators_.emplace(site.elevators[e].id, static_cast<uint32_t>(e));
    for (std::size_t s = 0; s < site.sensors.size(); ++s) sensors_.emplace(site.sensors[s].id, static_cast<uint32_t>(s));
    for (std::size_t b = 0; b < site.buildings.size(); ++b) buildings_.emplace(site.buildings[b].id, static_cast<int32_t>(b));
  }

  std::optional<NodeId> node(const ValueReader& v, const std::string& what) const {
    const std::string s = v.text();
    if (auto it = nodes_.find(s); it != nodes_.end()) return NodeId(it->second);
    unknown(v, what, s, nodes_);
    return std::nullopt;
  }
  // A link label, or a stair "B/S<n>" (all its flights).
  std::optional<std::vector<uint32_t>> links(const ValueReader& v) const {
    const std::string s = v.text();
    if (auto it = links_.find(s); it != links_.end()) return it->second;
    if (auto it = stairs_.find(s); it != stairs_.end()) return it->second;
    std::vector<std::string> all;
    for (const auto& [k, _] : links_) all.push_back(k);
    for (const auto& [k, _] : stairs_) all.push_back(k);
    report(v, "link or stair", s, all);
    return std::nullopt;
  }
  std::optional<uint32_t> elevator(const ValueReader& v) const { return find(v, "elevator", elevators_); }
  std::optional<uint32_t> sensor(const ValueReader& v) const { return find(v, "sensor", sensors_); }
  std::optional<int32_t> building(const ValueReader& v) const { return find(v, "building", buildings_); }
  std::optional<int32_t> building_text(const ValueReader& v, const std::string& s) const {
    if (auto it = buildings_.find(s); it != buildings_.end()) return it->second;
    unknown(v, "building", s, buildings_);
    return std::nullopt;
  }

 private:
  template <class Map>
  std::optional<typename Map::mapped_type> find(const ValueReader& v, const std::string& what, const Map& m) const {
    const std::string s = v.text();
    if (auto it = m.find(s); it != m.end()) return it->second;
    unknown(v, what, s, m);
    return std::nullopt;
  }
  template <class Map>
  void unknown(const ValueReader& v, const std::string& what, const std::string& s, const Map& m) const {
    std::vector<std::string> all;
    all.reserve(m.size());
    for (const auto& [k, _] : m) all.push_back(k);
    report(v, what, s, all);
  }
  static void report(const ValueReader& v, const std::string& what, const std::string& s, const std::vector<std::string>& all) {
    std::string msg = "unknown " + what + " '" + s + "' in '" + v.path() + "'";
    if (auto m = closest_match(s, all)) msg += " (did you mean '" + *m + "'?)";
    else if (all.empty()) msg += "; the layout has none";
    else msg += "; ids look like '" + all.front() + "'";
    v.error(std::move(msg));
  }

  const Network& site_;
  std::map<std::string, uint32_t> nodes_, elevators_, sensors_;
  std::map<std::string, std::vector<uint32_t>> links_, stairs_;
  std::map<std::string, int32_t> buildings_;
};

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
    flood.error("impassable_depth_m", "impassable_depth_m must be greater than spill_depth_m");
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

void read_assistance(MapReader m, AssistanceParams& a, const Names& names) {
  a.staff = static_cast<uint32_t>(m.integer("staff", 0, Range::between(0, 10'000)));
  if (const auto v = m.optional_value("post")) {
    if (auto n = names.node(*v, "node")) a.post = *n;
  } else if (a.staff > 0) {
    m.diag().error(m.pos(), "missing required key 'post' in 'assistance': the node where the guards are (e.g. kiosk)");
  }
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
}

// "C1/F14" → (building, floor).
std::optional<std::pair<int32_t, int>> read_floor(const ValueReader& v, const Names& names, const Network& site) {
  const std::string s = v.text();
  const std::size_t slash = s.rfind("/F");
  int floor = 0;
  if (slash == std::string::npos ||
      std::from_chars(s.data() + slash + 2, s.data() + s.size(), floor).ptr != s.data() + s.size()) {
    v.error("a floor is written '<building>/F<n>', e.g. 'C1/F14' (got '" + s + "')");
    return std::nullopt;
  }
  const auto b = names.building_text(v, s.substr(0, slash));
  if (!b) return std::nullopt;
  if (floor < 1 || floor > site.buildings[*b].floors) {
    v.error("building '" + site.buildings[*b].id + "' has floors 1 to " + std::to_string(site.buildings[*b].floors) +
            " (got '" + s + "')");
    return std::nullopt;
  }
  return std::pair{*b, floor};
}

std::vector<int32_t> read_buildings(const ValueReader& v, const Names& names, const Network& site) {
  std::vector<int32_t> out;
  if (v.node().is_scalar() && v.text() == "all") {
    for (std::size_t b = 0; b < site.buildings.size(); ++b) out.push_back(static_cast<int32_t>(b));
  } else if (v.node().is_scalar()) {
    if (auto b = names.building(v)) out.push_back(*b);
  } else {
    for (const ValueReader& item : v.list())
      if (auto b = names.building(item)) out.push_back(*b);
  }
  return out;
}

void read_drill(std::vector<ValueReader> items, const Names& names, const Network& site, std::vector<Injection>& drill) {
  for (const ValueReader& item : items) {
    MapReader m = item.map();
    Injection inj;
    inj.at_s = m.duration("at", Range::at_least(0).at_most(30 * 86400.0));
    std::vector<std::string> given;
    for (const std::string& a : kActions) {
      if (m.has(a)) given.push_back(a);
      m.ignore(a);  // every action is a known key: a misspelt one gets a "did you mean"
    }
    if (given.size() > 1) {
      m.error(given[1], "one action per drill item: '" + given[0] + "' and '" + given[1] + "' are both given in '" +
                            m.label() + "'; write two items");
      continue;
    }
    if (given.empty()) {
      if (m.node() != nullptr && m.node()->is_map() && m.node()->size() <= 1)  // else: an unknown key says it
        m.diag().error(m.pos(), "drill item '" + m.label() + "' has no action; give one of: start_fire, close, open, hold_open, "
                                "fail_elevator, fail_sensor, silence_sensor, cut_power, release_floor, sound_alarm, "
                                "burst_pipe, medical_emergency");
      continue;
    }
    const std::string& a = given[0];
    const ValueReader v = m.value(a);
    bool ok = true;
    if (a == "start_fire") {
      inj.kind = InjectionKind::StartFire;
      auto n = names.node(v, "node");
      ok = n.has_value();
      if (n) inj.node = *n;
      const std::string growth = m.choice("growth", {"slow", "medium", "fast", "ultrafast"}, "medium");
      inj.alpha = fire::alpha_kw_per_s2(fire::growth_from_name(growth).value_or(fire::Growth::Medium));
      inj.alpha = m.number("alpha", inj.alpha, Range::greater_than(0).at_most(10));
      if (n && site.graph.node(*n).building < 0) {
        v.error("a fire starts inside a building: '" + v.text() + "' is outdoors");
        ok = false;
      }
    } else if (a == "close" || a == "open" || a == "hold_open") {
      inj.kind = a == "close" ? InjectionKind::CloseLink : a == "open" ? InjectionKind::OpenLink : InjectionKind::HoldOpen;
      auto l = names.links(v);
      ok = l.has_value();
      if (l) inj.links = *l;
      if (l && a == "hold_open")
        for (const uint32_t id : *l)
          if (site.graph.links()[id].kind != LinkKind::Door) {
            v.error("hold_open needs a door (e.g. 'C1/S2/F12/door'); '" + v.text() + "' is a " +
                    std::string(to_string(site.graph.links()[id].kind)));
            ok = false;
            break;
          }
    } else if (a == "fail_elevator") {
      inj.kind = InjectionKind::FailElevator;
      auto e = names.elevator(v);
      ok = e.has_value();
      if (e) inj.elevator = *e;
    } else if (a == "fail_sensor" || a == "silence_sensor") {
      inj.kind = a == "fail_sensor" ? InjectionKind::FailSensor : InjectionKind::SilenceSensor;
      auto s = names.sensor(v);
      ok = s.has_value();
      if (s) inj.sensor = *s;
    } else if (a == "cut_power") {
      inj.kind = InjectionKind::CutPower;
      inj.buildings = read_buildings(v, names, site);
      ok = !inj.buildings.empty();
      inj.duration_s = m.duration("for", kNeverS, Range::greater_than(0).at_most(30 * 86400.0));
    } else if (a == "release_floor") {
      inj.kind = InjectionKind::ReleaseFloor;
      auto f = read_floor(v, names, site);
      ok = f.has_value();
      if (f) std::tie(inj.building, inj.floor) = *f;
    } else if (a == "sound_alarm") {
      inj.kind = InjectionKind::SoundAlarm;
      inj.buildings = read_buildings(v, names, site);
      ok = !inj.buildings.empty();
    } else if (a == "burst_pipe") {
      inj.kind = InjectionKind::BurstPipe;
      auto n = names.node(v, "node");
      ok = n.has_value();
      if (n) inj.node = *n;
      inj.flow_lps = m.number("flow_lps", inj.flow_lps, Range::greater_than(0).at_most(1000));
    } else if (a == "medical_emergency") {
      inj.kind = InjectionKind::Medical;
      auto n = names.node(v, "node");
      ok = n.has_value();
      if (n) inj.node = *n;
    }
    if (ok) drill.push_back(std::move(inj));
  }
  std::stable_sort(drill.begin(), drill.end(), [](const Injection& x, const Injection& y) { return x.at_s < y.at_s; });
}

}  // namespace

bool has_emergency_sections(const MapReader& root) {
  return std::any_of(kSections.begin(), kSections.end(), [&](const std::string& s) { return root.has(s); });
}

std::optional<EmergencyConfig> read_emergency(MapReader& root, EvacuationConfig* evacuation,
                                              std::shared_ptr<const Network> site) {
  if (!has_emergency_sections(root)) return std::nullopt;
  Diagnostics& diag = root.diag();
  if (evacuation == nullptr || !site) {
    for (const std::string& s : kSections)
      if (root.has(s)) {
        root.ignore(s);
        if (evacuation == nullptr)
          diag.error(root.key_pos(s), "'" + s + "' needs an evacuation: add an `evacuation:` section and a `layout:`");
      }
    return std::nullopt;
  }
  const int errors_before = diag.error_count();
  const Names names(*site);
  EmergencyConfig c;
  c.site = site;
  read_hazards(root.map_or_empty("hazards"), c.hazards);
  read_sensors(root.map_or_empty("sensors"), c.sensors);
  read_alarm(root.map_or_empty("alarm"), c.alarm);
  read_elevators(root.map_or_empty("elevators"), c.elevators);
  read_assistance(root.map_or_empty("assistance"), c.assistance, names);
  if (root.has("drill") && root.has("injections"))
    root.error("injections", "give the drill as `drill:` or as `injections:`, not both");
  read_drill(root.has("injections") ? root.list("injections") : root.list_or_empty("drill"), names, *site, c.drill);
  if (root.has("injections")) root.ignore("drill");

  const bool fire = std::any_of(c.drill.begin(), c.drill.end(), [](const Injection& i) { return i.kind == InjectionKind::StartFire; });
  const bool manual = std::any_of(c.drill.begin(), c.drill.end(), [](const Injection& i) { return i.kind == InjectionKind::SoundAlarm; });
  if (c.alarm.mode != AlarmMode::Given && !fire && !manual && diag.error_count() == errors_before)
    root.diag().error(root.key_pos(root.has("alarm") ? "alarm" : "drill"),
                      "nothing would raise the alarm: add a `start_fire` or `sound_alarm` to the drill, or set alarm.mode: given");
  // Alarm modes that evacuate only the burning building(s): only they are occupied.
  if ((c.alarm.mode == AlarmMode::Building || c.alarm.mode == AlarmMode::Phased) && evacuation->population.buildings.empty()) {
    for (const Injection& i : c.drill)
      if (i.kind == InjectionKind::StartFire) {
        const int32_t b = site->graph.node(i.node).building;
        auto& list = evacuation->population.buildings;
        if (std::find(list.begin(), list.end(), b) == list.end()) list.push_back(b);
      }
    std::sort(evacuation->population.buildings.begin(), evacuation->population.buildings.end());
  }
  if (diag.error_count() > errors_before) return std::nullopt;
  return c;
}

}  // namespace dt
