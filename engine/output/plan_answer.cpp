#include "engine/output/plan_answer.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {
DT_PHRASE(kChosen, "Plan: {}.", "预案：{}。");
DT_PHRASE(kChosenAsWritten, "Plan: keep the response as written in the scenario — no option considered does better.",
          "预案：保持场景中写明的响应方式——所考虑的选项均不更优。");
DT_PHRASE(kObjectiveLine, "{}: {} (95 % CI {}) against {} as written: {} ({}, paired over {} runs).",
          "{}：{}（95% 置信区间 {}），原方案为 {}：差值 {}（{}，{} 次配对运行）。");
DT_PHRASE(kObjectiveOnly, "{}: {} (95 % CI {}).", "{}：{}（95% 置信区间 {}）。");
DT_PHRASE(kSignificant, "significant", "显著");
DT_PHRASE(kNotSignificant, "not significant", "不显著");
DT_PHRASE(kNoTargetsMet,
          "No finalist was shown to meet every target; the plan is the best of them on the objective alone.",
          "没有任何入围预案被证明满足全部目标；所给预案仅按目标函数最优。");
DT_PHRASE(kTargetsMet, "It meets its constraints ({}) with {} % confidence.", "它满足约束（{}），置信度 {}%。");
DT_PHRASE(kSearchLine, "Searched {} of {} combinations of {} options ({}), {} runs each; {} finalists compared with common random numbers.",
          "搜索了 {} 种组合（共 {} 种，{} 个选项；{}），每种 {} 次运行；{} 个入围预案以共同随机数比较。");
DT_PHRASE(kMethodAll, "every combination", "全部组合");
DT_PHRASE(kMethodCoordinate, "coordinate search, {} passes", "坐标搜索，{} 轮");
DT_PHRASE(kRisksLine, "Remaining risks: {}", "遗留风险：{}");
DT_PHRASE(kTitle, "Emergency response plan — {}", "应急响应预案 — {}");
DT_PHRASE(kChoices, "Choices", "选择");
DT_PHRASE(kOption, "option", "选项");
DT_PHRASE(kChoice, "choice", "选择");
DT_PHRASE(kAlternatives, "alternatives considered", "备选");
DT_PHRASE(kTimeline, "Expected timeline (mean, 95 % CI) against the response as written", "预期时间线（均值，95% 置信区间）与原方案对比");
DT_PHRASE(kKpi, "measure", "指标");
DT_PHRASE(kThisPlan, "this plan", "本预案");
DT_PHRASE(kAsWritten, "as written", "原方案");
DT_PHRASE(kDifference, "difference (paired 95 % CI)", "差值（配对 95% 置信区间）");
DT_PHRASE(kAlarms, "Alarms and stairs by building", "各楼栋的警报顺序与楼梯");
DT_PHRASE(kBuilding, "building", "楼栋");
DT_PHRASE(kAlarmOrder, "alarm (floors at time)", "警报（时间：楼层）");
DT_PHRASE(kStairs, "stairs", "楼梯");
DT_PHRASE(kNearestStair, "nearest stair", "就近楼梯");
DT_PHRASE(kResidents, "residents", "居民");
DT_PHRASE(kFireHere, "fire", "起火");
DT_PHRASE(kSections, "Sections: when each floor hears the alarm, and the stair of each floor group",
          "剖面：各楼层听到警报的时间及各楼层组使用的楼梯");
DT_PHRASE(kFloors, "F{}–{}", "{}–{} 层");
DT_PHRASE(kFloor, "F{}", "{} 层");
DT_PHRASE(kTasks, "Staff tasks (replication {} — the run closest to the median of the objective)",
          "人员任务（第 {} 次运行——目标值最接近中位数的一次）");
DT_PHRASE(kMember, "member", "人员");
DT_PHRASE(kFrom, "from", "起点");
DT_PHRASE(kTo, "to", "终点");
DT_PHRASE(kTime, "time", "时间");
DT_PHRASE(kWithResident, "with a resident", "护送居民");
DT_PHRASE(kByLift, "by fire lift", "乘消防电梯");
DT_PHRASE(kWalking, "walking", "步行");
DT_PHRASE(kRisks, "Risks that remain", "遗留风险");
DT_PHRASE(kNoRisks, "None found in the runs.", "运行中未发现。");
DT_PHRASE(kHow, "How this plan was found", "预案的求解方法");
DT_PHRASE(kScreenedTable, "Best candidates of the search (screening runs)", "搜索中的最优候选（筛选运行）");
DT_PHRASE(kCandidate, "candidate", "候选");
DT_PHRASE(kMean, "mean", "均值");
DT_PHRASE(kMissed, "targets missed", "未达目标数");
DT_PHRASE(kNoStaffTasks, "No staff task in this run.", "本次运行中没有人员任务。");
DT_PHRASE(kReplay, "Replay: drilltwin run chosen.yaml --trace, then drilltwin-view on its output directory.",
          "回放：drilltwin run chosen.yaml --trace，然后用 drilltwin-view 打开其输出目录。");

