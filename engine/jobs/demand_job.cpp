#include "engine/jobs/demand_job.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/jobs/outputs.h"
#include "engine/kernel/civil_date.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/output/csv_writer.h"
#include "engine/output/report_html.h"
#include "engine/output/report_insights.h"
#include "engine/output/staged_dir.h"
#include "engine/output/svg_chart.h"
#include "engine/scenario/scenario_writer.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kNeedsDispatchLayout,
          "{} needs a scenario with incident types (incidents.types) on a layout (layout:), so that work orders "
          "have types and buildings to be read against",
          "{} 需要带有事件类型（incidents.types）且有布局（layout:）的场景，工单的类型和楼栋才能据此核对");
DT_PHRASE(kHistoryTooShort,
          "the history covers {} days: forecast holds out its last {} days and needs at least {} days before them",
          "工单历史只覆盖 {} 天：预测需留出最后 {} 天作检验，并且之前至少还要有 {} 天");
DT_PHRASE(kFitLine, "{} work orders over {} days ({} to {}), {} incident types, {} places.",
          "{} 条工单，共 {} 天（{} 至 {}），{} 种事件类型，{} 个地点。");
DT_PHRASE(kPoissonFits,
          "Daily counts agree with a Poisson process (dispersion {:.2f}, p = {:.3f}): the hourly rates and Poisson "
          "intervals hold.",
          "每日工单数符合泊松过程（离散度 {:.2f}，p = {:.3f}）：按小时的到达率和泊松区间成立。");
DT_PHRASE(
    kOverdispersed,
    "Poisson does not fit: daily counts vary more than a Poisson process allows (dispersion {:.2f}, p = {:.2g}). "
    "The rates are averages over days that differ (weather, events); forecast intervals use a negative "
    "binomial with size {:.3g}.",
    "泊松模型不适用：每日工单数的波动超出泊松过程的范围（离散度 {:.2f}，p = {:.2g}）。到达率是各天差异较大时的平均值"
    "（天气、活动等）；预测区间改用负二项分布，规模参数 {:.3g}。");
DT_PHRASE(kDispersionUntested, "Too few days to test for overdispersion.", "天数太少，无法检验过度离散。");
DT_PHRASE(kServiceChosen, "{}: service time {} (lowest AIC of 4 candidates; KS distance {:.3f}, p = {:.2f}).",
          "{}：现场处理时间 {}（4 种候选分布中 AIC 最低；KS 距离 {:.3f}，p = {:.2f}）。");
DT_PHRASE(kServiceTooFew, "{}: {} service times, fewer than {}; the scenario's service time is kept.",
          "{}：只有 {} 个处理时间，少于 {} 个；保留场景原有的处理时间。");
DT_PHRASE(kNoOrdersOfType, "{}: no work orders in the history; the scenario's demand for it is kept.",
          "{}：历史中没有此类工单；保留场景原有的需求设置。");
DT_PHRASE(kNotRepresented,
          "fitted_scenario.yaml gets each type's rate by hour of day (averaged over weekdays) and its service time; "
          "the scenario's arrival model has no weekday or building effect, so the weekday factors and place shares are "
          "in summary.json and place_shares.csv.",
          "fitted_scenario.yaml 写入各类型按小时的到达率（一周各天平均）及处理时间；场景的到达模型不区分星期和楼栋，"
          "因此星期系数和地点占比写在 summary.json 和 place_shares.csv 中。");
DT_PHRASE(kWeekdayWritten, "fitted_scenario.yaml has the rates for weekday {} (factor {:.2f}).",
          "fitted_scenario.yaml 写入的是{}的到达率（星期系数 {:.2f}）。");
DT_PHRASE(kHeldOutLine,
          "Held-out {} days ({} to {}): {} work orders observed, {:.1f} forecast from the {} days before.",
          "留出的 {} 天（{} 至 {}）：实际 {} 条工单，预测 {:.1f} 条（依据之前 {} 天）。");
DT_PHRASE(kAccuracyLine,
          "Accuracy (1 − WAPE) by place × hour of day: {:.1f} %. A forecast that knew the true rates would score "
          "about {:.1f} % at this resolution (Poisson noise); the seeds' 89.2 % is {}.",
          "按地点 × 小时的准确率（1 − WAPE）：{:.1f} %。即使完全知道真实到达率，在此粒度上的期望得分也只有约 {:.1f} %"
          "（泊松噪声）；种子文档的 89.2 % {}。");
