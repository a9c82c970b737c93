#pragma once
// The comparison-specific outputs of `compare` (docs/formats.md): comparison.csv (per variant and
// KPI the mean with its 95 % CI and the paired difference to the first variant) and the table
// printed on the terminal. summary.json comes from summary.h, replications.csv from run_results.h.

#include <span>
#include <string>

#include "engine/kernel/kpi_table.h"
#include "engine/output/report_html.h"

namespace dt {

/// The variants of a comparison, borrowed: labels[v] names tables[v]; tables[0] is the baseline.
struct ComparisonView {
  std::string vary;                     ///< the varied key, e.g. "dispatch.strategy"
  std::span<const std::string> labels;  ///< one per variant
  std::span<const KpiTable> tables;     ///< one per variant, replications 0..N-1 of the same seed
  std::span<const KpiTarget> targets;
};

/// comparison.csv: "variant,kpi,n,mean,ci95_low,ci95_high,diff_mean,diff_ci95_low,diff_ci95_high,
/// significant", one row per KPI of the baseline and variant having it; the difference fields are
/// empty for the baseline.
[[nodiscard]] std::string comparison_csv(const ComparisonView& comparison);

/// The table printed by `compare`: per KPI (only the overall ones, "part.name", unless `all`)
/// each variant's mean with its CI and the difference to the first, '*' when significant.
[[nodiscard]] std::string comparison_console_table(const ComparisonView& comparison, bool all);

}  // namespace dt