std::string esc(std::string_view s) { return xml_escape(s); }

std::string floors_text(int a, int b) { return a == b ? say(kFloor, a) : say(kFloors, a, b); }

std::string alarm_text(const PlanBuilding& b) {
  std::string s;
  for (const PlanAlarmStep& a : b.alarms)
    s += (s.empty() ? "" : "; ") + clock_text(a.at_s) + " " + floors_text(a.first_floor, a.last_floor);
  return s;
}

std::string comparison_interval(const PairedDifference& d, const KpiDefinition& kpi) {
  if (!std::isfinite(d.mean)) return "–";
  return difference_words(d.mean, kpi) + " (" + difference_words(d.ci95_low, kpi) + " … " +
         difference_words(d.ci95_high, kpi) + ")";
}

// Alarm time → a colour from dark red (first) to pale yellow (last), over [t0, t1].
std::string alarm_colour(double t, double t0, double t1) {
  const double f = t1 > t0 ? std::clamp((t - t0) / (t1 - t0), 0.0, 1.0) : 0.0;
  const int r = 180 + static_cast<int>(70 * f), g = 40 + static_cast<int>(190 * f), b = 40 + static_cast<int>(120 * f);
  return fmt::format("#{:02x}{:02x}{:02x}", r, g, b);
}

}  // namespace

std::string plan_section_svg(const PlanBuilding& b) {
  if (b.floors <= 0) return {};
  const double row = std::clamp(360.0 / b.floors, 6.0, 18.0);
  const double top = 24, left = 46, width = 120, height = row * b.floors;
  double t0 = 1e300, t1 = -1e300;
  for (const PlanAlarmStep& a : b.alarms) t0 = std::min(t0, a.at_s), t1 = std::max(t1, a.at_s);
  std::string s = fmt::format(
      "<svg class=\"chart\" data-chart=\"plan-section:{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"330\" "
      "height=\"{:.0f}\" font-size=\"11\" font-family=\"sans-serif\">",
      esc(b.id), top + height + 30);
  s += fmt::format("<text x=\"{}\" y=\"14\" font-weight=\"bold\">{}</text>", left, esc(b.id));
  for (int f = 1; f <= b.floors; ++f) {
    const double y = top + (b.floors - f) * row;
    std::string fill = "#e8e8e8";  // nobody there, or never alarmed
    for (const PlanAlarmStep& a : b.alarms)
      if (f >= a.first_floor && f <= a.last_floor) fill = alarm_colour(a.at_s, t0, t1);
    s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\" stroke=\"#fff\"/>", left, y, width,
                     row, fill);
    if (f == 1 || f == b.floors || f % 5 == 0)
      s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", left - 4, y + row * 0.8,
                       esc(say(kFloor, f)));
    if (std::find(b.fire_floors.begin(), b.fire_floors.end(), f) != b.fire_floors.end())
      s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"#b00\" font-weight=\"bold\">◀ {}</text>", left + width + 4,
                       y + row * 0.8, esc(say(kFireHere)));
  }
  // The stair of each floor group, as a bracket to the right.
  for (const auto& [floors, stair] : b.stair_groups) {
    const double y0 = top + (b.floors - floors.second) * row, y1 = top + (b.floors - floors.first + 1) * row;
    const double x = left + width + 70;
    s += fmt::format("<path d=\"M{0} {1:.1f} h6 V{2:.1f} h-6\" fill=\"none\" stroke=\"#246\"/>", x, y0 + 1, y1 - 1);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"#246\">{}</text>", x + 10, (y0 + y1) / 2 + 4, esc(stair));
  }
  if (b.stair_groups.empty())
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"#246\">{}</text>", left + width + 70, top + height / 2,
                     esc(say(kNearestStair)));
  // The colour scale: first alarm to last.
  const double ly = top + height + 14;
  s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1f}\">{}</text>", left,
                   ly - 9, alarm_colour(t0, t0, t1), left + 16, ly, esc(clock_text(t0)));
  if (t1 > t0)
    s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1f}\">{}</text>",
                     left + 80, ly - 9, alarm_colour(t1, t0, t1), left + 96, ly, esc(clock_text(t1)));
  s += "</svg>";
  return s;
}

