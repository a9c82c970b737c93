#include "engine/scenario/sweep_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "engine/kernel/hash.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kNotDotted, "'{}' is not a dotted scenario key (an empty name between dots)", "'{}' 不是以点分隔的场景键（两个点之间的名称为空）");
DT_PHRASE(kSweepItself, "a sweep cannot sweep itself", "参数扫描不能扫描它自身");
DT_PHRASE(kSweepName, "'{}' cannot be swept: all points of a sweep share one name and one output directory",
          "'{}' 不能扫描：扫描的所有点共用同一个名称和输出目录");
DT_PHRASE(kSweepSeed, "'{}' cannot be swept: every point runs the same seed and replication indices (common random numbers); use --replications for the count",
          "'{}' 不能扫描：每个点使用相同的种子和重复编号（公共随机数）；重复次数请用 --replications 设置");
DT_PHRASE(kSweepList, "cannot sweep '{}': '{}' is a list of {} items; name one by its number, from 0",
          "无法扫描 '{}'：'{}' 是含 {} 项的列表；请用从 0 开始的序号指定其中一项");
DT_PHRASE(kSweepNotMap, "cannot sweep '{}': '{}' is {}, not a mapping", "无法扫描 '{}'：'{}' 是{}，不是映射");
DT_PHRASE(kGridNeedsValue, "'{}' in 'sweep.grid' needs at least one value", "'{}'（位于 'sweep.grid'）至少需要一个值");
DT_PHRASE(kDuplicateVariant, "duplicate variant name '{}'", "重复的方案名 '{}'");
DT_PHRASE(kSetTwice, "'{}' is set both by variant '{}' and by sweep.grid", "'{}' 同时由方案 '{}' 和 sweep.grid 设置");
DT_PHRASE(kSweepNeedsGrid, "'sweep' needs 'grid' (values per key) or 'variants' (named sets of values)",
          "'sweep' 需要 'grid'（每个键的取值）或 'variants'（命名的取值组合）");
DT_PHRASE(kTooManyPoints, "the sweep has more than {} points; split it into several files", "扫描点超过 {} 个；请拆分为多个文件");
DT_PHRASE(kInCandidate, "in candidate {} ({}; candidates are numbered from 0, as in summary.json)",
          "在候选方案 {} 中（{}；候选方案从 0 开始编号，与 summary.json 一致）");
DT_PHRASE(kInSweepPoint, "in sweep point {} ({}; points are numbered from 0, as in points.csv)",
          "在扫描点 {} 中（{}；点从 0 开始编号，与 points.csv 一致）");
}  // namespace

namespace {

struct Parameter {
  std::string key;
  SourcePos key_pos;
  std::vector<YamlNode> values;
};

struct Variant {
  std::string name;
  std::vector<std::pair<Parameter, YamlNode>> settings;  // key (values unused) → value
};

std::string value_text(const YamlNode& v) { return v.is_scalar() ? v.scalar() : v.dump(); }

std::vector<std::string> split_path(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t dot = std::min(key.find('.', begin), key.size());
    parts.emplace_back(key.substr(begin, dot - begin));
    if (dot == key.size()) return parts;
    begin = dot + 1;
  }
}

// Why a key cannot be swept, or "" when it can.
std::string unsweepable(const std::string& key) {
  const std::vector<std::string> parts = split_path(key);
  if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); }))
    return say(kNotDotted, key);
  if (parts[0] == "sweep") return say(kSweepItself);
  if (parts[0] == "name" || parts[0] == "outputs")
    return say(kSweepName, key);
  if (parts[0] == "run" && parts.size() == 2 &&
      (parts[1] == "seed" || parts[1] == "replications" || parts[1] == "threads"))
    return say(kSweepSeed, key);
  return {};
}

}  // namespace

