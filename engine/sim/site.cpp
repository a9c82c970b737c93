#include "engine/sim/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "engine/kernel/suggest.h"
#include "engine/people/population.h"
#include "engine/people/route_choice.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kThingNode, "node", "节点");
DT_PHRASE(kThingLinkOrStair, "link or stair", "连接或楼梯");
DT_PHRASE(kThingElevator, "elevator", "电梯");
DT_PHRASE(kThingSensor, "sensor", "传感器");
DT_PHRASE(kThingBuilding, "building", "楼栋");
DT_PHRASE(kThingPlace, "place (building id or node label)", "地点（楼栋编号或节点标签）");
DT_PHRASE(kThingRole, "role", "岗位");

/// A kind of thing named in English in this file ("node") in the current language.
std::string thing(const std::string& en) {
  for (const Phrase* p : {&kThingNode, &kThingLinkOrStair, &kThingElevator, &kThingSensor, &kThingBuilding, &kThingPlace, &kThingRole})
    if (en == p->en) return say(*p);
  return en;
}

// Between the items of a list of ids in a message (the Chinese enumeration comma).
DT_PHRASE(kListComma, ", ", "、");
DT_PHRASE(kUnknownEvacBuilding, "unknown building '{}' in 'evacuation.buildings'; the layout has: {}",
          "未知的楼栋 '{}'（位于 'evacuation.buildings'）；布局中有：{}");
DT_PHRASE(kUnknownGroupBuilding, "unknown building '{0}' in the buildings of population group '{1}'",
          "人群 '{1}' 的 buildings 中有未知楼栋 '{0}'");
DT_PHRASE(kGroupLivesNowhere, "population group '{}' lives nowhere: no flat of the layout lies in its buildings and floors",
          "人群 '{}' 没有居住地点：布局中没有任何住户位于其楼栋与楼层范围内");
DT_PHRASE(kGroupSharesOver, "the shares of the population groups living on floor {1} of building '{0}' add up to {3} ({2}), more than 1",
          "居住在楼栋 '{0}' 第 {1} 层的人群比例之和为 {3}（{2}），超过 1");
DT_PHRASE(kNoAssemblyPoint, "the layout has no assembly point: add one, or set evacuation.safe_at: outside",
          "布局中没有集合点：请添加一个，或设置 evacuation.safe_at: outside");
DT_PHRASE(kNoOutdoorNode, "the layout has no outdoor node to be safe in", "布局中没有可作为安全地点的室外节点");
DT_PHRASE(kUnknownThing, "unknown {} '{}' in '{}'", "未知的{} '{}'（位于 '{}'）");
DT_PHRASE(kResponderNeedsGate, "responder team '{}' has no `gate:` and the layout has no gate to arrive at",
          "外部救援队 '{}' 没有 `gate:`，且布局中没有可到达的大门");
DT_PHRASE(kRosterNeeded, "'assistance.from_roster' takes the emergency staff from the dispatch roster, but the scenario has no `staff.roster`: add one, or give `assistance.staff` and `assistance.post`",
          "'assistance.from_roster' 从派单值班名册中抽调应急人员，但本情景没有 `staff.roster`：请添加名册，或给出 `assistance.staff` 与 `assistance.post`");
DT_PHRASE(kNobodyOnShift, "no member of the roles in 'assistance.from_roster' ({0}) is on shift at {1} when the drill starts: nobody from the roster will answer the emergency (emergency.staff.pulled = 0)",
          "演练开始时（{1}）'assistance.from_roster' 所列岗位（{0}）无人在岗：名册中无人响应此次应急（emergency.staff.pulled = 0）");