DT_PHRASE(kReached, "reached", "已达到");
DT_PHRASE(kNotReached, "not reached", "未达到");
DT_PHRASE(kCoarserLine,
          "By hour of day over the whole site: {:.1f} %; by place over the days: {:.1f} %; by place × day × hour: "
          "{:.1f} %. {:.1f} % of place × day × hour cells fell inside their 95 % interval.",
          "全小区按小时：{:.1f} %；按地点汇总：{:.1f} %；按地点 × 日 × 小时：{:.1f} %。"
          "{:.1f} % 的地点 × 日 × 小时单元落在其 95 % 区间内。");
DT_PHRASE(kNextLine,
          "Next {} days ({} to {}): {:.0f} work orders expected; forecast.csv has every place × day × hour "
          "with its 95 % interval.",
          "未来 {} 天（{} 至 {}）：预计 {:.0f} 条工单；forecast.csv 列出每个地点 × 日 × 小时的预测及其 95 % 区间。");
// report.html
DT_PHRASE(kFitTitle, "Demand fitted from the work-order history", "根据工单历史拟合的服务需求");
DT_PHRASE(kForecastTitle, "Demand forecast from the work-order history", "根据工单历史的需求预测");
DT_PHRASE(kHistoryMeta, "drilltwin {} · {} · history {}", "drilltwin {} · {} · 工单历史 {}");
DT_PHRASE(kTypesTitle, "Rates and service times by type", "各类型的到达率与处理时间");
DT_PHRASE(kColType, "type", "类型");
DT_PHRASE(kColOrders, "orders", "工单数");
DT_PHRASE(kColPerDay, "per day", "每日");
DT_PHRASE(kColDispersion, "dispersion (p)", "离散度（p）");
DT_PHRASE(kColService, "service time (AIC best)", "处理时间（AIC 最优）");
DT_PHRASE(kColKs, "KS distance (p)", "KS 距离（p）");
DT_PHRASE(kCandidatesTitle, "Service-time candidates (maximum likelihood)", "处理时间候选分布（最大似然）");
DT_PHRASE(kColCandidate, "distribution", "分布");
DT_PHRASE(kColLogLik, "log-likelihood", "对数似然");
DT_PHRASE(kWeekdayTitle, "Weekday factors (1 = an average day; 95 % interval)", "星期系数（1 = 平均一天；95 % 区间）");
DT_PHRASE(kWeekdayNames, "Mon,Tue,Wed,Thu,Fri,Sat,Sun", "周一,周二,周三,周四,周五,周六,周日");
DT_PHRASE(kRatesByType, "Fitted rate by type × hour of day (orders a day)", "拟合到达率：类型 × 小时（每日工单数）");
DT_PHRASE(kRatesByPlace, "Fitted rate by place × hour of day (orders a week)", "拟合到达率：地点 × 小时（每周工单数）");
DT_PHRASE(kLegendPerDay, "a day", "每日");
DT_PHRASE(kLegendPerWeek, "orders", "工单数");
DT_PHRASE(kObservedMap, "Observed, held-out days: place × hour of day", "实际（留出天数）：地点 × 小时");
DT_PHRASE(kForecastMap, "Forecast of the held-out days: place × hour of day", "对留出天数的预测：地点 × 小时");
DT_PHRASE(kNextMap, "Forecast of the next days: place × hour of day", "未来几天的预测：地点 × 小时");
DT_PHRASE(kAccuracyTitle, "Accuracy on the held-out days", "留出天数上的预测准确率");
DT_PHRASE(
    kMethodNote,
    "Method: the log-linear Poisson model λ = a[type][hour] · f[weekday] · s[type][place] fitted by maximum "
    "likelihood; accuracy = 1 − Σ|observed − forecast| / Σ observed over the cells named (docs/demand.md).",
    "方法：对数线性泊松模型 λ = a[类型][小时] · f[星期] · s[类型][地点]，最大似然拟合；准确率 = 1 − Σ|实际 − 预测| / "
    "Σ实际，按所列单元计算（见 docs/demand.md）。");
DT_PHRASE(kColLevel, "cells", "单元");
DT_PHRASE(kColAccuracy, "1 − WAPE", "准确率（1 − WAPE）");
DT_PHRASE(kLevelPlaceHour, "place × hour of day", "地点 × 小时");
DT_PHRASE(kLevelCeiling, "place × hour of day, true rates known (Poisson ceiling)",
          "地点 × 小时，已知真实到达率（泊松上限）");
