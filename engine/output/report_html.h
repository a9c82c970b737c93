#pragma once
// report.html: one self-contained page a manager can read (inline CSS and SVG, no scripts, no
// fonts or anything else fetched), written by `run`, `compare`, `sweep` and `merge`;
// report_html() is the one entry point.
//
// What it shows, each part only when there is something to show (docs/formats.md, "report.html"):
//   - the KPI table (one row per KPI, or one row per variant/point), red/amber/green when a KPI
//     has a target;
//   - evacuation curves (series "evacuation.*"): median across replications with a 10–90 % band;
//   - queues per stair and exit (curve series named "*.queue.*"), the same way;
//   - response-time distributions per variant (samples "dispatch.response_time_s", else the
//     replication means of the KPI);
//   - staff utilisation per variant (mean with its 95 % CI);
//   - for sweeps, each KPI against the swept parameter with 95 % CI bars;
//   - the distribution of every KPI across replications (histogram, or box plots per variant).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/output/kpi_targets.h"

namespace dt {

/// One variant of a report: the whole run, a compared strategy, or a sweep point.
struct ReportVariant {
  std::string label;                                          ///< "" for a single run
  std::vector<std::pair<std::string, std::string>> settings;  ///< swept parameter → value text
  KpiTable kpis;                                              ///< replications in order
  std::vector<ReplicationSeries> series;                      ///< per replication; may be empty
};

struct ReportInput {
  std::string kind = "run";  ///< "run", "compare", "sweep" or "optimize" (its candidates are the variants)
  std::string scenario;
  std::string description;
  std::string version;
  uint64_t seed = 0;
  uint64_t replications = 0;            ///< per variant
  std::vector<std::string> parameters;  ///< swept parameters (sweeps), in grid order
  std::vector<ReportVariant> variants;  ///< at least one
  std::vector<KpiTarget> targets;
  /// optimize: the answer's sentences (optimize_answer.h), shown instead of a sweep's headline.
  std::vector<std::string> answer_lines;
  /// optimize: a section composed by the caller (the frontier chart and the candidates), shown
  /// after the answer.
  std::string extra_html;
};

/// The whole page. Deterministic: the same input gives the same bytes.
[[nodiscard]] std::string report_html(const ReportInput& input);

/// The page's CSS, for other pages drilltwin writes that draw the same charts (fit-demand, forecast).
[[nodiscard]] std::string_view report_stylesheet();

}  // namespace dt
