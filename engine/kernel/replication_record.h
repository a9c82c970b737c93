#pragma once
// One finished replication of one point of a sweep: what travels from the workers (threads,
// MPI ranks, shards) to the results file.

#include <cstdint>
#include <vector>

#include "engine/kernel/series.h"

namespace dt {

struct ReplicationRecord {
  uint32_t point = 0;        ///< index of the sweep point
  uint64_t replication = 0;  ///< replication index (keys the random streams, with the seed)
  std::vector<double> kpis;  ///< one value per KPI, in the order of kpi_definitions (NaN = undefined)
  ReplicationSeries series;  ///< what the models recorded (may be empty)
};

}  // namespace dt