DT_PHRASE(kLevelHour, "hour of day, whole site", "全小区 × 小时");
DT_PHRASE(kLevelPlace, "place", "地点");
DT_PHRASE(kLevelCell, "place × day × hour", "地点 × 日 × 小时");
DT_PHRASE(kLevelCoverage, "place × day × hour inside the 95 % interval", "地点 × 日 × 小时落在 95 % 区间内的比例");

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require_dispatch_layout(const PreparedScenario& p, const char* command) {
  if (!p.site || !p.site->dispatch || !p.site->dispatch->travel)
    throw InputError(SourcePos{p.config.source_file, 0, 0}, say(kNeedsDispatchLayout, command));
}

WorkOrderHistory read_history(const PreparedScenario& p, const std::string& path) {
  const DemandModel shape = scenario_demand(*p.site->dispatch);
  return read_work_order_history(path, shape.types, shape.places);
}

std::string esc(const std::string& s) { return xml_escape(s); }
std::string pct(double v) { return std::isnan(v) ? "–" : fmt::format("{:.1f} %", 100.0 * v); }

std::string weekday_name(int w) {
  const std::string all = say(kWeekdayNames);
  std::size_t start = 0;
  for (int i = 0; i < w; ++i) start = all.find(',', start) + 1;
  const std::size_t end = all.find(',', start);
  return all.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

DT_PHRASE(kDistExponential, "exponential (mean {:.1f} min)", "指数分布（均值 {:.1f} min）");
DT_PHRASE(kDistLognormal, "lognormal (mean {:.1f} min, sd {:.1f} min)",
          "对数正态分布（均值 {:.1f} min，标准差 {:.1f} min）");
DT_PHRASE(kDistGamma, "gamma (mean {:.1f} min, sd {:.1f} min)", "伽马分布（均值 {:.1f} min，标准差 {:.1f} min）");
DT_PHRASE(kDistWeibull, "Weibull (shape {:.2f}, scale {:.1f} min)", "威布尔分布（形状 {:.2f}，尺度 {:.1f} min）");

std::string candidate_text(const ServiceCandidate& c) {
  if (c.name == "exponential") return say(kDistExponential, c.first / 60);
  if (c.name == "weibull") return say(kDistWeibull, c.first, c.second / 60);
  return say(c.name == "gamma" ? kDistGamma : kDistLognormal, c.first / 60, c.second / 60);
}

// The chosen service-time distribution as a scenario's YAML value (times in seconds).
YamlNode service_node(const ServiceCandidate& c) {
  const SourcePos none;
  YamlNode m = YamlNode::make_map(none);
  auto put = [&](const char* key, std::string value) {
    m.append_entry(YamlNode::make_scalar(key, none), YamlNode::make_scalar(std::move(value), none));
  };
  put("dist", c.name);
  if (c.name == "exponential") {
    put("mean", fmt::format("{:.1f} s", c.first));
  } else if (c.name == "weibull") {
    put("shape", fmt::format("{:.6g}", c.first));
    put("lambda", fmt::format("{:.1f} s", c.second));
  } else {
    put("mean", fmt::format("{:.1f} s", c.first));
    put("sd", fmt::format("{:.1f} s", c.second));
  }
  return m;
}

nlohmann::json dispersion_json(const DispersionTest& d) {
  return {{"pearson_x2", d.pearson},
          {"df", d.df},
          {"ratio", d.ratio},
          {"p_value", d.p_value},
          {"overdispersed", d.overdispersed},
          {"nb_size", std::isinf(d.nb_size) ? nlohmann::json() : nlohmann::json(d.nb_size)}};
}

std::vector<std::string> fit_headline(const WorkOrderHistory& h, const DemandFit& f) {
  std::vector<std::string> lines;
  lines.push_back(say(kFitLine, f.orders, f.days, format_day(f.first_day), format_day(f.first_day + f.days - 1),
                      h.types.size(), h.places.size()));
  const DispersionTest& d = f.dispersion;
  if (d.df < 1)
    lines.push_back(say(kDispersionUntested));
  else if (d.overdispersed)
    lines.push_back(say(kOverdispersed, d.ratio, d.p_value, d.nb_size));
  else
    lines.push_back(say(kPoissonFits, d.ratio, d.p_value));
  for (std::size_t t = 0; t < h.types.size(); ++t) {
    const ServiceFit& s = f.service[t];
    if (f.type_count[t] == 0)
      lines.push_back(say(kNoOrdersOfType, h.types[t]));
    else if (!s.fitted())
      lines.push_back(say(kServiceTooFew, h.types[t], s.n, kMinServiceTimes));
    else
      lines.push_back(say(kServiceChosen, h.types[t], candidate_text(s.candidates[s.chosen]),
                          s.candidates[s.chosen].ks_d, s.candidates[s.chosen].ks_p));
  }
  lines.push_back(say(kNotRepresented));
  return lines;
}

nlohmann::json fit_json(const WorkOrderHistory& h, const DemandFit& f) {
  nlohmann::json j;
  j["first_day"] = format_day(f.first_day);
  j["days"] = f.days;
  j["orders"] = f.orders;
  j["model"] =
      "rate(type, place, weekday, hour) = rate_per_h[type][hour] * weekday_factor[weekday] * place_share[type][place]";
  j["weekday_factor"] = f.model.weekday_factor;
  nlohmann::json wlo = nlohmann::json::array(), whi = nlohmann::json::array();
  for (const CountInterval& ci : f.weekday_ci) {
    wlo.push_back(ci.low);
    whi.push_back(ci.high);
  }
  j["weekday_factor_ci95_low"] = wlo;
  j["weekday_factor_ci95_high"] = whi;
  j["dispersion"] = dispersion_json(f.dispersion);
  j["overdispersion_level"] = kOverdispersionLevel;
  nlohmann::json types = nlohmann::json::object();
  for (std::size_t t = 0; t < h.types.size(); ++t) {
    nlohmann::json ty;
    ty["orders"] = f.type_count[t];
    ty["per_day"] = f.days > 0 ? static_cast<double>(f.type_count[t]) / f.days : kNaN;
    nlohmann::json rate = nlohmann::json::array(), lo = nlohmann::json::array(), hi = nlohmann::json::array();
    for (std::size_t hr = 0; hr < 24; ++hr) {
      rate.push_back(f.model.rate_per_h[t][hr]);
      lo.push_back(f.hour_ci[t][hr].low);
      hi.push_back(f.hour_ci[t][hr].high);
    }
    ty["rate_per_h"] = rate;
    ty["rate_per_h_ci95_low"] = lo;
    ty["rate_per_h_ci95_high"] = hi;
    ty["dispersion"] = dispersion_json(f.dispersion_by_type[t]);
    const ServiceFit& s = f.service[t];
    nlohmann::json sv{{"n", s.n}, {"mean_s", s.mean_s}, {"sd_s", s.sd_s}};
    nlohmann::json cands = nlohmann::json::array();
    for (const ServiceCandidate& c : s.candidates)
      cands.push_back({{"dist", c.name},
                       {"first", c.first},
                       {"second", c.second},
                       {"log_likelihood", c.log_likelihood},
                       {"aic", c.aic},
                       {"ks_d", c.ks_d},
                       {"ks_p", c.ks_p}});
    sv["candidates"] = cands;
    sv["chosen"] = s.fitted() ? nlohmann::json(s.candidates[s.chosen].name) : nlohmann::json();
    ty["service_time"] = sv;
    types[h.types[t]] = ty;
  }
  j["types"] = types;
  return j;
}

std::string page_start(const std::string& title, const std::string& scenario, const std::string& kind,
                       const std::string& history) {
  std::string h = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n", lang_code(lang()));
  h += "<title>" + esc(title) + " · " + esc(scenario) + "</title>\n";
  h += "<style>" + std::string(report_stylesheet()) + "</style></head><body>\n";
  h += "<h1>" + esc(title) + "</h1>\n";
  h += "<p class=\"meta\">" + esc(say(kHistoryMeta, DRILLTWIN_VERSION, scenario + " · " + kind, history)) + "</p>\n";
  return h;
}

std::string answer_block(const std::vector<std::string>& lines) {
  std::string h = "<div class=\"answer\">\n";
  for (const std::string& l : lines) h += "<p>" + esc(l) + "</p>\n";
  return h + "</div>\n";
}

// Heatmap cells as shown: one decimal (the labels stay short; below 0.05 a cell shows empty).
std::vector<std::vector<double>> one_decimal(std::vector<std::vector<double>> cells) {
  for (auto& row : cells)
    for (double& v : row) v = std::round(v * 10.0) / 10.0;
  return cells;
}

std::string fit_report(const std::string& scenario, const WorkOrderHistory& h, const DemandFit& f,
                       const std::vector<std::string>& headline) {
  std::string page = page_start(say(kFitTitle), scenario, "fit-demand", h.source);
  page += answer_block(headline);
  // Types.
  page += "<h2>" + esc(say(kTypesTitle)) + "</h2>\n<div class=\"tbl\"><table><tr><th class=\"l\">" +
          esc(say(kColType)) + "</th><th>" + esc(say(kColOrders)) + "</th><th>" + esc(say(kColPerDay)) + "</th><th>" +
          esc(say(kColDispersion)) + "</th><th class=\"l\">" + esc(say(kColService)) + "</th><th>" + esc(say(kColKs)) +
          "</th></tr>\n";
  for (std::size_t t = 0; t < h.types.size(); ++t) {
    const ServiceFit& s = f.service[t];
    const DispersionTest& d = f.dispersion_by_type[t];
    page += fmt::format(
        "<tr><td class=\"l\">{}</td><td>{}</td><td>{:.2f}</td><td>{}</td><td class=\"l\">{}</td><td>{}</td></tr>\n",
        esc(h.types[t]), f.type_count[t], f.days > 0 ? static_cast<double>(f.type_count[t]) / f.days : 0.0,
        d.df >= 1 ? fmt::format("{:.2f} ({:.3f})", d.ratio, d.p_value) : "–",
        s.fitted() ? esc(candidate_text(s.candidates[s.chosen])) : "–",
        s.fitted() ? fmt::format("{:.3f} ({:.2f})", s.candidates[s.chosen].ks_d, s.candidates[s.chosen].ks_p) : "–");
  }
  page += "</table></div>\n";
  // Candidates.
  page += "<details><summary>" + esc(say(kCandidatesTitle)) +
          "</summary><div class=\"tbl\"><table><tr><th class=\"l\">" + esc(say(kColType)) + "</th><th class=\"l\">" +
          esc(say(kColCandidate)) + "</th><th>" + esc(say(kColLogLik)) + "</th><th>AIC</th><th>" + esc(say(kColKs)) +
          "</th></tr>\n";
  for (std::size_t t = 0; t < h.types.size(); ++t)
    for (std::size_t c = 0; c < f.service[t].candidates.size(); ++c) {
      const ServiceCandidate& k = f.service[t].candidates[c];
      page += fmt::format(
          "<tr><td class=\"l\">{}</td><td class=\"l\">{}{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.3f} "
          "({:.2f})</td></tr>\n",
          esc(h.types[t]), esc(candidate_text(k)), c == f.service[t].chosen ? " ✓" : "", k.log_likelihood, k.aic,
          k.ks_d, k.ks_p);
    }
  page += "</table></div></details>\n";
  // Weekdays.
  page += "<h2>" + esc(say(kWeekdayTitle)) + "</h2>\n<div class=\"tbl\"><table><tr>";
  for (int w = 0; w < 7; ++w) page += "<th>" + esc(weekday_name(w)) + "</th>";
  page += "</tr>\n<tr>";
  for (std::size_t w = 0; w < 7; ++w)
    page += fmt::format("<td>{:.2f} <span class=\"ci\">[{:.2f}, {:.2f}]</span></td>", f.model.weekday_factor[w],
                        f.weekday_ci[w].low, f.weekday_ci[w].high);
  page += "</tr></table></div>\n";
  // Heatmaps: by type (orders a day) and by place (orders a week).
  std::vector<std::vector<double>> by_type, by_place(h.places.size(), std::vector<double>(24, 0.0));
  for (std::size_t t = 0; t < h.types.size(); ++t)
    by_type.emplace_back(f.model.rate_per_h[t].begin(), f.model.rate_per_h[t].end());
  for (std::size_t p = 0; p < h.places.size(); ++p)
    for (int w = 0; w < 7; ++w)
      for (int hr = 0; hr < 24; ++hr)
        for (std::size_t t = 0; t < h.types.size(); ++t)
          by_place[p][static_cast<std::size_t>(hr)] += f.model.rate(t, p, w, hr);
  page += "<div class=\"charts\"><figure>" +
          hour_heatmap_svg(h.types, one_decimal(by_type), say(kRatesByType), "demand:fit:type", say(kLegendPerDay), 0,
                           8, 81, 156) +
          "</figure><figure>" +
          hour_heatmap_svg(h.places, one_decimal(by_place), say(kRatesByPlace), "demand:fit:place", say(kLegendPerWeek),
                           0, 8, 81, 156) +
          "</figure></div>\n";
  page += "<p class=\"note\">" + esc(say(kMethodNote)) + "</p>\n</body></html>\n";
  return page;
}

std::string rates_csv(const WorkOrderHistory& h, const DemandFit& f) {
  CsvWriter w;
  for (const char* c : {"type", "hour", "orders", "rate_per_h", "ci95_low", "ci95_high"}) w.field(c);
  w.end_row();
  for (std::size_t t = 0; t < h.types.size(); ++t)
    for (std::size_t hr = 0; hr < 24; ++hr)
      w.field(h.types[t])
          .field(fmt::format("{}", hr))
          .field(fmt::format("{}", f.hour_count[t][hr]))
          .field(fmt::format("{:.6g}", f.model.rate_per_h[t][hr]))
          .field(fmt::format("{:.6g}", f.hour_ci[t][hr].low))
          .field(fmt::format("{:.6g}", f.hour_ci[t][hr].high))
          .end_row();
  return w.take();
}

std::string shares_csv(const WorkOrderHistory& h, const DemandFit& f) {
  CsvWriter w;
  for (const char* c : {"type", "place", "orders", "share"}) w.field(c);
  w.end_row();
  for (std::size_t t = 0; t < h.types.size(); ++t)
    for (std::size_t p = 0; p < h.places.size(); ++p)
      w.field(h.types[t])
          .field(h.places[p])
          .field(fmt::format("{}", f.place_count[t][p]))
          .field(fmt::format("{:.6g}", f.model.place_share[t][p]))
          .end_row();
  return w.take();
}

std::string forecast_csv(const DemandForecast& fc) {
  CsvWriter w;
  for (const char* c : {"date", "weekday", "hour", "place", "mean", "low95", "high95"}) w.field(c);
  w.end_row();
  for (uint32_t d = 0; d < fc.days; ++d)
    for (int hr = 0; hr < 24; ++hr)
      for (std::size_t p = 0; p < fc.places.size(); ++p) {
        const std::size_t c = fc.cell(d, hr, p);
        w.field(format_day(fc.first_day + d))
            .field(fmt::format("{}", weekday_of_epoch_day(fc.first_day + d) + 1))
            .field(fmt::format("{}", hr))
            .field(fc.places[p])
            .field(fmt::format("{:.6g}", fc.mean[c]))
            .field(fmt::format("{}", fc.low[c]))
            .field(fmt::format("{}", fc.high[c]))
            .end_row();
      }
  return w.take();
}

std::vector<std::vector<double>> place_hour_means(const DemandForecast& fc) {
  std::vector<std::vector<double>> m(fc.places.size(), std::vector<double>(24, 0.0));
  for (uint32_t d = 0; d < fc.days; ++d)
    for (int hr = 0; hr < 24; ++hr)
      for (std::size_t p = 0; p < fc.places.size(); ++p)
        m[p][static_cast<std::size_t>(hr)] += fc.mean[fc.cell(d, hr, p)];
  return m;
}

}  // namespace

