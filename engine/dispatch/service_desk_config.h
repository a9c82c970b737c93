#pragma once
// The plain configuration of the service desk (engine/dispatch/service_desk.h runs it). No
// behaviour here; engine/scenario/ fills it.

#include <cstdint>

#include "engine/dispatch/arrival_process.h"
#include "engine/dispatch/dispatch_config.h"
#include "engine/kernel/distribution.h"

namespace dt {

struct ServiceDeskConfig {
  ArrivalProcessConfig arrivals;
  Distribution service_time = Distribution::exponential(1800.0);  ///< on-site work per incident [s]
  uint32_t staff_count = 1;                                        ///< identical servers [>= 1]
  /// Incidents arrive in [0, duration_s); the desk then works off what is left. [s, > 0, may be inf]
  double duration_s = 86400.0;
  /// Stop accepting incidents after this many. [0 = no limit]
  uint64_t max_incidents = 0;
  /// Incidents arriving before this time are served but not counted (initial transient). [s, >= 0]
  double warmup_s = 0.0;
};

/// The dispatch model's config of this desk: one incident type, identical staff, strategy `fifo`.
[[nodiscard]] DispatchConfig dispatch_config(const ServiceDeskConfig& desk);

}  // namespace dt
