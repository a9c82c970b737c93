#include "engine/scenario/clock_time.h"
#include "engine/scenario/scenario_loader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include "engine/scenario/dispatch_reader.h"
#include "engine/scenario/emergency_reader.h"
#include "engine/scenario/evacuation_reader.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/calibrate_loader.h"
#include "engine/scenario/optimize_loader.h"
#include "engine/scenario/plan_loader.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kStartTime, "start_time must be a clock time \"HH:MM\" or \"HH:MM:SS\" (got '{}')", "start_time 必须是时刻 \"HH:MM\" 或 \"HH:MM:SS\"（实际为 '{}'）");
DT_PHRASE(kWarmup, "warmup must be shorter than run.duration ({:g} s)", "warmup 必须短于 run.duration（{:g} s）");
DT_PHRASE(kBadName, "name must be 1–100 letters, digits, '_', '-' or '.' (it names the output directory)",
          "name 必须由 1–100 个字母、数字、'_'、'-' 或 '.' 组成（它用作输出目录名）");
}  // namespace

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kDay_s = 86400.0;

bool valid_name(const std::string& s) {
  if (s.empty() || s.size() > 100) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return s != "." && s != "..";
}

struct RunTiming {
  double clock_start_s = 0.0;
  double duration_s = kDay_s;
  double warmup_s = 0.0;
  uint64_t max_incidents = 0;
};

void read_run(MapReader run, ScenarioConfig& sc, RunTiming& timing) {
  sc.run.replications = static_cast<uint64_t>(run.integer("replications", 100, Range::between(1, 100'000'000)));
  sc.run.seed = run.uint64("seed", 1);
  sc.run.threads = static_cast<uint32_t>(run.integer("threads", 0, Range::between(0, 4096)));
  if (auto clock = run.optional_text("start_time")) {
    if (auto s = parse_clock_time(*clock))
      timing.clock_start_s = *s;
    else
      run.error("start_time", say(kStartTime, *clock));
  }
  timing.max_incidents =
      static_cast<uint64_t>(run.integer("max_incidents", 0, Range::between(0, 1e12)));
  const std::optional<double> duration =
      run.optional_duration("duration", Range::greater_than(0).at_most(3650 * kDay_s));
  // Without a duration a run with an incident limit lasts until the limit; otherwise one day.
  timing.duration_s = duration ? *duration : timing.max_incidents > 0 ? kInf : kDay_s;
  timing.warmup_s = run.duration("warmup", 0.0, Range::at_least(0));
  if (timing.warmup_s >= timing.duration_s)
    run.error("warmup", say(kWarmup, timing.duration_s));
}

}  // namespace

ScenarioConfig read_scenario(const YamlNode& doc, const std::string& source_file) {
  Diagnostics diag;
  ScenarioConfig sc;
  sc.source_file = source_file;
  MapReader root(doc, diag, "scenario");
  const std::string stem = std::filesystem::path(source_file).stem().string();
  sc.name = root.text("name", valid_name(stem) ? stem : std::string("scenario"));
  if (!valid_name(sc.name))
    root.error("name", say(kBadName));
  sc.description = root.text("description", "");

  RunTiming timing;
  read_run(root.map_or_empty("run"), sc, timing);
  // An evacuation drill needs no service desk; a scenario with incidents or staff has one.
  sc.evacuation = read_evacuation(root, timing.clock_start_s, sc.layout);
  sc.emergency = read_emergency(root, sc.evacuation ? &*sc.evacuation : nullptr);
  // The service desk or the dispatch model (engine/scenario/dispatch_reader.h).
  read_dispatch(root, DispatchTiming{timing.clock_start_s, timing.duration_s, timing.warmup_s, timing.max_incidents}, sc);

  MapReader outputs = root.map_or_empty("outputs");
  sc.outputs.dir = outputs.text("dir", "");
  root.ignore("sweep");  // the points of a parameter study: read by read_sweep (sweep_loader.h)
  root.ignore("optimize");  // decision variables and objective: read by read_optimize (optimize_loader.h)
  root.ignore("calibrate");  // free parameters fitted to drill records: read by read_calibrate (calibrate_loader.h)
  root.ignore("plan");  // the options of an emergency response plan: read by read_plan (plan_loader.h)

  root.finish();
  diag.throw_if_errors();
  return sc;
}

namespace {

// A scenario document read whole: with a `sweep:` section every point is checked and the base is
// the scenario; with an `optimize:` section, its declarations and every candidate.
ScenarioConfig read_whole(const YamlNode& doc, const std::string& source_file) {
  if (has_optimize(doc)) (void)read_optimize(doc, source_file);
  if (has_calibrate(doc)) (void)read_calibrate(doc, source_file);
  if (has_plan(doc)) (void)read_plan(doc, source_file);
  if (has_sweep(doc)) return read_sweep(doc, source_file).base;
  return read_scenario(doc, source_file);
}

}  // namespace

std::string drill_add_override(std::string_view step) { return std::string(kDrillAddPrefix) + std::string(step); }

YamlNode load_overridden_scenario(const std::string& path, const std::vector<std::string>& overrides,
                                  const IncludeRules& includes, const std::function<void(const YamlNode&)>& check,
                                  IncludeRules* rules_used) {
  YamlLoadOptions options;
  options.includes =
      includes.root.empty() ? include_rules_for(path, options.file_role, includes.allow_outside) : includes;
  YamlNode doc = load_yaml_file(path, options);
  if (!overrides.empty()) check(doc);  // the file as written: overrides cannot hide its mistakes
  for (const std::string& o : overrides) apply_scenario_override(doc, o, options.includes);
  if (rules_used != nullptr) *rules_used = options.includes;
  return doc;
}

void apply_scenario_override(YamlNode& doc, std::string_view override_text, const IncludeRules& includes) {
  if (!override_text.starts_with(kDrillAddPrefix)) {
    apply_override(doc, override_text, includes);
    return;
  }
  const bool injections = doc.find("injections") != nullptr && doc.find("drill") == nullptr;
  append_override(doc, injections ? "injections" : "drill", override_text.substr(kDrillAddPrefix.size()), "--drill-add",
                  includes);
}

void check_scenario_document(const YamlNode& doc, const std::string& source_file) {
  (void)read_whole(doc, source_file);
}

ScenarioConfig load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                             const IncludeRules& includes) {
  YamlLoadOptions options;
  options.includes = includes.root.empty() ? include_rules_for(path, options.file_role, includes.allow_outside) : includes;
  YamlNode doc = load_yaml_file(path, options);
  if (overrides.empty()) return read_whole(doc, path);
  check_scenario_document(doc, path);  // the file as written: an override must not hide its mistakes
  for (const std::string& o : overrides) apply_scenario_override(doc, o, options.includes);
  return read_whole(doc, path);
}

}  // namespace dt
