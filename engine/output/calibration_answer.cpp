#include "engine/output/calibration_answer.h"

#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {
DT_PHRASE(kCalHeadline, "Calibrated {0} free parameter(s) of {1} to {2} drill(s) ({3} people timed) in {4} evaluations:",
          "已将 {1} 的 {0} 个自由参数标定到 {2} 次演练（共记录 {3} 人），目标函数计算 {4} 次：");
DT_PHRASE(kCalEstimate, "  {} = {} (95 % interval {} – {}; searched {} – {})",
          "  {} = {}（95% 区间 {} – {}；搜索范围 {} – {}）");
DT_PHRASE(kCalAtBound, "  {} lies on a bound of its range: widen the range in 'calibrate.free' and run again",
          "  {} 落在搜索范围的边界上：请在 'calibrate.free' 中放宽范围后重新标定");
DT_PHRASE(kCalNotIdentified, "  {} is not identified by these records (changing it does not change the simulated times)",
          "  这些记录无法识别 {}（改变它不会改变模拟的疏散时间）");
DT_PHRASE(kCalWeak, "  {}: the records barely constrain it (its interval spans most of the searched range)",
          "  {}：这些记录对该参数的约束很弱（其置信区间几乎覆盖整个搜索范围）");
DT_PHRASE(kCalDistance, "Distance between simulated and observed time quantiles: {} before, {} after ({} quantiles).",
          "模拟与实测时间分位数之间的距离：标定前 {}，标定后 {}（共 {} 个分位数）。");
DT_PHRASE(kCalHeldOut,
          "Held-out drills ({0}): {1} of {2} clear times within ±5 % of the simulated mean (before: {3}); mean KS distance {4} (before: {5}).",
          "留出验证演练（{0} 次）：{2} 个清空时间中有 {1} 在模拟均值的 ±5% 以内（标定前：{3}）；平均 KS 距离 {4}（标定前：{5}）。");
DT_PHRASE(kCalInSample,
          "No drill was held out: on the fitted drills {0} of {1} clear times lie within ±5 % of the simulated mean; mean KS distance {2} (in-sample, not a test of prediction).",
          "未留出验证演练：在参与标定的演练上，{1} 个清空时间中有 {0} 在模拟均值的 ±5% 以内；平均 KS 距离 {2}（样本内结果，不能检验预测能力）。");
DT_PHRASE(kCalOverlay, "Calibrated scenario: {}", "标定后的情景文件：{}");
DT_PHRASE(kCalTitle, "Calibration of {} to drill records", "{} 按演练记录的参数标定");
DT_PHRASE(kCalColParam, "parameter", "参数");
DT_PHRASE(kCalColEstimate, "estimate", "估计值");
DT_PHRASE(kCalColInterval, "95 % interval", "95% 区间");
DT_PHRASE(kCalColRange, "searched range", "搜索范围");
DT_PHRASE(kCalColStart, "start", "初始值");
DT_PHRASE(kCalMethod,
          "Method: simulated minimum distance with common random numbers (the same simulated drills for every parameter value); intervals from the sandwich formula of the method of simulated moments (docs/calibration.md).",
          "方法：基于公共随机数的模拟最小距离估计（每组参数值都使用同一批模拟演练）；置信区间采用模拟矩方法的三明治公式（见 docs/calibration.md）。");
DT_PHRASE(kCalAccuracyTitle, "Accuracy", "精度");
DT_PHRASE(kCalColMeasure, "measure", "指标");
DT_PHRASE(kCalColBefore, "before", "标定前");
DT_PHRASE(kCalColAfter, "after", "标定后");
DT_PHRASE(kCalWithin5, "clear times within ±5 % of the simulated mean", "清空时间落在模拟均值 ±5% 以内的比例");
DT_PHRASE(kCalRelErr, "mean relative error of clear times", "清空时间的平均相对误差");
DT_PHRASE(kCalKs, "mean KS distance of the time distributions", "时间分布的平均 KS 距离");
DT_PHRASE(kCalSynthetic,
          "The seeds' \"95 % simulation accuracy\" names no measure; here it is read as the share of observed clear times within ±5 % of the simulated mean (docs/calibration.md).",
          "种子文档中的“仿真模拟精度达 95%”没有给出计算口径；此处按“实测清空时间落在模拟均值 ±5% 以内的比例”解读（见 docs/calibration.md）。");

std::string num(double x) {
  if (!std::isfinite(x)) return "—";
  if (x != 0 && (std::fabs(x) < 0.01 || std::fabs(x) >= 1e6)) return fmt::format("{:.3g}", x);
  return fmt::format("{:.3f}", x);
}
std::string pct(double x) { return std::isfinite(x) ? fmt::format("{:.1f} %", 100 * x) : "—"; }
std::string share(const DrillAccuracy& a) {
  return fmt::format("{}/{}", static_cast<uint64_t>(std::lround(a.within_5pct * a.clear_times)), a.clear_times);
}
}  // namespace