std::string default_demand_dir(const ScenarioConfig& sc, const std::string& command) {
  return "results/" + sc.name + (command == "forecast" ? "-forecast" : "-demand");
}

FitDemandResult fit_demand_job(const PreparedScenario& prepared, const YamlNode& document,
                               const DemandJobOptions& options) {
  require_dispatch_layout(prepared, "fit-demand");
  FitDemandResult r;
  r.history = read_history(prepared, options.history_path);
  r.fit = fit_demand(r.history);
  r.headline = fit_headline(r.history, r.fit);
  if (options.weekday)
    r.headline.push_back(say(kWeekdayWritten, weekday_name(*options.weekday),
                             r.fit.model.weekday_factor[static_cast<std::size_t>(*options.weekday)]));
  if (options.out_dir.empty()) return r;

  YamlNode fitted = document;
  for (std::size_t t = 0; t < r.history.types.size(); ++t) {
    if (r.fit.type_count[t] == 0) continue;
    const ServiceFit& s = r.fit.service[t];
    std::array<double, 24> rates = r.fit.model.rate_per_h[t];
    if (options.weekday)
      for (double& v : rates) v *= r.fit.model.weekday_factor[static_cast<std::size_t>(*options.weekday)];
    (void)set_incident_demand(fitted, r.history.types[t], rates,
                              s.fitted() ? service_node(s.candidates[s.chosen]) : YamlNode());
  }
  std::string yaml = "# " + prepared.config.name + " with demand fitted by `drilltwin fit-demand` from " +
                     r.history.source + "\n# (" + std::to_string(r.fit.orders) + " work orders, " +
                     std::to_string(r.fit.days) + " days; docs/demand.md). Includes are inlined.\n";
  yaml += yaml_document_text(fitted);

  nlohmann::json j;
  j["drilltwin_version"] = DRILLTWIN_VERSION;
  j["command"] = "fit-demand";
  j["scenario"] = prepared.config.name;
  j["history"] = r.history.source;
  j["headline"] = r.headline;
  j["scenario_weekday"] = options.weekday ? nlohmann::json(*options.weekday + 1) : nlohmann::json();
  j["fit"] = fit_json(r.history, r.fit);

  StagedDirectory out(options.out_dir, OutputRun{"fit-demand", prepared.config.name, 0, 0, {}});
  out.write("summary.json", j.dump(2) + "\n");
  out.write("report.html", fit_report(prepared.config.name, r.history, r.fit, r.headline));
  out.write("rates_by_hour.csv", rates_csv(r.history, r.fit));
  out.write("place_shares.csv", shares_csv(r.history, r.fit));
  out.write("fitted_scenario.yaml", yaml);
  if (options.cancel != nullptr && options.cancel->load()) {
    r.status = JobStatus::Interrupted;
    return r;
  }
  out.commit();
  return r;
}

