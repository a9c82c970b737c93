#pragma once
// The demand jobs (docs/demand.md): `fit-demand` learns the scenario's incident demand from a
// work-order history and writes it back into a scenario; `forecast` fits on all but the last days
// of the history, scores a forecast of those days, then forecasts the days after the history; and
// the synthetic history the model itself draws from the scenario's demand (`synth-history`).
// Configuration in, results out, files written atomically through output/.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/dispatch/demand_fit.h"
#include "engine/jobs/job.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/sim/site.h"

namespace dt::jobs {

struct DemandJobOptions : JobOptions {
  std::string history_path;   ///< the work-order history (CSV, docs/formats.md)
  uint32_t holdout_days = 7;  ///< forecast: the history's last days, held out and forecast [>= 1]
  /// fit-demand: write the rates of this weekday (0 Monday … 6 Sunday: a[type][hour] · f[weekday])
  /// instead of the average day.
  std::optional<int> weekday;
  uint32_t horizon_days = 7;  ///< forecast: days forecast after the history [>= 1]
};

struct FitDemandResult {
  JobStatus status = JobStatus::Completed;
  WorkOrderHistory history;
  DemandFit fit;
  std::vector<std::string> headline;  ///< what the fit found, sentence by sentence (summary.json "headline")
};

/// Reads the history against `prepared` (its incident types, its layout's buildings), fits the
/// demand and, when options.out_dir is set, writes summary.json, report.html, rates_by_hour.csv,
/// place_shares.csv and fitted_scenario.yaml (`document`, the scenario as read, with each fitted
/// type's profile_per_hour and service_time replaced). Throws InputError for a scenario without
/// incident types on a layout or a malformed history (nothing written), std::runtime_error when a
/// file cannot be written.
[[nodiscard]] FitDemandResult fit_demand_job(const PreparedScenario& prepared, const YamlNode& document,
                                             const DemandJobOptions& options);

struct ForecastResult {
  JobStatus status = JobStatus::Completed;
  WorkOrderHistory history;
  DemandFit training;         ///< the fit without the held-out days
  DemandForecast held_out;    ///< its forecast of the held-out days
  ForecastAccuracy accuracy;  ///< … against what happened
  DemandFit full;             ///< the fit on the whole history
  DemandForecast next;        ///< its forecast of the days after the history
  std::vector<std::string> headline;
};

/// Writes summary.json, report.html (observed vs forecast heatmaps) and forecast.csv when
/// options.out_dir is set. Throws InputError as fit_demand_job, and when the history is not longer
/// than the held-out days.
[[nodiscard]] ForecastResult forecast_job(const PreparedScenario& prepared, const DemandJobOptions& options);

/// The scenario's demand (scenario_demand) with `weekday_factor`, drawn for `synthesis.days` days:
/// the history as CSV text with `comment` lines first. Throws InputError for a scenario without
/// incident types on a layout.
[[nodiscard]] std::string synthetic_history_csv(const PreparedScenario& prepared, const SynthesisOptions& synthesis,
                                                const std::array<double, 7>& weekday_factor,
                                                const std::vector<std::string>& comment);

/// Where fit-demand and forecast write unless told otherwise: results/<scenario name>-demand and
/// results/<scenario name>-forecast.
[[nodiscard]] std::string default_demand_dir(const ScenarioConfig& scenario, const std::string& command);

}  // namespace dt::jobs
