#include "engine/output/optimize_answer.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {
DT_PHRASE(kRecommended, "Recommended: {} — {}; meets every target with {} confidence ({} replications).",
          "推荐方案：{} — {}；以 {} 的把握满足全部目标（{} 次重复）。");
DT_PHRASE(kCostWords, "{} CNY a day", "每天 {} 元");
DT_PHRASE(kObjectiveWords, "{} {} (95 % CI {})", "{} {}（95% 置信区间 {}）");
DT_PHRASE(kTargetLine, "  {}: {} (95 % CI {}), target {}.", "  {}：{}（95% 置信区间 {}），目标 {}。");
DT_PHRASE(kRunnerUp, "Runner-up: {} — {}.", "次优方案：{} — {}。");
DT_PHRASE(kRejectedMissed, "Cheaper, rejected: {} ({}) misses {} by {}: {} against {}{}.",
          "更便宜但被排除：{}（{}）未达到 {}，差 {}：实际 {}，目标 {}{}。");
DT_PHRASE(kRejectedUndecided,
          "Cheaper, undecided: {} ({}) — {} replications could not tell whether it meets {}: {} against {}{}.",
          "更便宜但无法判定：{}（{}）— {} 次重复仍无法判断是否满足 {}：实际 {}，目标 {}{}。");
DT_PHRASE(kWorstHourOf, "; worst hour {:02}:00–{:02}:00, {} of {} incidents a run past their response target",
          "；最差时段 {:02}:00–{:02}:00，每次运行超出响应目标 {} 起，共 {} 起事件");
DT_PHRASE(kBinding, "Binding: {} — the target {} of {} cheaper candidates fail on{}.",
          "起约束作用的目标：{} — {} / {} 个更便宜的候选方案未能满足该目标{}。");
DT_PHRASE(kBindingHour, "; their worst hour is most often {:02}:00–{:02}:00", "；其最差时段多为 {:02}:00–{:02}:00");
DT_PHRASE(kMoreRejected, "… and {} cheaper candidates more, each rejected or undecided (report.html, summary.json).",
          "……另有 {} 个更便宜的候选方案被排除或无法判定（见 report.html、summary.json）。");
DT_PHRASE(kNoFeasible, "No candidate meets every target with {} confidence. Closest: {} — {}{}.",
          "没有候选方案能以 {} 的把握满足全部目标。最接近的是：{} — {}{}。");
DT_PHRASE(kClosestMiss, ", misses {} by {}", "，{} 差 {}");
DT_PHRASE(kGuaranteeCost,
          "With {} confidence the recommended candidate meets every target, and each cheaper candidate was shown to "
          "miss one or is listed as undecided (docs/optimization.md).",
          "有 {} 的把握推荐方案满足全部目标，且每个更便宜的方案都已证明未达到某项目标，或列为无法判定（见 "
          "docs/optimization.md）。");
DT_PHRASE(kGuaranteeKpi,
          "With {} confidence the recommended candidate meets every target and its {} is within {} of the best "
          "feasible candidate's (Kim–Nelson with common random numbers; docs/optimization.md).",
          "有 {} 的把握推荐方案满足全部目标，且其{}与最优可行方案相差不超过 {}（Kim–Nelson 程序，公共随机数；见 "
          "docs/optimization.md）。");
DT_PHRASE(kTruncated,
          "The selection stopped at {} replications per candidate with several candidates left; the one with the best "
          "mean is recommended, without the δ guarantee.",
          "选择在每个方案 {} 次重复时停止，仍有多个方案未被淘汰；推荐均值最优者，不再保证 δ 内最优。");
DT_PHRASE(kSearched, "{} candidates searched, {} replications in all ({} to {} per candidate), common random numbers.",
          "共搜索 {} 个候选方案，合计 {} 次重复（每个方案 {}–{} 次），使用公共随机数。");
DT_PHRASE(kScreened, "The grid has {} candidates; its {} cheapest were searched (optimize.max_candidates).",
          "网格共有 {} 个候选方案；只搜索了其中成本最低的 {} 个（optimize.max_candidates）。");
