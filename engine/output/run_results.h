#pragma once
// The per-replication parts of a run's outputs (DESIGN.md §8): the "kpis" statistics of
// summary.json (the whole file: summary.h), replications.csv, and the KPI table printed on the
// terminal. Formats are specified in docs/formats.md.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "engine/kernel/kpi_table.h"

namespace dt {

/// The "kpis" object of summary.json: {NAME: {"n","mean",...,"max"}} in the table's KPI order.
[[nodiscard]] nlohmann::ordered_json kpi_statistics_json(const KpiTable& table);

/// replications.csv: header "replication,KPI,...", one row per replication; numbers in the
/// shortest form that reads back to the same double; an undefined value is an empty field.
[[nodiscard]] std::string replications_csv(const KpiTable& table);

/// replications.csv of several tables (the variants of a comparison): a first column `column`
/// holding each table's label, then the columns of replications_csv; the header is the first
/// table's.
[[nodiscard]] std::string labelled_replications_csv(const std::string& column, std::span<const std::string> labels,
                                                    std::span<const KpiTable> tables);

/// A human-readable table of every KPI: mean, 95 % CI, p50, p95, n.
[[nodiscard]] std::string kpi_console_table(const KpiTable& table);

}  // namespace dt
