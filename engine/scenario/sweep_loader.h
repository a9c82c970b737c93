#pragma once
// The `sweep:` section of a scenario file: the points of a parameter study, each a complete,
// validated scenario. Syntax (docs/scenario-reference.md, "sweep"):
//
//   sweep:
//     grid:                              # every combination; the first key varies slowest
//       staff.count: [2, 3, 4]
//       incidents.service_time.mean: [30 min, 45 min]
//     variants:                          # optional named sets of values, crossed with the grid
//       - name: evening_peak
//         set: {incidents.arrivals.rate_per_hour: 5}
//
// Each point is the file without its `sweep:` section, then the `--set` overrides, then the
// point's values written into the YAML tree at their dotted paths (as `--set` does) — so any
// scenario key can be swept and every point is checked by the same reader, with errors at the
// position of the offending value in the sweep section. The whole sweep is checked before
// anything runs. Every point keeps the base's seed and replication indices: points are compared
// on common random numbers.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/yaml_tree.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

/// One swept parameter's value at a point, as the planner wrote it ("3", "45 min", "{...}").
struct SweepSetting {
  std::string key;    ///< dotted scenario key, or "variant" for the variant's name
  std::string value;  ///< the value's text (flow-style YAML for lists and mappings)
};

struct SweepPoint {
  std::string label;                  ///< "staff.count=3, incidents.service_time.mean=45 min"
  std::vector<SweepSetting> settings; ///< one per SweepPlan::parameters, in that order
  ScenarioConfig scenario;            ///< the complete scenario of this point
};

struct SweepPlan {
  ScenarioConfig base;                  ///< the file without `sweep:` (after --set)
  std::vector<std::string> parameters;  ///< "variant" (when variants exist), then the grid keys in file order
  std::vector<SweepPoint> points;       ///< variants slowest, then the grid keys in file order
  /// 16 hex digits identifying the sweep's points, their scenarios and the seed (not the
  /// replication count or threads): --resume and merge refuse results of another sweep.
  std::string fingerprint;
  std::vector<std::string> overrides;   ///< the --set KEY=VALUE texts applied (load_sweep), for resume hints
};

/// Writes `value` at the dotted `key` of `root` (a mapping), creating mappings on the way; a
/// number or an item's name names a list item. As apply_override (--set), but the value keeps its
/// own position in the file. Throws InputError (at `key_pos`) for a path through text or past a list.
void set_scenario_path(YamlNode& root, const std::string& key, YamlNode value, const SourcePos& key_pos);

/// Largest number of points a sweep may have.
inline constexpr std::size_t kMaxSweepPoints = 100'000;

/// Whether the document has a top-level `sweep:` section.
[[nodiscard]] bool has_sweep(const YamlNode& doc);

/// Reads the sweep of an already loaded (and overridden) document and checks every point.
/// Throws InputError listing every problem (each distinct problem once, with the first point it
/// occurs in). A document without `sweep:` gives a plan with one point (the base).
/// `candidates`: the points are an optimisation's candidates (optimize_loader.h), and notes say so.
[[nodiscard]] SweepPlan read_sweep(const YamlNode& doc, const std::string& source_file, bool candidates = false);

/// Loads a scenario file, applies `overrides` and reads its sweep. Throws InputError; the file is
/// checked as written (every point) before the overrides apply, as load_scenario does.
[[nodiscard]] SweepPlan load_sweep(const std::string& path, const std::vector<std::string>& overrides = {},
                                   const IncludeRules& includes = {});

}  // namespace dt
