// `drilltwin layout`: load a community layout, generate and check its navigation network, print a
// summary and optionally export the network.
#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/kernel/input_error.h"
#include "engine/output/staged_dir.h"
#include "engine/output/trace.h"
#include "engine/scenario/layout_loader.h"
#include "engine/sim/layout_scene.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"
#include "engine/world/layout_summary.h"
#include "engine/world/network_export.h"
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kUnreachable, "unreachable", "不可达");
DT_PHRASE(kSummaryBuildings, "  {} building{}, {} floor{}, {} flat{}, {} residents at {} persons per household",
          "  {} 栋楼{}，{} 层{}，{} 户{}，{} 名居民（每户 {} 人）");
DT_PHRASE(kSummaryNetwork, "  network: {} nodes, {} links, {} sensors", "  网络：{} 个节点，{} 条连接，{} 个传感器");
DT_PHRASE(kSummarySite, "  site: {} path{}, {} gate{}, {} assembly point{} (capacity {}), {} store{}",
          "  小区：{} 条道路{}，{} 个大门{}，{} 个集合点{}（容量 {}），{} 个物资库{}");
DT_PHRASE(kColBuilding, "building", "楼栋");
DT_PHRASE(kColType, "type", "类型");
DT_PHRASE(kColFloors, "floors", "层数");
DT_PHRASE(kColHeight, "height_m", "高度(m)");
DT_PHRASE(kColFlats, "flats", "户数");
DT_PHRASE(kColResidents, "residents", "居民");
DT_PHRASE(kColStairs, "stairs", "楼梯");
DT_PHRASE(kColLifts, "lifts", "电梯");
DT_PHRASE(kColExits, "exits", "出口");
DT_PHRASE(kColFlatToExit, "flat_to_exit_max_m", "户至出口最远(m)");
DT_PHRASE(kColDoorToStair, "door_to_stair_max_m", "户门至楼梯最远(m)");
DT_PHRASE(kNoWarnings, "No warnings.", "没有警告。");
DT_PHRASE(kWarningsOnStderr, "{} warning{} (on stderr).", "{} 条警告{}（见标准错误输出）。");
DT_PHRASE(kSceneWritten, "Scene of {} written to {}.", "{} 的场景已写入 {}。");
DT_PHRASE(kBadExportFormat, "drilltwin: error: --export: unknown format '{}'; choose geojson, dot or scene",
          "drilltwin: 错误: --export: 未知格式 '{}'；可选 geojson、dot 或 scene");
DT_PHRASE(kNetworkWritten, "Network written to {} ({}).", "网络已写入 {}（{}）。");

/// The English plural ending for `n` things ("" in Chinese, which has none).
const char* plural(std::size_t n) { return lang() == Lang::En && n != 1 ? "s" : ""; }
}  // namespace

