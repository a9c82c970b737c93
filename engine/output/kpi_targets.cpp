#include "engine/output/kpi_targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/kernel/lang.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"

namespace dt {

namespace {

DT_PHRASE(kMet, "met", "达标");
DT_PHRASE(kNearly, "nearly met", "接近达标");
DT_PHRASE(kMissed, "missed", "未达标");
DT_PHRASE(kNoValue, "no value", "无数据");
DT_PHRASE(kConfident, "{} (95 % confidence)", "{}（95% 置信）");
DT_PHRASE(kTargetsHeader, "Targets", "目标");

nlohmann::ordered_json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

}  // namespace

Rag rag_status(double x, const KpiTarget& target, double tolerance) {
  if (!std::isfinite(x)) return Rag::None;
  const double miss = target.sense == KpiTarget::Sense::AtLeast ? target.value - x : x - target.value;
  if (miss <= 0) return Rag::Green;
  return miss <= tolerance * std::fabs(target.value) ? Rag::Amber : Rag::Red;
}

double statistic(const SampleSummary& s, KpiTarget::On on) noexcept {
  switch (on) {
    case KpiTarget::On::Mean: return s.mean;
    case KpiTarget::On::P50: return s.p50;
    case KpiTarget::On::P90: return s.p90;
    case KpiTarget::On::P95: return s.p95;
    case KpiTarget::On::Min: return s.min;
    case KpiTarget::On::Max: return s.max;
  }
  return s.mean;
}

TargetCheck check_target(const SampleSummary& s, const KpiTarget& t, double tolerance) {
  TargetCheck c;
  c.value = statistic(s, t.on);
  c.rag = rag_status(c.value, t, tolerance);
  if (t.confident && t.on == KpiTarget::On::Mean) {
    c.bound = t.sense == KpiTarget::Sense::AtLeast ? s.ci95_low : s.ci95_high;
    // The mean meets the target but its interval (or the lack of one, n < 2) leaves room for a miss.
    if (c.rag == Rag::Green && rag_status(c.bound, t, 0.0) != Rag::Green) c.rag = Rag::Amber;
  }
  return c;
}

const char* to_string(Rag rag) noexcept {
  switch (rag) {
    case Rag::Green: return "green";
    case Rag::Amber: return "amber";
    case Rag::Red: return "red";
    case Rag::None: break;
  }
  return "none";
}

const char* to_string(KpiTarget::On on) noexcept {
  switch (on) {
    case KpiTarget::On::Mean: return "mean";
    case KpiTarget::On::P50: return "p50";
    case KpiTarget::On::P90: return "p90";
    case KpiTarget::On::P95: return "p95";
    case KpiTarget::On::Min: return "min";
    case KpiTarget::On::Max: return "max";
  }
  return "mean";
}

std::string target_words(const KpiTarget& t, const KpiDefinition& kpi) {
  std::string s = t.on == KpiTarget::On::Mean ? "" : std::string(to_string(t.on)) + " ";
  s += t.sense == KpiTarget::Sense::AtLeast ? "≥ " : "≤ ";
  s += value_words(t.value, kpi);
  return t.confident ? say(kConfident, s) : s;
}

std::string judged_words(double value, const KpiTarget& t, const KpiDefinition& kpi) {
  std::string text = value_words(value, kpi);
  if (!std::isfinite(value) || rag_status(value, t, 0.0) == Rag::Green || text != value_words(t.value, kpi)) return text;
  switch (value_kind(kpi)) {  // the same words as the target it misses: say more digits
    case ValueKind::Share: {
      // Enough decimals to tell the two apart (at most four).
      for (int d = 1; d <= 4; ++d) {
        const std::string a = fmt::format("{:.{}f}", 100 * value, d), b = fmt::format("{:.{}f}", 100 * t.value, d);
        if (a != b || d == 4) return a + (lang() == Lang::ZhCN ? "%" : " %");
      }
      break;
    }
    case ValueKind::Duration: return clock_text(value);
    case ValueKind::Number: return fmt::format("{:.6g}", value);
  }
  return text;
}

std::string rag_words(Rag rag) {
  switch (rag) {
    case Rag::Green: return say(kMet);
    case Rag::Amber: return say(kNearly);
    case Rag::Red: return say(kMissed);
    case Rag::None: break;
  }
  return say(kNoValue);
}

std::string rag_mark(Rag rag) {
  const char* disc = rag == Rag::Green ? "●" : rag == Rag::Amber ? "◐" : rag == Rag::Red ? "○" : "·";
  return std::string(disc) + " " + rag_words(rag);
}

nlohmann::ordered_json targets_json(const KpiTable& table, std::span<const KpiTarget> targets) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const KpiTarget& t : targets) {
    const std::size_t k = table.find(t.kpi);
    if (k == KpiTable::npos) continue;
    const SampleSummary s = table.summary(k);
    const TargetCheck c = check_target(s, t);
    nlohmann::ordered_json e;
    e[t.sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most"] = t.value;
    if (t.on != KpiTarget::On::Mean) e["on"] = to_string(t.on);
    if (t.confident) e["confidence"] = 0.95;
    e["mean"] = number_or_null(s.mean);
    if (t.on != KpiTarget::On::Mean) e["value"] = number_or_null(c.value);
    if (t.confident) e["bound"] = number_or_null(c.bound);
    e["status"] = to_string(c.rag);
    j[t.kpi] = std::move(e);
  }
  return j;
}

std::string targets_console_table(const KpiTable& table, std::span<const KpiTarget> targets) {
  struct Row {
    std::string label, target, value, status;
  };
  std::vector<Row> rows;
  std::size_t w0 = 0, w1 = 0, w2 = 0;
  for (const KpiTarget& t : targets) {
    const std::size_t k = table.find(t.kpi);
    if (k == KpiTable::npos) continue;
    const KpiDefinition& def = table.kpis()[k];
    const TargetCheck c = check_target(table.summary(k), t);
    Row r{kpi_text(def).label, target_words(t, def), judged_words(c.value, t, def), rag_mark(c.rag)};
    w0 = std::max(w0, display_width(r.label));
    w1 = std::max(w1, display_width(r.target));
    w2 = std::max(w2, display_width(r.value));
    rows.push_back(std::move(r));
  }
  if (rows.empty()) return {};
  std::string s = say(kTargetsHeader) + "\n";
  for (const Row& r : rows)
    s += "  " + pad_right(r.label, w0) + "  " + pad_right(r.target, w1) + "  " + pad_left(r.value, w2) + "  " + r.status + "\n";
  return s;
}

}  // namespace dt
