#pragma once
// KPI targets with red/amber/green status (DESIGN §1: amber when a KPI misses its target by at
// most 5 %, red beyond), judged the same way everywhere: the "targets" field of summary.json, the
// console, report.html (run, compare, sweep) and the headline.
//
// A target judges one statistic of the KPI's replication values: the mean (default), a percentile
// (`on: p95`: in 95 % of runs the KPI is at most…) or the mean with its 95 % confidence interval
// (`confidence: 95%`: green only when the whole interval meets the target; amber when the mean
// meets it but the interval does not).

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/statistics.h"

namespace dt {

struct KpiTarget {
  enum class Sense { AtLeast, AtMost };
  enum class On { Mean, P50, P90, P95, Min, Max };
  std::string kpi;  ///< KPI name, e.g. "dispatch.within_30min_fraction"
  Sense sense = Sense::AtLeast;
  double value = 0.0;
  On on = On::Mean;
  bool confident = false;  ///< judged on the 95 % CI bound of the mean (On::Mean only)
};

enum class Rag { None, Green, Amber, Red };

/// Green when `x` meets the target; amber when it misses by at most `tolerance` of the target's
/// magnitude; red beyond; None when x is not finite. (The rule on one number; check_target applies
/// it to the statistic a target names.)
[[nodiscard]] Rag rag_status(double x, const KpiTarget& target, double tolerance = 0.05);

/// A target judged on one KPI's summary.
struct TargetCheck {
  Rag rag = Rag::None;
  double value = SampleSummary::kNaN;  ///< the statistic judged (mean, p95, …)
  double bound = SampleSummary::kNaN;  ///< confident targets: the CI bound that had to meet it
};
[[nodiscard]] TargetCheck check_target(const SampleSummary& summary, const KpiTarget& target, double tolerance = 0.05);

/// "green", "amber", "red" or "none".
[[nodiscard]] const char* to_string(Rag rag) noexcept;
/// "mean", "p50", "p90", "p95", "min", "max".
[[nodiscard]] const char* to_string(KpiTarget::On on) noexcept;
/// The statistic of `s` a target on `on` judges.
[[nodiscard]] double statistic(const SampleSummary& s, KpiTarget::On on) noexcept;

/// The target in words for people: "≤ 60 min", "p95 ≤ 30 min", "≥ 90 % (95 % confidence)".
[[nodiscard]] std::string target_words(const KpiTarget& target, const KpiDefinition& kpi);
/// The judged value in words, precise enough never to read as the target when it misses it
/// ("97.8 %" against "≥ 98 %", not "98 %").
[[nodiscard]] std::string judged_words(double value, const KpiTarget& target, const KpiDefinition& kpi);
/// The status in words (current language): "met", "nearly met", "missed".
[[nodiscard]] std::string rag_words(Rag rag);
/// A coloured disc for terminals and text: "●" with the status word, e.g. "● met".
[[nodiscard]] std::string rag_mark(Rag rag);

/// {KPI: {"at_least"|"at_most": value, ["on"], ["confidence"], "mean", ["value"], ["bound"], "status"}}
/// for the targets whose KPI the table has, in the targets' order (docs/formats.md, "targets").
[[nodiscard]] nlohmann::ordered_json targets_json(const KpiTable& table, std::span<const KpiTarget> targets);

/// One line per target: label, target, value, status, for the console. Empty when there are none.
[[nodiscard]] std::string targets_console_table(const KpiTable& table, std::span<const KpiTarget> targets);

}  // namespace dt
