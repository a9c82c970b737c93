#pragma once
// What `drilltwin plan` found, for people and programs: the chosen emergency response plan — its
// choices, the order of alarms per building, the stair of each floor group, each staff member's
// tasks with times, the expected timeline with intervals, the risks that remain — and how it was
// found and how much better it is than the scenario's own response. The same facts open the
// console output, plan.html and plan.json (docs/formats.md), so the three never disagree. The
// search is engine/jobs/plan_job.h; the method is docs/planning.md.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/statistics.h"
#include "engine/output/headline.h"
#include "engine/output/kpi_targets.h"
#include "engine/output/optimize_answer.h"

namespace dt {

/// One candidate as the search saw it (screening replications only).
struct PlanScreened {
  std::string label;
  double objective_mean = SampleSummary::kNaN;
  uint32_t targets_missed = 0;  ///< targets whose screening mean is on the wrong side
};

/// One KPI of the chosen plan against the scenario as written, on common random numbers.
struct PlanComparison {
  KpiDefinition kpi;
  SampleSummary chosen, as_written;
  PairedDifference difference;  ///< chosen − as written
};

/// When the floors of one building hear the alarm (one representative replication).
struct PlanAlarmStep {
  double at_s = 0;       ///< [s from the scenario start]
  int first_floor = 0, last_floor = 0;
};

struct PlanBuilding {
  std::string id;
  std::vector<PlanAlarmStep> alarms;  ///< in time order; floors hearing it together joined
  /// "floors 1–16: S1" per floor group of a stair option; empty: every resident takes the nearest stair.
  std::vector<std::string> stairs;
  uint32_t residents = 0;             ///< present in the representative replication
  int floors = 0;                     ///< storeys above ground
  std::vector<int> fire_floors;       ///< floors where a fire of the drill starts
  /// Per floor group of a stair option: its floors and the stair (for the section diagram).
  std::vector<std::pair<std::pair<int, int>, std::string>> stair_groups;
};

/// One leg of one staff member's work (the representative replication).
struct PlanTask {
  uint32_t member = 0;
  double from_s = 0, until_s = 0;
  std::string from, to;  ///< places (network labels, e.g. "D3/F8/U3", "gate:south")
  bool with_resident = false;
  bool lift = false;
};

struct PlanAnswer {
  std::string scenario;
  KpiDefinition objective;
  std::vector<KpiTarget> targets;      ///< every target of the scenario (reported)
  std::vector<std::string> constraints; ///< the KPIs of the targets a plan must meet
  std::vector<std::pair<std::string, std::vector<std::string>>> options;  ///< option → its alternatives
  std::string method;            ///< "every combination" or "coordinate search"
  std::size_t combinations = 0;  ///< of the options
  std::size_t evaluated = 0;     ///< candidates the search ran
  uint64_t screening_replications = 0;
  uint32_t passes = 0;           ///< coordinate search: passes over the options
  std::vector<PlanScreened> screened;  ///< best first (at most 10)
  OptimizeAnswer selection;      ///< the finalists' selection (optimize's procedure)
  bool meets_targets = true;     ///< false: no finalist was shown to meet every target
  std::string chosen_label;      ///< "alarm=fire_floor_first, …" or "as written"
  std::vector<std::pair<std::string, std::string>> chosen;  ///< option → alternative
  bool chosen_is_as_written = false;
  uint64_t compare_replications = 0;
  std::vector<PlanComparison> comparisons;  ///< the objective first, then the targets' KPIs and the timeline
  uint64_t representative = 0;              ///< the replication the details below come from
  std::vector<PlanBuilding> buildings;      ///< alarmed buildings, first alarm first
  std::vector<PlanTask> tasks;              ///< by member, then time
  uint32_t staff = 0;
  std::vector<std::string> risks;           ///< sentences, most serious first
  double seconds = 0;                       ///< wall time of the whole search [s]
};

/// The answer in sentences (current language), most important first.
[[nodiscard]] Headline plan_headline(const PlanAnswer& answer);

/// plan.json (docs/formats.md).
[[nodiscard]] nlohmann::ordered_json plan_json(const PlanAnswer& answer);

/// The section of one building for plan.html: its floors stacked, each coloured by when it hears the
/// alarm, the fire floor marked, the stair of each floor group beside it (SVG).
[[nodiscard]] std::string plan_section_svg(const PlanBuilding& building);

/// The staff's legs as a chart over time, one row per member (SVG).
[[nodiscard]] std::string plan_tasks_svg(const PlanAnswer& answer);

/// plan.html: printable, self-contained.
[[nodiscard]] std::string plan_html(const PlanAnswer& answer);

}  // namespace dt
