#include "engine/output/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/headline.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"
#include "engine/output/report_insights.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {

DT_PHRASE(kAnswer, "The answer", "结论");
DT_PHRASE(kTargets, "Targets", "目标");
DT_PHRASE(kTargetCol, "target", "目标");
DT_PHRASE(kValueCol, "value", "数值");
DT_PHRASE(kStatusCol, "status", "状态");
DT_PHRASE(kKpiCol, "KPI", "指标");
DT_PHRASE(kUnitCol, "unit", "单位");
DT_PHRASE(kMeanCol, "mean", "均值");
DT_PHRASE(kCiCol, "95 % CI", "95% 置信区间");
DT_PHRASE(kVariantCol, "variant", "方案");
DT_PHRASE(kKeyFigures, "Key figures", "关键指标");
DT_PHRASE(kKeyFiguresNote, "Mean over replications with its 95 % confidence interval; p50 and p95 are the median and 95th percentile of the replication values. Durations as h:mm:ss.",
          "各次运行的均值及其 95% 置信区间；p50、p95 为各次运行数值的中位数和第 95 百分位数。时长格式为 时:分:秒。");
DT_PHRASE(kStatusNote, "Status: met (green); nearly met (amber: missed by at most 5 %, or met by the mean but not by its whole 95 % interval when the target asks for confidence); missed (red).",
          "状态：达标（绿）；接近达标（黄：差距不超过 5%，或要求置信度时均值达标但 95% 置信区间未全部达标）；未达标（红）。");
DT_PHRASE(kMoreKpis, "{} more KPIs per building, stair, exit, …", "另有 {} 项按楼栋、楼梯、出口等细分的指标");
DT_PHRASE(kMoreKpisJson, "{} more KPIs per building, stair, exit, … are in summary.json.", "另有 {} 项按楼栋、楼梯、出口等细分的指标，见 summary.json。");
DT_PHRASE(kFirstPoints, "The first {} of {} points; all of them are in results.sqlite.", "仅列出前 {} 个点（共 {} 个）；全部见 results.sqlite。");
DT_PHRASE(kDifferences, "Differences to the baseline", "与基准方案的差异");
DT_PHRASE(kDifferencesNote, "Paired differences over the same replications (common random numbers) with their 95 % confidence interval; * marks a difference whose interval excludes 0 (significant). Baseline: {}.",
          "同一组随机数下逐次运行配对的差值及其 95% 置信区间；* 表示置信区间不含 0（差异显著）。基准方案：{}。");
DT_PHRASE(kEvacuation, "Evacuation", "疏散");
DT_PHRASE(kEvacuationIntro, "How many people are safe over time, across replications.", "各时刻已到达安全区的人数（跨多次运行）。");
DT_PHRASE(kQueues, "Queues per stair and exit", "各楼梯与出口的排队");
DT_PHRASE(kQueuesIntro, "People waiting at the entry of each stair and exit.", "在各楼梯、出口入口处等候的人数。");
DT_PHRASE(kOther, "Other series", "其他曲线");
DT_PHRASE(kQueuesShown, "The {} longest queues of the {} places where anyone waited; every place's peak is in the table below and in summary.json.",
          "仅显示排队最长的 {} 处（共 {} 处有人等候）；各处的最大排队人数见下表及 summary.json。");
DT_PHRASE(kStaff, "Staff utilisation", "人员利用率");
DT_PHRASE(kStaffIntro, "Busy staff-time over available staff-time: mean with its 95 % confidence interval.", "忙碌工时占可用工时的比例：均值及其 95% 置信区间。");
DT_PHRASE(kEntities, "Per building, stair and exit", "按楼栋、楼梯与出口");
DT_PHRASE(kResponse, "Response times", "响应时间");
DT_PHRASE(kResponseBoxes, "Per variant: box 25–75 %, line median, dot mean, whiskers min–max.", "每个方案：箱体为 25–75%，横线为中位数，圆点为均值，须线为最小–最大值。");
DT_PHRASE(kResponseMeans, "The mean response time of each replication.", "每次运行的平均响应时间。");
DT_PHRASE(kMeanResponse, "Mean response time per replication", "每次运行的平均响应时间");
DT_PHRASE(kSweepSection, "KPIs against the swept parameters", "指标随扫描参数的变化");
DT_PHRASE(kSweepIntro, "Mean of each point with its 95 % confidence interval; all points ran the same replications (common random numbers). Dashed red: the target.",
          "每个点的均值及其 95% 置信区间；所有点使用相同的随机数（公共随机数）。红色虚线为目标。");
DT_PHRASE(kDist, "Each KPI across replications", "各指标在多次运行中的分布");
DT_PHRASE(kDistOne, "Histogram of the value of each KPI in each replication.", "每项指标在各次运行中取值的直方图。");
DT_PHRASE(kConstant, "Constant across replications: {} ({}) in every run.", "各次运行取值相同：{}（{}）。");
DT_PHRASE(kReplicationsAxis, "replications", "运行次数");
DT_PHRASE(kTimeAxis, "time [{}]", "时间 [{}]");
DT_PHRASE(kShareOfSamples, "share of samples", "样本占比");
DT_PHRASE(kAllReplications, "all replications", "全部运行");
DT_PHRASE(kPoint, "point {}", "点 {}");
DT_PHRASE(kFirstShown, " The first {} of {} are shown.", "仅显示前 {} 个（共 {} 个）。");
DT_PHRASE(kCurveNoteOne, "Line: median across replications; dark band: 10–90 %; light band: min–max.", "线：各次运行的中位数；深色带：10–90%；浅色带：最小–最大。");
DT_PHRASE(kCurveNoteMany, "Lines: median across replications; bands: 10–90 %.", "线：各次运行的中位数；色带：10–90%。");
DT_PHRASE(kSamplesNote, "Every sample of every replication, pooled.", "汇总所有运行的全部样本。");
DT_PHRASE(kFamilyNote, "Mean over replications with its 95 % confidence interval, per {}.", "每个{}的均值及其 95% 置信区间。");
DT_PHRASE(kCombinations, "The first {} of {} combinations of the other parameters are shown.", "仅显示其他参数组合中的前 {} 种（共 {} 种）。");
DT_PHRASE(kMeta, "drilltwin {} {} · seed {} · {} replications", "drilltwin {} {} · 种子 {} · {} 次运行");
DT_PHRASE(kMetaPer, " per {} · {} {}", " 每个{} · 共 {} 个{}");
DT_PHRASE(kPointWord, "point", "点");
DT_PHRASE(kPointsWord, "points", "点");
DT_PHRASE(kVariantWord, "variant", "方案");
DT_PHRASE(kVariantsWord, "variants", "方案");
DT_PHRASE(kSwept, " · swept: {}", " · 扫描参数：{}");
DT_PHRASE(kTargetLabel, "target {}", "目标 {}");
DT_PHRASE(kDetailsTable, "Every KPI in detail", "全部指标明细");