std::string plan_tasks_svg(const PlanAnswer& a) {
  if (a.tasks.empty()) return {};
  uint32_t members = 0;
  double t0 = 1e300, t1 = -1e300;
  for (const PlanTask& t : a.tasks) {
    members = std::max(members, t.member + 1);
    t0 = std::min(t0, t.from_s);
    if (std::isfinite(t.until_s)) t1 = std::max(t1, t.until_s);
  }
  if (!(t1 > t0)) return {};
  const double left = 70, width = 560, row = 16, top = 10;
  auto x = [&](double t) { return left + width * (std::min(t, t1) - t0) / (t1 - t0); };
  std::string s = fmt::format(
      "<svg class=\"chart\" data-chart=\"plan-tasks:staff\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" font-size=\"11\" font-family=\"sans-serif\">",
      left + width + 10, top + row * members + 50);
  for (uint32_t m = 0; m < members; ++m)
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{} {}</text>", left - 6, top + row * m + 12,
                     esc(say(kMember)), m + 1);
  for (const PlanTask& t : a.tasks) {
    const std::string fill = t.lift ? "#2b6cb0" : t.with_resident ? "#dd6b20" : "#a0aec0";
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>", x(t.from_s),
                     top + row * t.member + 2, std::max(0.8, x(t.until_s) - x(t.from_s)), row - 4, fill);
  }
  const double axis = top + row * members + 4;
  for (const double tick : nice_ticks(t0, t1, 6)) {
    if (tick < t0 || tick > t1) continue;
    s += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#888\"/><text x=\"{0:.1f}\" "
                     "y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>",
                     x(tick), axis, axis + 4, axis + 16, esc(clock_text(tick)));
  }
  const double ly = axis + 34;
  double lx = left;
  for (const auto& [colour, label] : {std::pair<std::string, std::string>{"#a0aec0", say(kWalking)},
                                      {"#dd6b20", say(kWithResident)}, {"#2b6cb0", say(kByLift)}}) {
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
                     lx, ly - 9, colour, lx + 16, ly, esc(label));
    lx += 150;
  }
  s += "</svg>";
  return s;
}

Headline plan_headline(const PlanAnswer& a) {
  Headline h;
  if (a.chosen_is_as_written) {
    h.lines.push_back(say(kChosenAsWritten));
  } else {
    std::string choices;
    for (const auto& [o, alt] : a.chosen) choices += (choices.empty() ? "" : ", ") + o + " " + alt;
    h.lines.push_back(say(kChosen, choices));
  }
  if (!a.comparisons.empty() && a.chosen_is_as_written) {
    const PlanComparison& c = a.comparisons.front();
    h.lines.push_back(say(kObjectiveOnly, kpi_text(c.kpi).label, value_words(c.chosen.mean, c.kpi),
                          interval_words(c.chosen.ci95_low, c.chosen.ci95_high, c.kpi)));
  } else if (!a.comparisons.empty()) {
    const PlanComparison& c = a.comparisons.front();
    h.lines.push_back(say(kObjectiveLine, kpi_text(c.kpi).label, value_words(c.chosen.mean, c.kpi),
                          interval_words(c.chosen.ci95_low, c.chosen.ci95_high, c.kpi),
                          value_words(c.as_written.mean, c.kpi), comparison_interval(c.difference, c.kpi),
                          c.difference.significant ? say(kSignificant) : say(kNotSignificant), c.difference.n));
  }
  if (!a.constraints.empty()) {
    std::string names;
    for (const std::string& c : a.constraints) names += (names.empty() ? "" : ", ") + c;
    h.lines.push_back(a.meets_targets ? say(kTargetsMet, names, plain_number(100 * a.selection.confidence)) : say(kNoTargetsMet));
  }
  h.lines.push_back(say(kSearchLine, a.evaluated, a.combinations, a.options.size(),
                        a.method == "every combination" ? say(kMethodAll) : say(kMethodCoordinate, a.passes),
                        a.screening_replications, a.selection.candidates.size()));
  if (!a.risks.empty()) h.lines.push_back(say(kRisksLine, a.risks.front()));
  h.json["chosen"] = a.chosen_label;
  h.json["text"] = h.lines;
  return h;
}