std::vector<std::string> calibration_headline(const CalibrationAnswer& a) {
  std::vector<std::string> out;
  out.push_back(say(kCalHeadline, a.parameters.size(), a.scenario, a.fitted_drills, a.observations, a.evaluations));
  for (const CalibratedParameter& p : a.parameters) {
    out.push_back(say(kCalEstimate, p.key, num(p.estimate), num(p.ci95_low), num(p.ci95_high), num(p.lower), num(p.upper)));
    if (!std::isfinite(p.stderr_))
      out.push_back(say(kCalNotIdentified, p.key));
    else if (p.ci95_high - p.ci95_low >= 0.9 * (p.upper - p.lower))
      out.push_back(say(kCalWeak, p.key));
    else if (p.at_bound)
      out.push_back(say(kCalAtBound, p.key));
  }
  out.push_back(say(kCalDistance, num(a.distance_start), num(a.distance_end), a.statistics));
  if (a.accuracy_held_out)
    out.push_back(say(kCalHeldOut, a.held_out_drills, static_cast<uint64_t>(std::lround(a.after.within_5pct * a.after.clear_times)),
                      a.after.clear_times, pct(a.before.within_5pct), num(a.after.mean_ks), num(a.before.mean_ks)));
  else
    out.push_back(say(kCalInSample, static_cast<uint64_t>(std::lround(a.after.within_5pct * a.after.clear_times)),
                      a.after.clear_times, num(a.after.mean_ks)));
  if (!a.overlay_file.empty()) out.push_back(say(kCalOverlay, a.overlay_file));
  return out;
}

namespace {
nlohmann::json accuracy_json(const DrillAccuracy& d) {
  auto n = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); };
  return {{"drills", d.drills},
          {"clear_times", d.clear_times},
          {"within_5pct_fraction", n(d.within_5pct)},
          {"mean_abs_relative_error", n(d.mean_abs_rel_error)},
          {"distributions", d.distributions},
          {"mean_ks_distance", n(d.mean_ks)}};
}
}  // namespace

nlohmann::json calibration_json(const CalibrationAnswer& a, const std::string& version) {
  auto n = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(); };
  nlohmann::json params = nlohmann::json::array();
  for (const CalibratedParameter& p : a.parameters)
    params.push_back({{"key", p.key},
                      {"lower", p.lower},
                      {"upper", p.upper},
                      {"start", p.start},
                      {"estimate", p.estimate},
                      {"stderr", n(p.stderr_)},
                      {"ci95_low", n(p.ci95_low)},
                      {"ci95_high", n(p.ci95_high)},
                      {"at_bound", p.at_bound}});
  nlohmann::json j;
  j["drilltwin_version"] = version;
  j["scenario"] = a.scenario;
  j["seed"] = a.seed;
  j["replications"] = a.replications;
  j["headline"] = calibration_headline(a);
  j["calibration"] = {{"records", a.records_file},
                      {"drills", a.drills},
                      {"fitted_drills", a.fitted_drills},
                      {"held_out_drills", a.held_out_drills},
                      {"people_timed", a.observations},
                      {"evaluations", a.evaluations},
                      {"quantiles_compared", a.statistics},
                      {"distance_start", n(a.distance_start)},
                      {"distance_end", n(a.distance_end)},
                      {"parameters", params},
                      {"accuracy_held_out", a.accuracy_held_out},
                      {"accuracy_before", accuracy_json(a.before)},
                      {"accuracy_after", accuracy_json(a.after)},
                      {"overlay", a.overlay_file},
                      {"seconds", a.seconds}};
  return j;
}

std::string calibration_html(const CalibrationAnswer& a, const std::string& version) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"";
  h += lang() == Lang::ZhCN ? "zh-CN" : "en";
  h += "\"><head><meta charset=\"utf-8\"><title>" + xml_escape(say(kCalTitle, a.scenario)) +
       "</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
       "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:right}"
       "td:first-child,th:first-child{text-align:left}.note{color:#555}</style></head><body>\n";
  h += "<h1>" + xml_escape(say(kCalTitle, a.scenario)) + "</h1>\n<section id=\"calibration\">\n";
  for (const std::string& line : calibration_headline(a)) h += "<p>" + xml_escape(line) + "</p>\n";
  h += "<table><tr><th>" + xml_escape(say(kCalColParam)) + "</th><th>" + xml_escape(say(kCalColEstimate)) + "</th><th>" +
       xml_escape(say(kCalColInterval)) + "</th><th>" + xml_escape(say(kCalColStart)) + "</th><th>" +
       xml_escape(say(kCalColRange)) + "</th></tr>\n";
  for (const CalibratedParameter& p : a.parameters)
    h += "<tr><td>" + xml_escape(p.key) + "</td><td>" + num(p.estimate) + "</td><td>" + num(p.ci95_low) + " – " +
         num(p.ci95_high) + "</td><td>" + num(p.start) + "</td><td>" + num(p.lower) + " – " + num(p.upper) + "</td></tr>\n";
  h += "</table>\n<h2>" + xml_escape(say(kCalAccuracyTitle)) + "</h2>\n<table><tr><th>" + xml_escape(say(kCalColMeasure)) +
       "</th><th>" + xml_escape(say(kCalColBefore)) + "</th><th>" + xml_escape(say(kCalColAfter)) + "</th></tr>\n";
  h += "<tr><td>" + xml_escape(say(kCalWithin5)) + "</td><td>" + pct(a.before.within_5pct) + " (" + share(a.before) +
       ")</td><td>" + pct(a.after.within_5pct) + " (" + share(a.after) + ")</td></tr>\n";
  h += "<tr><td>" + xml_escape(say(kCalRelErr)) + "</td><td>" + pct(a.before.mean_abs_rel_error) + "</td><td>" +
       pct(a.after.mean_abs_rel_error) + "</td></tr>\n";
  h += "<tr><td>" + xml_escape(say(kCalKs)) + "</td><td>" + num(a.before.mean_ks) + "</td><td>" + num(a.after.mean_ks) +
       "</td></tr>\n</table>\n";
  h += "<p class=\"note\">" + xml_escape(say(kCalSynthetic)) + "</p>\n<p class=\"note\">" + xml_escape(say(kCalMethod)) +
       "</p>\n<p class=\"note\">drilltwin " + xml_escape(version) + "</p>\n</section></body></html>\n";
  return h;
}

}  // namespace dt
