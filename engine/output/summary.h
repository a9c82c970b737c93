#pragma once
// summary.json, the one writer for `run`, `compare` and `sweep` (docs/formats.md, DESIGN.md §8).
// Every summary starts with the same header; the parts after it depend on what ran:
//
//   run:     {header, "threads", "kpis", ["targets" when there are targets]}
//   compare: {header, "threads", "kpis" (of the first variant), "vary",
//             "variants": [{"label", "kpis", "difference_to_first", "targets"}]}
//   sweep:   {header, "fingerprint", "parameters", "points": [{"point", "label", "settings", "kpis",
//             ["targets"]}]}
//
// and every summary ends with "headline" (engine/output/headline.h): what the job found, in words.
//
// header = "drilltwin_version", "scenario", "seed", "replications". Statistics that are undefined
// (no observations; stddev and CI with one) are null.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/output/headline.h"
#include "engine/output/report_html.h"

namespace dt {

/// One compared variant. The tables are borrowed: they must outlive summary_json().
struct SummaryVariant {
  std::string label;                 ///< the value text given to --vary
  const KpiTable* kpis = nullptr;    ///< this variant's replications
};

/// One sweep point. The table is borrowed.
struct SummaryPoint {
  std::string label;
  std::vector<std::pair<std::string, std::string>> settings;  ///< swept parameter → value text
  const KpiTable* kpis = nullptr;
};

struct Summary {
  // The header every summary has.
  std::string version;   ///< drilltwin version
  std::string scenario;  ///< scenario name
  uint64_t seed = 0;
  uint64_t replications = 0;  ///< per variant or point

  std::optional<uint32_t> threads;  ///< run, compare: worker threads used (never changes results)
  const KpiTable* kpis = nullptr;   ///< run, compare: "kpis" (compare: the first variant's)
  std::span<const ReplicationSeries> series;  ///< run: the replications' series, for the headline's worst hour
  std::span<const KpiTarget> targets;  ///< run: "targets" after "kpis"; compare, sweep: each variant's/point's "targets"

  std::optional<std::string> vary;       ///< compare: the varied key; "variants" follow it
  std::vector<SummaryVariant> variants;  ///< compare, the first one is the baseline

  std::optional<std::string> fingerprint;  ///< sweep: "fingerprint", "parameters" and "points"
  std::vector<std::string> parameters;     ///< sweep
  std::vector<SummaryPoint> points;        ///< sweep
};

/// The headline of what `summary` describes (a run, a comparison or a sweep): the same sentences the
/// console and report.html open with.
[[nodiscard]] Headline summary_headline(const Summary& summary);

/// The whole summary.json text, pretty-printed with two spaces and ending in a newline.
[[nodiscard]] std::string summary_json(const Summary& summary);

}  // namespace dt
