#pragma once
// The `calibrate` job: fits the free parameters of a scenario's `calibrate:` section
// (scenario/calibrate_loader.h) to observed drills (scenario/drill_records.h) by simulated minimum
// distance with common random numbers, gives each estimate a 95 % interval, judges the calibrated
// model on held-out drills and writes a calibrated scenario (docs/calibration.md).
//
//   statistics  per drill and stream (measure × building [× floor for a door counter]): the
//               quantiles 10, 30, 50, 70, 90 % of the times since the alarm (kCalibrationLevels).
//   distance    D(θ) = Σ_c w_c (ō_c − s̄_c(θ))², ō_c the mean over the fitted drills, s̄_c(θ) the
//               mean over R simulated drills (replications 0..R−1 of calibrate.seed: the same for
//               every θ), w_c = 1 / (σ_c² + 1 s²) with σ_c² the variance of s_c over the simulated
//               drills at the start θ₀ (the middle of the box): fixed during the search.
//   search      NLopt BOBYQA (bounded, derivative-free) on θ scaled to [0, 1] per parameter, from
//               θ₀, at most calibrate.max_evaluations evaluations.
//   intervals   the method of simulated moments' sandwich: V = A⁻¹ GᵀW (Σ_obs + Σ_sim/R) W G A⁻¹,
//               A = GᵀWG, G = ∂s̄/∂θ by central differences (common random numbers), Σ the
//               covariance of the statistics over simulated drills at θ̂ (Σ_obs = Σ scaled by the
//               number of fitted drills having each statistic); θ̂ ± t(0.975, R − 1) √V_ii, cut
//               to the box.
//   accuracy    on the held-out drills at θ₀ and θ̂: clear times (each floor's and building's
//               last person out) within ±5 % of the simulated mean, their mean relative error,
//               and the Kolmogorov–Smirnov distance of each stream's times.
//
// Deterministic: every simulated drill depends only on (θ, seed, replication), reductions run in
// replication order, and NLopt is deterministic: the same estimates for any thread count.

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/output/calibration_answer.h"
#include "engine/scenario/calibrate_loader.h"
#include "engine/scenario/drill_records.h"

namespace dt::jobs {

inline constexpr std::array<double, 5> kCalibrationLevels = {0.1, 0.3, 0.5, 0.7, 0.9};

struct CalibrateOptions : JobOptions {
  bool write_files = true;  ///< summary.json, report.html, calibrated.yaml into out_dir
};

struct CalibrateResult {
  JobStatus status = JobStatus::Completed;
  std::string message;                ///< why it was refused or failed
  CalibrationAnswer answer;
  std::vector<std::string> headline;  ///< the answer in sentences
  uint32_t threads = 0;
  double seconds = 0;                 ///< wall time [s]
};

/// Fits `plan`'s free parameters to `records`. Throws InputError when a record names a building the
/// scenario does not evacuate or a floor it does not have (file:line:col, before anything runs),
/// and std::runtime_error when a file cannot be written. Nothing is written unless Completed.
[[nodiscard]] CalibrateResult calibrate(const CalibratePlan& plan, const DrillRecords& records,
                                        const CalibrateOptions& options);

/// The directory `calibrate` writes to unless told otherwise: results/<name>-calibration.
[[nodiscard]] std::filesystem::path default_calibrate_dir(const CalibratePlan& plan);

/// What synthetic records hold.
struct SyntheticRecords {
  uint64_t seed = 0;
  uint64_t first = 0;   ///< first replication
  uint64_t count = 3;   ///< drills
  std::vector<std::string> buildings;  ///< only these buildings (empty: every evacuated one)
  /// > 0: door-counter form, people out of each building (and off each floor) per interval of
  /// this many seconds; 0: per-person rows.
  double counter_interval_s = 0;
};

/// Simulated drills `first`, … `first + count − 1` of `seed` of `scenario` as drill records (what
/// `drilltwin drill-records` writes), labelled synthetic in the comment lines. Throws InputError
/// for a building the scenario does not evacuate.
[[nodiscard]] std::string synthetic_drill_records(const ScenarioConfig& scenario, const SyntheticRecords& what,
                                                  const JobOptions& options);

}  // namespace dt::jobs
