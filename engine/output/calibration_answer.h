#pragma once
// What a calibration found (engine/jobs/calibrate_job.h; docs/calibration.md), in the forms a
// person reads it: the console headline, summary.json's "calibration" block and report.html.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dt {

struct CalibratedParameter {
  std::string key;
  double lower = 0, upper = 0;     ///< the search box
  double start = 0;                ///< where the search started
  double estimate = 0;
  double stderr_ = 0;              ///< standard error (sandwich, docs/calibration.md); NaN: not identified
  double ci95_low = 0, ci95_high = 0;  ///< estimate ± 1.96 · stderr, clipped to the box
  bool at_bound = false;           ///< the estimate lies on a bound of the box
};

/// Accuracy of the model on drills (held out or, when none is, those fitted).
struct DrillAccuracy {
  uint32_t drills = 0;         ///< drills judged
  uint32_t clear_times = 0;    ///< floor and building clear times compared
  double within_5pct = 0;      ///< share of them within ±5 % of the simulated mean [0, 1]
  double mean_abs_rel_error = 0;  ///< mean |sim − obs| / obs over them
  double mean_ks = 0;          ///< mean Kolmogorov–Smirnov distance of the time distributions [0, 1]
  uint32_t distributions = 0;  ///< distributions compared by KS
};

struct CalibrationAnswer {
  std::string scenario;
  std::string records_file;
  uint32_t drills = 0, fitted_drills = 0, held_out_drills = 0;
  uint64_t observations = 0;      ///< people timed (sum of counts) in the fitted drills
  uint64_t replications = 0;      ///< simulated drills per evaluation
  uint64_t seed = 0;
  uint32_t evaluations = 0;       ///< evaluations of the distance
  uint32_t statistics = 0;        ///< quantiles compared
  double distance_start = 0, distance_end = 0;  ///< the weighted distance before and after
  std::vector<CalibratedParameter> parameters;
  DrillAccuracy before, after;    ///< on the held-out drills (fitted drills when none is held out)
  bool accuracy_held_out = true;  ///< false: no drill was held out, `after` is in-sample
  double seconds = 0;
  std::string overlay_file;       ///< the calibrated scenario written (name in out dir)
};

/// The answer in sentences, in the current language: estimates with intervals, fit, accuracy.
[[nodiscard]] std::vector<std::string> calibration_headline(const CalibrationAnswer& a);

/// summary.json of a calibration.
[[nodiscard]] nlohmann::json calibration_json(const CalibrationAnswer& a, const std::string& version);

/// report.html of a calibration: a self-contained page.
[[nodiscard]] std::string calibration_html(const CalibrationAnswer& a, const std::string& version);

}  // namespace dt
