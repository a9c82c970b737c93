#include "engine/scenario/plan_loader.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/kernel/hash.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/suggest.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/scenario_writer.h"

namespace dt {

namespace {
DT_PHRASE(kNoPlan,
          "the file has no 'plan' section: declare the plan options and the objective there (docs/planning.md)",
          "文件中没有 'plan' 部分：请在其中声明预案选项和目标（见 docs/planning.md）");
DT_PHRASE(kNeedsOptions, "'plan.options' needs at least one option", "'plan.options' 至少需要一个选项");
DT_PHRASE(kNeedsAlternative, "plan option '{}' needs at least one alternative", "预案选项 '{}' 至少需要一个备选");
DT_PHRASE(kUnknownBuiltin, "'{}' is not an alternative of plan option '{}'; it offers: {}{}",
          "'{}' 不是预案选项 '{}' 的备选；可选：{}{}");
DT_PHRASE(kNeedsNamed,
          "plan option '{}' is not a built-in option ({}) nor a scenario key: write its alternatives as "
          "{{name: …, set: {{KEY: VALUE, …}}}}",
          "预案选项 '{}' 既不是内置选项（{}）也不是场景键：请把它的备选写成 {{name: 名称, set: {{键: 值, …}}}}");
DT_PHRASE(kDuplicateAlternative, "plan option '{}' lists '{}' twice", "预案选项 '{}' 重复列出了 '{}'");
DT_PHRASE(kAlternativeName, "an alternative's name must be a word (letters, digits, '_', '-', '/', '+'), got '{}'",
          "备选名称必须是一个词（字母、数字、'_'、'-'、'/'、'+'），实际为 '{}'");
DT_PHRASE(kOptionForm,
          "plan option '{}' needs a list of alternatives, or a stair option {{building: …, floor_groups: [[first, last], …]}}",
          "预案选项 '{}' 需要一组备选，或楼梯选项 {{building: …, floor_groups: [[起始层, 结束层], …]}}");
DT_PHRASE(kUnknownBuilding, "unknown building '{}'{}", "未知楼栋 '{}'{}");
DT_PHRASE(kNoLayout, "a stair option needs the scenario's layout: (buildings and their stairs)",
          "楼梯选项需要场景的 layout（楼栋及其楼梯）");
DT_PHRASE(kGroupForm, "a floor group is [first, last] with 1 ≤ first ≤ last ≤ {} (the floors of {})",
          "楼层组应写为 [起始层, 结束层]，且 1 ≤ 起始层 ≤ 结束层 ≤ {}（{} 的楼层数）");
DT_PHRASE(kGroupsOverlap, "floor groups [{}, {}] and [{}, {}] of {} overlap", "楼层组 [{}, {}] 与 [{}, {}] 重叠（{}）");
DT_PHRASE(kNoStairs, "building {} has one stair or none: there is nothing to assign",
          "楼栋 {} 只有一部楼梯或没有楼梯：无可分配");
DT_PHRASE(kTooManyStairCombos, "stair option '{}' gives {} assignments; use fewer floor groups (at most {})",
          "楼梯选项 '{}' 会产生 {} 种分配；请减少楼层组（至多 {} 种）");
DT_PHRASE(kSetClash,
          "plan options '{}' and '{}' both set '{}': two options may only set the same key with lists, which are joined",
          "预案选项 '{}' 与 '{}' 都设置了 '{}'：两个选项只能以列表形式设置同一个键（列表会被合并）");
DT_PHRASE(kMaxBelowFirstPlan, "'plan.max_replications' ({}) must be at least 'first_stage_replications' ({})",
          "'plan.max_replications'（{}）不能小于 'first_stage_replications'（{}）");
DT_PHRASE(kNoTeams,
          "'outside_help' chooses which of the teams in 'assistance.responders' are called; the scenario declares "
          "none (declare each with 'call: false' when the scenario as written does not call it)",
          "'outside_help' 用于选择呼叫 'assistance.responders' 中的哪些救援队；场景未声明任何救援队（原方案不呼叫的队伍请以 'call: false' 声明）");
DT_PHRASE(kNotATarget, "'{}' in 'plan.constraints' is not a target of this scenario{}",
          "'plan.constraints' 中的 '{}' 不是本场景的目标{}");
DT_PHRASE(kPlanOnlyForEmergency,
          "'plan' needs an emergency scenario: an evacuation with a drill, alarm or assistance section",
          "'plan' 需要一个应急场景：包含疏散以及 drill、alarm 或 assistance 部分");
}  // namespace

namespace {

YamlNode yaml_value(std::string_view text, const SourcePos& pos) {
  YamlNode n = *parse_yaml_string("v: " + std::string(text), pos.file).find("v");
  // The built-in alternatives' values are written by drilltwin: their errors belong to where the
  // planner named the alternative.
  struct Repos {
    static void at(YamlNode& node, const SourcePos& p) {
      node.set_pos(p);
      if (node.is_sequence())
        for (YamlNode& i : node.items()) at(i, p);
      if (node.is_map()) {
        YamlNode copy = YamlNode::make_map(p);
        for (auto [k, v] : node.entries()) {
          at(v, p);
          copy.set(k.scalar(), std::move(v), p);
        }
        node = std::move(copy);
      }
    }
  };
  Repos::at(n, pos);
  return n;
}

struct Builtin {
  const char* name;
  std::vector<std::pair<const char*, const char*>> set;  // dotted key → YAML text
};

// The built-in options: a planner's word for an alternative and what it writes.
const std::map<std::string, std::pair<PlanOption::Kind, std::vector<Builtin>>>& builtins() {
  static const std::map<std::string, std::pair<PlanOption::Kind, std::vector<Builtin>>> table = {
      {"alarm",
       {PlanOption::Kind::Alarm,
        {{"all_at_once", {{"alarm.mode", "site"}}},
         {"fire_building_first", {{"alarm.mode", "building"}, {"alarm.others_after", "5 min"}}},
         {"fire_floor_first", {{"alarm.mode", "phased"}, {"alarm.others_after", "5 min"}}}}}},
      {"lifts",
       {PlanOption::Kind::Lifts,
        {{"fire_lift", {{"assistance.method", "fire_lift"}}}, {"carry", {{"assistance.method", "carry"}}}}}},
      {"staff_order",
       {PlanOption::Kind::StaffOrder,
        {{"fire_first", {{"assistance.order", "fire_first"}}},
         {"nearest", {{"assistance.order", "nearest"}}},
         {"top_down", {{"assistance.order", "top_down"}}}}}},
      {"sweep",
       {PlanOption::Kind::Sweep,
        {{"sweep", {{"assistance.sweep", "true"}}}, {"no_sweep", {{"assistance.sweep", "false"}}}}}},
      {"outside_help", {PlanOption::Kind::OutsideHelp, {}}},  // from the declared teams (outside_help_alternative)
  };
  return table;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : lang() == Lang::ZhCN ? "、" : ", ") + w;
  return s;
}

bool is_alternative_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/' || c == '+' || c == '.';
  });
}

