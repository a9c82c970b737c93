#include "engine/scenario/calibrate_loader.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/sweep_loader.h"

namespace dt {

namespace {
DT_PHRASE(kNoCalibrate,
          "the file has no 'calibrate' section: declare the free parameters there with their bounds (docs/calibration.md)",
          "文件中没有 'calibrate' 部分：请在其中声明待标定的自由参数及其上下界（见 docs/calibration.md）");
DT_PHRASE(kNeedsFree, "'calibrate.free' needs at least one free parameter", "'calibrate.free' 至少需要一个自由参数");
DT_PHRASE(kBoundsForm, "free parameter '{}' needs its bounds as two numbers [lower, upper]",
          "自由参数 '{}' 需要以两个数字 [下界, 上界] 给出范围");
DT_PHRASE(kBoundsOrder, "the bounds of '{}' must satisfy lower < upper, got [{}, {}]",
          "'{}' 的范围须满足 下界 < 上界，实际为 [{}, {}]");
DT_PHRASE(kDuplicateFree, "'{}' is declared twice as a free parameter", "'{}' 被重复声明为自由参数");
DT_PHRASE(kTooManyFree, "at most {} free parameters can be calibrated together, got {}",
          "最多可同时标定 {} 个自由参数，实际为 {}");
DT_PHRASE(kCornerNote, "while checking the scenario with the free parameters at the bounds of 'calibrate.free'",
          "在将自由参数设为 'calibrate.free' 上下界并检查情景时发现");
}  // namespace

inline constexpr std::size_t kMaxFree = 8;

bool has_calibrate(const YamlNode& doc) { return doc.is_map() && doc.find("calibrate") != nullptr; }

std::string calibrate_value_text(double value) { return fmt::format("{}", value); }

namespace {

}  // namespace

CalibrateSpec read_calibrate(const YamlNode& doc, const std::string& source_file) {
  const YamlNode* section = doc.is_map() ? doc.find("calibrate") : nullptr;
  if (section == nullptr) throw InputError(SourcePos{source_file, doc.pos().line, doc.pos().col}, say(kNoCalibrate));
  CalibrateSpec spec;
  Diagnostics diag;
  MapReader cal(*section, diag, "calibrate");
  MapReader free = cal.map("free");
  std::vector<YamlNode> corners_lo, corners_hi;
  for (const MapEntryReader& e : free.entries()) {
    CalibrateParameter p;
    p.key = e.key;
    p.pos = e.key_pos;
    if (std::any_of(spec.free.begin(), spec.free.end(), [&](const CalibrateParameter& x) { return x.key == e.key; }))
      diag.error(e.key_pos, say(kDuplicateFree, e.key));
    const YamlNode& v = e.value.node();
    if (!v.is_sequence() || v.items().size() != 2) {
      diag.error(e.value.pos(), say(kBoundsForm, e.key));
      continue;
    }
    const std::vector<ValueReader> items = e.value.list();
    const std::optional<double> lo = items[0].try_number();
    const std::optional<double> hi = items[1].try_number();
    if (!lo || !hi) continue;  // the reader said why
    if (!(*lo < *hi)) {
      diag.error(e.value.pos(), say(kBoundsOrder, e.key, *lo, *hi));
      continue;
    }
    p.lower = *lo;
    p.upper = *hi;
    corners_lo.push_back(v.items()[0]);
    corners_hi.push_back(v.items()[1]);
    spec.free.push_back(p);
  }
  if (spec.free.empty() && free.node() != nullptr && !diag.has_errors()) diag.error(free.pos(), say(kNeedsFree));
  if (spec.free.size() > kMaxFree) diag.error(free.pos(), say(kTooManyFree, kMaxFree, spec.free.size()));
  spec.replications = static_cast<uint64_t>(cal.integer("replications", 12, Range::between(2, 10'000)));
  spec.seed = static_cast<uint64_t>(cal.integer("seed", 9001, Range::at_least(0)));
  spec.max_evaluations = static_cast<uint32_t>(cal.integer("max_evaluations", 60, Range::between(10, 100'000)));
  spec.holdout = static_cast<uint32_t>(cal.integer("holdout", 1, Range::between(0, 1000)));
  cal.finish();
  diag.throw_if_errors();

  // The box's bounds are checked as a sweep's points are: each key must be one --set can write
  // and each bound a value the scenario's reader accepts (errors at the bound's position).
  YamlNode swept = without_keys(doc, {"calibrate", "sweep", "optimize"});
  YamlNode grid = YamlNode::make_map(section->pos());
  for (std::size_t i = 0; i < spec.free.size(); ++i) {
    YamlNode list = YamlNode::make_sequence(spec.free[i].pos);
    list.push_back(corners_lo[i]);
    list.push_back(corners_hi[i]);
    grid.set(spec.free[i].key, std::move(list), spec.free[i].pos);
  }
  YamlNode sweep = YamlNode::make_map(section->pos());
  sweep.set("grid", std::move(grid), section->pos());
  swept.set("sweep", std::move(sweep), section->pos());
  try {
    (void)read_sweep(swept, source_file);
  } catch (const InputError& e) {
    // The sweep's notes name sweep points, which a calibration has none of: say what was checked.
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : e.diagnostics())
      if (d.severity != Severity::Note) out.push_back(d);
    out.push_back(Diagnostic{Severity::Note, SourcePos{source_file, section->pos().line, section->pos().col},
                             say(kCornerNote)});
    throw InputError(std::move(out));
  }
  return spec;
}

CalibratePlan load_calibrate(const std::string& path, const std::vector<std::string>& overrides,
                             const IncludeRules& includes) {
  IncludeRules rules;
  const YamlNode doc = load_overridden_scenario(
      path, overrides, includes, [&](const YamlNode& d) { (void)read_calibrate(d, path); }, &rules);
  CalibratePlan plan;
  plan.spec = read_calibrate(doc, path);
  plan.source_file = path;
  plan.doc = without_keys(doc, {"calibrate", "sweep", "optimize"});
  plan.includes = rules;
  plan.base = read_scenario(plan.doc, path);
  plan.overrides = overrides;
  return plan;
}

ScenarioConfig calibrated_scenario(const CalibratePlan& plan, const std::vector<double>& values) {
  YamlNode doc = plan.doc;
  for (std::size_t i = 0; i < plan.spec.free.size() && i < values.size(); ++i)
    apply_scenario_override(doc, plan.spec.free[i].key + "=" + calibrate_value_text(values[i]), plan.includes);
  return read_scenario(doc, plan.source_file);
}

}  // namespace dt
