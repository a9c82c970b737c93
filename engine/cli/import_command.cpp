// `drilltwin import osm|geojson FILE --out layout.yaml`: a layout from map data (docs/import.md).
// The map is read and projected (engine/import/), the layout text is read back with the layout
// loader and its network generated and checked, and only then written, atomically. A malformed map
// writes nothing and exits 2; what the layout checks find is listed for the planner to fix.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/import/geojson_reader.h"
#include "engine/import/layout_writer.h"
#include "engine/import/osm_reader.h"
#include "engine/kernel/lang.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/layout_loader.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"

namespace dt::cli {

namespace {
DT_PHRASE(kImportWritten, "{} written: {} buildings, {} flats, {} paths, {} gates, {} services; {} assumed values to check",
          "已写入 {}：{} 栋楼，{} 户，{} 条道路，{} 个大门，{} 处服务设施；{} 个假定值待核对");
DT_PHRASE(kImportChecks, "The layout checks found {} error(s) and {} warning(s) above: fix them in {} before a drill.",
          "布局检查发现上述 {} 个错误和 {} 个警告：演练前请在 {} 中修正。");
DT_PHRASE(kImportClean, "The layout passes `drilltwin layout` checks.", "该布局通过了 `drilltwin layout` 检查。");
DT_PHRASE(kImportNote, "note: {}", "注：{}");
DT_PHRASE(kImportBadFormat, "drilltwin: error: import: unknown format '{}'; choose osm or geojson",
          "drilltwin: 错误: import: 未知格式 '{}'；可选 osm 或 geojson");
}  // namespace

Action add_import_command(CLI::App& app) {
  struct Args {
    std::string format, file, out, name;
    bool quiet = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("import", "Make a layout from map data: OpenStreetMap (.osm, .pbf) or GeoJSON footprints");
  cmd->add_option("FORMAT", a->format, "osm (.osm XML or .pbf) or geojson (a FeatureCollection in WGS 84)")->required();
  cmd->add_option("FILE", a->file, "The map file")->required();
  cmd->add_option("--out,-o", a->out, "The layout YAML to write (atomically)")->required()->check(non_empty_path("--out"));
  cmd->add_option("--name", a->name, "The layout's name (default: the output file's stem)");
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors and the layout checks' findings");
  cmd->footer(
      "Buildings (building=*, building:levels, height), entrances, footways and roads, gates, assembly points and\n"
      "amenities/shops (as services) become a layout in local metres (a transverse Mercator centred on the map).\n"
      "What the map lacks comes from defaults by building type and height, each marked `# assumed:` (docs/import.md).\n"
      "Exit status: 0 written (the layout checks' findings are listed), 1 the file could not be written,\n"
      "2 a malformed map (nothing written).");

  return [a]() -> int {
    if (a->format != "osm" && a->format != "geojson") {
      fmt::print(stderr, "{}\n", say(kImportBadFormat, a->format));
      return kExitInput;
    }
    const import::MapData map = a->format == "osm" ? import::read_osm(a->file) : import::read_geojson(a->file);
    std::string name = a->name;
    if (name.empty()) name = std::filesystem::path(a->out).stem().string();
    for (char& c : name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) c = '_';
    if (name.empty()) name = "imported";
    const import::ImportedLayout imported = import::write_layout(map, name);

    // Read back as `drilltwin layout` would, so that the planner sees what to fix.
    YamlLoadOptions yaml_options;
    yaml_options.file_role = "layout file";
    const YamlNode doc = parse_yaml_string(imported.yaml, a->out, yaml_options);
    const LayoutConfig layout = read_layout(doc, a->out);
    Diagnostics diag;
    const Network net = generate_network(layout, diag);
    if (!diag.has_errors()) check_layout(layout, net, diag);
    write_file_atomically(a->out, imported.yaml);
    if (!a->quiet)
      for (const std::string& n : imported.notes) fmt::print(stderr, "{}: {}\n", a->file, say(kImportNote, n));
    const DiagnosticCounts counts = print_diagnostics(diag.all());
    if (!a->quiet) {
      fmt::print("{}\n", say(kImportWritten, a->out, imported.buildings, imported.flats, imported.paths, imported.gates,
                             imported.services, imported.assumed));
      if (counts.errors + counts.warnings > 0)
        fmt::print("{}\n", say(kImportChecks, counts.errors, counts.warnings, a->out));
      else
        fmt::print("{}\n", say(kImportClean));
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
