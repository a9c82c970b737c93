#include "engine/scenario/optimize_loader.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/hash.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_loader.h"

namespace dt {

namespace {
DT_PHRASE(kNoOptimize,
          "the file has no 'optimize' section: declare the decision variables, the objective and the settings there "
          "(docs/optimization.md)",
          "文件中没有 'optimize' 部分：请在其中声明决策变量、目标函数和设置（见 docs/optimization.md）");
DT_PHRASE(kNeedsVariables, "'optimize.variables' needs at least one decision variable",
          "'optimize.variables' 至少需要一个决策变量");
DT_PHRASE(kBoundsReversed, "the bounds of '{}' are reversed: min {} is greater than max {}",
          "'{}' 的上下界颠倒：最小值 {} 大于最大值 {}");
DT_PHRASE(kStepNotPositive, "the step of '{}' must be a whole number greater than 0, got {}",
          "'{}' 的步长必须是大于 0 的整数，实际为 {}");
DT_PHRASE(kVariableForm, "decision variable '{}' needs a range {{min: …, max: …, step: …}} or a list of values",
          "决策变量 '{}' 需要一个范围 {{min: …, max: …, step: …}} 或一组取值");
DT_PHRASE(kNeedsValue, "decision variable '{}' needs at least one value", "决策变量 '{}' 至少需要一个取值");
DT_PHRASE(
    kObjectiveOne,
    "'optimize.minimize' needs exactly one of 'cost' (a cost per unit of each variable) or 'kpi' (a KPI to minimise)",
    "'optimize.minimize' 只能且必须给出 'cost'（每个变量的单位成本）或 'kpi'（要最小化的 KPI）之一");
DT_PHRASE(kCostNotVariable, "'{}' in 'optimize.minimize.cost' is not a decision variable; declared variables: {}",
          "'optimize.minimize.cost' 中的 '{}' 不是决策变量；已声明的变量：{}");
DT_PHRASE(kCostNotNumeric, "'{}' has a cost but its value '{}' is not a number: a linear cost needs numeric values",
          "'{}' 有单位成本，但其取值 '{}' 不是数字：线性成本需要数值型变量");
DT_PHRASE(kMaxBelowFirst, "'optimize.max_replications' ({}) must be at least 'first_stage_replications' ({})",
          "'optimize.max_replications'（{}）不能小于 'first_stage_replications'（{}）");
DT_PHRASE(kTooManyCandidates,
          "the decision variables give {} candidates, more than 'optimize.max_candidates' ({}); narrow the bounds, "
          "coarsen the steps or raise the limit",
          "决策变量共组合出 {} 个候选方案，超过 'optimize.max_candidates'（{}）；请缩小范围、加大步长或提高上限");
DT_PHRASE(kDuplicateVariable, "'{}' is declared twice as a decision variable", "'{}' 被重复声明为决策变量");
}  // namespace

namespace {

struct Declared {
  OptimizeVariable var;
  std::vector<YamlNode> nodes;  // the values as YAML, at their positions in the file
};

std::string joined_keys(const std::vector<Declared>& vars) {
  std::string s;
  for (const Declared& d : vars) s += (s.empty() ? "" : lang() == Lang::ZhCN ? "、" : ", ") + d.var.key;
  return s;
}

}  // namespace

bool has_optimize(const YamlNode& doc) { return doc.is_map() && doc.find("optimize") != nullptr; }

OptimizePlan read_optimize(const YamlNode& doc, const std::string& source_file) {
  const YamlNode* section = doc.is_map() ? doc.find("optimize") : nullptr;
  if (section == nullptr) throw InputError(SourcePos{source_file, doc.pos().line, doc.pos().col}, say(kNoOptimize));

  OptimizePlan plan;
  OptimizeSpec& spec = plan.spec;
  Diagnostics diag;
  MapReader opt(*section, diag, "optimize");
  std::vector<Declared> declared;
  MapReader vars = opt.map("variables");
  for (const MapEntryReader& e : vars.entries()) {
    Declared d;
    d.var.key = e.key;
    d.var.pos = e.key_pos;
    if (std::any_of(declared.begin(), declared.end(), [&](const Declared& x) { return x.var.key == e.key; }))
      diag.error(e.key_pos, say(kDuplicateVariable, e.key));
    const YamlNode& v = e.value.node();
    if (v.is_map()) {
      MapReader range = e.value.map();
      const std::optional<int64_t> lo = range.optional_integer("min");
      const std::optional<int64_t> hi = range.optional_integer("max");
      const int64_t step = range.integer("step", 1);
      if (!range.has("min")) (void)range.integer("min");  // "missing required key"
      if (!range.has("max")) (void)range.integer("max");
      if (step <= 0) {
        range.error("step", say(kStepNotPositive, e.key, step));
      } else if (lo && hi) {
        if (*lo > *hi) {
          diag.error(e.value.pos(), say(kBoundsReversed, e.key, *lo, *hi));
        } else {
          // In unsigned arithmetic: hi − lo and lo + i·step are exact modulo 2^64 and, with lo <= hi,
          // never wrap past hi (a step of 1 over the whole int64 range must not overflow).
          const uint64_t span = static_cast<uint64_t>(*hi) - static_cast<uint64_t>(*lo);
          const uint64_t steps = span / static_cast<uint64_t>(step);
          if (steps >= kMaxSweepPoints) {
            diag.error(e.value.pos(), say(kTooManyCandidates, fmt::format("> {}", kMaxSweepPoints), kMaxSweepPoints));
          } else {
            for (uint64_t i = 0; i <= steps; ++i)
              d.nodes.push_back(YamlNode::make_scalar(
                  std::to_string(static_cast<int64_t>(static_cast<uint64_t>(*lo) + i * static_cast<uint64_t>(step))),
                  range.value_pos("min")));
          }
        }
      }
    } else if (v.is_sequence()) {
      for (const ValueReader& item : e.value.list()) d.nodes.push_back(item.node());
      if (d.nodes.empty()) diag.error(e.value.pos(), say(kNeedsValue, e.key));
    } else {
      diag.error(e.value.pos(), say(kVariableForm, e.key));
    }
    bool numeric = !d.nodes.empty();
    for (const YamlNode& n : d.nodes) {
      d.var.values.push_back(n.is_scalar() ? n.scalar() : n.dump());
      const std::optional<double> x = n.is_scalar() && !n.quoted() ? parse_finite_decimal(n.scalar()) : std::nullopt;
      if (x)
        d.var.numbers.push_back(*x);
      else
        numeric = false;
    }
    if (!numeric) d.var.numbers.clear();
    declared.push_back(std::move(d));
  }
  if (declared.empty() && vars.node() != nullptr && !diag.has_errors()) diag.error(vars.pos(), say(kNeedsVariables));
  spec.unit_costs.assign(declared.size(), 0.0);

  MapReader minimize = opt.map("minimize");
  spec.objective_pos = minimize.pos();
  const bool has_cost = minimize.has("cost"), has_kpi = minimize.has("kpi");
  if (has_cost == has_kpi) {
    if (minimize.node() != nullptr) diag.error(minimize.pos(), say(kObjectiveOne));
    minimize.ignore("cost");  // said once above, not again as unknown keys
    minimize.ignore("kpi");
  } else if (has_kpi) {
    spec.objective = OptimizeSpec::Objective::Kpi;
    spec.objective_pos = minimize.value_pos("kpi");
    spec.objective_kpi = minimize.text("kpi");
  } else {
    spec.objective = OptimizeSpec::Objective::LinearCost;
    spec.objective_pos = minimize.value_pos("cost");
    MapReader cost = minimize.map("cost");
    for (const MapEntryReader& e : cost.entries()) {
      const std::optional<double> c = e.value.try_number(Range::at_least(0));
      const auto at =
          std::find_if(declared.begin(), declared.end(), [&](const Declared& d) { return d.var.key == e.key; });
      if (at == declared.end()) {
        diag.error(e.key_pos, say(kCostNotVariable, e.key, joined_keys(declared)));
        continue;
      }
      if (at->var.numbers.empty() && !at->var.values.empty()) {
        const auto bad = std::find_if(at->nodes.begin(), at->nodes.end(), [](const YamlNode& n) {
          return !n.is_scalar() || n.quoted() || !parse_finite_decimal(n.scalar());
        });
        diag.error(bad != at->nodes.end() ? bad->pos() : e.key_pos,
                   say(kCostNotNumeric, e.key,
                       bad != at->nodes.end() ? (bad->is_scalar() ? bad->scalar() : bad->dump()) : ""));
      }
      if (c) spec.unit_costs[static_cast<std::size_t>(at - declared.begin())] = *c;
    }
  }
  spec.delta = opt.number("delta", 1.0, Range::greater_than(0));
  spec.confidence = opt.number("confidence", 0.95, Range::between(0.5, 0.999));
  spec.first_stage = static_cast<uint64_t>(opt.integer("first_stage_replications", 20, Range::between(5, 100'000)));
  spec.max_replications = static_cast<uint64_t>(opt.integer("max_replications", 160, Range::between(5, 1'000'000)));
  spec.max_candidates =
      static_cast<std::size_t>(opt.integer("max_candidates", 500, Range::between(1, kMaxSweepPoints)));
  if (spec.max_replications < spec.first_stage)
    opt.error("max_replications", say(kMaxBelowFirst, spec.max_replications, spec.first_stage));
  std::size_t count = 1;
  for (const Declared& d : declared)
    count = std::min(count * std::max<std::size_t>(d.nodes.size(), 1), kMaxSweepPoints + 1);
  // A linear cost is known before anything runs: a larger grid is screened to its cheapest
  // max_candidates candidates (below). A KPI objective has no such order: the grid must fit.
  const bool screen = spec.objective == OptimizeSpec::Objective::LinearCost && count <= kMaxSweepPoints;
  if (!diag.has_errors() && count > spec.max_candidates && !screen)
    diag.error(vars.pos(), say(kTooManyCandidates,
                               count > kMaxSweepPoints ? fmt::format("> {}", kMaxSweepPoints) : std::to_string(count),
                               spec.max_candidates));
  opt.finish();
  diag.throw_if_errors();

  // The candidates are the points of a sweep over the variables' values: the same writing of a
  // value into the scenario and the same checks, with errors at the variable's position.
  YamlNode swept = without_keys(doc, {"optimize", "sweep"});
  YamlNode grid = YamlNode::make_map(vars.pos());
  for (const Declared& d : declared) {
    YamlNode list = YamlNode::make_sequence(d.var.pos);
    for (const YamlNode& n : d.nodes) list.push_back(n);
    grid.set(d.var.key, std::move(list), d.var.pos);
  }
  YamlNode sweep = YamlNode::make_map(section->pos());
  sweep.set("grid", std::move(grid), vars.pos());
  swept.set("sweep", std::move(sweep), section->pos());
  plan.sweep = read_sweep(swept, source_file, /*candidates=*/true);

  for (Declared& d : declared) spec.variables.push_back(std::move(d.var));
  if (spec.objective == OptimizeSpec::Objective::LinearCost) {
    for (const SweepPoint& p : plan.sweep.points) {
      double cost = 0.0;
      for (std::size_t v = 0; v < spec.variables.size(); ++v) {
        if (spec.unit_costs[v] == 0.0) continue;
        const auto& values = spec.variables[v].values;
        const std::size_t i =
            static_cast<std::size_t>(std::find(values.begin(), values.end(), p.settings[v].value) - values.begin());
        cost += spec.unit_costs[v] * spec.variables[v].numbers.at(i);
      }
      plan.costs.push_back(cost);
    }
    plan.grid_size = plan.sweep.points.size();
    if (plan.sweep.points.size() > spec.max_candidates) {
      // Deterministic screening: the max_candidates cheapest (ties: grid order), kept in grid order.
      std::vector<std::size_t> order(plan.sweep.points.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return plan.costs[a] < plan.costs[b]; });
      order.resize(spec.max_candidates);
      std::sort(order.begin(), order.end());
      std::vector<SweepPoint> points;
      std::vector<double> costs;
      for (std::size_t i : order) {
        points.push_back(std::move(plan.sweep.points[i]));
        costs.push_back(plan.costs[i]);
      }
      plan.sweep.points = std::move(points);
      plan.costs = std::move(costs);
    }
  }
  if (plan.grid_size == 0) plan.grid_size = plan.sweep.points.size();
  std::string settings = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", plan.sweep.fingerprint, spec.max_candidates,
                                     static_cast<int>(spec.objective), spec.objective_kpi, spec.delta, spec.confidence,
                                     spec.first_stage, spec.max_replications);
  for (double c : spec.unit_costs) settings += fmt::format("|{}", c);
  plan.fingerprint = fmt::format("{:016x}", fnv1a64(settings));
  return plan;
}

OptimizePlan load_optimize(const std::string& path, const std::vector<std::string>& overrides,
                           const IncludeRules& includes) {
  const YamlNode doc =
      load_overridden_scenario(path, overrides, includes, [&](const YamlNode& d) { (void)read_optimize(d, path); });
  OptimizePlan plan = read_optimize(doc, path);
  plan.sweep.overrides = overrides;
  return plan;
}

}  // namespace dt
