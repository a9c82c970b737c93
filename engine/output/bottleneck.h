#pragma once
// Why an evacuation takes as long as it does, read from a run's KPIs (means over replications):
// where the time of each building's last resident goes (detection and alarm, pre-movement,
// walking, queuing), which stair or exit holds the longest queue, and what one change would gain
// most, as sentences a planner reads (English or Chinese). docs/model.md, "Where the time goes";
// summary.json's "bottleneck" block (docs/formats.md).
//
// It reads these KPI families (engine/people/evacuation.h):
//   evacuation.site.{last,mean}_{detection,premovement,walking,queuing}_s
//   evacuation.building.<B>.{last,mean}_{detection,premovement,walking,queuing}_s
//   evacuation.stair.<B>.S<n>.{peak_queue,queue_time_s,wait_person_s,queue_end_s}
//   evacuation.exit.<B>.<label>.{peak_queue,queue_time_s,wait_person_s,queue_end_s}
// A stair or exit belongs to building B when its name starts with "B." or "B/" (the network names
// stairs "B.S<n>" and exits by the layout's label "B/E1", else "B.<label>").

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/kernel/kpi_table.h"

namespace dt {

/// The four parts of a time (means over replications) [s].
struct SplitParts {
  double detection_s = 0.0, premovement_s = 0.0, walking_s = 0.0, queuing_s = 0.0;
  [[nodiscard]] double total_s() const noexcept { return detection_s + premovement_s + walking_s + queuing_s; }
};

struct BuildingSplit {
  std::string building;  ///< building id, or "site" for the whole site
  SplitParts last;       ///< the last resident out
  SplitParts mean;       ///< the mean resident
};

/// A stair core or exit and its queue (means over the replications where it is defined).
struct PlaceQueueSummary {
  std::string name;            ///< "C3.S1", "C3.E1"
  std::string kind;            ///< "stair" or "exit"
  std::string building;        ///< "" when no building's name prefixes it
  double peak_queue = 0.0;     ///< [persons]
  double queue_time_s = 0.0;   ///< time with someone waiting [s]
  double wait_person_s = 0.0;  ///< waits added up [person·s]
  double queue_end_s = 0.0;    ///< when its queue emptied for the last time (NaN: never queued) [s]
};

/// One sentence of advice with what it rests on.
struct Finding {
  std::string kind;                 ///< "queuing", "premovement", "walking" or "detection": what sets the time
  std::string building;             ///< the building it is about ("site" for the whole site)
  std::string place;                ///< the stair or exit (kind "queuing"), else ""
  double gain_upper_bound_s = 0.0;  ///< what removing that part could gain at most; NaN: not estimated [s]
  std::string text;                 ///< the sentence in the current language
};

struct BottleneckAnalysis {
  BuildingSplit site;
  std::vector<BuildingSplit> buildings;   ///< in KPI order
  std::vector<PlaceQueueSummary> places;  ///< stairs then exits, in KPI order
  std::string slowest_building;           ///< the building whose last resident is out last ("" if none)
  std::string critical_place;             ///< the stair/exit holding the most waiting in that building ("" if none)
  std::string site_critical_place;        ///< the stair/exit holding the most waiting on the whole site
  std::vector<Finding> findings;
  [[nodiscard]] bool empty() const noexcept { return buildings.empty(); }
};

/// Reads the analysis from a run's KPI table; empty when the table has no time split (no evacuation).
[[nodiscard]] BottleneckAnalysis analyse_bottlenecks(const KpiTable& table);

/// summary.json's "bottleneck" object (docs/formats.md).
[[nodiscard]] nlohmann::ordered_json bottleneck_json(const BottleneckAnalysis& analysis);

}  // namespace dt