void set_scenario_path(YamlNode& root, const std::string& key, YamlNode value, const SourcePos& key_pos) {
  const std::vector<std::string> parts = split_path(key);
  YamlNode* cur = &root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& name = parts[i];
    const bool last = i + 1 == parts.size();
    if (cur->is_null()) *cur = YamlNode::make_map(key_pos);
    if (last) open_plain_value_for_scale(*cur, name, key_pos);
    if (cur->is_map()) {
      if (last) {
        cur->set(name, std::move(value), key_pos);
        return;
      }
      YamlNode* next = cur->find(name);
      cur = next != nullptr ? next : &cur->set(name, YamlNode::make_map(key_pos), key_pos);
    } else if (cur->is_sequence()) {
      const std::optional<std::size_t> found = find_list_item(*cur, name);
      const bool digits = std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!found && !digits) throw InputError(key_pos, no_list_item_message(*cur, walked, name, key));
      if (!found) throw InputError(key_pos, say(kSweepList, key, walked, cur->items().size()));
      const std::size_t index = *found;
      if (last) {
        cur->items()[index] = std::move(value);
        return;
      }
      cur = &cur->items()[index];
    } else {
      throw InputError(key_pos, say(kSweepNotMap, key, walked, cur->kind_name()));
    }
    walked += (walked.empty() ? "" : ".") + name;
  }
}

namespace {

// The document without its `sweep:` entry.
YamlNode without_sweep(const YamlNode& doc) {
  if (!doc.is_map()) return doc;
  YamlNode base = YamlNode::make_map(doc.pos());
  for (const auto& [k, v] : doc.entries())
    if (k.scalar() != "sweep") base.append_entry(k, v);
  return base;
}

// The document as text without what may differ between runs of the same sweep.
std::string canonical_text(const YamlNode& doc) {
  std::string s;
  for (const auto& [k, v] : doc.entries()) {
    const std::string& key = k.scalar();
    if (key == "outputs" || key == "description") continue;
    if (key == "run" && v.is_map()) {
      for (const auto& [rk, rv] : v.entries())
        if (rk.scalar() != "replications" && rk.scalar() != "threads") s += "run." + rk.scalar() + ":" + rv.dump() + ";";
      continue;
    }
    s += key + ":" + v.dump() + ";";
  }
  return s;
}


Parameter read_key(const MapEntryReader& e, Diagnostics& diag) {
  Parameter p{e.key, e.key_pos, {}};
  if (const std::string why = unsweepable(e.key); !why.empty()) diag.error(e.key_pos, why);
  return p;
}

}  // namespace

bool has_sweep(const YamlNode& doc) { return doc.is_map() && doc.find("sweep") != nullptr; }

