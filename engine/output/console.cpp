#include "engine/output/console.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"
#include "engine/output/run_results.h"

namespace dt {

namespace {

DT_PHRASE(kKeyFigures, "Key figures (mean over runs, 95 % CI)", "关键指标（各次运行均值，95% 置信区间）");
DT_PHRASE(kMoreTargets, "  … and {} more targets (report.html, summary.json)", "  ……另有 {} 项目标（见 report.html、summary.json）");
DT_PHRASE(kAllKpis, "Every KPI", "全部指标");
DT_PHRASE(kTargetsByVariant, "Targets per variant", "各方案的目标达成情况");
DT_PHRASE(kMetOf, "{} of {} targets met", "{}/{} 项目标达标");
DT_PHRASE(kMissedList, "; missed: {}", "；未达标：{}");
DT_PHRASE(kMissItem, "{} {} (target {})", "{} {}（目标 {}）");
DT_PHRASE(kSep, ", ", "，");
DT_PHRASE(kMoreMisses, " and {} more", " 等另 {} 项");
DT_PHRASE(kMoreVariantsLine, "  … and {} more variants (report.html)", "  ……另有 {} 个方案（见 report.html）");

// Keeps at most `room` lines of `lines`, replacing the tail by `more(n)` when it must cut.
template <class More>
void append_capped(std::string& out, const std::vector<std::string>& lines, std::size_t room, More&& more) {
  if (lines.size() <= room) {
    for (const std::string& l : lines) out += l + "\n";
    return;
  }
  if (room == 0) return;
  for (std::size_t i = 0; i + 1 < room; ++i) out += lines[i] + "\n";
  out += more(lines.size() - (room - 1)) + "\n";
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

bool overall(const std::string& name) { return std::count(name.begin(), name.end(), '.') == 1; }

}  // namespace

std::string run_console(const KpiTable& table, std::span<const KpiTarget> targets, bool all,
                        std::span<const std::string> headline) {
  std::string out;
  const std::vector<std::string> lines =
      headline.empty() ? run_headline(table, targets).lines : std::vector<std::string>(headline.begin(), headline.end());
  for (const std::string& l : lines) out += l + "\n";

  if (const std::string t = targets_console_table(table, targets); !t.empty()) {
    // The title line plus as many targets as leave room for a few key figures.
    std::vector<std::string> rows;
    std::size_t start = 0;
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t e = t.find('\n', i);
      rows.push_back(t.substr(i, e - i));
      i = e + 1;
    }
    out += "\n" + rows.front() + "\n";
    rows.erase(rows.begin());
    const std::size_t used = count_lines(out);
    const std::size_t room = kConsoleBlockLines > used + 5 ? kConsoleBlockLines - used - 5 : 1;
    append_capped(out, rows, room, [](std::size_t n) { return say(kMoreTargets, n); });
    (void)start;
  }

  // Key figures: the overall KPIs that have a value, not already a target, constants at 0 last.
  std::vector<std::size_t> picks, zeros;
  for (std::size_t k = 0; k < table.kpis().size(); ++k) {
    const KpiDefinition& def = table.kpis()[k];
    if (!overall(def.name)) continue;
    if (std::any_of(targets.begin(), targets.end(), [&](const KpiTarget& t) { return t.kpi == def.name; })) continue;
    const SampleSummary s = table.summary(k);
    if (s.n == 0) continue;
    (s.max == 0 && s.min == 0 ? zeros : picks).push_back(k);
  }
  picks.insert(picks.end(), zeros.begin(), zeros.end());
  const std::size_t used = count_lines(out) + 2;  // a blank line and the title
  const std::size_t room = kConsoleBlockLines > used ? kConsoleBlockLines - used : 0;
  if (!picks.empty() && room > 0 && !all) {
    picks.resize(std::min(picks.size(), room));
    std::vector<std::string> labels, values, cis;
    std::size_t w0 = 0, w1 = 0;
    for (const std::size_t k : picks) {
      const KpiDefinition& def = table.kpis()[k];
      const SampleSummary s = table.summary(k);
      labels.push_back(kpi_text(def).label);
      values.push_back(value_words(s.mean, def));
      cis.push_back(std::isfinite(s.ci95_low) ? interval_words(s.ci95_low, s.ci95_high, def) : "");
      w0 = std::max(w0, display_width(labels.back()));
      w1 = std::max(w1, display_width(values.back()));
    }
    out += "\n" + say(kKeyFigures) + "\n";
    for (std::size_t i = 0; i < picks.size(); ++i)
      out += "  " + pad_right(labels[i], w0) + "  " + pad_left(values[i], w1) + (cis[i].empty() ? "" : "  " + cis[i]) + "\n";
  }
  if (all) out += "\n" + say(kAllKpis) + "\n" + kpi_console_table(table);
  return out;
}

std::string compare_console(const ComparisonView& c, bool all) {
  std::string out;
  std::vector<HeadlineVariant> variants;
  for (std::size_t v = 0; v < c.tables.size(); ++v) variants.push_back({c.labels[v], &c.tables[v]});
  const Headline h = compare_headline(c.vary, variants, c.targets);
  for (const std::string& l : h.lines) out += l + "\n";
  if (!c.targets.empty() && !c.tables.empty()) {
    // One line per variant: how many targets it meets and which it misses.
    std::vector<std::string> rows;
    std::size_t w = 0;
    for (const std::string& l : c.labels) w = std::max(w, display_width(l));
    for (std::size_t v = 0; v < c.tables.size(); ++v) {
      const TargetTally tally = tally_targets(c.tables[v], c.targets);
      if (tally.judged == 0) continue;
      std::vector<std::string> misses;
      for (const KpiTarget& t : c.targets) {
        const std::size_t k = c.tables[v].find(t.kpi);
        if (k == KpiTable::npos) continue;
        const KpiDefinition& def = c.tables[v].kpis()[k];
        const TargetCheck chk = check_target(c.tables[v].summary(k), t);
        if (chk.rag == Rag::Amber || chk.rag == Rag::Red)
          misses.push_back(say(kMissItem, kpi_text(def).label, judged_words(chk.value, t, def), target_words(t, def)));
      }
      std::string list;
      for (std::size_t i = 0; i < misses.size() && i < 2; ++i) list += (i ? say(kSep) : "") + misses[i];
      if (misses.size() > 2) list += say(kMoreMisses, misses.size() - 2);
      rows.push_back("  " + pad_right(c.labels[v], w) + "  " + say(kMetOf, tally.met, tally.judged) +
                     (list.empty() ? "" : say(kMissedList, list)));
    }
    if (!rows.empty()) {
      out += "\n" + say(kTargetsByVariant) + "\n";
      const std::size_t used = count_lines(out);
      const std::size_t room = kConsoleBlockLines > used ? kConsoleBlockLines - used : 1;
      append_capped(out, rows, all ? rows.size() : room, [](std::size_t n) { return say(kMoreVariantsLine, n); });
    }
  }
  if (all) out += "\n" + comparison_console_table(c, true);
  return out;
}

std::string sweep_console(std::span<const HeadlineVariant> points, std::span<const KpiTarget> targets) {
  std::string out;
  for (const std::string& l : sweep_headline(points, targets).lines) out += l + "\n";
  return out;
}

}  // namespace dt
