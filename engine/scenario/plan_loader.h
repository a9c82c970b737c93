#pragma once
// The `plan:` section of an emergency scenario: the options of a response plan to consider and the
// objective `drilltwin plan` searches them for (engine/jobs/plan_job.h; docs/planning.md).
// Syntax (docs/scenario-reference.md, "plan"):
//
//   plan:
//     options:                                  # each option: its alternatives, first = where the search starts
//       alarm: [all_at_once, fire_floor_first]  # built-in alternatives (alarm, lifts, staff_order, sweep, outside_help)
//       stairs_D3: {building: D3, floor_groups: [[1, 16], [17, 33]]}   # every stair per floor group, and "nearest"
//       assistance.order: [fire_first, nearest] # a scenario key: its values
//       help:                                   # named alternatives: any scenario keys
//         - {name: guards_only, set: {assistance.responders: []}}
//         - {name: fire_brigade, set: {assistance.responders: [{kind: fire_brigade}]}}
//     minimize: emergency.all_safe_time_s       # a KPI; the scenario's targets: are the constraints
//     delta: 60                                 # indifference zone, in the KPI's units
//
// Each candidate plan is one alternative per option written into the scenario (as a sweep point:
// the same writing of values at dotted paths and the same checks). Alternatives of different
// options that set the same key must both give lists (they are joined: two stair options of two
// buildings both add to `evacuation.stairs`); anything else is an error at the second one.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_config.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/scenario/yaml_tree.h"

namespace dt {

/// One way to decide one option: what it writes into the scenario.
struct PlanAlternative {
  std::string name;                                  ///< "fire_floor_first", "S1/S2", "nearest"
  SourcePos pos;                                     ///< where it is declared
  std::vector<std::pair<std::string, YamlNode>> set; ///< dotted key → value (may be empty: as written)
  /// Stair options: the stair of each floor group, in group order (empty otherwise, or "nearest").
  std::vector<std::string> stairs;
};

struct PlanOption {
  std::string name;  ///< as declared ("alarm", "stairs_D3", "assistance.order")
  SourcePos pos;
  enum class Kind : uint8_t { Alarm, Lifts, StaffOrder, Sweep, OutsideHelp, Stairs, Key, Named };
  Kind kind = Kind::Named;
  std::string building;                            ///< Stairs: the building
  std::vector<std::pair<int, int>> floor_groups;   ///< Stairs: [first, last] floors
  std::vector<PlanAlternative> alternatives;       ///< at least one
};

struct PlanSpec {
  std::vector<PlanOption> options;
  std::string objective_kpi;  ///< the KPI minimised
  SourcePos objective_pos;
  double delta = 60.0;                    ///< indifference zone [objective units, > 0]
  double confidence = 0.95;               ///< 1 − α of the final selection [0.5, 0.999]
  uint64_t screening_replications = 10;   ///< per candidate while searching [≥ 2]
  uint64_t first_stage = 20;              ///< n0 of the final selection [≥ 5]
  uint64_t max_replications = 160;        ///< per finalist [≥ first_stage]
  std::size_t finalists = 4;              ///< best candidates of the search taken to the final selection [≥ 1]
  std::size_t exhaustive_up_to = 64;      ///< try every combination when there are at most this many
  uint64_t compare_replications = 40;     ///< chosen plan vs the scenario as written, paired [≥ 2]
  /// `constraints:` the targets (by KPI) a plan must meet; empty (absent): every target of the
  /// scenario. The others are still reported.
  std::vector<std::string> constraints;
  bool constraints_given = false;
};

/// A loaded plan problem: the scenario as written (without `plan:`) and the options.
struct PlanProblem {
  YamlNode doc;             ///< the scenario document without plan/optimize/sweep/calibrate (after --set)
  std::string source_file;
  std::vector<std::string> overrides;  ///< --set texts applied
  ScenarioConfig base;      ///< the scenario as written: the default response
  PlanSpec spec;
  std::string fingerprint;  ///< 16 hex digits: the document and the plan settings
};

/// One candidate: an alternative index per option.
using PlanChoice = std::vector<uint16_t>;

/// Whether the document has a top-level `plan:` section.
[[nodiscard]] bool has_plan(const YamlNode& doc);

/// Reads the `plan:` section of a loaded (and overridden) document. Throws InputError
/// (file:line:col) for a missing section, an unknown built-in alternative, a stair option naming
/// an unknown building or overlapping or out-of-range floor groups, two options setting the same
/// key with values that are not lists, bad settings, or a first candidate (every option's first
/// alternative) that is not a valid scenario.
[[nodiscard]] PlanProblem read_plan(const YamlNode& doc, const std::string& source_file);

/// Loads a scenario file, applies `overrides` (--set) and reads its plan section.
[[nodiscard]] PlanProblem load_plan(const std::string& path, const std::vector<std::string>& overrides = {},
                                    const IncludeRules& includes = {});

/// "alarm=fire_floor_first, stairs_D3=S1/S2" (option=alternative, in option order).
[[nodiscard]] std::string plan_label(const PlanSpec& spec, const PlanChoice& choice);

/// The keys and values a candidate writes into the scenario (lists of several options joined).
[[nodiscard]] std::vector<std::pair<std::string, YamlNode>> plan_settings(const PlanSpec& spec, const PlanChoice& choice);

/// The candidates as the points of a sweep (each a complete, checked scenario; labels from
/// plan_label). An empty choice is the scenario as written, labelled `as_written_label`.
/// Throws InputError when a candidate is not a valid scenario (at the alternative's position).
[[nodiscard]] SweepPlan plan_candidates(const PlanProblem& problem, const std::vector<PlanChoice>& choices,
                                        const std::string& as_written_label);

/// The candidate as a scenario document (without `plan:`): what `plan` writes as chosen.yaml.
[[nodiscard]] YamlNode plan_document(const PlanProblem& problem, const PlanChoice& choice);

}  // namespace dt
