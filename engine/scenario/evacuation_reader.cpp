#include "engine/scenario/evacuation_reader.h"

#include <algorithm>
#include <cmath>

#include "engine/scenario/distribution_reader.h"
#include "engine/scenario/layout_loader.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kInLabel, "in '{}': {}", "在 '{}' 中：{}");
DT_PHRASE(kGroupName, "a group name is made of letters, digits, '_' and '-' (it becomes part of KPI names such as evacuation.group.<name>.total_time_s; got '{}')",
          "人群名称只能由字母、数字、'_' 和 '-' 组成（它会成为指标名称的一部分，例如 evacuation.group.<name>.total_time_s；实际为 '{}'）");
DT_PHRASE(kGroupTwice, "group '{}' is described twice in '{}'", "人群 '{}' 在 '{}' 中出现了两次");
DT_PHRASE(kGroupShareOrCount, "group '{}' needs exactly one of `share` (a share of the residents) and `count` (a number of persons)",
          "人群 '{}' 须给出 `share`（居民比例）与 `count`（人数）二者之一，且只能给一个");
DT_PHRASE(kGroupFloorsForm, "floors are written as one floor (5) or a range [lowest, highest] (e.g. [1, 6])",
          "楼层写作单个楼层（5）或范围 [最低, 最高]（例如 [1, 6]）");
DT_PHRASE(kGroupFloorsReversed, "the floor range [{}, {}] is reversed: write [{}, {}]", "楼层范围 [{}, {}] 写反了：应写作 [{}, {}]");
DT_PHRASE(kTooManyGroups, "at most 65,534 groups", "人群最多 65,534 个");
DT_PHRASE(kNeedsLayout, "an evacuation needs a layout: add `layout: !include ../assets/<site>.yaml` to the scenario",
          "疏散需要布局：请在场景中添加 `layout: !include ../assets/<site>.yaml`");
DT_PHRASE(kStairsFloorsForm, "floors are written as one floor (5) or a range [lowest, highest] (e.g. [1, 16])",
          "楼层写作单个楼层（5）或范围 [最低, 最高]（例如 [1, 16]）");
}  // namespace