nlohmann::ordered_json plan_json(const PlanAnswer& a) {
  using J = nlohmann::ordered_json;
  auto num = [](double x) { return std::isfinite(x) ? J(x) : J(nullptr); };
  J j;
  j["scenario"] = a.scenario;
  j["objective"] = a.objective.name;
  j["chosen"] = a.chosen_label;
  j["chosen_is_as_written"] = a.chosen_is_as_written;
  J choices = J::object();
  for (const auto& [o, alt] : a.chosen) choices[o] = alt;
  j["choices"] = choices;
  j["meets_targets"] = a.meets_targets;
  j["constraints"] = a.constraints;
  J options = J::object();
  for (const auto& [o, alts] : a.options) options[o] = alts;
  j["options"] = options;
  j["search"] = {{"method", a.method},
                 {"combinations", a.combinations},
                 {"evaluated", a.evaluated},
                 {"screening_replications", a.screening_replications},
                 {"passes", a.passes},
                 {"finalists", a.selection.candidates.size()},
                 {"confidence", a.selection.confidence},
                 {"delta", a.selection.delta},
                 {"seconds", a.seconds}};
  J screened = J::array();
  for (const PlanScreened& s : a.screened)
    screened.push_back({{"candidate", s.label}, {"objective_mean", num(s.objective_mean)}, {"targets_missed", s.targets_missed}});
  j["screened"] = screened;
  j["selection"] = optimize_json(a.selection);
  J cmp = J::array();
  for (const PlanComparison& c : a.comparisons)
    cmp.push_back({{"kpi", c.kpi.name},
                   {"chosen", {{"mean", num(c.chosen.mean)}, {"ci95_low", num(c.chosen.ci95_low)}, {"ci95_high", num(c.chosen.ci95_high)}}},
                   {"as_written", {{"mean", num(c.as_written.mean)}, {"ci95_low", num(c.as_written.ci95_low)}, {"ci95_high", num(c.as_written.ci95_high)}}},
                   {"difference", {{"n", c.difference.n}, {"mean", num(c.difference.mean)}, {"ci95_low", num(c.difference.ci95_low)},
                                   {"ci95_high", num(c.difference.ci95_high)}, {"significant", c.difference.significant}}}});
  j["compare_replications"] = a.compare_replications;
  j["comparison"] = cmp;
  j["representative_replication"] = a.representative;
  J buildings = J::array();
  for (const PlanBuilding& b : a.buildings) {
    J alarms = J::array();
    for (const PlanAlarmStep& s : b.alarms) alarms.push_back({{"at_s", s.at_s}, {"first_floor", s.first_floor}, {"last_floor", s.last_floor}});
    buildings.push_back({{"building", b.id}, {"residents", b.residents}, {"alarms", alarms}, {"stairs", b.stairs}});
  }
  j["buildings"] = buildings;
  J tasks = J::array();
  for (const PlanTask& t : a.tasks)
    tasks.push_back({{"member", t.member}, {"from_s", t.from_s}, {"until_s", t.until_s}, {"from", t.from}, {"to", t.to},
                     {"with_resident", t.with_resident}, {"fire_lift", t.lift}});
  j["staff"] = a.staff;
  j["tasks"] = tasks;
  j["risks"] = a.risks;
  j["headline"] = plan_headline(a).lines;
  return j;
}