ForecastResult forecast_job(const PreparedScenario& prepared, const DemandJobOptions& options) {
  require_dispatch_layout(prepared, "forecast");
  ForecastResult r;
  r.history = read_history(prepared, options.history_path);
  const int64_t first = r.history.first_day(), last = r.history.last_day();
  const auto days = static_cast<uint32_t>(last - first + 1);
  const uint32_t min_training = 7;
  if (days < options.holdout_days + min_training)
    throw InputError(SourcePos{r.history.source, 0, 0},
                     say(kHistoryTooShort, days, options.holdout_days, min_training));
  const uint32_t training_days = days - options.holdout_days;
  r.training = fit_demand(r.history, first, training_days);
  r.held_out = forecast_demand(r.training, first + training_days, options.holdout_days);
  r.accuracy = score_forecast(r.held_out, r.history);
  r.full = fit_demand(r.history, first, days);
  r.next = forecast_demand(r.full, last + 1, options.horizon_days);
  double next_total = 0;
  for (const double m : r.next.mean) next_total += m;

  const ForecastAccuracy& a = r.accuracy;
  r.headline.push_back(say(kHeldOutLine, options.holdout_days, format_day(first + training_days), format_day(last),
                           a.observed, a.forecast, training_days));
  r.headline.push_back(say(kAccuracyLine, 100 * a.accuracy_place_hour, 100 * a.poisson_ceiling_place_hour,
                           say(a.accuracy_place_hour >= 0.892 ? kReached : kNotReached)));
  r.headline.push_back(say(kCoarserLine, 100 * a.accuracy_hour, 100 * a.accuracy_place,
                           100 * a.accuracy_place_hour_of_week, 100 * a.coverage));
  const DispersionTest& d = r.full.dispersion;
  if (d.df >= 1)
    r.headline.push_back(d.overdispersed ? say(kOverdispersed, d.ratio, d.p_value, d.nb_size)
                                         : say(kPoissonFits, d.ratio, d.p_value));
  r.headline.push_back(
      say(kNextLine, options.horizon_days, format_day(last + 1), format_day(last + options.horizon_days), next_total));
  if (options.out_dir.empty()) return r;

  nlohmann::json j;
  j["drilltwin_version"] = DRILLTWIN_VERSION;
  j["command"] = "forecast";
  j["scenario"] = prepared.config.name;
  j["history"] = r.history.source;
  j["headline"] = r.headline;
  j["method"] =
      "log-linear Poisson model fitted on the days before; Poisson (or negative binomial when overdispersed) 95 % "
      "prediction intervals";
  j["held_out"] = {{"first_day", format_day(first + training_days)},
                   {"days", options.holdout_days},
                   {"training_days", training_days},
                   {"observed", a.observed},
                   {"forecast", a.forecast},
                   {"accuracy_place_hour", a.accuracy_place_hour},
                   {"poisson_ceiling_place_hour", a.poisson_ceiling_place_hour},
                   {"accuracy_hour", a.accuracy_hour},
                   {"accuracy_place", a.accuracy_place},
                   {"accuracy_place_day_hour", a.accuracy_place_hour_of_week},
                   {"interval_coverage", a.coverage},
                   {"seeds_target", 0.892}};
  j["next"] = {{"first_day", format_day(last + 1)},
               {"days", options.horizon_days},
               {"expected_orders", next_total},
               {"nb_size", std::isinf(r.next.nb_size) ? nlohmann::json() : nlohmann::json(r.next.nb_size)}};
  j["fit"] = fit_json(r.history, r.full);

  std::string page = page_start(say(kForecastTitle), prepared.config.name, "forecast", r.history.source);
  page += answer_block(r.headline);
  double top = 0;
  for (const auto& row : a.observed_place_hour)
    for (const double v : row) top = std::max(top, v);
  for (const auto& row : a.forecast_place_hour)
    for (const double v : row) top = std::max(top, v);
  page += "<h2>" + esc(say(kAccuracyTitle)) + "</h2>\n<div class=\"charts\"><figure>" +
          hour_heatmap_svg(r.history.places, a.observed_place_hour, say(kObservedMap), "demand:observed:place",
                           say(kLegendPerWeek), top, 8, 81, 156) +
          "</figure><figure>" +
          hour_heatmap_svg(r.history.places, one_decimal(a.forecast_place_hour), say(kForecastMap),
                           "demand:forecast:place", say(kLegendPerWeek), top, 8, 81, 156) +
          "</figure></div>\n";
  page += "<div class=\"tbl\"><table><tr><th class=\"l\">" + esc(say(kColLevel)) + "</th><th>" +
          esc(say(kColAccuracy)) + "</th></tr>\n";
  const std::pair<const Phrase*, double> rows[] = {{&kLevelPlaceHour, a.accuracy_place_hour},
                                                   {&kLevelCeiling, a.poisson_ceiling_place_hour},
                                                   {&kLevelHour, a.accuracy_hour},
                                                   {&kLevelPlace, a.accuracy_place},
                                                   {&kLevelCell, a.accuracy_place_hour_of_week},
                                                   {&kLevelCoverage, a.coverage}};
  for (const auto& [label, value] : rows)
    page += "<tr><td class=\"l\">" + esc(say(*label)) + "</td><td>" + pct(value) + "</td></tr>\n";
  page += "</table></div>\n";
  page += "<h2>" + esc(say(kNextMap)) + "</h2>\n<div class=\"charts\"><figure>" +
          hour_heatmap_svg(r.history.places, one_decimal(place_hour_means(r.next)), say(kNextMap), "demand:next:place",
                           say(kLegendPerWeek), 0, 8, 81, 156) +
          "</figure></div>\n";
  page += "<p class=\"note\">" + esc(say(kMethodNote)) + "</p>\n</body></html>\n";

  StagedDirectory out(options.out_dir, OutputRun{"forecast", prepared.config.name, 0, 0, {}});
  out.write("summary.json", j.dump(2) + "\n");
  out.write("report.html", page);
  out.write("forecast.csv", forecast_csv(r.next));
  if (options.cancel != nullptr && options.cancel->load()) {
    r.status = JobStatus::Interrupted;
    return r;
  }
  out.commit();
  return r;
}

std::string synthetic_history_csv(const PreparedScenario& prepared, const SynthesisOptions& synthesis,
                                  const std::array<double, 7>& weekday_factor,
                                  const std::vector<std::string>& comment) {
  require_dispatch_layout(prepared, "synth-history");
  const DispatchConfig& c = *prepared.site->dispatch;
  DemandModel truth = scenario_demand(c);
  truth.weekday_factor = weekday_factor;
  std::vector<Distribution> service;
  std::vector<uint8_t> priority;
  for (const IncidentType& t : c.types) {
    service.push_back(t.service_time);
    priority.push_back(t.priority);
  }
  return work_order_history_csv(synthesize_history(truth, service, priority, synthesis), comment);
}

}  // namespace dt::jobs