constexpr std::size_t kMaxStairAssignments = 256;

// Every assignment of the building's stairs to the floor groups (the first group varies slowest),
// after "nearest" (no assignment: the shortest route, as written) unless the option says `nearest: false`.
void stair_alternatives(PlanOption& o, const BuildingConfig& b, bool with_nearest) {
  if (with_nearest) {
    PlanAlternative nearest;
    nearest.name = "nearest";
    nearest.pos = o.pos;
    o.alternatives.push_back(std::move(nearest));
  }
  const std::size_t s = b.stairs.size(), g = o.floor_groups.size();
  std::vector<std::size_t> at(g, 0);
  for (bool more = true; more;) {
    PlanAlternative a;
    a.pos = o.pos;
    YamlNode list = YamlNode::make_sequence(o.pos);
    for (std::size_t i = 0; i < g; ++i) {
      const std::string& stair = b.stairs[at[i]].id;
      a.stairs.push_back(stair);
      a.name += (i == 0 ? "" : "/") + stair;
      list.push_back(yaml_value(fmt::format("{{building: {}, floors: [{}, {}], stair: {}}}", b.id,
                                            o.floor_groups[i].first, o.floor_groups[i].second, stair),
                                o.pos));
    }
    a.set.emplace_back("evacuation.stairs", std::move(list));
    o.alternatives.push_back(std::move(a));
    more = false;
    for (std::size_t i = g; i-- > 0;) {
      if (++at[i] < s) {
        more = true;
        break;
      }
      at[i] = 0;
    }
  }
}

}  // namespace