namespace {

void read_groups(MapReader& m, PopulationConfig& p);

void read_population(MapReader m, PopulationConfig& p, double layout_persons_per_household) {
  p.households_per_unit = static_cast<uint32_t>(m.integer("households_per_unit", 1, Range::between(1, 1000)));
  if (const auto v = m.optional_value("persons_per_household")) {
    p.persons_per_household = read_distribution(*v, Quantity::Number);
  } else if (std::abs(layout_persons_per_household - 2.62) > 1e-9) {
    // The layout states another mean: two neighbouring sizes with that mean.
    const double lo = std::floor(layout_persons_per_household), frac = layout_persons_per_household - lo;
    p.persons_per_household = frac > 0 ? Distribution::discrete({lo, lo + 1}, {1 - frac, frac}) : Distribution::fixed(lo);
  }
  p.share_60_plus = m.number("share_60_plus", p.share_60_plus, Range::between(0, 1));
  p.share_children = m.number("share_children", p.share_children, Range::between(0, 1));
  p.share_needs_assistance = m.number("share_needs_assistance", p.share_needs_assistance, Range::between(0, 1));
  if (const auto hours = m.optional_number_list("presence_by_hour", Range::between(0, 1), 24))
    if (hours->size() == 24) std::copy(hours->begin(), hours->end(), p.presence_by_hour.begin());
  p.households_move_together = m.boolean("households_move_together", p.households_move_together);
  read_groups(m, p);
  const std::string problem = check_population_config(p);
  if (!problem.empty()) m.diag().error(m.pos(), say(kInLabel, m.label(), problem));
}

bool valid_group_name(const std::string& name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

// `floors: 5` or `floors: [lo, hi]`.
void read_group_floors(MapReader& m, PopulationGroup& g) {
  const auto v = m.optional_value("floors");
  if (!v) return;
  g.floors_pos = v->pos();
  if (v->node().is_scalar()) {
    if (const auto f = v->try_integer(Range::between(1, 1000))) g.floor_min = g.floor_max = static_cast<int32_t>(*f);
    return;
  }
  const std::vector<ValueReader> items = v->list();
  if (items.size() != 2) {
    v->error(say(kGroupFloorsForm));
    return;
  }
  const auto lo = items[0].try_integer(Range::between(1, 1000)), hi = items[1].try_integer(Range::between(1, 1000));
  if (!lo || !hi) return;
  if (*lo > *hi) {
    v->error(say(kGroupFloorsReversed, *lo, *hi, *hi, *lo));
    return;
  }
  g.floor_min = static_cast<int32_t>(*lo);
  g.floor_max = static_cast<int32_t>(*hi);
}

// One item of `population.groups` (docs/scenario-reference.md, "Population groups").
PopulationGroup read_group(const ValueReader& item) {
  MapReader m = item.map();
  PopulationGroup g;
  g.pos = item.pos();
  g.name = m.text("name");
  if (!g.name.empty() && !valid_group_name(g.name)) m.error("name", say(kGroupName, g.name));
  const bool has_share = m.has("share"), has_count = m.has("count");
  if (has_share == has_count) {
    m.diag().error(has_share ? m.key_pos("count") : m.pos(), say(kInLabel, m.label(), say(kGroupShareOrCount, g.name)));
    m.ignore("share");
    m.ignore("count");
  } else if (has_share) {
    g.share_pos = m.value_pos("share");
    g.share = m.number("share", 0.0, Range::between(0, 1));
  } else {
    g.share_pos = m.value_pos("count");
    g.count = static_cast<uint32_t>(m.integer("count", 1, Range::between(1, 100000)));
  }
  for (const ValueReader& b : m.list_or_empty("buildings"))
    if (auto t = b.try_text()) g.building_names.push_back({*t, b.pos(), m.key_path("buildings")});
  read_group_floors(m, g);
  const std::string cls = m.choice("class", {"adult", "elderly", "child"}, "adult");
  g.cls = cls == "elderly" ? ResidentClass::Elderly : cls == "child" ? ResidentClass::Child : ResidentClass::Adult;
  MapReader speed = m.map("speed");
  g.speed_level = read_distribution(speed.value("level"), Quantity::Number);
  g.speed_down = read_distribution(speed.value("stairs_down"), Quantity::Number);
  g.speed_up = read_distribution(speed.value("stairs_up"), Quantity::Number);
  if (auto pre = m.optional_map("premovement")) {
    if (const auto v = pre->optional_value("day")) g.premovement_day = read_distribution(*v, Quantity::Duration);
    if (const auto v = pre->optional_value("night")) g.premovement_night = read_distribution(*v, Quantity::Duration);
  }
  if (const auto hours = m.optional_number_list("presence_by_hour", Range::between(0, 1), 24))
    if (hours->size() == 24) {
      g.presence_by_hour.emplace();
      std::copy(hours->begin(), hours->end(), g.presence_by_hour->begin());
    }
  g.needs_assistance = m.boolean("needs_assistance", false);
  g.exit_awareness = m.number("exit_awareness", 1.0, Range::between(0, 1));
  return g;
}

void read_groups(MapReader& m, PopulationConfig& p) {
  const int errors_before = m.diag().error_count();
  for (const ValueReader& item : m.list_or_empty("groups")) {
    PopulationGroup g = read_group(item);
    if (m.diag().error_count() > errors_before) continue;  // one problem at a time: later checks need sound values
    for (const PopulationGroup& other : p.groups)
      if (other.name == g.name) m.diag().error(g.pos, say(kGroupTwice, g.name, m.key_path("groups")));
    const std::string problem = check_population_group(g);
    if (!problem.empty()) m.diag().error(g.pos, say(kInLabel, m.key_path("groups"), problem));
    p.groups.push_back(std::move(g));
  }
  if (p.groups.size() >= kNoGroup) m.error("groups", say(kInLabel, m.key_path("groups"), say(kTooManyGroups)));
}

void read_premovement(MapReader m, PreMovementConfig& p) {
  if (const auto v = m.optional_value("day")) p.day = read_distribution(*v, Quantity::Duration);
  if (const auto v = m.optional_value("night")) p.night = read_distribution(*v, Quantity::Duration);
  p.night_start_s = m.duration("night_start", p.night_start_s, Range::at_least(0).less_than(86400));
  p.night_end_s = m.duration("night_end", p.night_end_s, Range::at_least(0).less_than(86400));
}

void read_movement(MapReader m, MovementParams& p) {
  p.door_specific_flow_pps_per_m = m.number("door_specific_flow", p.door_specific_flow_pps_per_m, Range::greater_than(0).at_most(5));
  MapReader bl = m.map_or_empty("boundary_layer");
  p.boundary_layer_door_m = bl.number("door", p.boundary_layer_door_m, Range::at_least(0).less_than(1));
  p.boundary_layer_stair_m = bl.number("stair", p.boundary_layer_stair_m, Range::at_least(0).less_than(1));
  p.boundary_layer_corridor_m = bl.number("corridor", p.boundary_layer_corridor_m, Range::at_least(0).less_than(1));
  p.boundary_layer_path_m = bl.number("path", p.boundary_layer_path_m, Range::at_least(0).less_than(1));
  p.node_max_density_ppm2 = m.number("node_max_density", p.node_max_density_ppm2, Range::greater_than(0).less_than(sfpe::kJamDensity_ppm2));
  p.link_storage_density_ppm2 =
      m.number("link_storage_density", p.link_storage_density_ppm2, Range::greater_than(0).less_than(sfpe::kJamDensity_ppm2));
  p.overtaking_min_width_m = m.number("overtaking_min_width", p.overtaking_min_width_m, Range::between(0, 100));
  p.route_tolerance_fraction = m.number("route_tolerance", p.route_tolerance_fraction, Range::between(0, 1));
  p.route_tolerance_s = m.duration("route_tolerance_time", p.route_tolerance_s, Range::between(0, 3600));
  p.exit_flow_window_s = m.duration("exit_flow_window", p.exit_flow_window_s, Range::greater_than(0).at_most(3600));
}

// `exit_choice: {model, familiar_share}` (docs/scenario-reference.md, "Route choice").
void read_exit_choice(MapReader m, RouteChoiceConfig& r) {
  r.model = m.choice("model", {"shortest", "familiar"}, "shortest") == "familiar" ? ExitChoiceModel::Familiar
                                                                                 : ExitChoiceModel::Shortest;
  r.familiar_share = m.number("familiar_share", r.familiar_share, Range::between(0, 1));
}

// One item of `stairs:`: {building, floors: [lo, hi] | n, stair}. Names are bound by the Site.
void read_stair_assignment(const ValueReader& item, RouteChoiceConfig& r) {
  MapReader m = item.map();
  StairAssignment a;
  a.pos = item.pos();
  a.building = {m.text("building"), m.value_pos("building"), m.key_path("building")};
  a.stair = {m.text("stair"), m.value_pos("stair"), m.key_path("stair")};
  const ValueReader v = m.value("floors");
  a.floors_pos = v.pos();
  if (v.node().is_scalar()) {
    const auto f = v.try_integer(Range::between(1, 1000));
    if (!f) return;
    a.floor_min = a.floor_max = static_cast<int32_t>(*f);
  } else {
    const std::vector<ValueReader> items = v.list();
    if (items.size() != 2) {
      v.error(say(kStairsFloorsForm));
      return;
    }
    const auto lo = items[0].try_integer(Range::between(1, 1000)), hi = items[1].try_integer(Range::between(1, 1000));
    if (!lo || !hi) return;
    if (*lo > *hi) {
      v.error(say(kGroupFloorsReversed, *lo, *hi, *hi, *lo));
      return;
    }
    a.floor_min = static_cast<int32_t>(*lo);
    a.floor_max = static_cast<int32_t>(*hi);
  }
  r.stairs.push_back(std::move(a));
}

}  // namespace

std::optional<EvacuationConfig> read_evacuation(MapReader& root, double alarm_clock_s,
                                                std::optional<LayoutConfig>& layout_out) {
  const auto section = root.optional_map("evacuation");
  if (!section) return std::nullopt;
  MapReader ev = *section;
  Diagnostics& diag = root.diag();
  const int errors_before = diag.error_count();

  LayoutConfig layout;
  layout.source_file = root.pos().file;
  if (!root.has("layout")) {
    diag.error(ev.pos(), say(kNeedsLayout));
  } else {
    MapReader l = root.map("layout");
    read_layout_into(l, layout);
  }

  EvacuationConfig cfg;
  cfg.alarm_clock_s = alarm_clock_s;
  cfg.max_duration_s = ev.duration("max_duration", cfg.max_duration_s, Range::greater_than(0).at_most(7 * 86400.0));
  cfg.floor_kpis = ev.boolean("floor_kpis", false);
  MovementParams& params = cfg.movement;
  params.safe_at = ev.choice("safe_at", {"assembly_point", "outside"}, "assembly_point") == "outside"
                       ? SafePlace::Outside
                       : SafePlace::AssemblyPoint;
  cfg.safe_at_pos = ev.value_pos("safe_at");
  read_population(ev.map_or_empty("population"), cfg.population, layout.persons_per_household);
  read_premovement(ev.map_or_empty("premovement"), cfg.premovement);
  read_movement(ev.map_or_empty("movement"), params);
  read_exit_choice(ev.map_or_empty("exit_choice"), cfg.route_choice);
  for (const ValueReader& item : ev.list_or_empty("stairs")) read_stair_assignment(item, cfg.route_choice);
  cfg.buildings_pos = ev.value_pos("buildings");
  for (const std::string& id : ev.text_list_or_empty("buildings"))
    cfg.buildings.push_back({id, cfg.buildings_pos, "evacuation.buildings"});
  if (diag.error_count() > errors_before) return std::nullopt;
  layout_out = std::move(layout);
  return cfg;
}

}  // namespace dt