DT_PHRASE(kDidYouMean, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kUnknownTargetKpi, "target '{}' names no KPI this scenario reports", "目标 '{}' 不是本情景输出的指标");
DT_PHRASE(kLayoutHasNone, "; the layout has none", "；布局中没有这类对象");
DT_PHRASE(kIdsLookLike, "; ids look like '{}'", "；编号形如 '{}'");
DT_PHRASE(kKnown, "; known: {}", "；已知的有：{}");
DT_PHRASE(kFloorSyntax, "a floor is written '<building>/F<n>', e.g. 'C1/F14' (got '{}')", "楼层写作 '<building>/F<n>'，例如 'C1/F14'（实际为 '{}'）");
DT_PHRASE(kFloorsRange, "building '{}' has floors 1 to {} (got '{}')", "楼栋 '{}' 的楼层为 1 到 {}（实际为 '{}'）");
DT_PHRASE(kFireOutdoors, "a fire starts inside a building: '{}' is outdoors", "火灾须在楼内起火：'{}' 位于室外");
DT_PHRASE(kHoldOpenDoor, "hold_open needs a door (e.g. 'C1/S2/F12/door'); '{}' is a {}", "hold_open 需要一扇门（例如 'C1/S2/F12/door'）；'{}' 是 {}");
DT_PHRASE(kNoAlarm, "nothing would raise the alarm: add a `start_fire` or `sound_alarm` to the drill, or set alarm.mode: given",
          "没有任何事件会触发警报：请在演练中添加 `start_fire` 或 `sound_alarm`，或设置 alarm.mode: given");
DT_PHRASE(kTooManyStaff, "at most 65,535 staff members", "员工最多 65,535 人");
DT_PHRASE(kNoStairOf, "building '{}' has no stair '{}' (in '{}')", "楼栋 '{}' 没有楼梯 '{}'（位于 '{}'）");
DT_PHRASE(kStairsFloorsRange, "building '{}' has floors 1 to {}; the stair assignment names floors {} to {}",
          "楼栋 '{}' 的楼层为 1 到 {}；楼梯分配写的是第 {} 到 {} 层");
DT_PHRASE(kStairsOverlap, "floors {0} to {1} of building '{2}' overlap floors {3} to {4}, already assigned to stair '{5}'",
          "楼栋 '{2}' 的第 {0} 到 {1} 层与已分配给楼梯 '{5}' 的第 {3} 到 {4} 层重叠");
DT_PHRASE(kNoPlaceToHappen, "incident type '{}' has no place on this layout to happen", "事件类型 '{}' 在此布局中没有可发生的地点");
}  // namespace

