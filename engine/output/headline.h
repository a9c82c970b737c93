#pragma once
// The answer first: a few sentences that say what a run, a comparison or a sweep found, in words
// and minutes, before any table. The same headline opens the console output, report.html and
// summary.json's "headline" block (docs/formats.md), so the three never disagree.
//
//   run, evacuation: "All residents safe after 2 h 03 min (95 % CI 1 h 57 min – 2 h 08 min) in 19
//                     of 20 runs; 1 run left someone behind." …
//   run, dispatch:   "148 incidents a run: 88 % reached within 15 min, 97 % within 30 min." …
//   compare:         the variants ranked, each with its difference to the baseline and whether it is
//                    significant (paired, common random numbers);
//   sweep:           the points that meet every target (or the closest ones).
//
// Facts come only from the KPI tables (the KPIs each model declares), so a headline never says
// more than the numbers in summary.json.

#include <cstddef>
#include <optional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/series.h"
#include "engine/output/kpi_targets.h"

namespace dt {

struct Headline {
  std::vector<std::string> lines;  ///< sentences in the current language, most important first
  nlohmann::ordered_json json;     ///< summary.json "headline": facts (ids, SI numbers) and "text"
};

/// A variant of a comparison or a point of a sweep, borrowed.
struct HeadlineVariant {
  std::string label;
  const KpiTable* kpis = nullptr;
};

/// One run's headline: evacuation, assistance, dispatch and elevator facts as the table has them,
/// what sets the evacuation time (bottleneck.h), the worst hour of the day for dispatch (from the
/// demand series of `series`, one entry per replication, when given), then how many targets are met.
[[nodiscard]] Headline run_headline(const KpiTable& table, std::span<const KpiTarget> targets,
                                    std::span<const ReplicationSeries> series = {});

/// The variants ranked (targets met, then the ranking KPI), each with its paired difference to the
/// first variant (the baseline) and whether that difference is significant at 95 %.
[[nodiscard]] Headline compare_headline(const std::string& vary, std::span<const HeadlineVariant> variants,
                                        std::span<const KpiTarget> targets);

/// The hour of the day (0–23) with the most incidents past their type's response target, from the
/// demand heatmap series (dispatch.demand.miss_sla.type.*, dispatch.demand.incidents.type.*), one
/// entry of `series` per replication; averaged over replications. Nothing when there are no such
/// series or no incident missed its target.
struct WorstHour {
  std::size_t hour = 0;    ///< [h of the day, 0–23]
  double incidents = 0;    ///< incidents reported in that hour, per replication [-]
  double missed = 0;       ///< of them past their response target, per replication [-]
};
[[nodiscard]] std::optional<WorstHour> worst_dispatch_hour(std::span<const ReplicationSeries> series);

/// The points that meet every target (all of them, in point order), or the closest when none does;
/// without targets, the best point by the ranking KPI.
[[nodiscard]] Headline sweep_headline(std::span<const HeadlineVariant> points, std::span<const KpiTarget> targets);

/// The KPI a comparison or sweep is ranked by and whether lower is better: the first target's KPI
/// that the table has, else the all-safe time, the evacuation time or the response time. npos when
/// none of these exists.
struct RankingKpi {
  std::size_t index = KpiTable::npos;
  bool lower_is_better = true;
};
[[nodiscard]] RankingKpi ranking_kpi(const KpiTable& table, std::span<const KpiTarget> targets);

/// Targets met (green) by one table, and how many of the targets it has at all.
struct TargetTally {
  std::size_t met = 0, nearly = 0, missed = 0, judged = 0;
};
[[nodiscard]] TargetTally tally_targets(const KpiTable& table, std::span<const KpiTarget> targets);

}  // namespace dt