SweepPlan read_sweep(const YamlNode& doc, const std::string& source_file, bool candidates) {
  SweepPlan plan;
  const YamlNode base_doc = without_sweep(doc);
  plan.base = read_scenario(base_doc, source_file);  // the base must be a complete scenario itself
  const YamlNode* sweep = doc.find("sweep");

  std::vector<Parameter> grid;
  std::vector<Variant> variants;
  if (sweep != nullptr) {
    Diagnostics diag;
    MapReader sw(*sweep, diag, "sweep");
    if (auto g = sw.optional_map("grid")) {
      for (const MapEntryReader& e : g->entries()) {
        Parameter p = read_key(e, diag);
        for (const ValueReader& item : e.value.list()) p.values.push_back(item.node());
        if (p.values.empty() && !e.value.node().is_scalar() && !e.value.node().is_map())
          diag.error(e.value.pos(), say(kGridNeedsValue, e.key));
        grid.push_back(std::move(p));
      }
    }
    std::set<std::string> names;
    for (const ValueReader& item : sw.list_or_empty("variants")) {
      MapReader v = item.map();
      Variant variant;
      variant.name = v.text("name");
      if (!variant.name.empty() && !names.insert(variant.name).second)
        v.error("name", say(kDuplicateVariant, variant.name));
      if (auto set = v.optional_map("set")) {
        for (const MapEntryReader& e : set->entries()) {
          Parameter p = read_key(e, diag);
          if (std::any_of(grid.begin(), grid.end(), [&](const Parameter& gp) { return gp.key == e.key; }))
            diag.error(e.key_pos, say(kSetTwice, e.key, variant.name));
          variant.settings.emplace_back(std::move(p), e.value.node());
        }
      }
      variants.push_back(std::move(variant));
    }
    if (grid.empty() && variants.empty() && !diag.has_errors())
      diag.error(sweep->pos(), say(kSweepNeedsGrid));
    std::size_t count = std::max<std::size_t>(variants.size(), 1);
    for (const Parameter& p : grid) count = std::min(count * std::max<std::size_t>(p.values.size(), 1), kMaxSweepPoints + 1);
    if (count > kMaxSweepPoints)
      diag.error(sweep->pos(), say(kTooManyPoints, kMaxSweepPoints));
    sw.finish();
    diag.throw_if_errors();
  }

  if (!variants.empty()) plan.parameters.push_back("variant");
  for (const Parameter& p : grid) plan.parameters.push_back(p.key);

  // Every combination, variants slowest, then the grid keys in file order (last fastest).
  Diagnostics diag;
  std::set<std::string> reported;
  uint64_t hash = fnv1a64(std::to_string(plan.base.run.seed));
  const std::size_t variant_count = std::max<std::size_t>(variants.size(), 1);
  std::vector<std::size_t> at(grid.size(), 0);
  for (std::size_t v = 0; v < variant_count; ++v) {
    for (bool more = true; more;) {
      YamlNode point_doc = base_doc;
      SweepPoint point;
      // The point's values and label first, so that a note about a value that cannot be set names them.
      if (!variants.empty()) point.settings.push_back({"variant", variants[v].name});
      for (std::size_t g = 0; g < grid.size(); ++g) point.settings.push_back({grid[g].key, value_text(grid[g].values[at[g]])});
      for (const SweepSetting& s : point.settings)
        point.label += (point.label.empty() ? "" : ", ") + (s.key == "variant" ? s.value : s.key + "=" + s.value);
      try {
        if (!variants.empty())
          for (const auto& [p, value] : variants[v].settings) set_scenario_path(point_doc, p.key, value, p.key_pos);
        for (std::size_t g = 0; g < grid.size(); ++g) set_scenario_path(point_doc, grid[g].key, grid[g].values[at[g]], grid[g].key_pos);
        point.scenario = read_scenario(point_doc, source_file);
      } catch (const InputError& e) {
        bool fresh = false;
        for (const Diagnostic& d : e.diagnostics())
          if (d.severity == Severity::Error && reported.insert(d.str()).second) {
            diag.error(d.pos, d.message);
            fresh = true;
          }
        if (fresh)
          diag.note(sweep != nullptr ? sweep->pos() : doc.pos(),
                    say(candidates ? kInCandidate : kInSweepPoint, plan.points.size(), point.label));
      }
      hash = fnv1a64(point.label + "\n" + canonical_text(point_doc) + "\n", hash);
      plan.points.push_back(std::move(point));
      // Next combination: odometer over the grid, last key fastest.
      more = false;
      for (std::size_t g = grid.size(); g-- > 0;) {
        if (++at[g] < grid[g].values.size()) {
          more = true;
          break;
        }
        at[g] = 0;
      }
    }
  }
  diag.throw_if_errors();
  plan.fingerprint = fmt::format("{:016x}", hash);
  return plan;
}

SweepPlan load_sweep(const std::string& path, const std::vector<std::string>& overrides, const IncludeRules& includes) {
  const YamlNode doc =
      load_overridden_scenario(path, overrides, includes, [&](const YamlNode& d) { (void)read_sweep(d, path); });
  SweepPlan plan = read_sweep(doc, path);
  plan.overrides = overrides;
  return plan;
}

}  // namespace dt