namespace {

// --- evacuation -----------------------------------------------------------------------------------

// The groups' building names become indices; each group must live somewhere, and the shares of the
// groups covering one floor of one building add up to at most 1.
void bind_population_groups(PopulationConfig& pop, const Network& net, const std::vector<std::string>& names,
                            Diagnostics& diag) {
  for (PopulationGroup& g : pop.groups) {
    g.buildings.clear();
    for (const SourceName& id : g.building_names) {
      const auto it = std::find(names.begin(), names.end(), id.text);
      if (it != names.end()) {
        g.buildings.push_back(static_cast<int32_t>(it - names.begin()));
        continue;
      }
      std::string msg = say(kUnknownGroupBuilding, id.text, g.name);
      if (auto m = closest_match(id.text, names)) msg += say(kDidYouMean, *m);
      else msg += say(kKnown, fmt::format("{}", fmt::join(names, say(kListComma))));
      diag.error(id.pos, std::move(msg));
    }
    if (g.buildings.size() != g.building_names.size()) continue;
    bool lives = false;
    for (const NavNode& n : net.graph.nodes()) lives = lives || (n.kind == NodeKind::Unit && group_lives_in(g, n.building, n.floor));
    if (!lives) diag.error(g.floors_pos.line > 0 ? g.floors_pos : g.pos, say(kGroupLivesNowhere, g.name));
  }
  // Per (building, floor) with flats: the sum of the shares of the groups living there.
  std::map<std::pair<int32_t, int32_t>, bool> floors;
  for (const NavNode& n : net.graph.nodes())
    if (n.kind == NodeKind::Unit) floors[{n.building, n.floor}] = true;
  for (const auto& [where, unused] : floors) {
    double sum = 0;
    std::string who;
    for (const PopulationGroup& g : pop.groups) {
      if (g.count > 0 || !group_lives_in(g, where.first, where.second)) continue;
      sum += g.share;
      who += (who.empty() ? "" : " + ") + fmt::format("{} {:g}", g.name, g.share);
      if (sum > 1 + 1e-9) {
        diag.error(g.share_pos, say(kGroupSharesOver, names[static_cast<std::size_t>(where.first)], where.second, who,
                                    fmt::format("{:g}", sum)));
        return;  // one report is enough: the planner fixes the shares and runs again
      }
    }
  }
}

void bind_route_choice(RouteChoiceConfig& rc, const Site& site, const std::vector<std::string>& names, Diagnostics& diag);

void bind_evacuation(const EvacuationConfig& ev, Site& site, Diagnostics& diag) {
  const Network& net = *site.network;
  EvacuationConfig bound = ev;
  std::vector<std::string> names;
  for (const BuildingNet& b : net.buildings) names.push_back(b.id);
  for (const SourceName& id : ev.buildings) {
    const auto it = std::find(names.begin(), names.end(), id.text);
    if (it == names.end()) {
      std::string known;
      for (const std::string& n : names) known += (known.empty() ? "" : say(kListComma)) + n;
      diag.error(id.pos, say(kUnknownEvacBuilding, id.text, known));
    } else {
      bound.population.buildings.push_back(static_cast<int32_t>(it - names.begin()));
    }
  }
  bind_population_groups(bound.population, net, names, diag);
  const int errors_before = diag.error_count();
  bind_route_choice(bound.route_choice, site, names, diag);
  // The generated graph itself, shared: the routes refer to the network's nodes and links.
  std::shared_ptr<const NavGraph> graph(site.network, &site.network->graph);
  auto prepared = std::make_shared<EvacuationNetwork>(std::move(graph), ev.movement, std::move(names));
  if (diag.error_count() == errors_before && bound.route_choice.active())
    prepared->prepare_route_choice(route_choice_spec(bound.route_choice));
  if (prepared->safe_node_count() == 0)
    diag.error(ev.safe_at_pos, ev.movement.safe_at == SafePlace::AssemblyPoint
                                   ? say(kNoAssemblyPoint)
                                   : say(kNoOutdoorNode));
  site.evacuation_network = std::move(prepared);
  site.evacuation = std::move(bound);
}

// --- emergency ------------------------------------------------------------------------------------

// Names the network knows, for resolving drill ids with suggestions.
class DrillNames {
 public:
  DrillNames(const Network& site, Diagnostics& diag) : diag_(diag) {
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

  std::optional<NodeId> node(const SourceName& v, const std::string& what) const {
    if (auto it = nodes_.find(v.text); it != nodes_.end()) return NodeId(it->second);
    unknown(v, what, v.text, nodes_);
    return std::nullopt;
  }
  // A link label, or a stair "B/S<n>" (all its flights).
  std::optional<std::vector<uint32_t>> links(const SourceName& v) const {
    if (auto it = links_.find(v.text); it != links_.end()) return it->second;
    if (auto it = stairs_.find(v.text); it != stairs_.end()) return it->second;
    std::vector<std::string> all;
    for (const auto& [k, _] : links_) all.push_back(k);
    for (const auto& [k, _] : stairs_) all.push_back(k);
    report(v, "link or stair", v.text, all);
    return std::nullopt;
  }
  std::optional<uint32_t> elevator(const SourceName& v) const { return find(v, "elevator", elevators_); }
  std::optional<uint32_t> sensor(const SourceName& v) const { return find(v, "sensor", sensors_); }
  std::optional<int32_t> building(const SourceName& v) const { return find(v, "building", buildings_); }
  std::optional<int32_t> building_text(const SourceName& v, const std::string& s) const {
    if (auto it = buildings_.find(s); it != buildings_.end()) return it->second;
    unknown(v, "building", s, buildings_);
    return std::nullopt;
  }
  void error(const SourceName& v, std::string message) const { diag_.error(v.pos, std::move(message)); }

 private:
  template <class Map>
  std::optional<typename Map::mapped_type> find(const SourceName& v, const std::string& what, const Map& m) const {
    if (auto it = m.find(v.text); it != m.end()) return it->second;
    unknown(v, what, v.text, m);
    return std::nullopt;
  }
  template <class Map>
  void unknown(const SourceName& v, const std::string& what, const std::string& s, const Map& m) const {
    std::vector<std::string> all;
    all.reserve(m.size());
    for (const auto& [k, _] : m) all.push_back(k);
    report(v, what, s, all);
  }
  void report(const SourceName& v, const std::string& what, const std::string& s, const std::vector<std::string>& all) const {
    std::string msg = say(kUnknownThing, thing(what), s, v.path);
    if (auto m = closest_match(s, all)) msg += say(kDidYouMean, *m);
    else if (all.empty()) msg += say(kLayoutHasNone);
    else msg += say(kIdsLookLike, all.front());
    diag_.error(v.pos, std::move(msg));
  }

  Diagnostics& diag_;
  std::map<std::string, uint32_t> nodes_, elevators_, sensors_;
  std::map<std::string, std::vector<uint32_t>> links_, stairs_;
  std::map<std::string, int32_t> buildings_;
};

// "C1/F14" → (building, floor).
std::optional<std::pair<int32_t, int>> bind_floor(const SourceName& v, const DrillNames& names, const Network& site) {
  const std::string& s = v.text;
  const std::size_t slash = s.rfind("/F");
  int floor = 0;
  if (slash == std::string::npos ||
      std::from_chars(s.data() + slash + 2, s.data() + s.size(), floor).ptr != s.data() + s.size()) {
    names.error(v, say(kFloorSyntax, s));
    return std::nullopt;
  }
  const auto b = names.building_text(v, s.substr(0, slash));
  if (!b) return std::nullopt;
  if (floor < 1 || floor > site.buildings[*b].floors) {
    names.error(v, say(kFloorsRange, site.buildings[*b].id, site.buildings[*b].floors, s));
    return std::nullopt;
  }
  return std::pair{*b, floor};
}

std::vector<int32_t> bind_buildings(const Injection& inj, const DrillNames& names, const Network& site) {
  std::vector<int32_t> out;
  if (inj.all_buildings)
    for (std::size_t b = 0; b < site.buildings.size(); ++b) out.push_back(static_cast<int32_t>(b));
  for (const SourceName& t : inj.target)
    if (auto b = names.building(t)) out.push_back(*b);
  return out;
}

// Resolves one drill item; false when a name did not resolve (reported).
bool bind_injection(Injection& inj, const DrillNames& names, const Network& site) {
  const SourceName* v = inj.target.empty() ? nullptr : &inj.target.front();
  switch (inj.kind) {
    case InjectionKind::StartFire: {
      auto n = names.node(*v, "node");
      if (!n) return false;
      inj.node = *n;
      if (site.graph.node(*n).building < 0) {
        names.error(*v, say(kFireOutdoors, v->text));
        return false;
      }
      return true;
    }
    case InjectionKind::CloseLink:
    case InjectionKind::OpenLink:
    case InjectionKind::HoldOpen: {
      auto l = names.links(*v);
      if (!l) return false;
      inj.links = *l;
      if (inj.kind == InjectionKind::HoldOpen)
        for (const uint32_t id : *l)
          if (site.graph.links()[id].kind != LinkKind::Door) {
            names.error(*v, say(kHoldOpenDoor, v->text, to_string(site.graph.links()[id].kind)));
            return false;
          }
      return true;
    }
    case InjectionKind::FailElevator: {
      auto e = names.elevator(*v);
      if (e) inj.elevator = *e;
      return e.has_value();
    }
    case InjectionKind::FailSensor:
    case InjectionKind::SilenceSensor: {
      auto s = names.sensor(*v);
      if (s) inj.sensor = *s;
      return s.has_value();
    }
    case InjectionKind::CutPower:
    case InjectionKind::SoundAlarm:
      inj.buildings = bind_buildings(inj, names, site);
      return !inj.buildings.empty();
    case InjectionKind::ReleaseFloor: {
      auto f = bind_floor(*v, names, site);
      if (f) std::tie(inj.building, inj.floor) = *f;
      return f.has_value();
    }
    case InjectionKind::BurstPipe:
    case InjectionKind::Medical: {
      auto n = names.node(*v, "node");
      if (n) inj.node = *n;
      return n.has_value();
    }
  }
  return false;
}

void bind_emergency(const EmergencyConfig& em, Site& site, Diagnostics& diag) {
  const Network& net = *site.network;
  const int errors_before = diag.error_count();
  const DrillNames names(net, diag);
  EmergencyConfig c = em;
  c.site = site.network;
  if (!c.assistance.post_name.text.empty() || c.assistance.post_name.pos.line > 0)
    if (auto n = names.node(c.assistance.post_name, "node")) c.assistance.post = *n;
  for (ResponderTeam& rt : c.assistance.responders) {
    if (!rt.gate_name.text.empty()) {
      if (auto n = names.node(rt.gate_name, "node")) rt.gate = *n;
    } else if (!net.gates.empty()) {
      rt.gate = net.gates.front();
    } else {
      diag.error(c.assistance.responders_pos, say(kResponderNeedsGate, rt.name));
    }
  }
  c.drill.clear();
  for (Injection inj : em.drill)  // already in time order (stable)
    if (bind_injection(inj, names, net)) c.drill.push_back(std::move(inj));

  const bool fire = std::any_of(c.drill.begin(), c.drill.end(), [](const Injection& i) { return i.kind == InjectionKind::StartFire; });
  const bool manual = std::any_of(c.drill.begin(), c.drill.end(), [](const Injection& i) { return i.kind == InjectionKind::SoundAlarm; });
  if (c.alarm.mode != AlarmMode::Given && !fire && !manual && diag.error_count() == errors_before)
    diag.error(c.alarm_check_pos,
               say(kNoAlarm));
  // Alarm modes that evacuate only the burning building(s): only they are occupied.
  if (site.evacuation && (c.alarm.mode == AlarmMode::Building || c.alarm.mode == AlarmMode::Phased) &&
      !std::isfinite(c.alarm.others_after_s) && site.evacuation->population.buildings.empty()) {
    auto& list = site.evacuation->population.buildings;
    for (const Injection& i : c.drill)
      if (i.kind == InjectionKind::StartFire) {
        const int32_t b = net.graph.node(i.node).building;
        if (std::find(list.begin(), list.end(), b) == list.end()) list.push_back(b);
      }
    std::sort(list.begin(), list.end());
  }
  if (diag.error_count() == errors_before) site.emergency = std::move(c);
}

// --- dispatch -------------------------------------------------------------------------------------

void unknown_name(const SourceName& v, const std::string& what, const std::string& name,
                  const std::vector<std::string>& known, Diagnostics& diag) {
  std::string msg = say(kUnknownThing, thing(what), name, v.path);
  if (auto m = closest_match(name, known)) msg += say(kDidYouMean, *m);
  else if (!known.empty()) msg += say(kKnown, fmt::format("{}", fmt::join(known.begin(), known.begin() + std::min<std::ptrdiff_t>(8, static_cast<std::ptrdiff_t>(known.size())), say(kListComma))));
  diag.error(v.pos, std::move(msg));
}

// `evacuation.exit_choice` and `evacuation.stairs` against the layout: each building's usual exit
// (the one marked `usual: true`, else its first exit from the ground lobby), the stair
// assignments' buildings, stairs and floors, and no floor of a building assigned twice.
void bind_route_choice(RouteChoiceConfig& rc, const Site& site, const std::vector<std::string>& names, Diagnostics& diag) {
  const Network& net = *site.network;
  const LayoutConfig& layout = *site.layout;
  rc.usual_exit_link.assign(net.buildings.size(), -1);
  for (std::size_t b = 0; b < net.buildings.size() && b < layout.buildings.size(); ++b) {
    const std::vector<ExitConfig>& exits = layout.buildings[b].exits;
    int32_t usual = -1;
    for (std::size_t e = 0; e < exits.size() && usual < 0; ++e)
      if (exits[e].usual) usual = static_cast<int32_t>(e);
    for (std::size_t e = 0; e < exits.size() && usual < 0; ++e)
      if (exits[e].via_stair.empty()) usual = static_cast<int32_t>(e);
    if (usual >= 0 && static_cast<std::size_t>(usual) < net.buildings[b].exit_links.size())
      rc.usual_exit_link[b] = static_cast<int32_t>(net.buildings[b].exit_links[usual].value);
  }
  for (std::size_t i = 0; i < rc.stairs.size(); ++i) {
    StairAssignment& a = rc.stairs[i];
    const auto it = std::find(names.begin(), names.end(), a.building.text);
    if (it == names.end()) {
      unknown_name(a.building, "building", a.building.text, names, diag);
      continue;
    }
    const auto b = static_cast<std::size_t>(it - names.begin());
    a.building_index = static_cast<int32_t>(b);
    std::vector<std::string> stairs;
    for (const StairConfig& sc : layout.buildings[b].stairs) stairs.push_back(sc.id);
    const auto st = std::find(stairs.begin(), stairs.end(), a.stair.text);
    if (st == stairs.end()) {
      std::string msg = say(kNoStairOf, a.building.text, a.stair.text, a.stair.path);
      if (auto m = closest_match(a.stair.text, stairs)) msg += say(kDidYouMean, *m);
      else if (!stairs.empty()) msg += say(kKnown, fmt::format("{}", fmt::join(stairs, say(kListComma))));
      else msg += say(kLayoutHasNone);
      diag.error(a.stair.pos, std::move(msg));
    } else {
      a.stair_index = static_cast<int32_t>(st - stairs.begin());
    }
    const int floors = net.buildings[b].floors;
    if (a.floor_max > floors) {
      diag.error(a.floors_pos, say(kStairsFloorsRange, a.building.text, floors, a.floor_min, a.floor_max));
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      const StairAssignment& o = rc.stairs[j];
      if (o.building_index != a.building_index || o.floor_max < a.floor_min || a.floor_max < o.floor_min) continue;
      diag.error(a.floors_pos, say(kStairsOverlap, a.floor_min, a.floor_max, a.building.text, o.floor_min, o.floor_max,
                                   o.stair.text));
      break;
    }
  }
}

struct SiteNames {
  const Network* net = nullptr;
  std::vector<std::string> buildings;
  Diagnostics* diag = nullptr;

