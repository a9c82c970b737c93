#include "engine/output/kpi_targets.h"

#include <fmt/format.h>

#include <cmath>

#include "engine/kernel/statistics.h"

namespace dt {

const char* to_string(Rag rag) noexcept {
  switch (rag) {
    case Rag::Green: return "green";
    case Rag::Amber: return "amber";
    case Rag::Red: return "red";
    case Rag::None: break;
  }
  return "none";
}

nlohmann::ordered_json targets_json(const KpiTable& table, std::span<const KpiTarget> targets) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const KpiTarget& t : targets) {
    const std::size_t k = table.find(t.kpi);
    if (k == KpiTable::npos) continue;
    const double mean = summarize(table.column(k)).mean;
    nlohmann::ordered_json e;
    e[t.sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most"] = t.value;
    e["mean"] = std::isfinite(mean) ? nlohmann::ordered_json(mean) : nlohmann::ordered_json(nullptr);
    e["status"] = to_string(rag_status(mean, t));
    j[t.kpi] = std::move(e);
  }
  return j;
}

std::string targets_console_table(const KpiTable& table, std::span<const KpiTarget> targets) {
  std::string s;
  for (const KpiTarget& t : targets) {
    const std::size_t k = table.find(t.kpi);
    if (k == KpiTable::npos) continue;
    const double mean = summarize(table.column(k)).mean;
    if (s.empty()) s = fmt::format("{:<52} {:>16} {:>12}  {}\n", "target", "", "mean", "status");
    s += fmt::format("{:<52} {:>16} {:>12.4g}  {}\n", t.kpi,
                     fmt::format("{} {:g}", t.sense == KpiTarget::Sense::AtLeast ? ">=" : "<=", t.value), mean,
                     to_string(rag_status(mean, t)));
  }
  return s;
}

}  // namespace dt
