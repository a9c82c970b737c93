#pragma once
// KPI targets with red/amber/green status (DESIGN §1: amber when a KPI misses its target by at
// most 5 %, red beyond): the "targets" field of summary.json and the status table printed on the
// terminal. The rule itself is rag_status (report_html.h), shared with report.html.

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "engine/kernel/kpi_table.h"
#include "engine/output/report_html.h"

namespace dt {

/// "green", "amber", "red" or "none".
[[nodiscard]] const char* to_string(Rag rag) noexcept;

/// {KPI: {"at_least"|"at_most": value, "mean": m, "status": "green"|...}} for the targets whose KPI
/// the table has, in the targets' order (docs/formats.md, summary.json "targets").
[[nodiscard]] nlohmann::ordered_json targets_json(const KpiTable& table, std::span<const KpiTarget> targets);

/// One line per target: KPI, target, mean, status. Empty when there are none.
[[nodiscard]] std::string targets_console_table(const KpiTable& table, std::span<const KpiTarget> targets);

}  // namespace dt