std::string plan_html(const PlanAnswer& a) {
  std::string h;
  const std::string title = say(kTitle, a.scenario);
  h += "<!DOCTYPE html>\n<html lang=\"" + std::string(lang() == Lang::ZhCN ? "zh-CN" : "en") +
       "\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>\n"
       "body{font:14px/1.45 system-ui,'Noto Sans CJK SC',sans-serif;max-width:60em;margin:2em auto;color:#222}\n"
       "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
       "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}\n"
       "th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}.lead{font-size:1.1em}\n"
       "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:avoid}}\n"
       "</style></head><body>\n";
  h += "<h1>" + esc(title) + "</h1>\n";
  for (const std::string& l : plan_headline(a).lines) h += "<p class=\"lead\">" + esc(l) + "</p>\n";

  h += "<h2>" + esc(say(kChoices)) + "</h2>\n<table><tr><th>" + esc(say(kOption)) + "</th><th>" + esc(say(kChoice)) +
       "</th><th>" + esc(say(kAlternatives)) + "</th></tr>\n";
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    std::string alts;
    for (const std::string& s : a.options[i].second) alts += (alts.empty() ? "" : ", ") + s;
    const std::string chosen = i < a.chosen.size() ? a.chosen[i].second : say(kAsWritten);
    h += "<tr><td>" + esc(a.options[i].first) + "</td><td><b>" + esc(chosen) + "</b></td><td>" + esc(alts) + "</td></tr>\n";
  }
  h += "</table>\n";

  h += "<h2>" + esc(say(kTimeline)) + "</h2>\n<table><tr><th>" + esc(say(kKpi)) + "</th><th>" + esc(say(kThisPlan)) +
       "</th><th>" + esc(say(kAsWritten)) + "</th><th>" + esc(say(kDifference)) + "</th></tr>\n";
  for (const PlanComparison& c : a.comparisons) {
    h += "<tr><td>" + esc(kpi_text(c.kpi).label) + "</td><td class=\"num\">" + esc(value_words(c.chosen.mean, c.kpi)) +
         "<br><small>" + esc(interval_words(c.chosen.ci95_low, c.chosen.ci95_high, c.kpi)) + "</small></td><td class=\"num\">" +
         esc(value_words(c.as_written.mean, c.kpi)) + "<br><small>" +
         esc(interval_words(c.as_written.ci95_low, c.as_written.ci95_high, c.kpi)) + "</small></td><td class=\"num\">" +
         esc(comparison_interval(c.difference, c.kpi)) + (c.difference.significant ? " ✱" : "") + "</td></tr>\n";
  }
  h += "</table>\n<p><small>✱ " + esc(say(kSignificant)) + " (95 %)</small></p>\n";

  h += "<h2>" + esc(say(kAlarms)) + "</h2>\n<table><tr><th>" + esc(say(kBuilding)) + "</th><th class=\"num\">" +
       esc(say(kResidents)) + "</th><th>" + esc(say(kAlarmOrder)) + "</th><th>" + esc(say(kStairs)) + "</th></tr>\n";
  for (const PlanBuilding& b : a.buildings) {
    std::string stairs;
    for (const std::string& s : b.stairs) stairs += (stairs.empty() ? "" : "<br>") + esc(s);
    if (stairs.empty()) stairs = esc(say(kNearestStair));
    h += "<tr><td>" + esc(b.id) + "</td><td class=\"num\">" + std::to_string(b.residents) + "</td><td>" +
         esc(alarm_text(b)) + "</td><td>" + stairs + "</td></tr>\n";
  }
  h += "</table>\n";
  // The sections of the buildings that burn or whose stairs the plan assigns.
  std::string sections;
  for (const PlanBuilding& b : a.buildings)
    if (!b.fire_floors.empty() || !b.stair_groups.empty()) sections += plan_section_svg(b);
  if (!sections.empty()) h += "<h3>" + esc(say(kSections)) + "</h3>\n<div>" + sections + "</div>\n";

  h += "<h2>" + esc(say(kTasks, a.representative)) + "</h2>\n";
  if (a.tasks.empty()) {
    h += "<p>" + esc(say(kNoStaffTasks)) + "</p>\n";
  } else {
    h += plan_tasks_svg(a) + "\n";
    h += "<table><tr><th>" + esc(say(kMember)) + "</th><th>" + esc(say(kTime)) + "</th><th>" + esc(say(kFrom)) +
         "</th><th>" + esc(say(kTo)) + "</th><th></th></tr>\n";
    for (const PlanTask& t : a.tasks)
      h += "<tr><td>" + std::to_string(t.member + 1) + "</td><td class=\"num\">" + clock_text(t.from_s) + " – " +
           clock_text(t.until_s) + "</td><td>" + esc(t.from) + "</td><td>" + esc(t.to) + "</td><td>" +
           esc(t.with_resident ? say(kWithResident) : say(kWalking)) + (t.lift ? ", " + esc(say(kByLift)) : "") +
           "</td></tr>\n";
    h += "</table>\n";
  }

  h += "<h2>" + esc(say(kRisks)) + "</h2>\n";
  if (a.risks.empty()) h += "<p>" + esc(say(kNoRisks)) + "</p>\n";
  else {
    h += "<ul>\n";
    for (const std::string& r : a.risks) h += "<li>" + esc(r) + "</li>\n";
    h += "</ul>\n";
  }

  h += "<h2>" + esc(say(kHow)) + "</h2>\n";
  h += "<h3>" + esc(say(kScreenedTable)) + "</h3>\n<table><tr><th>" + esc(say(kCandidate)) + "</th><th class=\"num\">" +
       esc(say(kMean)) + "</th><th class=\"num\">" + esc(say(kMissed)) + "</th></tr>\n";
  for (const PlanScreened& s : a.screened)
    h += "<tr><td>" + esc(s.label) + "</td><td class=\"num\">" + esc(value_words(s.objective_mean, a.objective)) +
         "</td><td class=\"num\">" + std::to_string(s.targets_missed) + "</td></tr>\n";
  h += "</table>\n";
  h += optimize_html(a.selection);
  h += "<p>" + esc(say(kReplay)) + "</p>\n";
  h += "</body></html>\n";
  return h;
}

}  // namespace dt