DT_PHRASE(kFrontierTitle, "Cost against service: every candidate", "成本与服务水平：全部候选方案");
DT_PHRASE(kObjectiveAxisCost, "cost [CNY a day]", "成本 [元/天]");
DT_PHRASE(kFeasibleLegend, "meets every target (with confidence)", "（有把握地）满足全部目标");
DT_PHRASE(kInfeasibleLegend, "misses a target", "未达到某项目标");
DT_PHRASE(kUndecidedLegend, "undecided", "无法判定");
DT_PHRASE(kRecommendedLegend, "recommended", "推荐方案");
DT_PHRASE(kFrontierHeading, "Optimisation: the cheapest candidate that meets the targets",
          "优化：满足目标的最低成本方案");
DT_PHRASE(kFrontierNote,
          "Each point is a candidate: its objective against the mean of the first target's KPI, with that target as a "
          "dashed line.",
          "每个点是一个候选方案：横轴为目标函数，纵轴为第一项目标所对应 KPI 的均值，虚线为该目标。");
DT_PHRASE(kColCandidate, "candidate", "候选方案");
DT_PHRASE(kColObjective, "objective", "目标函数");
DT_PHRASE(kColReplications, "replications", "重复次数");
DT_PHRASE(kColStatus, "status", "状态");
DT_PHRASE(kStatusFeasible, "meets every target", "满足全部目标");
DT_PHRASE(kStatusInfeasible, "misses a target", "未达到目标");
DT_PHRASE(kStatusUndecided, "undecided", "无法判定");
}  // namespace

const char* to_string(OptimizeCandidate::Status status) noexcept {
  switch (status) {
    case OptimizeCandidate::Status::Feasible:
      return "feasible";
    case OptimizeCandidate::Status::Infeasible:
      return "infeasible";
    case OptimizeCandidate::Status::Undecided:
      return "undecided";
  }
  return "undecided";
}

namespace {

// Cheaper candidates named one by one in the headline; the rest are counted.
constexpr std::size_t kShownRejected = 6;

// How far a target is missed, without the sign a difference carries ("7.6 %-points").
std::string gap_words(double gap, const KpiDefinition& k) {
  std::string s = difference_words(std::abs(gap), k);
  if (s.starts_with("+")) s.erase(0, 1);
  return s;
}

std::string confidence_words(double c) { return percent_text(c); }

std::string objective_words(const OptimizeAnswer& a, const OptimizeCandidate& c) {
  if (a.linear_cost) return say(kCostWords, plain_number(c.cost.value_or(SampleSummary::kNaN)));
  return say(kObjectiveWords, kpi_text(a.objective_kpi).label, value_words(c.objective.mean, a.objective_kpi),
             interval_words(c.objective.ci95_low, c.objective.ci95_high, a.objective_kpi));
}

double objective_value(const OptimizeAnswer& a, const OptimizeCandidate& c) {
  return a.linear_cost ? c.cost.value_or(SampleSummary::kNaN) : c.objective.mean;
}

// The target a rejected candidate fails worst: a missed one first, else an undecided one, each by
// the largest shortfall relative to the bound.
std::optional<std::size_t> binding_target(const OptimizeAnswer& a, const OptimizeCandidate& c) {
  std::optional<std::size_t> best;
  auto rank = [&](std::size_t t) {
    const OptimizeTargetEstimate& e = c.targets[t];
    const int verdict = e.verdict == OptimizeTargetEstimate::Verdict::Missed      ? 2
                        : e.verdict == OptimizeTargetEstimate::Verdict::Undecided ? 1
                                                                                  : 0;
    const double scale = std::max(std::abs(a.targets[t].value), 1e-12);
    return std::pair<int, double>(verdict, e.shortfall / scale);
  };
  for (std::size_t t = 0; t < c.targets.size(); ++t)
    if (c.targets[t].verdict != OptimizeTargetEstimate::Verdict::Met && (!best || rank(t) > rank(*best))) best = t;
  return best;
}

std::string hour_words(const OptimizeCandidate& c) {
  if (!c.worst_hour) return {};
  const WorstHour& w = *c.worst_hour;
  return say(kWorstHourOf, w.hour, (w.hour + 1) % 24, plain_number(std::round(w.missed * 10) / 10),
             plain_number(std::round(w.incidents * 10) / 10));
}

}  // namespace