bool has_plan(const YamlNode& doc) { return doc.is_map() && doc.find("plan") != nullptr; }

std::string plan_label(const PlanSpec& spec, const PlanChoice& choice) {
  std::string s;
  for (std::size_t o = 0; o < spec.options.size() && o < choice.size(); ++o)
    s += (s.empty() ? "" : ", ") + spec.options[o].name + "=" + spec.options[o].alternatives[choice[o]].name;
  return s;
}

std::vector<std::pair<std::string, YamlNode>> plan_settings(const PlanSpec& spec, const PlanChoice& choice) {
  std::vector<std::pair<std::string, YamlNode>> out;
  for (std::size_t o = 0; o < spec.options.size() && o < choice.size(); ++o)
    for (const auto& setting : spec.options[o].alternatives[choice[o]].set) {
      const std::string& key = setting.first;
      auto at = std::find_if(out.begin(), out.end(), [&key](const auto& kv) { return kv.first == key; });
      if (at == out.end()) {
        out.push_back(setting);
      } else {
        for (const YamlNode& item : setting.second.items()) at->second.push_back(item);  // lists join (read_plan checks)
      }
    }
  return out;
}

YamlNode plan_document(const PlanProblem& problem, const PlanChoice& choice) {
  YamlNode doc = problem.doc;
  for (auto& [key, value] : plan_settings(problem.spec, choice)) set_scenario_path(doc, key, value, value.pos());
  return doc;
}

SweepPlan plan_candidates(const PlanProblem& problem, const std::vector<PlanChoice>& choices,
                          const std::string& as_written_label) {
  // The candidates as a sweep's variants: each one a complete scenario, checked by the same reader.
  YamlNode doc = problem.doc;
  const SourcePos at{problem.source_file, 0, 0};
  YamlNode variants = YamlNode::make_sequence(at);
  for (const PlanChoice& c : choices) {
    YamlNode v = YamlNode::make_map(at);
    v.set("name", YamlNode::make_scalar(c.empty() ? as_written_label : plan_label(problem.spec, c), at, true), at);
    YamlNode set = YamlNode::make_map(at);
    for (auto& [key, value] : plan_settings(problem.spec, c)) {
      const SourcePos p = value.pos();
      set.set(key, std::move(value), p);
    }
    v.set("set", std::move(set), at);
    variants.push_back(std::move(v));
  }
  YamlNode sweep = YamlNode::make_map(at);
  sweep.set("variants", std::move(variants), at);
  doc.set("sweep", std::move(sweep), at);
  SweepPlan plan = read_sweep(doc, problem.source_file, /*candidates=*/true);
  plan.overrides = problem.overrides;
  return plan;
}

