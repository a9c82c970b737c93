#pragma once
// What `run`, `compare` and `sweep` print on the terminal after they finish: the headline first
// (headline.h), then the targets with their status, then a few key figures — a planner's answer in
// one screen (at most 25 lines with the command's own first and last lines). `--all` adds the
// full table of every KPI.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/output/comparison.h"
#include "engine/output/headline.h"
#include "engine/output/kpi_targets.h"

namespace dt {

/// Lines the commands print around the block (their first line, a blank, "Results: …", a hint).
inline constexpr std::size_t kConsoleFrameLines = 5;
/// The most lines a block prints without --all.
inline constexpr std::size_t kConsoleBlockLines = 25 - kConsoleFrameLines;

/// One run: headline, targets, key figures (mean and 95 % CI of the overall KPIs); with `all`,
/// then every KPI (kpi_console_table).
/// `headline`: the run's headline lines (RunResult::headline); empty: computed from the table alone.
[[nodiscard]] std::string run_console(const KpiTable& table, std::span<const KpiTarget> targets, bool all,
                                      std::span<const std::string> headline = {});

/// A comparison: the ranking headline, then each variant's targets; with `all`, the full table of
/// differences (comparison_console_table).
[[nodiscard]] std::string compare_console(const ComparisonView& comparison, bool all);

/// A sweep: its headline (the points meeting every target, the best point).
[[nodiscard]] std::string sweep_console(std::span<const HeadlineVariant> points, std::span<const KpiTarget> targets);

}  // namespace dt
