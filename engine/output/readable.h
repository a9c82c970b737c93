#pragma once
// Numbers for people (console, report.html, headlines): durations in minutes and hours, shares in
// per cent, counts without spurious decimals, each in the current language. Files meant for
// programs (summary.json, CSV) keep SI numbers; these functions never feed them.

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/kernel/kpi_table.h"

namespace dt {

/// How a KPI's value reads: a duration (unit "s"), a share (KpiRange::Fraction) or a plain number.
enum class ValueKind { Duration, Share, Number };
[[nodiscard]] ValueKind value_kind(const KpiDefinition& kpi) noexcept;

/// "45 s", "4.5 min", "58 min", "2 h 03 min" (zh: "45 秒", "4.5 分钟", "58 分钟", "2 小时 03 分"); "–" when not finite.
[[nodiscard]] std::string duration_words(double seconds);
/// "0:58:12", "2:03:05": tables, where columns line up; "–" when not finite.
[[nodiscard]] std::string clock_text(double seconds);
/// "92 %", "99.5 %", "100 %" (zh: "92%"); one decimal below 10 % and above 99 %; "–" when not finite.
[[nodiscard]] std::string percent_text(double share);
/// Four significant figures, no exponent for everyday sizes; integers as integers.
[[nodiscard]] std::string plain_number(double x);

/// A value of `kpi` in words: duration_words, percent_text or plain_number with its unit.
[[nodiscard]] std::string value_words(double x, const KpiDefinition& kpi);
/// A value of `kpi` for a table cell: clock_text, percent_text or plain_number.
[[nodiscard]] std::string value_cell(double x, const KpiDefinition& kpi);
/// An interval "54–61 min", "1 h 57 min – 2 h 08 min", "88–93 %"; "–" when not finite.
[[nodiscard]] std::string interval_words(double lo, double hi, const KpiDefinition& kpi);
/// A signed difference: "+3.2 min", "−4.1 %-points", "+12".
[[nodiscard]] std::string difference_words(double d, const KpiDefinition& kpi);

/// The axis unit that reads best for durations up to `max_seconds`: 1 (s), 60 (min) or 3600 (h).
[[nodiscard]] double duration_axis_scale(double max_seconds) noexcept;
/// "s", "min", "h" (zh: 秒, 分钟, 小时) for a scale of duration_axis_scale.
[[nodiscard]] std::string duration_axis_unit(double scale);

/// Columns `text` (UTF-8) takes on a terminal: East Asian wide characters count two.
[[nodiscard]] std::size_t display_width(std::string_view text);
/// `text` padded with spaces to `width` columns (left- or right-aligned); never cut.
[[nodiscard]] std::string pad_right(const std::string& text, std::size_t width);
[[nodiscard]] std::string pad_left(const std::string& text, std::size_t width);

}  // namespace dt
