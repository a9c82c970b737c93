#pragma once
// The files a run writes (DESIGN.md §8): summary.json and replications.csv, and the KPI table
// printed on the terminal. Formats are specified in docs/formats.md.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/kernel/kpi_table.h"

namespace dt {

struct RunMetadata {
  std::string version;   ///< drilltwin version
  std::string scenario;  ///< scenario name
  uint64_t seed = 0;
  uint64_t replications = 0;
  uint32_t threads = 0;  ///< worker threads used (never changes results)
};

/// summary.json: {"drilltwin_version","scenario","seed","replications","threads",
/// "kpis":{NAME:{"n","mean","stddev","ci95_low","ci95_high","min","p50","p90","p95","max"}}}.
/// Statistics that are undefined (no observations; stddev and CI with one) are null.
[[nodiscard]] std::string summary_json(const RunMetadata& meta, const KpiTable& table);

/// The "kpis" object of summary.json: {NAME: {"n","mean",...,"max"}} in the table's KPI order.
[[nodiscard]] nlohmann::ordered_json kpi_statistics_json(const KpiTable& table);

class CsvWriter;

/// replications.csv: header "replication,KPI,...", one row per replication; numbers in the
/// shortest form that reads back to the same double; an undefined value is an empty field
/// (engine/output/csv_writer.h). With a `label_column` (compare: "variant"), each row starts with
/// `label` in that column.
[[nodiscard]] std::string replications_csv(const KpiTable& table, std::string_view label_column = {},
                                           std::string_view label = {});

/// The rows of replications.csv appended to `csv` (with the header row when `header`).
void replications_csv_rows(CsvWriter& csv, const KpiTable& table, std::string_view label_column,
                           std::string_view label, bool header);

/// A human-readable table of every KPI: mean, 95 % CI, p50, p95, n.
[[nodiscard]] std::string kpi_console_table(const KpiTable& table);

}  // namespace dt
