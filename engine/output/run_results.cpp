#include "engine/output/run_results.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/readable.h"
#include "engine/output/csv_writer.h"

namespace dt {

namespace {

DT_PHRASE(kKpiHeader, "KPI", "指标");
DT_PHRASE(kMeanHeader, "mean", "均值");
DT_PHRASE(kCiHeader, "95% CI", "95% 置信区间");

nlohmann::ordered_json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

std::string shortest(double x) {
  if (std::isnan(x)) return {};
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

// Four significant figures, no exponent for everyday magnitudes.
std::string pretty(double x) {
  if (!std::isfinite(x)) return "–";
  const double a = std::fabs(x);
  if (a == 0.0) return "0";
  if (a >= 1e7 || a < 1e-3) return fmt::format("{:.3e}", x);
  const int digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
  return fmt::format("{:.{}f}", x, digits);
}

}  // namespace

nlohmann::ordered_json kpi_statistics_json(const KpiTable& table) {
  nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < table.kpis().size(); ++k) {
    const SampleSummary s = table.summary(k);
    nlohmann::ordered_json o;
    o["n"] = s.n;
    o["mean"] = number_or_null(s.mean);
    o["stddev"] = number_or_null(s.stddev);
    o["ci95_low"] = number_or_null(s.ci95_low);
    o["ci95_high"] = number_or_null(s.ci95_high);
    if (s.ci_method != CiMethod::StudentT)  // how the interval was kept inside the KPI's range
      o["ci95_method"] = s.ci_method == CiMethod::Wilson ? "wilson" : "t-clamped";
    o["min"] = number_or_null(s.min);
    o["p50"] = number_or_null(s.p50);
    o["p90"] = number_or_null(s.p90);
    o["p95"] = number_or_null(s.p95);
    o["max"] = number_or_null(s.max);
    kpis[table.kpis()[k].name] = std::move(o);
  }
  return kpis;
}

namespace {

// One row per replication of `table`, after an optional leading label field.
void write_replication_rows(CsvWriter& csv, const KpiTable& table, const std::string* label) {
  for (std::size_t r = 0; r < table.replications(); ++r) {
    if (label != nullptr) csv.field(*label);
    csv.field(std::to_string(r));
    for (double v : table.row(r)) csv.field(shortest(v));
    csv.end_row();
  }
}

void write_header(CsvWriter& csv, const KpiTable& table) {
  csv.field("replication");
  for (const auto& k : table.kpis()) csv.field(k.name);
  csv.end_row();
}

}  // namespace

std::string replications_csv(const KpiTable& table) {
  CsvWriter csv;
  write_header(csv, table);
  write_replication_rows(csv, table, nullptr);
  return csv.take();
}

std::string labelled_replications_csv(const std::string& column, std::span<const std::string> labels,
                                      std::span<const KpiTable> tables) {
  CsvWriter csv;
  if (tables.empty()) return {};
  csv.field(column);
  write_header(csv, tables.front());
  for (std::size_t t = 0; t < tables.size(); ++t) write_replication_rows(csv, tables[t], &labels[t]);
  return csv.take();
}

std::string kpi_console_table(const KpiTable& table) {
  std::size_t width = 3;
  for (const auto& k : table.kpis()) width = std::max(width, k.name.size());
  std::string out = pad_right(say(kKpiHeader), width) + "  " + pad_left(say(kMeanHeader), 11) + "  " +
                    pad_left(say(kCiHeader), 25) + fmt::format("  {:>11}  {:>11}  {:>5}\n", "p50", "p95", "n");
  for (std::size_t k = 0; k < table.kpis().size(); ++k) {
    const SampleSummary s = table.summary(k);
    const std::string ci = std::isfinite(s.ci95_low)
                               ? "[" + pretty(s.ci95_low) + ", " + pretty(s.ci95_high) + "]"
                               : std::string("–");
    out += fmt::format("{:<{}}  {:>11}  {:>25}  {:>11}  {:>11}  {:>5}\n", table.kpis()[k].name, width,
                       pretty(s.mean), ci, pretty(s.p50), pretty(s.p95), s.n);
  }
  return out;
}

}  // namespace dt