PlanProblem read_plan(const YamlNode& doc, const std::string& source_file) {
  const YamlNode* section = doc.is_map() ? doc.find("plan") : nullptr;
  if (section == nullptr) throw InputError(SourcePos{source_file, doc.pos().line, doc.pos().col}, say(kNoPlan));

  PlanProblem problem;
  problem.source_file = source_file;
  problem.doc = without_keys(doc, {"plan", "optimize", "sweep", "calibrate"});
  problem.base = read_scenario(problem.doc, source_file);
  PlanSpec& spec = problem.spec;

  Diagnostics diag;
  MapReader plan(*section, diag, "plan");
  if (!problem.base.evacuation || !problem.base.emergency) diag.error(plan.pos(), say(kPlanOnlyForEmergency));
  MapReader options = plan.map("options");
  std::vector<std::string> builtin_names;
  for (const auto& [name, _] : builtins()) builtin_names.push_back(name);
  for (const MapEntryReader& e : options.entries()) {
    PlanOption o;
    o.name = e.key;
    o.pos = e.key_pos;
    const YamlNode& v = e.value.node();
    const auto builtin = builtins().find(e.key);
    const bool is_key = e.key.find('.') != std::string::npos;
    if (v.is_map()) {
      // A stair option: every stair of the building for every floor group.
      o.kind = PlanOption::Kind::Stairs;
      MapReader m = e.value.map();
      o.building = m.text("building");
      const SourcePos building_pos = m.value_pos("building");
      const bool with_nearest = m.boolean("nearest", true);
      std::vector<std::pair<int, int>> groups;
      std::vector<SourcePos> group_pos;
      for (const ValueReader& g : m.list("floor_groups")) {
        const std::vector<ValueReader> ends = g.list();
        if (ends.size() != 2) {
          diag.error(g.pos(), say(kGroupForm, "N", o.building));
          continue;
        }
        const std::optional<int64_t> lo = ends[0].try_integer(), hi = ends[1].try_integer();
        if (!lo || !hi) continue;  // said by try_integer
        groups.emplace_back(static_cast<int>(*lo), static_cast<int>(*hi));
        group_pos.push_back(g.pos());
      }
      if (!problem.base.layout) {
        diag.error(e.value.pos(), say(kNoLayout));
        continue;
      }
      const auto& bs = problem.base.layout->buildings;
      const auto b = std::find_if(bs.begin(), bs.end(), [&](const BuildingConfig& x) { return x.id == o.building; });
      if (b == bs.end()) {
        std::vector<std::string> ids;
        for (const BuildingConfig& x : bs) ids.push_back(x.id);
        const std::optional<std::string> near = closest_match(o.building, ids);
        diag.error(building_pos, say(kUnknownBuilding, o.building,
                                     near ? (lang() == Lang::ZhCN ? "（是否指 '" : " (did you mean '") + *near +
                                                (lang() == Lang::ZhCN ? "'？）" : "'?)")
                                          : std::string()));
        continue;
      }
      bool ok = true;
      for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].first < 1 || groups[i].first > groups[i].second || groups[i].second > b->floors) {
          diag.error(group_pos[i], say(kGroupForm, b->floors, b->id));
          ok = false;
          continue;
        }
        for (std::size_t j = 0; j < i; ++j)
          if (groups[i].first <= groups[j].second && groups[j].first <= groups[i].second) {
            diag.error(group_pos[i],
                       say(kGroupsOverlap, groups[j].first, groups[j].second, groups[i].first, groups[i].second, b->id));
            ok = false;
          }
      }
      if (b->stairs.size() < 2) {
        diag.error(building_pos, say(kNoStairs, b->id));
        ok = false;
      }
      if (!ok || groups.empty()) continue;
      double combos = 1;
      for (std::size_t i = 0; i < groups.size(); ++i) combos *= static_cast<double>(b->stairs.size());
      if (combos > static_cast<double>(kMaxStairAssignments)) {
        diag.error(e.value.pos(), say(kTooManyStairCombos, o.name, combos, kMaxStairAssignments));
        continue;
      }
      o.floor_groups = std::move(groups);
      stair_alternatives(o, *b, with_nearest);
    } else if (v.is_sequence()) {
      std::set<std::string> seen;
      for (const ValueReader& item : e.value.list()) {
        PlanAlternative a;
        a.pos = item.pos();
        if (item.node().is_map()) {
          MapReader m = item.map();
          a.name = m.text("name");
          if (m.has("name") && !is_alternative_name(a.name)) m.error("name", say(kAlternativeName, a.name));
          if (auto set = m.optional_map("set"))
            for (const MapEntryReader& s : set->entries()) {
              YamlNode value = s.value.node();
              a.set.emplace_back(s.key, std::move(value));
            }
          if (o.kind != PlanOption::Kind::Key && builtin != builtins().end()) o.kind = builtin->second.first;
        } else if (builtin != builtins().end() && builtin->second.first == PlanOption::Kind::OutsideHelp) {
          // Which declared teams are called: none, one team by its name, or all.
          o.kind = PlanOption::Kind::OutsideHelp;
          a.name = item.node().is_scalar() ? item.node().scalar() : item.node().dump();
          const std::vector<ResponderTeam> teams =
              problem.base.emergency ? problem.base.emergency->assistance.responders : std::vector<ResponderTeam>{};
          if (teams.empty()) {
            diag.error(item.pos(), say(kNoTeams));
            continue;
          }
          std::vector<std::string> words{"none", "all"};
          for (const ResponderTeam& t : teams) words.push_back(t.name);
          if (std::find(words.begin(), words.end(), a.name) == words.end()) {
            const std::optional<std::string> near = closest_match(a.name, words);
            diag.error(item.pos(), say(kUnknownBuiltin, a.name, o.name, joined(words),
                                       near ? (lang() == Lang::ZhCN ? "（是否指 '" : " (did you mean '") + *near +
                                                  (lang() == Lang::ZhCN ? "'？）" : "'?)")
                                            : std::string()));
            continue;
          }
          for (std::size_t i = 0; i < teams.size(); ++i)
            a.set.emplace_back(fmt::format("assistance.responders.{}.call", i),
                               yaml_value(a.name == "all" || a.name == teams[i].name ? "true" : "false", item.pos()));
        } else if (builtin != builtins().end()) {
          o.kind = builtin->second.first;
          a.name = item.node().is_scalar() ? item.node().scalar() : item.node().dump();
          const auto& table = builtin->second.second;
          const auto hit = std::find_if(table.begin(), table.end(), [&](const Builtin& x) { return a.name == x.name; });
          if (hit == table.end()) {
            std::vector<std::string> words;
            for (const Builtin& x : table) words.push_back(x.name);
            const std::optional<std::string> near = closest_match(a.name, words);
            diag.error(item.pos(), say(kUnknownBuiltin, a.name, o.name, joined(words),
                                       near ? (lang() == Lang::ZhCN ? "（是否指 '" : " (did you mean '") + *near +
                                                  (lang() == Lang::ZhCN ? "'？）" : "'?)")
                                            : std::string()));
            continue;
          }
          for (const auto& [key, text] : hit->set) a.set.emplace_back(key, yaml_value(text, item.pos()));
        } else if (is_key) {
          o.kind = PlanOption::Kind::Key;
          a.name = item.node().is_scalar() ? item.node().scalar() : item.node().dump();
          a.set.emplace_back(o.name, item.node());
        } else {
          diag.error(item.pos(), say(kNeedsNamed, o.name, joined(builtin_names)));
          break;  // said once for the option
        }
        if (!seen.insert(a.name).second) diag.error(item.pos(), say(kDuplicateAlternative, o.name, a.name));
        o.alternatives.push_back(std::move(a));
      }
      if (o.alternatives.empty() && !diag.has_errors()) diag.error(e.value.pos(), say(kNeedsAlternative, o.name));
    } else {
      diag.error(e.value.pos(), say(kOptionForm, o.name));
      continue;
    }
    spec.options.push_back(std::move(o));
  }
  if (spec.options.empty() && options.node() != nullptr && !diag.has_errors()) diag.error(options.pos(), say(kNeedsOptions));

  // Two options may write the same key only as lists (joined); said once per pair of options.
  auto clash = [](const PlanOption& x, const PlanOption& y) -> std::optional<std::pair<std::string, SourcePos>> {
    for (const PlanAlternative& a : x.alternatives)
      for (const auto& [ka, va] : a.set)
        for (const PlanAlternative& b : y.alternatives)
          for (const auto& [kb, vb] : b.set)
            if ((ka == kb || kb.starts_with(ka + ".") || ka.starts_with(kb + ".")) &&
                !(ka == kb && va.is_sequence() && vb.is_sequence()))
              return std::make_pair(kb, b.pos);
    return std::nullopt;
  };
  for (std::size_t i = 0; i < spec.options.size(); ++i)
    for (std::size_t j = i + 1; j < spec.options.size(); ++j)
      if (const auto c = clash(spec.options[i], spec.options[j]))
        diag.error(c->second, say(kSetClash, spec.options[i].name, spec.options[j].name, c->first));

  spec.objective_kpi = plan.text("minimize");
  spec.objective_pos = plan.value_pos("minimize");
  spec.delta = plan.number("delta", spec.delta, Range::greater_than(0));
  spec.confidence = plan.number("confidence", spec.confidence, Range::between(0.5, 0.999));
  spec.screening_replications =
      static_cast<uint64_t>(plan.integer("screening_replications", 10, Range::between(2, 100'000)));
  spec.first_stage = static_cast<uint64_t>(plan.integer("first_stage_replications", 20, Range::between(5, 100'000)));
  spec.max_replications = static_cast<uint64_t>(plan.integer("max_replications", 160, Range::between(5, 1'000'000)));
  spec.finalists = static_cast<std::size_t>(plan.integer("finalists", 4, Range::between(1, 100)));
  spec.exhaustive_up_to = static_cast<std::size_t>(plan.integer("exhaustive_up_to", 64, Range::between(1, 100'000)));
  spec.compare_replications =
      static_cast<uint64_t>(plan.integer("compare_replications", 40, Range::between(2, 1'000'000)));
  if (spec.max_replications < spec.first_stage)
    plan.error("max_replications", say(kMaxBelowFirstPlan, spec.max_replications, spec.first_stage));
  if (plan.has("constraints")) {
    spec.constraints_given = true;
    std::vector<std::string> targets;
    for (const KpiGoal& g : problem.base.targets) targets.push_back(g.kpi);
    for (const ValueReader& item : plan.list("constraints")) {
      const std::optional<std::string> kpi = item.try_text();
      if (!kpi) continue;
      if (std::find(targets.begin(), targets.end(), *kpi) == targets.end()) {
        const std::optional<std::string> near = closest_match(*kpi, targets);
        diag.error(item.pos(), say(kNotATarget, *kpi,
                                   near ? (lang() == Lang::ZhCN ? "（是否指 '" : " (did you mean '") + *near +
                                              (lang() == Lang::ZhCN ? "'？）" : "'?)")
                                        : std::string()));
        continue;
      }
      spec.constraints.push_back(*kpi);
    }
  }
  plan.finish();
  diag.throw_if_errors();

  // The first candidate (every option's first alternative) must be a valid scenario: the search
  // starts there. Other candidates are checked when the search reaches them.
  (void)plan_candidates(problem, {PlanChoice(spec.options.size(), 0)}, "as written");

  std::string settings = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", fnv1a64(yaml_document_text(problem.doc)),
                                     spec.objective_kpi, spec.delta, spec.confidence, spec.screening_replications,
                                     spec.first_stage, spec.max_replications, spec.finalists, spec.exhaustive_up_to);
  for (const PlanOption& o : spec.options)
    for (const PlanAlternative& a : o.alternatives) settings += "|" + o.name + "=" + a.name;
  for (const std::string& c : spec.constraints) settings += "|c:" + c;
  problem.fingerprint = fmt::format("{:016x}", fnv1a64(settings));
  return problem;
}

PlanProblem load_plan(const std::string& path, const std::vector<std::string>& overrides, const IncludeRules& includes) {
  const YamlNode doc =
      load_overridden_scenario(path, overrides, includes, [&](const YamlNode& d) { (void)read_plan(d, path); });
  PlanProblem problem = read_plan(doc, path);
  problem.overrides = overrides;
  return problem;
}

}  // namespace dt