Headline optimize_headline(const OptimizeAnswer& a) {
  Headline h;
  const std::string conf = confidence_words(a.confidence);
  auto target_lines = [&](const OptimizeCandidate& c) {
    for (std::size_t t = 0; t < a.targets.size(); ++t) {
      const OptimizeTargetEstimate& e = c.targets[t];
      const KpiDefinition& k = a.target_kpis[t];
      h.lines.push_back(say(kTargetLine, kpi_text(k).label, value_words(e.mean, k),
                            interval_words(e.ci95_low, e.ci95_high, k), target_words(a.targets[t], k)));
    }
  };
  if (a.recommended) {
    const OptimizeCandidate& c = a.candidates[*a.recommended];
    h.lines.push_back(say(kRecommended, c.label, objective_words(a, c), conf, c.replications));
    target_lines(c);
    if (a.runner_up)
      h.lines.push_back(
          say(kRunnerUp, a.candidates[*a.runner_up].label, objective_words(a, a.candidates[*a.runner_up])));
  } else {
    // The closest: the candidate whose worst relative shortfall is smallest.
    std::optional<std::size_t> closest;
    double closest_gap = 0;
    for (std::size_t i = 0; i < a.candidates.size(); ++i) {
      const OptimizeCandidate& c = a.candidates[i];
      double gap = 0;
      for (std::size_t t = 0; t < c.targets.size(); ++t)
        gap = std::max(gap, c.targets[t].shortfall / std::max(std::abs(a.targets[t].value), 1e-12));
      if (c.replications > 0 && (!closest || gap < closest_gap)) closest = i, closest_gap = gap;
    }
    if (closest) {
      const OptimizeCandidate& c = a.candidates[*closest];
      std::string miss;
      if (const auto t = binding_target(a, c))
        miss =
            say(kClosestMiss, kpi_text(a.target_kpis[*t]).label, gap_words(c.targets[*t].shortfall, a.target_kpis[*t]));
      h.lines.push_back(say(kNoFeasible, conf, c.label, objective_words(a, c), miss));
    }
  }
  // What binds: the target the cheaper candidates fail on most often, and their most frequent worst hour.
  if (!a.cheaper_rejected.empty()) {
    std::vector<std::size_t> fails(a.targets.size(), 0);
    for (std::size_t i : a.cheaper_rejected)
      if (const auto t = binding_target(a, a.candidates[i])) ++fails[*t];
    const auto most = static_cast<std::size_t>(std::max_element(fails.begin(), fails.end()) - fails.begin());
    if (most < fails.size() && fails[most] > 0) {
      std::vector<std::size_t> hours(24, 0);
      for (std::size_t i : a.cheaper_rejected) {
        const OptimizeCandidate& c = a.candidates[i];
        if (binding_target(a, c) == most && c.worst_hour) ++hours[c.worst_hour->hour];
      }
      const auto hour = static_cast<std::size_t>(std::max_element(hours.begin(), hours.end()) - hours.begin());
      const KpiDefinition& k = a.target_kpis[most];
      h.lines.push_back(say(kBinding, kpi_text(k).label + " " + target_words(a.targets[most], k), fails[most],
                            a.cheaper_rejected.size(),
                            hours[hour] > 0 ? say(kBindingHour, hour, (hour + 1) % 24) : std::string()));
      h.json["optimize"]["binding"] = {
          {"kpi", a.targets[most].kpi},
          {"candidates", fails[most]},
          {"hour", hours[hour] > 0 ? nlohmann::ordered_json(hour) : nlohmann::ordered_json(nullptr)}};
    }
  }
  // The cheaper candidates nearest in cost first: they are the alternatives a manager weighs.
  const std::size_t shown = std::min(a.cheaper_rejected.size(), kShownRejected);
  for (std::size_t j = a.cheaper_rejected.size(); j-- > a.cheaper_rejected.size() - shown;) {
    const OptimizeCandidate& c = a.candidates[a.cheaper_rejected[j]];
    const std::optional<std::size_t> t = binding_target(a, c);
    if (!t) continue;
    const OptimizeTargetEstimate& e = c.targets[*t];
    const KpiDefinition& k = a.target_kpis[*t];
    const std::string by = gap_words(e.shortfall, k);
    if (e.verdict == OptimizeTargetEstimate::Verdict::Missed)
      h.lines.push_back(say(kRejectedMissed, c.label, objective_words(a, c), kpi_text(k).label, by,
                            value_words(e.mean, k), target_words(a.targets[*t], k), hour_words(c)));
    else
      h.lines.push_back(say(kRejectedUndecided, c.label, objective_words(a, c), c.replications, kpi_text(k).label,
                            value_words(e.mean, k), target_words(a.targets[*t], k), hour_words(c)));
  }
  if (a.cheaper_rejected.size() > shown) h.lines.push_back(say(kMoreRejected, a.cheaper_rejected.size() - shown));
  if (a.recommended) {
    if (a.linear_cost)
      h.lines.push_back(say(kGuaranteeCost, conf));
    else if (a.truncated)
      h.lines.push_back(say(kTruncated, a.max_replications));
    else
      h.lines.push_back(
          say(kGuaranteeKpi, conf, kpi_text(a.objective_kpi).label, value_words(a.delta, a.objective_kpi)));
  }
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const OptimizeCandidate& c : a.candidates) lo = std::min(lo, c.replications), hi = std::max(hi, c.replications);
  if (!a.candidates.empty()) h.lines.push_back(say(kSearched, a.candidates.size(), a.replications_run, lo, hi));
  if (a.grid_size > a.candidates.size()) h.lines.push_back(say(kScreened, a.grid_size, a.candidates.size()));

  h.json["optimize"]["recommended"] =
      a.recommended ? nlohmann::ordered_json(a.candidates[*a.recommended].label) : nullptr;
  h.json["optimize"]["runner_up"] = a.runner_up ? nlohmann::ordered_json(a.candidates[*a.runner_up].label) : nullptr;
  h.json["text"] = h.lines;
  return h;
}

