#pragma once
// The site of a run: layout → network → checks → routes (EvacuationNetwork) → travel model, and
// every name the scenario refers to resolved against it. Built ONCE per run (build_site) and shared
// read-only (const) by every replication and thread.
//
//   YAML --scenario/--> ScenarioConfig (names + positions) --build_site--> Site --replications-->

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dispatch/dispatch_config.h"
#include "engine/dispatch/travel_time.h"
#include "engine/hazards/emergency_config.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/kpi_table.h"
#include "engine/people/evacuation_config.h"
#include "engine/people/evacuation_network.h"
#include "engine/scenario/scenario_config.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

struct Site {
  std::shared_ptr<const LayoutConfig> layout;  ///< null: the scenario has no layout
  std::shared_ptr<const Network> network;      ///< generated from `layout` (null without one)
  /// The network prepared for crowd movement (routes to safety); null without an evacuation.
  std::shared_ptr<const EvacuationNetwork> evacuation_network;
  /// Staff travel times on `network`; null without a dispatch catalogue on a layout.
  std::shared_ptr<const TravelModel> travel;

  /// The scenario's model configs with every name resolved (bound copies):
  ///  evacuation: population.buildings = `evacuation.buildings` (+ the burning buildings for alarm
  ///  modes building/phased); emergency: drill ids and the guards' post, `site` = network;
  ///  dispatch: staff expanded from the roster with posts, zones and patrols, `travel`.
  std::optional<EvacuationConfig> evacuation;
  std::optional<EmergencyConfig> emergency;
  std::optional<DispatchConfig> dispatch;
  /// Warnings about how the scenario uses the site that `drilltwin validate` shows (e.g. nobody of
  /// assistance.from_roster on shift); the layout's own checks are `drilltwin layout`'s.
  std::vector<Diagnostic> warnings;
};

/// Builds the site of `scenario` and resolves its names. Every problem (layout errors, unknown
/// names) goes to `diag` at the position stored in the config; parts that did not build stay empty.
[[nodiscard]] Site build_site(const ScenarioConfig& scenario, Diagnostics& diag);

/// As above; throws InputError listing every problem.
[[nodiscard]] Site build_site(const ScenarioConfig& scenario);

/// A scenario read and its site built: what every command runs.
struct PreparedScenario {
  ScenarioConfig config;
  std::shared_ptr<const Site> site;
};

/// load_scenario (engine/scenario/scenario_loader.h) + build_site in one call. Throws InputError.
[[nodiscard]] PreparedScenario prepare_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                                               const IncludeRules& includes = {});

/// build_site for an already read scenario. Throws InputError.
[[nodiscard]] PreparedScenario prepare_scenario(ScenarioConfig config);

/// " (did you mean 'dispatch.response_time_s'?)" for a KPI name the scenario does not report: the
/// closest of `kpis`, or "" when none is close.
[[nodiscard]] std::string kpi_name_hint(std::string_view name, const std::vector<KpiDefinition>& kpis);

}  // namespace dt