  std::optional<int32_t> building(const SourceName& v) const {
    const auto it = std::find(buildings.begin(), buildings.end(), v.text);
    if (it != buildings.end()) return static_cast<int32_t>(it - buildings.begin());
    unknown_name(v, "building", v.text, buildings, *diag);
    return std::nullopt;
  }
  // A node label (posts are resolved before the travel model exists, so a building id is a node
  // label here too).
  std::optional<NodeId> place(const SourceName& v) const {
    const NodeId n = net->graph.find_node(v.text);
    if (n.valid()) return n;
    std::vector<std::string> known = buildings;
    for (NodeId g : net->gates) known.push_back(net->graph.node(g).label);
    for (NodeId s : net->stores) known.push_back(net->graph.node(s).label);
    unknown_name(v, "place (building id or node label)", v.text, known, *diag);
    return std::nullopt;
  }
};

void expand_roster(DispatchConfig& c, const SiteNames* site) {
  c.staff.clear();
  for (const RosterEntry& e : c.roster) {
    std::vector<int32_t> zone;
    if (site)
      for (const SourceName& b : e.zone)
        if (const auto bi = site->building(b)) zone.push_back(*bi);
    NodeId post;
    if (site)
      for (const SourceName& p : e.post)
        if (const auto n = site->place(p)) post = *n;
    PatrolConfig patrol = e.member.patrol;
    if (site) {
      std::vector<std::string> ids;
      if (e.patrol_all) ids = site->buildings;
      else for (const SourceName& r : e.patrol_route)
          if (const auto b = site->building(r)) ids.push_back(site->buildings[static_cast<std::size_t>(*b)]);
      for (const std::string& id : ids) {
        const auto b = static_cast<int32_t>(std::find(site->buildings.begin(), site->buildings.end(), id) - site->buildings.begin());
        patrol.route_building.push_back(b);
        patrol.route.push_back(NodeId());  // the lobby, resolved once the travel model exists
      }
    }
    auto add = [&](const std::string& id, std::vector<int32_t> z, NodeId at) {
      StaffMember s = e.member;
      s.id = id;
      s.post = at;
      s.zone = std::move(z);
      s.patrol = patrol;
      c.staff.push_back(std::move(s));
    };
    if (e.per_building) {
      if (!site) continue;
      for (std::size_t b = 0; b < site->buildings.size(); ++b)
        if (zone.empty() || std::find(zone.begin(), zone.end(), static_cast<int32_t>(b)) != zone.end())
          add(e.member.role + "." + site->buildings[b], {static_cast<int32_t>(b)}, NodeId());  // post: the building's lobby
    } else {
      for (int64_t k = 0; k < e.count; ++k) add(fmt::format("{}.{}", e.member.role, c.staff.size() + 1), zone, post);
    }
  }
}

void bind_dispatch(const DispatchConfig& d, Site& site, Diagnostics& diag) {
  const int errors_before = diag.error_count();
  DispatchConfig c = d;
  SiteNames names;
  names.diag = &diag;
  if (site.network) {
    names.net = site.network.get();
    for (const BuildingNet& b : site.network->buildings) names.buildings.push_back(b.id);
  }
  expand_roster(c, site.network ? &names : nullptr);
  if (c.staff.size() >= 65'536) diag.error(c.roster_pos, say(kTooManyStaff));
  if (diag.error_count() == errors_before && site.network) {
    // Staff never walk *to* a post, so posts need no exact trees of their own (travel_time.h).
    auto travel = std::make_shared<const TravelModel>(site.network, std::vector<NodeId>{}, c.travel_options);
    const TravelModel& tm = *travel;
    const Network& net = *site.network;
    // Without a post: butlers at their building's lobby, everybody else at the property office
    // (the first store), else at the first gate.
    const NodeId office = !net.stores.empty() ? net.stores.front() : !net.gates.empty() ? net.gates.front() : tm.lobby(0);
    for (StaffMember& member : c.staff) {
      if (!member.post.valid()) member.post = member.zone.empty() ? office : tm.lobby(member.zone.front());
      for (std::size_t k = 0; k < member.patrol.route.size(); ++k)
        member.patrol.route[k] = tm.lobby(member.patrol.route_building[k]);
    }
    for (const IncidentType& ty : c.types) {
      const double reachable = (tm.units().empty() ? 0 : ty.where.units) + (tm.common().empty() ? 0 : ty.where.common) +
                               (tm.elevator_stops().empty() ? 0 : ty.where.elevators) + (tm.outdoor().empty() ? 0 : ty.where.outdoor);
      if (reachable <= 0) diag.error(c.incidents_pos, say(kNoPlaceToHappen, ty.name));
    }
    c.travel = travel;
    site.travel = std::move(travel);
  }
  site.dispatch = std::move(c);
}

}  // namespace

namespace {

// assistance.from_roster: every role must be a role of staff.roster. Somebody of those roles should
// be on shift when the drill starts (a warning: a drill nobody answers is legitimate to simulate).
void bind_roster_staff(const ScenarioConfig& scenario, Site& site, Diagnostics& diag) {
  const AssistanceParams& a = site.emergency->assistance;
  if (!scenario.dispatch || scenario.dispatch->roster.empty()) {
    diag.error(a.from_roster_pos, say(kRosterNeeded));
    return;
  }
  std::vector<std::string> roles;
  for (const RosterEntry& e : scenario.dispatch->roster)
    if (std::find(roles.begin(), roles.end(), e.member.role) == roles.end()) roles.push_back(e.member.role);
  bool known = true;
  for (const SourceName& r : a.from_roster)
    if (std::none_of(roles.begin(), roles.end(), [&](const std::string& role) { return roster_role_is(r.text, role); })) {
      unknown_name(r, "role", r.text, roles, diag);
      known = false;
    }
  if (!known || !site.dispatch) return;
  double start_s = 0.0;  // the drill's first action (scenario clock)
  if (!site.emergency->drill.empty()) start_s = site.emergency->drill.front().at_s;
  const double clock = std::fmod(site.dispatch->clock_start_s + start_s, 86400.0);
  for (const StaffMember& m : site.dispatch->staff) {
    if (!answers_emergency(a, m.role)) continue;
    const double since = std::fmod(clock - m.shift.start_s + 86400.0, 86400.0);
    if (m.shift.always() || since < m.shift.length_s) return;
  }
  std::vector<std::string> names;
  for (const SourceName& r : a.from_roster) names.push_back(r.text);
  const auto s = static_cast<int64_t>(clock);
  std::string message = say(kNobodyOnShift, fmt::format("{}", fmt::join(names, say(kListComma))),
                            fmt::format("{:02}:{:02}", s / 3600, s / 60 % 60));
  site.warnings.push_back({Severity::Warning, a.from_roster_pos, message});
  diag.warning(a.from_roster_pos, std::move(message));
}

}  // namespace

Site build_site(const ScenarioConfig& scenario, Diagnostics& diag) {
  Site site;
  if (scenario.layout) {
    const int errors_before = diag.error_count();
    site.layout = std::make_shared<const LayoutConfig>(*scenario.layout);
    Network net = generate_network(*site.layout, diag);
    check_layout(*site.layout, net, diag);
    if (diag.error_count() > errors_before) return site;  // nothing to bind names against
    site.network = std::make_shared<const Network>(std::move(net));
  }
  if (scenario.evacuation && site.network) bind_evacuation(*scenario.evacuation, site, diag);
  if (scenario.emergency && site.network) bind_emergency(*scenario.emergency, site, diag);
  if (scenario.dispatch) bind_dispatch(*scenario.dispatch, site, diag);
  if (site.emergency && !site.emergency->assistance.from_roster.empty()) bind_roster_staff(scenario, site, diag);
  return site;
}

namespace {

// A target must name a KPI the scenario reports: a misspelt one would otherwise never be judged,
// and the planner would read "all targets met" for a target nobody checked.
void check_target_kpis(const ScenarioConfig& scenario, const Site& site, Diagnostics& diag) {
  if (scenario.targets.empty()) return;
  const std::vector<KpiDefinition> kpis = kpi_definitions(site, scenario);
  for (const KpiGoal& g : scenario.targets)
    if (std::none_of(kpis.begin(), kpis.end(), [&](const KpiDefinition& k) { return k.name == g.kpi; }))
      diag.error(g.pos, say(kUnknownTargetKpi, g.kpi) + kpi_name_hint(g.kpi, kpis));
}

}  // namespace

std::string kpi_name_hint(std::string_view name, const std::vector<KpiDefinition>& kpis) {
  std::vector<std::string> names;
  for (const KpiDefinition& k : kpis) names.push_back(k.name);
  const std::optional<std::string> m = closest_match(name, names);
  return m ? say(kDidYouMean, *m) : std::string();
}

Site build_site(const ScenarioConfig& scenario) {
  Diagnostics diag;
  Site site = build_site(scenario, diag);
  if (!diag.has_errors()) check_target_kpis(scenario, site, diag);
  diag.throw_if_errors();
  return site;
}

PreparedScenario prepare_scenario(const std::string& path, const std::vector<std::string>& overrides,
                                  const IncludeRules& includes) {
  return prepare_scenario(load_scenario(path, overrides, includes));
}

PreparedScenario prepare_scenario(ScenarioConfig config) {
  auto site = std::make_shared<const Site>(build_site(config));
  return PreparedScenario{std::move(config), std::move(site)};
}

}  // namespace dt