constexpr std::size_t kMaxBoxes = 40;       // box plots per chart
constexpr std::size_t kMaxLines = 10;       // variants drawn in one curve chart
constexpr std::size_t kMaxTableRows = 500;  // variants in the KPI table
constexpr std::size_t kCurveGrid = 121;     // points at which curves are compared across replications
constexpr std::size_t kMaxQueueCharts = 8;  // queue-over-time charts, the longest queues first

constexpr const char* kCss = R"css(
body{font-family:"DejaVu Sans","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",Verdana,Arial,sans-serif;margin:24px;color:#222;background:#fff;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #ccc;padding-bottom:3px}
p.meta{color:#555;margin:2px 0 12px;font-size:13px}.note{color:#555;font-size:12px;margin:4px 0}
figcaption{max-width:520px}
.answer{border-left:5px solid #4e79a7;background:#f4f7fb;padding:8px 14px;margin:10px 0 4px;font-size:15px;line-height:1.5}
.answer p{margin:3px 0}
.tbl{overflow-x:auto}table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}th{background:#f3f3f3;white-space:normal;max-width:160px}
td.l,th.l{text-align:left}td.l{white-space:normal;max-width:340px}td.green{background:#d9f2d9}td.amber{background:#ffe9b3}td.red{background:#f8c9c9}
span.ci{color:#666;font-size:11px}span.id{color:#888;font-size:10px}details{margin:6px 0}summary{cursor:pointer;color:#335;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;border:1px solid #eee;padding:4px}
svg.chart{display:block;font-size:11px;max-width:100%;height:auto}svg.chart text{fill:#333}svg.chart .t{font-size:13px;font-weight:bold}
svg.chart .yl{text-anchor:end}svg.chart .xl{text-anchor:middle}svg.chart .xr{text-anchor:end}svg.chart .al{text-anchor:middle;fill:#555}
svg.chart .lg{text-anchor:start}svg.chart .g{stroke:#e6e6e6}svg.chart .tk{stroke:#999}
svg.chart .frame{fill:none;stroke:#999}svg.chart .tg{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:6 3}
svg.chart text.tgl{fill:#c0392b;text-anchor:end;font-size:10px}
@page{size:A4;margin:12mm}
@media print{body{margin:0;max-width:none;font-size:11px}.tbl{overflow:visible}th,td{white-space:normal}
figure,table,.answer{break-inside:avoid}h2{break-after:avoid}details>*{display:block}}
)css";

std::vector<double> finite_sorted(const std::vector<double>& v) {
  std::vector<double> out;
  for (const double x : v)
    if (std::isfinite(x)) out.push_back(x);
  std::sort(out.begin(), out.end());
  return out;
}

// How a KPI's values go on an axis: durations in s, min or h by their size; shares in per cent;
// never past what the KPI can be (0–100 % for shares, ≥ 0 for times and counts).
struct Axis {
  double scale = 1;  ///< value / scale is drawn
  std::string label;
  double lo = -1e308, hi = 1e308;
  [[nodiscard]] double at(double v) const { return v / scale; }
};

Axis kpi_axis(const KpiDefinition& def, double max_abs) {
  Axis a;
  const std::string name = kpi_text(def).label;
  switch (value_kind(def)) {
    case ValueKind::Duration:
      a.scale = duration_axis_scale(max_abs);
      a.label = name + " [" + duration_axis_unit(a.scale) + "]";
      break;
    case ValueKind::Share:
      a.scale = 0.01;
      a.label = name + " [%]";
      break;
    case ValueKind::Number:
      a.label = def.unit.empty() || def.unit == "-" ? name : name + " [" + def.unit + "]";
      break;
  }
  if (def.range == KpiRange::Fraction) a.lo = 0, a.hi = 100;
  if (def.range == KpiRange::NonNegative) a.lo = 0;
  return a;
}

void limit_y(SvgPlot& plot, const Axis& a) { plot.set_y_limits(a.lo, a.hi); }

double max_abs_of(const std::vector<double>& v) {
  double m = 0;
  for (const double x : v)
    if (std::isfinite(x)) m = std::max(m, std::fabs(x));
  return m;
}

std::string variant_name(const ReportVariant& v, std::size_t i) {
  return v.label.empty() ? say(kPoint, i + 1) : v.label;
}

// A short name for an axis: the values only ("4 / 30 min"), the parameters are in the table.
std::string variant_short_name(const ReportVariant& v, std::size_t i) {
  if (v.settings.empty()) return variant_name(v, i);
  std::string s;
  for (const auto& [key, value] : v.settings) s += (s.empty() ? "" : " / ") + value;
  return s;
}

std::string figure(const std::string& svg, const std::string& caption = {}) {
  return "<figure>" + svg + (caption.empty() ? "" : "<figcaption class=\"note\">" + xml_escape(caption) + "</figcaption>") +
         "</figure>\n";
}

const KpiTarget* target_of(const ReportInput& in, const std::string& kpi) {
  for (const KpiTarget& t : in.targets)
    if (t.kpi == kpi) return &t;
  return nullptr;
}

// The target of the KPI as a dashed line, when it has one.
void draw_target(SvgPlot& plot, const ReportInput& in, const KpiDefinition& def, const Axis& axis, bool vertical = false) {
  if (const KpiTarget* t = target_of(in, def.name)) plot.target(axis.at(t->value), say(kTargetLabel, target_words(*t, def)), vertical);
}

std::string shown_note(std::size_t shown, std::size_t all) {
  return shown < all ? say(kFirstShown, shown, all) : std::string();
}

// Histogram of one sample: bars with ⌈√n⌉ bins, between 5 and 30 (the sample is not constant).
void add_histogram(SvgPlot& plot, const std::vector<double>& sorted, const std::string& colour) {
  const double lo = sorted.front(), hi = sorted.back();
  const auto bins = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(sorted.size())))), 5, 30);
  const double w = (hi - lo) / static_cast<double>(bins);
  std::vector<double> count(bins, 0.0);
  for (const double x : sorted) count[std::min(bins - 1, static_cast<std::size_t>((x - lo) / w))] += 1;
  for (std::size_t b = 0; b < bins; ++b)
    if (count[b] > 0) plot.rect(lo + w * static_cast<double>(b), lo + w * static_cast<double>(b + 1), 0, count[b], colour);
}

// Box plot at category x: box p25–p75, whiskers min–max, median line, mean dot.
void add_box(SvgPlot& plot, double x, const std::vector<double>& sorted, const std::string& colour) {
  const double q1 = quantile_sorted(sorted, 0.25), q2 = quantile_sorted(sorted, 0.5), q3 = quantile_sorted(sorted, 0.75);
  plot.error_bar(x, sorted.front(), sorted.back(), "#777", 0.2);
  plot.rect(x - 0.3, x + 0.3, q1, q3, colour, 0.7);
  plot.hline(x - 0.3, x + 0.3, q2, "#222", 2);
  double sum = 0;
  for (const double v : sorted) sum += v;
  plot.point(x, sum / static_cast<double>(sorted.size()), "#222", 2.5);
}

std::vector<double> scaled(const std::vector<double>& v, const Axis& a) {
  std::vector<double> out;
  out.reserve(v.size());
  for (const double x : v) out.push_back(a.at(x));
  return out;
}

// The distribution of a KPI across replications: a histogram for one variant, box plots for several.
// A KPI that is the same in every replication gets no chart: `note` says its value instead.
std::string kpi_distribution_chart(const ReportInput& in, std::size_t k, const std::string& title, std::string* note) {
  const KpiDefinition& def = in.variants.front().kpis.kpis()[k];
  if (in.variants.size() == 1) {
    const std::vector<double> s = finite_sorted(in.variants.front().kpis.column(k));
    if (s.empty()) return {};
    if (s.front() == s.back()) {
      if (note) *note = say(kConstant, kpi_text(def).label, value_words(s.front(), def));
      return {};
    }
    const Axis axis = kpi_axis(def, std::max(std::fabs(s.front()), std::fabs(s.back())));
    SvgPlot plot(title, axis.label, say(kReplicationsAxis));
    plot.y_from_zero();
    plot.set_x_limits(axis.lo, axis.hi);
    add_histogram(plot, scaled(s, axis), series_colour(0));
    draw_target(plot, in, def, axis, true);
    return plot.svg("kpi-dist:" + def.name);
  }
  std::vector<std::vector<double>> samples;
  double max_abs = 0;
  const std::size_t shown = std::min(in.variants.size(), kMaxBoxes);
  for (std::size_t v = 0; v < shown; ++v) {
    samples.push_back(finite_sorted(in.variants[v].kpis.column(k)));
    max_abs = std::max(max_abs, max_abs_of(samples.back()));
  }
  const Axis axis = kpi_axis(def, max_abs);
  SvgPlot plot(title, "", axis.label);
  limit_y(plot, axis);
  std::vector<std::string> names;
  bool any = false;
  for (std::size_t v = 0; v < shown; ++v) {
    names.push_back(variant_short_name(in.variants[v], v));
    if (samples[v].empty()) continue;
    add_box(plot, static_cast<double>(v), scaled(samples[v], axis), series_colour(0));
    any = true;
  }
  if (note) *note = shown_note(shown, in.variants.size());
  plot.set_categories(std::move(names));
  draw_target(plot, in, def, axis);
  return any ? plot.svg("kpi-dist:" + def.name) : std::string();
}

// A step function through (x, y): y[i] from x[i] on; before x[0], y[0].
double step_at(const Series& s, double t) {
  if (s.y.empty()) return std::nan("");
  const auto it = std::upper_bound(s.x.begin(), s.x.end(), t);
  const std::size_t i = it == s.x.begin() ? 0 : static_cast<std::size_t>(it - s.x.begin()) - 1;
  return s.y[std::min(i, s.y.size() - 1)];
}

std::vector<const Series*> find_series(const ReportVariant& v, const std::string& name) {
  std::vector<const Series*> out;
  for (const ReplicationSeries& rs : v.series)
    for (const Series& s : rs)
      if (s.name == name && !s.y.empty()) out.push_back(&s);
  return out;
}

// A curve across replications: median with a 10–90 % band (and min–max, lighter, for one variant).
std::string curve_chart(const ReportInput& in, const std::string& name, std::string* note) {
  double t0 = std::numeric_limits<double>::infinity(), t1 = -t0;
  std::string x_unit, y_unit;
  for (const ReportVariant& v : in.variants)
    for (const Series* s : find_series(v, name)) {
      if (s->x.empty()) continue;
      t0 = std::min(t0, s->x.front());
      t1 = std::max(t1, s->x.back());
      x_unit = s->x_unit;
      y_unit = s->y_unit;
    }
  if (!(t0 <= t1)) return {};
  if (t1 == t0) t1 = t0 + 1;
  std::vector<double> grid(kCurveGrid);
  for (std::size_t i = 0; i < kCurveGrid; ++i) grid[i] = t0 + (t1 - t0) * static_cast<double>(i) / (kCurveGrid - 1);
  // Time in s, min or h by the span.
  const double xs = x_unit == "s" ? duration_axis_scale(std::max(std::fabs(t0), std::fabs(t1))) : 1.0;
  std::vector<double> gx;
  for (const double g : grid) gx.push_back(g / xs);
  SvgPlot plot(name, x_unit == "s" ? say(kTimeAxis, duration_axis_unit(xs)) : x_unit, y_unit);
  plot.y_from_zero();
  plot.set_y_limits(0, 1e308);  // people, queues: counts
  const bool single = in.variants.size() == 1;
  const std::size_t shown = std::min(in.variants.size(), kMaxLines);
  for (std::size_t v = 0; v < shown; ++v) {
    const std::vector<const Series*> curves = find_series(in.variants[v], name);
    if (curves.empty()) continue;
    std::vector<double> p10(kCurveGrid), p50(kCurveGrid), p90(kCurveGrid), lo(kCurveGrid), hi(kCurveGrid), at;
    for (std::size_t i = 0; i < kCurveGrid; ++i) {
      at.clear();
      for (const Series* s : curves) at.push_back(step_at(*s, grid[i]));
      const std::vector<double> sorted = finite_sorted(at);
      if (sorted.empty()) {
        p10[i] = p50[i] = p90[i] = lo[i] = hi[i] = std::nan("");
        continue;
      }
      p10[i] = quantile_sorted(sorted, 0.1);
      p50[i] = quantile_sorted(sorted, 0.5);
      p90[i] = quantile_sorted(sorted, 0.9);
      lo[i] = sorted.front();
      hi[i] = sorted.back();
    }
    const std::string& colour = series_colour(v);
    if (single) plot.band(gx, lo, hi, colour, 0.12);
    plot.band(gx, p10, p90, colour, single ? 0.3 : 0.18);
    plot.line(gx, p50, colour, 2);
    if (!single) plot.legend(variant_name(in.variants[v], v), colour);
  }
  if (note) *note = say(single ? kCurveNoteOne : kCurveNoteMany) + shown_note(shown, in.variants.size());
  return plot.svg("curve:" + name);
}

// Samples pooled over replications, one histogram outline per variant on common bins.
std::string samples_chart(const ReportInput& in, const std::string& name, std::string* note) {
  std::vector<std::vector<double>> pooled;
  std::string unit;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  const std::size_t shown = std::min(in.variants.size(), kMaxLines);
  for (std::size_t v = 0; v < shown; ++v) {
    std::vector<double> all;
    for (const Series* s : find_series(in.variants[v], name)) {
      all.insert(all.end(), s->y.begin(), s->y.end());
      unit = s->y_unit;
    }
    pooled.push_back(finite_sorted(all));
    if (!pooled.back().empty()) {
      lo = std::min(lo, pooled.back().front());
      hi = std::max(hi, pooled.back().back());
    }
  }
  if (!(lo <= hi)) return {};
  if (hi == lo) hi = lo + 1;
  constexpr std::size_t bins = 30;
  const double w = (hi - lo) / bins;
  const double xs = unit == "s" ? duration_axis_scale(std::max(std::fabs(lo), std::fabs(hi))) : 1.0;
  const std::string shown_unit = unit == "s" ? duration_axis_unit(xs) : unit;
  SvgPlot plot(name, shown_unit.empty() ? name : name + " [" + shown_unit + "]", say(kShareOfSamples));
  plot.y_from_zero();
  plot.set_y_limits(0, 1);
  if (unit == "s") plot.set_x_limits(0, 1e308);
  for (std::size_t v = 0; v < pooled.size(); ++v) {
    if (pooled[v].empty()) continue;
    std::vector<double> share(bins, 0.0);
    for (const double x : pooled[v]) share[std::min(bins - 1, static_cast<std::size_t>((x - lo) / w))] += 1;
    std::vector<double> xv, yv;
    for (std::size_t b = 0; b < bins; ++b) {
      const double f = share[b] / static_cast<double>(pooled[v].size());
      xv.insert(xv.end(), {(lo + w * static_cast<double>(b)) / xs, (lo + w * static_cast<double>(b + 1)) / xs});
      yv.insert(yv.end(), {f, f});
    }
    if (in.variants.size() == 1) {
      for (std::size_t b = 0; b < bins; ++b) plot.rect(xv[2 * b], xv[2 * b + 1], 0, yv[2 * b], series_colour(0));
    } else {
      plot.line(xv, yv, series_colour(v), 2);
      plot.legend(variant_name(in.variants[v], v), series_colour(v));
    }
  }
  if (note) *note = say(kSamplesNote) + shown_note(shown, in.variants.size());
  return plot.svg("samples:" + name);
}

// Mean of a KPI per variant with its 95 % CI, as labelled bars.
std::string mean_bars_chart(const ReportInput& in, std::size_t k, const std::string& title) {
  const KpiDefinition& def = in.variants.front().kpis.kpis()[k];
  const std::size_t shown = std::min(in.variants.size(), kMaxBoxes);
  std::vector<SampleSummary> sums;
  double max_abs = 0;
  for (std::size_t v = 0; v < shown; ++v) {
    sums.push_back(in.variants[v].kpis.summary(k));
    max_abs = std::max({max_abs, std::isfinite(sums.back().ci95_high) ? std::fabs(sums.back().ci95_high) : 0.0,
                        std::isfinite(sums.back().mean) ? std::fabs(sums.back().mean) : 0.0});
  }
  const Axis axis = kpi_axis(def, max_abs);
  SvgPlot plot(title, "", axis.label);
  plot.y_from_zero();
  limit_y(plot, axis);
  if (def.range == KpiRange::Fraction) plot.set_y_range(0, 100);
  std::vector<std::string> names;
  bool any = false;
  for (std::size_t v = 0; v < shown; ++v) {
    names.push_back(in.variants.size() == 1 ? say(kAllReplications) : variant_short_name(in.variants[v], v));
    const SampleSummary& s = sums[v];
    if (!std::isfinite(s.mean)) continue;
    const double x = static_cast<double>(v);
    plot.rect(x - 0.32, x + 0.32, 0, axis.at(s.mean), series_colour(2));
    if (std::isfinite(s.ci95_low)) plot.error_bar(x, axis.at(s.ci95_low), axis.at(s.ci95_high), "#222", 0.25);
    if (shown <= 12) plot.label(x + 0.18, axis.at(std::isfinite(s.ci95_high) ? s.ci95_high : s.mean), value_words(s.mean, def));
    any = true;
  }
  plot.set_categories(std::move(names));
  draw_target(plot, in, def, axis);
  return any ? plot.svg("bars:" + def.name) : std::string();
}

// Each KPI against the swept parameter with the most values; one line per combination of the others.
std::string sweep_chart(const ReportInput& in, std::size_t k, std::size_t x_param, std::string* note) {
  const KpiDefinition& def = in.variants.front().kpis.kpis()[k];
  const std::string& xname = in.parameters[x_param];
  std::vector<std::string> xs;  // categories in order of first appearance
  std::vector<std::string> groups;
  std::vector<std::tuple<std::size_t, std::size_t, SampleSummary>> cells;  // group, x, summary
  auto value_of = [](const ReportVariant& v, const std::string& p) {
    for (const auto& [key, value] : v.settings)
      if (key == p) return value;
    return std::string();
  };
  double max_abs = 0;
  for (const ReportVariant& v : in.variants) {
    const std::string x = value_of(v, xname);
    std::string g;
    for (const std::string& p : in.parameters)
      if (p != xname) g += (g.empty() ? "" : ", ") + (p == "variant" ? value_of(v, p) : p + "=" + value_of(v, p));
    auto xi = std::find(xs.begin(), xs.end(), x);
    if (xi == xs.end()) xi = xs.insert(xs.end(), x);
    auto gi = std::find(groups.begin(), groups.end(), g);
    if (gi == groups.end()) gi = groups.insert(groups.end(), g);
    const SampleSummary s = v.kpis.summary(k);
    if (std::isfinite(s.ci95_high)) max_abs = std::max(max_abs, std::fabs(s.ci95_high));
    if (std::isfinite(s.mean)) max_abs = std::max(max_abs, std::fabs(s.mean));
    cells.emplace_back(static_cast<std::size_t>(gi - groups.begin()), static_cast<std::size_t>(xi - xs.begin()), s);
  }
  const Axis axis = kpi_axis(def, max_abs);
  SvgPlot plot(kpi_text(def).label, xname, axis.label);
  limit_y(plot, axis);
  const std::size_t shown = std::min(groups.size(), kMaxLines);
  const double dodge = shown > 1 ? 0.5 / static_cast<double>(shown) : 0.0;
  bool any = false;
  for (std::size_t g = 0; g < shown; ++g) {
    std::vector<double> lx, ly;
    const double off = (static_cast<double>(g) - static_cast<double>(shown - 1) / 2) * dodge;
    for (const auto& [cg, cx, s] : cells) {
      if (cg != g || !std::isfinite(s.mean)) continue;
      const double x = static_cast<double>(cx) + off;
      lx.push_back(x);
      ly.push_back(axis.at(s.mean));
      if (std::isfinite(s.ci95_low)) plot.error_bar(x, axis.at(s.ci95_low), axis.at(s.ci95_high), series_colour(g), 0.12);
      plot.point(x, axis.at(s.mean), series_colour(g));
      any = true;
    }
    if (lx.size() > 1) plot.line(lx, ly, series_colour(g), 1.5);
    if (!groups[g].empty()) plot.legend(groups[g], series_colour(g));
  }
  plot.set_categories(xs);
  draw_target(plot, in, def, axis);
  if (note && shown < groups.size()) *note = say(kCombinations, shown, groups.size());
  return any ? plot.svg("sweep:" + def.name) : std::string();
}

// Headline KPIs ("evacuation.total_time_s", "dispatch.sla.urgent_fraction") have at most two
// dots; per-entity KPIs ("evacuation.stair.B1.S2.peak_queue") have more: family
// "evacuation.stair … peak_queue", entity "B1.S2".
bool headline(const std::string& name) { return std::count(name.begin(), name.end(), '.') <= 2; }

struct Family {
  std::string prefix, metric;                            // "evacuation.stair", "peak_queue"
  std::vector<std::pair<std::string, std::size_t>> kpis;  // entity → KPI index
};

std::vector<Family> kpi_families(const std::vector<KpiDefinition>& kpis) {
  std::vector<Family> out;
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    const std::string& n = kpis[k].name;
    if (headline(n)) continue;
    const std::size_t a = n.find('.'), b = n.find('.', a + 1), z = n.rfind('.');
    Family key{n.substr(0, b), n.substr(z + 1), {}};
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Family& f) { return f.prefix == key.prefix && f.metric == key.metric; });
    if (it == out.end()) it = out.insert(out.end(), std::move(key));
    it->kpis.emplace_back(n.substr(b + 1, z - b - 1), k);
  }
  return out;
}

// The mean of one KPI per entity (labelled bars with 95 % CI for one variant; dots with CI per variant).
std::string family_chart(const ReportInput& in, const Family& f, std::string* note) {
  if (f.kpis.size() < 2) return {};
  const KpiDefinition& def = in.variants.front().kpis.kpis()[f.kpis.front().second];
  const std::string title = f.prefix + ".*." + f.metric;
  const std::size_t shown = std::min(in.variants.size(), kMaxLines);
  double max_abs = 0;
  for (std::size_t v = 0; v < shown; ++v)
    for (const auto& [entity, k] : f.kpis) {
      const SampleSummary m = in.variants[v].kpis.summary(k);
      if (std::isfinite(m.ci95_high)) max_abs = std::max(max_abs, std::fabs(m.ci95_high));
      if (std::isfinite(m.mean)) max_abs = std::max(max_abs, std::fabs(m.mean));
    }
  Axis axis = kpi_axis(def, max_abs);
  const KpiText text = kpi_text(def);
  SvgPlot plot(text.known ? text.label : title, "", axis.label);
  plot.y_from_zero();
  limit_y(plot, axis);
  std::vector<std::string> names;
  for (const auto& [entity, k] : f.kpis) names.push_back(entity);
  const double dodge = shown > 1 ? 0.6 / static_cast<double>(shown) : 0.0;
  bool any = false;
  for (std::size_t v = 0; v < shown; ++v) {
    const double off = (static_cast<double>(v) - static_cast<double>(shown - 1) / 2) * dodge;
    for (std::size_t e = 0; e < f.kpis.size(); ++e) {
      const SampleSummary m = in.variants[v].kpis.summary(f.kpis[e].second);
      if (!std::isfinite(m.mean)) continue;
      const double x = static_cast<double>(e) + off;
      if (shown == 1)
        plot.rect(x - 0.35, x + 0.35, 0, axis.at(m.mean), series_colour(0));
      else
        plot.point(x, axis.at(m.mean), series_colour(v), 3);
      if (std::isfinite(m.ci95_low))
        plot.error_bar(x, axis.at(m.ci95_low), axis.at(m.ci95_high), shown == 1 ? "#222" : series_colour(v), 0.2);
      any = true;
    }
    if (shown > 1) plot.legend(variant_name(in.variants[v], v), series_colour(v));
  }
  plot.set_categories(std::move(names));
  if (note) *note = say(kFamilyNote, f.prefix.substr(f.prefix.find('.') + 1)) + shown_note(shown, in.variants.size());
  return any ? plot.svg("family:" + title) : std::string();
}

std::string rag_class(Rag r) {
  switch (r) {
    case Rag::Green: return " class=\"green\"";
    case Rag::Amber: return " class=\"amber\"";
    case Rag::Red: return " class=\"red\"";
    case Rag::None: break;
  }
  return {};
}

// A KPI's name for people, with its id underneath (the id is what summary.json and the CSVs use).
std::string kpi_cell(const KpiDefinition& def) {
  const KpiText t = kpi_text(def);
  if (!t.known) return xml_escape(def.name);
  return xml_escape(t.label) + "<br><span class=\"id\">" + xml_escape(def.name) + "</span>";
}

std::string single_kpi_rows(const ReportInput& in, const std::vector<std::size_t>& which) {
  const std::vector<KpiDefinition>& kpis = in.variants.front().kpis.kpis();
  const bool targets = !in.targets.empty();  // the target and status columns only when there are targets
  std::string s = fmt::format("<div class=\"tbl\"><table>\n<tr><th class=\"l\">{}</th><th>{}</th><th>{}</th><th>p50</th>"
                              "<th>p95</th><th>n</th>{}</tr>\n",
                              say(kKpiCol), say(kMeanCol), say(kCiCol),
                              targets ? "<th>" + say(kTargetCol) + "</th><th>" + say(kStatusCol) + "</th>" : "");
  for (const std::size_t k : which) {
    const KpiDefinition& def = kpis[k];
    const SampleSummary m = in.variants.front().kpis.summary(k);
    const KpiTarget* t = target_of(in, def.name);
    const Rag r = t ? check_target(m, *t).rag : Rag::None;
    s += fmt::format("<tr><td class=\"l\" title=\"{}\">{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                     xml_escape(kpi_text(def).description), kpi_cell(def), rag_class(r), xml_escape(value_cell(m.mean, def)),
                     std::isfinite(m.ci95_low) ? xml_escape(value_cell(m.ci95_low, def) + " – " + value_cell(m.ci95_high, def)) : "–",
                     xml_escape(value_cell(m.p50, def)), xml_escape(value_cell(m.p95, def)), m.n);
    if (targets)
      s += fmt::format("<td>{}</td><td{}>{}</td>", t ? xml_escape(target_words(*t, def)) : "", rag_class(r),
                       t ? xml_escape(rag_words(r)) : "");
    s += "</tr>\n";
  }
  return s + "</table></div>\n";
}

std::string kpi_table(const ReportInput& in) {
  const std::vector<KpiDefinition>& kpis = in.variants.front().kpis.kpis();
  std::vector<std::size_t> head, detail;
  for (std::size_t k = 0; k < kpis.size(); ++k) (headline(kpis[k].name) ? head : detail).push_back(k);
  if (head.empty()) std::swap(head, detail);
  std::string s;
  if (in.variants.size() == 1) {
    s += single_kpi_rows(in, head);
    if (!detail.empty())
      s += "<details><summary>" + xml_escape(say(kMoreKpis, detail.size())) + "</summary>\n" + single_kpi_rows(in, detail) +
           "</details>\n";
  } else {
    s += "<div class=\"tbl\"><table>\n<tr><th class=\"l\">#</th>";
    for (const std::string& p : in.parameters) s += "<th class=\"l\">" + xml_escape(p) + "</th>";
    if (in.parameters.empty()) s += "<th class=\"l\">" + say(kVariantCol) + "</th>";
    for (const std::size_t k : head) {
      const KpiTarget* t = target_of(in, kpis[k].name);
      s += "<th title=\"" + xml_escape(kpi_text(kpis[k]).description) + "\">" + kpi_cell(kpis[k]) +
           (t ? "<br><span class=\"ci\">" + xml_escape(say(kTargetLabel, target_words(*t, kpis[k]))) + "</span>" : "") + "</th>";
    }
    s += "</tr>\n";
    const std::size_t rows = std::min(in.variants.size(), kMaxTableRows);
    for (std::size_t v = 0; v < rows; ++v) {
      const ReportVariant& var = in.variants[v];
      s += fmt::format("<tr><td class=\"l\">{}</td>", v + 1);
      for (const auto& [key, value] : var.settings) s += "<td class=\"l\">" + xml_escape(value) + "</td>";
      if (in.parameters.empty()) s += "<td class=\"l\">" + xml_escape(variant_name(var, v)) + "</td>";
      for (const std::size_t k : head) {
        const SampleSummary m = var.kpis.summary(k);
        const KpiTarget* t = target_of(in, kpis[k].name);
        const Rag r = t ? check_target(m, *t).rag : Rag::None;
        s += fmt::format("<td{}>{}{}</td>", rag_class(r), xml_escape(value_cell(m.mean, kpis[k])),
                         std::isfinite(m.ci95_low) ? "<br><span class=\"ci\">" +
                                                         xml_escape(interval_words(m.ci95_low, m.ci95_high, kpis[k])) + "</span>"
                                                   : "");
      }
      s += "</tr>\n";
    }
    s += "</table></div>\n";
    if (in.variants.size() > kMaxTableRows)
      s += "<p class=\"note\">" + xml_escape(say(kFirstPoints, kMaxTableRows, in.variants.size())) + "</p>\n";
    if (!detail.empty()) s += "<p class=\"note\">" + xml_escape(say(kMoreKpisJson, detail.size())) + "</p>\n";
  }
  return s;
}

// The headline, the same sentences as the console and summary.json.
std::string answer_html(const ReportInput& in) {
  std::vector<HeadlineVariant> vs;
  for (const ReportVariant& v : in.variants) vs.push_back({v.label, &v.kpis});
  Headline h;
  if (!in.answer_lines.empty())
    h.lines = in.answer_lines;
  else if (in.kind == "compare")
    h = compare_headline(in.parameters.empty() ? std::string() : in.parameters.front(), vs, in.targets);
  else if (in.kind == "sweep")
    h = sweep_headline(vs, in.targets);
  else
    h = run_headline(in.variants.front().kpis, in.targets, in.variants.front().series);
  if (h.lines.empty()) return {};
  std::string s = "<div class=\"answer\" id=\"answer\">\n";
  for (const std::string& l : h.lines) s += "<p>" + xml_escape(l) + "</p>\n";
  return s + "</div>\n";
}

// Targets: one row per target for a run; a variant × target matrix for a compare or sweep.
std::string targets_html(const ReportInput& in) {
  const KpiTable& first = in.variants.front().kpis;
  std::vector<std::pair<const KpiTarget*, std::size_t>> known;
  for (const KpiTarget& t : in.targets)
    if (const std::size_t k = first.find(t.kpi); k != KpiTable::npos) known.emplace_back(&t, k);
  if (known.empty()) return {};
  std::string s = "<h2>" + say(kTargets) + "</h2>\n<div class=\"tbl\"><table>\n";
  if (in.variants.size() == 1) {
    s += fmt::format("<tr><th class=\"l\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", say(kKpiCol), say(kTargetCol),
                     say(kValueCol), say(kStatusCol));
    for (const auto& [t, k] : known) {
      const KpiDefinition& def = first.kpis()[k];
      const TargetCheck c = check_target(first.summary(k), *t);
      s += fmt::format("<tr><td class=\"l\">{}</td><td>{}</td><td{}>{}</td><td{}>{}</td></tr>\n", kpi_cell(def),
                       xml_escape(target_words(*t, def)), rag_class(c.rag), xml_escape(value_words(c.value, def)),
                       rag_class(c.rag), xml_escape(rag_words(c.rag)));
    }
  } else {
    s += "<tr><th class=\"l\">" + say(kVariantCol) + "</th>";
    for (const auto& [t, k] : known)
      s += "<th>" + kpi_cell(first.kpis()[k]) + "<br><span class=\"ci\">" + xml_escape(target_words(*t, first.kpis()[k])) +
           "</span></th>";
    s += "</tr>\n";
    const std::size_t rows = std::min(in.variants.size(), kMaxTableRows);
    for (std::size_t v = 0; v < rows; ++v) {
      s += "<tr><td class=\"l\">" + xml_escape(variant_name(in.variants[v], v)) + "</td>";
      for (const auto& [t, k0] : known) {
        const KpiTable& table = in.variants[v].kpis;
        const std::size_t k = table.find(t->kpi);
        if (k == KpiTable::npos) {
          s += "<td>–</td>";
          continue;
        }
        const TargetCheck c = check_target(table.summary(k), *t);
        s += fmt::format("<td{} title=\"{}\">{}</td>", rag_class(c.rag), xml_escape(rag_words(c.rag)),
                         xml_escape(value_words(c.value, table.kpis()[k])));
      }
      s += "</tr>\n";
    }
  }
  s += "</table></div>\n<p class=\"note\">" + xml_escape(say(kStatusNote)) + "</p>\n";
  return s;
}

// Compare: every overall KPI's paired difference to the baseline, per variant, with significance.
std::string differences_html(const ReportInput& in) {
  if (in.kind != "compare" || in.variants.size() < 2) return {};
  const KpiTable& base = in.variants.front().kpis;
  std::string s = "<h2>" + say(kDifferences) + "</h2>\n<p class=\"note\">" +
                  xml_escape(say(kDifferencesNote, variant_name(in.variants.front(), 0))) + "</p>\n";
  s += "<div class=\"tbl\"><table>\n<tr><th class=\"l\">" + say(kKpiCol) + "</th><th>" +
       xml_escape(variant_name(in.variants.front(), 0)) + "</th>";
  for (std::size_t v = 1; v < in.variants.size(); ++v) s += "<th>" + xml_escape(variant_name(in.variants[v], v)) + "</th>";
  s += "</tr>\n";
  for (std::size_t k = 0; k < base.kpis().size(); ++k) {
    const KpiDefinition& def = base.kpis()[k];
    if (std::count(def.name.begin(), def.name.end(), '.') != 1) continue;
    const SampleSummary b = base.summary(k);
    if (b.n == 0) continue;
    const std::vector<double> base_col = base.column(k);
    s += "<tr><td class=\"l\">" + kpi_cell(def) + "</td><td>" + xml_escape(value_words(b.mean, def)) + "</td>";
    for (std::size_t v = 1; v < in.variants.size(); ++v) {
      const KpiTable& t = in.variants[v].kpis;
      const std::size_t kv = t.find(def.name);
      if (kv == KpiTable::npos) {
        s += "<td>–</td>";
        continue;
      }
      const PairedDifference d = paired_difference(base_col, t.column(kv));
      const KpiTarget* target = target_of(in, def.name);
      const Rag r = target ? check_target(t.summary(kv), *target).rag : Rag::None;
      s += fmt::format("<td{}>{}{}<br><span class=\"ci\">{}</span></td>", rag_class(r), xml_escape(difference_words(d.mean, def)),
                       d.significant ? " *" : "",
                       std::isfinite(d.ci95_low)
                           ? xml_escape(difference_words(d.ci95_low, def) + " … " + difference_words(d.ci95_high, def))
                           : "");
    }
    s += "</tr>\n";
  }
  return s + "</table></div>\n";
}

struct Section {
  std::string title, intro, charts;
  void add(const std::string& svg, const std::string& note = {}) {
    if (!svg.empty()) charts += figure(svg, note);
  }
  [[nodiscard]] std::string html() const {
    if (charts.empty()) return {};
    return "<h2>" + xml_escape(title) + "</h2>\n" + (intro.empty() ? "" : "<p class=\"note\">" + xml_escape(intro) + "</p>\n") +
           "<div class=\"charts\">\n" + charts + "</div>\n";
  }
};

}  // namespace

std::string_view report_stylesheet() { return kCss; }

std::string report_html(const ReportInput& in) {
  DT_ASSERT(!in.variants.empty(), "a report needs at least one variant");
  const std::vector<KpiDefinition>& kpis = in.variants.front().kpis.kpis();

  // Series names in order of first appearance, by kind.
  std::vector<std::string> curves, samples;
  std::set<std::string> seen;
  for (const ReportVariant& v : in.variants)
    for (const ReplicationSeries& rs : v.series)
      for (const Series& s : rs)
        if (seen.insert(s.name).second) (s.kind == SeriesKind::Curve ? curves : samples).push_back(s.name);

  std::string note;
  Section evac{say(kEvacuation), say(kEvacuationIntro), {}};
  Section queues{say(kQueues), say(kQueuesIntro), {}};
  Section other{say(kOther), "", {}};
  // Queue curves: only the longest queues get a chart (by the largest queue any replication saw);
  // a site has a hundred stairs and exits, most of them never crowded.
  std::set<std::string> drawn_queues;
  {
    std::vector<std::pair<double, std::string>> peaks;
    for (const std::string& name : curves) {
      if (name.find(".queue.") == std::string::npos || name.ends_with(".wait_s")) continue;
      double peak = 0;
      for (const ReportVariant& v : in.variants)
        for (const Series* c : find_series(v, name))
          for (const double y : c->y)
            if (std::isfinite(y)) peak = std::max(peak, y);
      if (peak > 0) peaks.emplace_back(-peak, name);
    }
    std::stable_sort(peaks.begin(), peaks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < peaks.size() && i < kMaxQueueCharts; ++i) drawn_queues.insert(peaks[i].second);
    if (peaks.size() > kMaxQueueCharts) queues.intro += " " + say(kQueuesShown, kMaxQueueCharts, peaks.size());
  }
  for (const std::string& name : curves) {
    if (name.rfind("dispatch.demand.", 0) == 0 || name.ends_with(".wait_s")) continue;  // report_insights.h draws them
    if (name.find(".queue.") != std::string::npos && !drawn_queues.contains(name)) continue;
    note.clear();
    const std::string svg = curve_chart(in, name, &note);
    if (name.find(".queue.") != std::string::npos)
      queues.add(svg, note);
    else if (name.rfind("evacuation.", 0) == 0)
      evac.add(svg, note);
    else
      other.add(svg, note);
  }
  for (std::size_t k = 0; k < kpis.size(); ++k)
    if (headline(kpis[k].name) && kpis[k].name.rfind("evacuation.", 0) == 0 &&
        kpis[k].name.find("time") != std::string::npos) {
      note.clear();
      evac.add(kpi_distribution_chart(in, k, kpi_text(kpis[k]).label, &note), note);
    }
  Section staff{say(kStaff), say(kStaffIntro), {}};
  Section entities{say(kEntities), "", {}};
  for (const Family& f : kpi_families(kpis)) {
    note.clear();
    const std::string svg = family_chart(in, f, &note);
    if (f.metric.find("queue") != std::string::npos)
      queues.add(svg, note);
    else if (f.metric.find("utilization") != std::string::npos)
      staff.add(svg, note);
    else if (f.prefix.rfind("evacuation.", 0) == 0)
      evac.add(svg, note);
    else
      entities.add(svg, note);
  }

  Section response{say(kResponse), "", {}};
  for (const std::string& name : samples) {
    note.clear();
    const std::string svg = samples_chart(in, name, &note);
    (name.find("response_time") != std::string::npos ? response : other).add(svg, note);
  }
  if (response.charts.empty())
    if (const std::size_t k = in.variants.front().kpis.find("dispatch.response_time_s"); k != KpiTable::npos) {
      note.clear();
      response.add(kpi_distribution_chart(in, k, say(kMeanResponse), &note), note);
      response.intro = say(in.variants.size() > 1 ? kResponseBoxes : kResponseMeans);
    }

  for (std::size_t k = 0; k < kpis.size(); ++k)
    if (headline(kpis[k].name) && kpis[k].name.find("utilization") != std::string::npos)
      staff.add(mean_bars_chart(in, k, kpi_text(kpis[k]).label));

  Section sweep{say(kSweepSection), say(kSweepIntro), {}};
  if ((in.kind == "sweep" || in.kind == "optimize") && !in.parameters.empty() && in.variants.size() > 1) {
    // The parameter with the most distinct values goes on the x axis.
    std::size_t x_param = 0, most = 0;
    for (std::size_t p = 0; p < in.parameters.size(); ++p) {
      std::set<std::string> values;
      for (const ReportVariant& v : in.variants)
        for (const auto& [key, value] : v.settings)
          if (key == in.parameters[p]) values.insert(value);
      if (values.size() > most) most = values.size(), x_param = p;
    }
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      if (!headline(kpis[k].name)) continue;
      note.clear();
      sweep.add(sweep_chart(in, k, x_param, &note), note);
    }
  }

  Section dist{say(kDist), say(in.variants.size() == 1 ? kDistOne : kResponseBoxes), {}};
  std::vector<std::string> constants;
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    if (!headline(kpis[k].name)) continue;
    note.clear();
    const std::string svg = kpi_distribution_chart(in, k, kpi_text(kpis[k]).label, &note);
    if (svg.empty() && !note.empty())
      constants.push_back(note);
    else
      dist.add(svg, note);
  }

  std::string h;
  h += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n", lang_code(lang()));
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>drilltwin " + xml_escape(in.kind) + ": " + xml_escape(in.scenario) + "</title>\n";
  h += "<style>" + std::string(kCss) + "</style></head><body>\n";
  h += "<h1>" + xml_escape(in.scenario) + "</h1>\n";
  if (!in.description.empty()) h += "<p class=\"desc\">" + xml_escape(in.description) + "</p>\n";  // the planner's own words
  std::string meta = say(kMeta, xml_escape(in.version), xml_escape(in.kind), in.seed, in.replications);
  if (in.variants.size() > 1) {
    const bool sweep_kind = in.kind == "sweep" || in.kind == "optimize";
    meta += say(kMetaPer, say(sweep_kind ? kPointWord : kVariantWord), in.variants.size(),
                say(sweep_kind ? kPointsWord : kVariantsWord));
  }
  if (!in.parameters.empty()) meta += say(kSwept, xml_escape(fmt::format("{}", fmt::join(in.parameters, ", "))));
  h += "<p class=\"meta\">" + meta + "</p>\n";
  h += answer_html(in);
  h += in.extra_html;
  h += targets_html(in);
  h += differences_html(in);
  h += "<h2>" + say(kKeyFigures) + "</h2>\n";
  h += "<p class=\"note\">" + xml_escape(say(kKeyFiguresNote)) + "</p>\n";
  h += kpi_table(in);
  if (!in.targets.empty() && in.variants.size() == 1) h += "<p class=\"note\">" + xml_escape(say(kStatusNote)) + "</p>\n";
  h += report_insights_html(in);  // why it takes as long as it does (report_insights.h)
  h += sweep.html() + evac.html() + queues.html() + response.html() + staff.html() + entities.html() + other.html() + dist.html();
  if (!constants.empty()) {
    h += "<ul class=\"note\">\n";
    for (const std::string& c : constants) h += "<li>" + xml_escape(c) + "</li>\n";
    h += "</ul>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace dt
