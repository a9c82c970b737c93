// `drilltwin access`: the 15-minute service circle of a layout (docs/access.md): walking time from
// every household to the nearest service of each kind, per group, and what-ifs that add or move a
// service over candidate sites.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/jobs/access_job.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"
#include "engine/scenario/layout_loader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/yaml_tree.h"

namespace dt::cli {

namespace {
DT_PHRASE(kAccessHeader, "{} ({}): {} households", "{}（{}）：{} 户");
DT_PHRASE(kAccessWritten, "Summary and map written to {}.", "汇总和地图已写入 {}。");
DT_PHRASE(kAccessBadPoint, "{}: expected a point X,Y in metres, got '{}'", "{}：应为以米为单位的点 X,Y，实际为 '{}'");
DT_PHRASE(kAccessBadClock, "--at: expected a clock time HH:MM, got '{}'", "--at：应为时刻 HH:MM，实际为 '{}'");
DT_PHRASE(kAccessTryNeeds, "--try needs --add KIND or --move SERVICE (what to put at the candidate sites)",
          "--try 需要 --add KIND 或 --move SERVICE（在候选位置放置什么）");
DT_PHRASE(kAccessAddOrMove, "--add and --move cannot be used together", "--add 与 --move 不能同时使用");
DT_PHRASE(kAccessNeedsTry, "--add and --move need at least one --try X,Y", "--add 和 --move 至少需要一个 --try X,Y");
DT_PHRASE(kAccessNoLayout, "the scenario has no layout", "该场景没有布局（layout）");

std::optional<Vec2> parse_point(const std::string& text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  const auto x = parse_finite_decimal(text.substr(0, comma));
  const auto y = parse_finite_decimal(text.substr(comma + 1));
  if (!x || !y || std::abs(*x) > 1e6 || std::abs(*y) > 1e6) return std::nullopt;
  return Vec2{*x, *y};
}

std::optional<int> parse_clock(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}
}  // namespace

Action add_access_command(CLI::App& app) {
  struct Args {
    std::string file, out, group = "elderly", at, add, move;
    std::vector<std::string> overrides, tries;
    double within_min = 15;
    bool no_lifts = false, quiet = false, allow_include_outside = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("access", "The 15-minute service circle: walking time from every household to the nearest service of each kind");
  cmd->add_option("FILE", a->file, "Layout or scenario file with `services:` (docs/layout-reference.md)")->required();
  cmd->add_option("--out,-o", a->out, "Write summary.json and report.html into this directory (atomically)")
      ->check(non_empty_path("--out"));
  cmd->add_option("--set", a->overrides, "Override one value, KEY.PATH=VALUE, e.g. --set services.0.at=[120,80]")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--group", a->group, "Group behind the worst buildings, the maps and the what-ifs: adult, elderly, child, needs_assistance")
      ->capture_default_str();
  cmd->add_option("--at", a->at, "Count only services open at this clock time (HH:MM)");
  cmd->add_flag("--no-lifts", a->no_lifts, "Walk the stairs even where a building has lifts");
  cmd->add_option("--add", a->add, "What-if: add a service of KIND at each --try site and name the best");
  cmd->add_option("--move", a->move, "What-if: move SERVICE to each --try site and name the best");
  cmd->add_option("--try", a->tries, "A candidate site X,Y in site metres (repeatable)")->type_name("X,Y")->allow_extra_args(false);
  cmd->add_option("--within", a->within_min, "What-ifs are judged on the share within this many minutes")
      ->transform(finite_number(0.1, 1440))
      ->capture_default_str();
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Walking time on the layout's network from every flat to the nearest service of each kind, for each group of\n"
      "residents at its own speed (adult, 60+, child, needs assistance: IMO MSC.1/Circ.1533 speeds), and the share of\n"
      "households within 5, 10 and 15 minutes. Exit status: 0 done, 1 files could not be written, 2 invalid input.");

  return [a]() -> int {
    if (!a->add.empty() && !a->move.empty()) {
      fmt::print(stderr, "drilltwin: {}\n", say(kAccessAddOrMove));
      return kExitInput;
    }
    if (!a->tries.empty() && a->add.empty() && a->move.empty()) {
      fmt::print(stderr, "drilltwin: {}\n", say(kAccessTryNeeds));
      return kExitInput;
    }
    if (a->tries.empty() && (!a->add.empty() || !a->move.empty())) {
      fmt::print(stderr, "drilltwin: {}\n", say(kAccessNeedsTry));
      return kExitInput;
    }
    jobs::AccessOptions options;
    options.reference_group = a->group;
    options.use_lifts = !a->no_lifts;
    options.out_dir = a->out;
    if (!a->at.empty()) {
      const auto m = parse_clock(a->at);
      if (!m) {
        fmt::print(stderr, "drilltwin: {}\n", say(kAccessBadClock, a->at));
        return kExitInput;
      }
      options.at_minute = *m;
    }
    if (!a->tries.empty()) {
      jobs::AccessWhatIfRequest w;
      w.kind = a->add;
      w.move = a->move;
      w.circle_min = a->within_min;
      w.pos = SourcePos{a->add.empty() ? "--move" : "--add", 0, 0};
      for (const std::string& t : a->tries) {
        const auto p = parse_point(t);
        if (!p) {
          fmt::print(stderr, "drilltwin: {}\n", say(kAccessBadPoint, "--try", t));
          return kExitInput;
        }
        w.candidates.emplace_back(t, *p);
      }
      options.what_if = std::move(w);
    }

    // A layout file has `buildings`; anything else is read as a scenario.
    const IncludeRules includes = IncludeRules::outside_allowed(a->allow_include_outside);
    YamlLoadOptions peek;
    peek.file_role = "file";
    peek.includes = include_rules_for(a->file, "file", a->allow_include_outside);
    const YamlNode doc = load_yaml_file(a->file, peek);
    LayoutConfig layout;
    PopulationConfig population;
    if (doc.is_map() && doc.find("buildings") != nullptr) {
      layout = load_layout(a->file, a->overrides, includes);
    } else {
      const ScenarioConfig sc = load_scenario(a->file, a->overrides, includes);
      if (!sc.layout) throw InputError(SourcePos{a->file, 0, 0}, say(kAccessNoLayout));
      layout = *sc.layout;
      if (sc.evacuation) population = sc.evacuation->population;
    }
    const AccessReport report = jobs::access(layout, population, options);
    if (!a->quiet) {
      fmt::print("{}\n", say(kAccessHeader, report.layout, a->file, report.households));
      for (const std::string& line : access_headline(report)) fmt::print("  {}\n", line);
      if (!a->out.empty()) fmt::print("{}\n", say(kAccessWritten, a->out));
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
