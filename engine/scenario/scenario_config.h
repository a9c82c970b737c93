#pragma once
// Everything a scenario file says, as plain structs of the parts' own configs. engine/scenario/
// fills it from YAML; engine/sim/ runs it. No behaviour here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/dispatch/dispatch_config.h"
#include "engine/dispatch/service_desk_config.h"
#include "engine/hazards/emergency_config.h"
#include "engine/people/evacuation_config.h"
#include "engine/world/layout.h"

namespace dt {

struct RunSettings {
  uint64_t replications = 100;  ///< independent replications [>= 1]
  uint64_t seed = 1;            ///< scenario seed; with the replication index it keys every random stream
  uint32_t threads = 0;         ///< worker threads [0 = one per core]; never changes results
};

struct OutputSettings {
  std::string dir;  ///< output directory; empty = results/<scenario name>
};

/// Which statistic of a KPI's replication values a target judges.
enum class GoalStatistic { Mean, P50, P90, P95, Min, Max };

/// A KPI target (`targets:`): a statistic of the KPI (the mean unless `on:` says a percentile) should
/// be at least / at most `value`; with `confidence: 95%` the mean must meet it with its whole 95 %
/// confidence interval. Reports show green / amber (missed by at most 5 % of the target, or met by
/// the mean but not by the interval) / red (DESIGN §1; docs/scenarios.md, "targets").
struct KpiGoal {
  std::string kpi;
  bool at_least = true;
  double value = 0.0;
  SourcePos pos;  ///< where the scenario states it (none for targets a model derives)
  GoalStatistic on = GoalStatistic::Mean;
  bool confident = false;  ///< judged on the 95 % CI bound of the mean
};

struct ScenarioConfig {
  std::string name;         ///< short name (defaults to the file's stem)
  std::string description;  ///< one line for reports
  std::string source_file;  ///< the scenario file as given on the command line
  RunSettings run;
  OutputSettings outputs;
  /// The community layout (`layout:`), read once; engine/sim/site.h builds its network.
  std::optional<LayoutConfig> layout;
  /// The service desk: incidents, staff and FIFO dispatch without geometry.
  std::optional<ServiceDeskConfig> desk;
  /// An evacuation drill: residents, pre-movement and crowd movement on the layout's network.
  std::optional<EvacuationConfig> evacuation;
  /// Hazards, sensors and the alarm, elevators, staff and the drill timeline (needs `evacuation`).
  std::optional<EmergencyConfig> emergency;
  /// Staff, incident catalogue, strategy and stores (engine/dispatch/dispatch_model.h).
  std::optional<DispatchConfig> dispatch;
  /// KPI targets with red/amber/green status.
  std::vector<KpiGoal> targets;
};

}  // namespace dt