namespace {

/// 2484 → "2,484".
std::string thousands(double v) {
  std::string digits = fmt::format("{:.0f}", std::round(v));
  std::string out;
  const std::size_t first = digits[0] == '-' ? 1 : 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string distance_cell(double m) {
  if (std::isinf(m)) return say(kUnreachable);
  return fmt::format("{:.1f}", m);
}

std::string summary_text(const std::string& file, const LayoutSummary& s, std::size_t warnings) {
  std::string out;
  out += fmt::format("{} ({})\n", s.name, file);
  out += say(kSummaryBuildings, s.buildings, plural(s.buildings), thousands(static_cast<double>(s.floors)),
               plural(s.floors), thousands(static_cast<double>(s.units)), plural(s.units), thousands(s.residents),
               s.persons_per_household) + "\n";
  out += say(kSummaryNetwork, thousands(static_cast<double>(s.nodes)), thousands(static_cast<double>(s.links)),
             thousands(static_cast<double>(s.sensors))) + "\n";
  out += say(kSummarySite, s.paths, plural(s.paths), s.gates, plural(s.gates), s.assembly_points,
             plural(s.assembly_points), thousands(s.assembly_capacity), s.stores, plural(s.stores)) + "\n\n";
  const std::string col_building = say(kColBuilding), col_type = say(kColType);
  std::size_t id_w = 8, type_w = 4;
  for (const BuildingSummary& b : s.rows) {
    id_w = std::max(id_w, b.id.size());
    type_w = std::max(type_w, b.type.size());
  }
  out += fmt::format("  {:<{}}  {:<{}}  {:>6}  {:>8}  {:>5}  {:>9}  {:>6}  {:>5}  {:>5}  {:>19}  {:>18}\n", col_building, id_w,
                     col_type, type_w, say(kColFloors), say(kColHeight), say(kColFlats), say(kColResidents),
                     say(kColStairs), say(kColLifts), say(kColExits), say(kColFlatToExit), say(kColDoorToStair));
  for (const BuildingSummary& b : s.rows)
    out += fmt::format("  {:<{}}  {:<{}}  {:>6}  {:>8.1f}  {:>5}  {:>9}  {:>6}  {:>5}  {:>5}  {:>19}  {:>18}\n", b.id, id_w,
                       b.type.empty() ? "-" : b.type, type_w, b.floors, b.height_m, b.units, thousands(b.residents), b.stairs,
                       b.elevators, b.exits, b.units == 0 ? "-" : distance_cell(b.longest_unit_to_exit_m),
                       b.units == 0 ? "-" : distance_cell(b.longest_door_to_stair_m));
  out += "\n" + (warnings == 0 ? say(kNoWarnings) : say(kWarningsOnStderr, warnings, plural(warnings))) + "\n";
  return out;
}


// The scene drilltwin-view shows for a layout (engine/sim/layout_scene.h), with the findings of the
// layout checks. Written even when the checks find errors — the planner looks at the layout to fix
// them — but not when no network can be generated; the exit status still says 2 for errors.
int export_scene(const std::string& file, const LayoutConfig& layout, const std::string& out_path, bool quiet) {
  Diagnostics diag;
  const Network net = generate_network(layout, diag);
  diag.throw_if_errors();
  check_layout(layout, net, diag);
  trace::SceneFile scene{make_scene(layout, net), {}};
  for (const Diagnostic& d : diag.all()) scene.findings.push_back(d.str());
  const DiagnosticCounts counts = print_diagnostics(diag.all());
  write_file_atomically(out_path, encode_scene_file(scene));
  if (!quiet) fmt::print("{}\n", say(kSceneWritten, file, out_path));
  return counts.errors > 0 ? kExitInput : kExitOk;
}

}  // namespace

Action add_layout_command(CLI::App& app) {
  struct Args {
    std::string file;
    std::vector<std::string> export_args;
    std::vector<std::string> overrides;
    bool quiet = false;
    bool allow_include_outside = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("layout", "Check a community layout and summarise (or export) its navigation network");
  cmd->add_option("FILE", a->file, "Layout file (YAML; see docs/layout-reference.md)")->required();
  cmd->add_option("--export", a->export_args,
                  "Write the network as FORMAT (geojson, dot or scene) to OUT, atomically; GeoJSON coordinates are "
                  "local metres, not WGS 84; a scene file is what drilltwin-view shows (docs/formats.md)")
      ->type_name("FORMAT OUT")
      ->expected(2);
  cmd->add_option("--set", a->overrides, "Override one layout value, KEY.PATH=VALUE, e.g. --set buildings.0.floors=18")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but warnings and errors");
  cmd->footer(
      "Loads FILE, generates the navigation network (flats, corridors, stairs, elevators, exits, site paths,\n"
      "gates, assembly points) and checks it: unreachable flats, narrow stairs and doors, exits too close\n"
      "(GB 50016-2014), overlapping footprints, ... Problems are printed as FILE:LINE:COL: error|warning: ...\n"
      "Prints buildings, floors, flats, resident capacity (2.62 persons per household unless the layout says\n"
      "otherwise), nodes, links and the longest walk from a flat to its building's exits.\n"
      "Exit status: 0 valid (warnings allowed), 1 the export could not be written, 2 invalid layout or flags.");

  return [a]() -> int {
    std::string format, out_path;
    if (!a->export_args.empty()) {
      format = a->export_args[0];
      out_path = a->export_args[1];
      if (format != "geojson" && format != "dot" && format != "scene") {
        fmt::print(stderr, "{}\n", say(kBadExportFormat, format));
        return kExitInput;
      }
    }
    const LayoutConfig layout = load_layout(a->file, a->overrides, IncludeRules::outside_allowed(a->allow_include_outside));
    if (format == "scene") return export_scene(a->file, layout, out_path, a->quiet);
    Diagnostics diag;
    const Network net = build_network(layout, diag);  // throws InputError (with the warnings) on errors
    const std::size_t warnings = print_diagnostics(diag.all()).warnings;
    if (!format.empty()) {
      write_file_atomically(out_path, format == "geojson" ? network_geojson(layout, net) : network_dot(layout, net));
    }
    if (!a->quiet) {
      fmt::print("{}", summary_text(a->file, summarize_layout(layout, net), warnings));
      if (!format.empty()) fmt::print("{}\n", say(kNetworkWritten, out_path, format));
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
