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
#include <utility>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"

namespace dt {

/// A KPI target; the scenario schema for targets comes later (`kpis`/`targets`, DESIGN §7).
struct KpiTarget {
  enum class Sense { AtLeast, AtMost };
  std::string kpi;  ///< KPI name, e.g. "dispatch.within_30min_fraction"
  Sense sense = Sense::AtLeast;
  double value = 0.0;
};

enum class Rag { None, Green, Amber, Red };

/// Green when `mean` meets the target; amber when it misses by at most `tolerance` of the
/// target's magnitude (DESIGN §1: a KPI more than 5 % off its target is red); red beyond; None
/// when mean is not finite.
[[nodiscard]] Rag rag_status(double mean, const KpiTarget& target, double tolerance = 0.05);

/// One variant of a report: the whole run, a compared strategy, or a sweep point.
struct ReportVariant {
  std::string label;                                          ///< "" for a single run
  std::vector<std::pair<std::string, std::string>> settings;  ///< swept parameter → value text
  KpiTable kpis;                                              ///< replications in order
  std::vector<ReplicationSeries> series;                      ///< per replication; may be empty
};

struct ReportInput {
  std::string kind = "run";  ///< "run", "compare" or "sweep"
  std::string scenario;
  std::string description;
  std::string version;
  uint64_t seed = 0;
  uint64_t replications = 0;            ///< per variant
  std::vector<std::string> parameters;  ///< swept parameters (sweeps), in grid order
  std::vector<ReportVariant> variants;  ///< at least one
  std::vector<KpiTarget> targets;
};

/// The whole page. Deterministic: the same input gives the same bytes.
[[nodiscard]] std::string report_html(const ReportInput& input);

}  // namespace dt
