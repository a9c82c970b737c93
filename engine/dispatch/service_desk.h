#pragma once
// The service desk: incidents arrive, c identical staff take them first come, first served, each
// spends a service time drawn per incident, and the desk reports how long incidents waited for a
// staff member. With exponential service this is the M/M/c queue of Erlang C (see
// engine/dispatch/erlang_c.h), which the test suite checks it against.
//
// Staff have no location here: "response" is the time from an incident's arrival until a staff
// member takes it. The desk is the simplest case of the dispatch model (dispatch_model.h) — one
// incident type, identical staff always on duty, no layout, strategy `fifo` — and runs on it.

#include <cstdint>
#include <limits>

#include "engine/dispatch/arrival_process.h"
#include "engine/dispatch/dispatch_config.h"
#include "engine/dispatch/service_desk_config.h"
#include "engine/kernel/distribution.h"
#include "engine/kernel/kpi_sink.h"

namespace dt {

/// What one replication of the desk measured. Means are over incidents that arrived after warmup.
struct ServiceDeskResult {
  uint64_t incidents = 0;                 ///< counted incidents (arrived after warmup) [-]
  double mean_response_s = 0.0;           ///< arrival until a staff member takes it [s]
  double waited_fraction = 0.0;           ///< share that found every staff member busy [-]
  double within_15min_fraction = 0.0;     ///< share taken within 900 s [-]
  double within_30min_fraction = 0.0;     ///< share taken within 1800 s [-]
  double mean_resolution_s = 0.0;         ///< arrival until the work is done [s]
  double staff_utilization = 0.0;         ///< busy staff-time / available staff-time over the window [-]
  double backlog_at_close = 0.0;          ///< incidents waiting when arrivals stop [-]
  uint64_t events = 0;                    ///< events handled (for benchmarks) [-]
};

/// Random-stream purposes of the desk (see engine/kernel/random.h): those of incident type 0 of
/// the dispatch model (dispatch_config.h).
namespace desk_streams {
inline constexpr const char* kArrivals = dispatch_streams::kArrivals;
inline constexpr const char* kServiceTime = dispatch_streams::kServiceTime;
}  // namespace desk_streams

/// Declares (result == nullptr) or fills the desk's KPIs into `sink` (engine/kernel/kpi_sink.h).
void report_desk_kpis(const ServiceDeskResult* result, KpiSink& sink);

/// Runs one replication. Deterministic in (config, seed, replication).
[[nodiscard]] ServiceDeskResult run_service_desk(const ServiceDeskConfig& config, uint64_t seed, uint64_t replication);

}  // namespace dt
