#include "engine/output/comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/readable.h"
#include "engine/output/csv_writer.h"
#include "engine/output/kpi_targets.h"

namespace dt {

namespace {

DT_PHRASE(kKpiHeader, "KPI", "指标");
DT_PHRASE(kMeanHeader, "mean", "均值");
DT_PHRASE(kCiHeader, "95% CI", "95% 置信区间");
DT_PHRASE(kDiffHeader, "Δ vs first", "Δ 相对基准");
DT_PHRASE(kDiffCiHeader, "95% CI of Δ", "Δ 的 95% 置信区间");

// Console numbers: four or so significant figures.
std::string console_number(double x) {
  if (std::isnan(x)) return "–";
  const double a = std::fabs(x);
  if (a != 0 && (a >= 1e6 || a < 1e-3)) return fmt::format("{:.3e}", x);
  if (a >= 100) return fmt::format("{:.1f}", x);
  if (a >= 1) return fmt::format("{:.3f}", x);
  return fmt::format("{:.4f}", x);
}

// Visits every (KPI of the baseline, variant having it) pair in output order.
template <typename Visit>
void for_each_kpi_and_variant(const ComparisonView& c, Visit&& visit) {
  const KpiTable& t0 = c.tables.front();
  for (std::size_t k = 0; k < t0.kpis().size(); ++k) {
    const std::string& name = t0.kpis()[k].name;
    const std::vector<double> base_col = t0.column(k);
    for (std::size_t v = 0; v < c.tables.size(); ++v) {
      const std::size_t kv = c.tables[v].find(name);
      if (kv == KpiTable::npos) continue;
      const std::vector<double> col = c.tables[v].column(kv);
      const SampleSummary s = c.tables[v].summary(kv);
      const PairedDifference d = v == 0 ? PairedDifference{} : paired_difference(base_col, col);
      visit(name, v, s, d);
    }
  }
}

}  // namespace

std::string comparison_csv(const ComparisonView& c) {
  CsvWriter csv;
  for (const char* h : {"variant", "kpi", "n", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low",
                        "diff_ci95_high", "significant"})
    csv.field(h);
  csv.end_row();
  if (c.tables.empty()) return csv.take();
  for_each_kpi_and_variant(c, [&](const std::string& name, std::size_t v, const SampleSummary& s,
                                  const PairedDifference& d) {
    csv.field(c.labels[v]).field(name).field(fmt::format("{}", s.n));
    csv.field(fmt::format("{}", s.mean)).field(fmt::format("{}", s.ci95_low)).field(fmt::format("{}", s.ci95_high));
    csv.field(v == 0 ? "" : fmt::format("{}", d.mean));
    csv.field(v == 0 ? "" : fmt::format("{}", d.ci95_low));
    csv.field(v == 0 ? "" : fmt::format("{}", d.ci95_high));
    csv.field(v == 0 ? "" : (d.significant ? "1" : "0"));
    csv.end_row();
  });
  return csv.take();
}

std::string comparison_console_table(const ComparisonView& c, bool all) {
  std::string table = pad_right(say(kKpiHeader), 44) + " " + fmt::format("{:<14}", c.vary.substr(c.vary.rfind('.') + 1)) + " " +
                      pad_left(say(kMeanHeader), 11) + " " + pad_left(say(kCiHeader), 25) + " " +
                      pad_left(say(kDiffHeader), 12) + " " + pad_left(say(kDiffCiHeader), 25) + "\n";
  if (c.tables.empty()) return table;
  for_each_kpi_and_variant(c, [&](const std::string& name, std::size_t v, const SampleSummary& s,
                                  const PairedDifference& d) {
    if (!all && std::count(name.begin(), name.end(), '.') != 1) return;
    std::string rag;
    for (const KpiTarget& t : c.targets)
      if (t.kpi == name && check_target(s, t).rag != Rag::None) rag = " " + rag_words(check_target(s, t).rag);
    table += fmt::format("{:<44} {:<14} {:>11} {:>25} {:>12} {:>25}{}\n", v == 0 ? name : "", c.labels[v],
                         console_number(s.mean), "[" + console_number(s.ci95_low) + ", " + console_number(s.ci95_high) + "]",
                         v == 0 ? "" : console_number(d.mean) + (d.significant ? " *" : "  "),
                         v == 0 ? "" : "[" + console_number(d.ci95_low) + ", " + console_number(d.ci95_high) + "]", rag);
  });
  return table;
}

}  // namespace dt