nlohmann::ordered_json optimize_json(const OptimizeAnswer& a) {
  using J = nlohmann::ordered_json;
  auto num = [](double x) { return std::isfinite(x) ? J(x) : J(nullptr); };
  J j;
  J objective;
  if (a.linear_cost) {
    objective["kind"] = "cost";
    J costs = J::object();
    for (const auto& [k, c] : a.unit_costs) costs[k] = c;
    objective["unit_costs"] = costs;
    objective["unit"] = "CNY/day";
  } else {
    objective["kind"] = "kpi";
    objective["kpi"] = a.objective_kpi.name;
  }
  j["objective"] = objective;
  j["confidence"] = a.confidence;
  j["delta"] = a.delta;
  j["first_stage_replications"] = a.first_stage;
  j["max_replications"] = a.max_replications;
  j["grid_candidates"] = a.grid_size;
  j["replications_run"] = a.replications_run;
  j["stages"] = a.stages;
  j["truncated"] = a.truncated;
  j["recommended"] = a.recommended ? J(*a.recommended) : J(nullptr);
  j["runner_up"] = a.runner_up ? J(*a.runner_up) : J(nullptr);
  j["cheaper_rejected"] = a.cheaper_rejected;
  J cands = J::array();
  for (std::size_t i = 0; i < a.candidates.size(); ++i) {
    const OptimizeCandidate& c = a.candidates[i];
    J x;
    x["candidate"] = i;
    x["label"] = c.label;
    J settings = J::object();
    for (const auto& [k, v] : c.settings) settings[k] = v;
    x["settings"] = settings;
    if (c.cost) x["cost"] = *c.cost;
    if (!a.linear_cost)
      x["objective"] = {{"n", c.objective.n},
                        {"mean", num(c.objective.mean)},
                        {"ci95_low", num(c.objective.ci95_low)},
                        {"ci95_high", num(c.objective.ci95_high)},
                        {"eliminated", c.eliminated}};
    x["replications"] = c.replications;
    x["status"] = to_string(c.status);
    J targets = J::object();
    for (std::size_t t = 0; t < c.targets.size(); ++t) {
      const OptimizeTargetEstimate& e = c.targets[t];
      const char* verdict = e.verdict == OptimizeTargetEstimate::Verdict::Met      ? "met"
                            : e.verdict == OptimizeTargetEstimate::Verdict::Missed ? "missed"
                                                                                   : "undecided";
      targets[a.targets[t].kpi] = {
          {a.targets[t].sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most", a.targets[t].value},
          {"mean", num(e.mean)},
          {"low", num(e.low)},
          {"high", num(e.high)},
          {"ci95_low", num(e.ci95_low)},
          {"ci95_high", num(e.ci95_high)},
          {"verdict", verdict},
          {"shortfall", num(e.shortfall)}};
    }
    x["targets"] = targets;
    if (c.worst_hour)
      x["worst_hour"] = {{"hour", c.worst_hour->hour},
                         {"incidents", c.worst_hour->incidents},
                         {"missed_target", c.worst_hour->missed}};
    cands.push_back(std::move(x));
  }
  j["candidates"] = std::move(cands);
  return j;
}

std::string optimize_html(const OptimizeAnswer& a) {
  std::string s = "<h2>" + xml_escape(say(kFrontierHeading)) + "</h2>\n";
  if (!a.targets.empty() && !a.candidates.empty()) {
    const KpiDefinition& k = a.target_kpis.front();
    const std::string x_label = a.linear_cost ? say(kObjectiveAxisCost) : kpi_text(a.objective_kpi).label;
    SvgPlot plot(say(kFrontierTitle), x_label, kpi_text(k).label);
    if (k.range == KpiRange::Fraction) plot.set_y_limits(0, 1);
    const std::string& feasible = series_colour(2);
    const std::string& infeasible = series_colour(3);
    const std::string& undecided = series_colour(9);  // grey
    for (std::size_t i = 0; i < a.candidates.size(); ++i) {
      const OptimizeCandidate& c = a.candidates[i];
      if (c.replications == 0) continue;
      const double x = objective_value(a, c), y = c.targets.front().mean;
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      const std::string& colour = c.status == OptimizeCandidate::Status::Feasible     ? feasible
                                  : c.status == OptimizeCandidate::Status::Infeasible ? infeasible
                                                                                      : undecided;
      if (a.recommended && *a.recommended == i) plot.point(x, y, series_colour(0), 7.0);
      plot.point(x, y, colour, 4.0);
    }
    plot.target(a.targets.front().value, target_words(a.targets.front(), k));
    plot.legend(say(kFeasibleLegend), feasible);
    plot.legend(say(kInfeasibleLegend), infeasible);
    plot.legend(say(kUndecidedLegend), undecided);
    if (a.recommended) plot.legend(say(kRecommendedLegend), series_colour(0));
    s += "<p class=\"note\">" + xml_escape(say(kFrontierNote)) + "</p>\n" + plot.svg("frontier") + "\n";
  }
  s += "<div class=\"tbl\"><table>\n<tr><th>#</th><th>" + xml_escape(say(kColCandidate)) + "</th><th>" +
       xml_escape(say(kColObjective)) + "</th><th>" + xml_escape(say(kColReplications)) + "</th>";
  for (std::size_t t = 0; t < a.targets.size(); ++t)
    s += "<th>" + xml_escape(kpi_text(a.target_kpis[t]).label + " " + target_words(a.targets[t], a.target_kpis[t])) +
         "</th>";
  s += "<th>" + xml_escape(say(kColStatus)) + "</th></tr>\n";
  for (std::size_t i = 0; i < a.candidates.size(); ++i) {
    const OptimizeCandidate& c = a.candidates[i];
    const bool rec = a.recommended && *a.recommended == i;
    s += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td>", rec ? " class=\"best\"" : "", i,
                     xml_escape(c.label),
                     xml_escape(a.linear_cost ? plain_number(c.cost.value_or(SampleSummary::kNaN))
                                              : value_words(c.objective.mean, a.objective_kpi)),
                     c.replications);
    for (std::size_t t = 0; t < c.targets.size(); ++t) {
      const OptimizeTargetEstimate& e = c.targets[t];
      const char* cls = e.verdict == OptimizeTargetEstimate::Verdict::Met      ? "green"
                        : e.verdict == OptimizeTargetEstimate::Verdict::Missed ? "red"
                                                                               : "amber";
      s += fmt::format("<td class=\"{}\">{}</td>", cls, xml_escape(value_words(e.mean, a.target_kpis[t])));
    }
    const Phrase& st = c.status == OptimizeCandidate::Status::Feasible     ? kStatusFeasible
                       : c.status == OptimizeCandidate::Status::Infeasible ? kStatusInfeasible
                                                                           : kStatusUndecided;
    s += "<td>" + xml_escape(say(st)) + "</td></tr>\n";
  }
  s += "</table></div>\n";
  return s;
}

}  // namespace dt
