#pragma once
// The `calibrate:` section of a scenario file: the free parameters that `drilltwin calibrate`
// fits to observed drills (engine/jobs/calibrate_job.h; docs/calibration.md). Syntax
// (docs/scenario-reference.md, "calibrate"):
//
//   calibrate:
//     free:                                        # any numeric scenario key --set could change
//       evacuation.premovement.night.scale: [0.5, 2]   # [lower, upper] bound
//       evacuation.movement.door_specific_flow: [0.8, 1.6]
//     replications: 12        # simulated drills per evaluation (common random numbers)
//     seed: 9001              # their seed (not the records' drills)
//     max_evaluations: 60     # of the distance, by the optimiser
//     holdout: 1              # the last drills of the records, kept out of the fit to judge it
//
// Every parameter value the search tries is written into the scenario as `--set KEY=VALUE`
// would (sweep_loader.h); the corners of the box are checked like a sweep's points before anything runs.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_config.h"
#include "engine/scenario/yaml_tree.h"

namespace dt {

struct CalibrateParameter {
  std::string key;  ///< dotted scenario key
  SourcePos pos;    ///< where it is declared
  double lower = 0.0, upper = 0.0;  ///< bounds [lower < upper]
};

struct CalibrateSpec {
  std::vector<CalibrateParameter> free;
  uint64_t replications = 12;     ///< simulated drills per evaluation [2, 10000]
  uint64_t seed = 9001;           ///< their seed
  uint32_t max_evaluations = 60;  ///< of the distance by the optimiser [10, 100000]
  uint32_t holdout = 1;           ///< drills kept out of the fit (the last ones; fewer when there are fewer than 2 drills)
};

struct CalibratePlan {
  CalibrateSpec spec;
  std::string source_file;
  YamlNode doc;          ///< the scenario document (overrides applied) without calibrate/sweep/optimize
  IncludeRules includes;
  ScenarioConfig base;   ///< the scenario as written (after --set): the start of the search
  std::vector<std::string> overrides;  ///< the --set texts applied
};

/// Whether the document has a top-level `calibrate:` section.
[[nodiscard]] bool has_calibrate(const YamlNode& doc);

/// Reads and checks the `calibrate:` section of a loaded document (InputError at file:line:col:
/// missing section, no free parameter, bounds that are not two numbers or are reversed, a key a
/// sweep could not set, a corner of the box the scenario reader refuses).
[[nodiscard]] CalibrateSpec read_calibrate(const YamlNode& doc, const std::string& source_file);

/// Loads a scenario file, applies `overrides` (--set) and reads its calibrate section.
[[nodiscard]] CalibratePlan load_calibrate(const std::string& path, const std::vector<std::string>& overrides = {},
                                           const IncludeRules& includes = {});

/// The scenario with the free parameters at `values` (one per spec.free, inside the bounds).
[[nodiscard]] ScenarioConfig calibrated_scenario(const CalibratePlan& plan, const std::vector<double>& values);

/// The text a value is written with into the scenario (shortest round-trip decimal).
[[nodiscard]] std::string calibrate_value_text(double value);

}  // namespace dt
