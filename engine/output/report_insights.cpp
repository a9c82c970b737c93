#include "engine/output/report_insights.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/bottleneck.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {

DT_PHRASE(kSplitTitle, "Where the evacuation time goes", "疏散时间都花在哪里");
DT_PHRASE(
    kSplitIntro,
    "Per building, from the fire's start (or the alarm) until safe: detection and alarm, pre-movement, walking and "
    "queuing at doors, stairs and exits; means over replications, in minutes.",
    "按楼栋列出从起火（或报警）到到达安全区的时间构成：火灾探测与报警、预动作时间、步行、在门、楼梯和出口处排队；"
    "各次重复的平均值，单位为分钟。");
DT_PHRASE(kSplitLastChart, "The last resident out of each building", "各楼栋最后一名疏散居民");
DT_PHRASE(kSplitMeanChart, "The mean resident of each building", "各楼栋居民平均");
DT_PHRASE(kMinutes, "minutes", "分钟");
DT_PHRASE(kBuildingAxis, "building", "楼栋");
DT_PHRASE(kPartDetection, "detection and alarm", "探测与报警");
DT_PHRASE(kPartPremovement, "pre-movement", "预动作");
DT_PHRASE(kPartWalking, "walking", "步行");
DT_PHRASE(kPartQueuing, "queuing", "排队");
DT_PHRASE(kFindingsTitle, "What sets the time, and what would gain most", "疏散时间由什么决定，改哪里收益最大");
DT_PHRASE(kCriticalTitle, "The critical stair or exit: {}", "关键楼梯或出口：{}");
DT_PHRASE(kCriticalQueueChart, "People waiting at {}", "{}处等待的人数");
DT_PHRASE(kCriticalWaitChart, "Wait of those leaving the queue at {}", "{}处离开队列者的等待时间");
DT_PHRASE(kPeople, "people", "人");
DT_PHRASE(kWaitMinutes, "wait [min]", "等待时间 [分钟]");
DT_PHRASE(kTimeMinutes, "time [min]", "时间 [分钟]");
DT_PHRASE(kCurveNote,
          "Line: median across replications; band: 10–90 %. Each point is the most people waiting in a 10 s interval.",
          "折线：各次重复的中位数；色带：10–90 %。每个点为10秒区间内同时等待的最多人数。");
DT_PHRASE(kWaitNote, "Line: median across replications of the mean wait of those who left the queue in each interval.",
          "折线：各区间内离开队列者平均等待时间在各次重复中的中位数。");
DT_PHRASE(kDemandTitle, "Service demand heatmaps", "服务需求热力图");
DT_PHRASE(
    kDemandIntro,
    "Incidents counted and incidents whose response missed their type's target (reached later, or never), by hour "
    "of day of the report; mean per replication in each cell.",
    "按报修时刻（一天中的小时）统计的事件数，以及响应时间超出该类事件目标（到场过晚或未到场）的事件数；"
    "每格为每次重复的平均值。");
DT_PHRASE(kIncidentsByType, "Incidents by type and hour", "按类型和小时的事件数");
DT_PHRASE(kMissesByType, "Response-target misses by type and hour", "按类型和小时的响应超时数");
DT_PHRASE(kIncidentsByPlace, "Incidents by place and hour", "按地点和小时的事件数");
DT_PHRASE(kMissesByPlace, "Response-target misses by place and hour", "按地点和小时的响应超时数");
DT_PHRASE(kHourAxis, "hour of day", "时刻（小时）");
DT_PHRASE(kLegendMean, "mean per replication", "每次重复平均");

std::string figure(const std::string& svg, const std::string& note = {}) {
  if (svg.empty()) return {};
  return "<figure>" + svg + (note.empty() ? "" : "<figcaption class=\"note\">" + xml_escape(note) + "</figcaption>") +
         "</figure>\n";
}

std::string section(const std::string& title, const std::string& intro, const std::string& body) {
  if (body.empty()) return {};
  return "<h2>" + xml_escape(title) + "</h2>\n" +
         (intro.empty() ? "" : "<p class=\"note\">" + xml_escape(intro) + "</p>\n") + body;
}

// --- the split ---------------------------------------------------------------------------------

std::string split_chart(const BottleneckAnalysis& a, bool last, const std::string& title) {
  std::vector<std::string> names;
  for (const BuildingSplit& b : a.buildings) names.push_back(b.building);
  const int width = std::max(520, 40 + 26 * static_cast<int>(names.size()));
  SvgPlot plot(title, say(kBuildingAxis), say(kMinutes), width, 300);
  plot.set_categories(names);
  plot.y_from_zero();
  const Phrase* labels[4] = {&kPartDetection, &kPartPremovement, &kPartWalking, &kPartQueuing};
  bool any = false;
  for (std::size_t i = 0; i < a.buildings.size(); ++i) {
    const SplitParts& p = last ? a.buildings[i].last : a.buildings[i].mean;
    const double parts[4] = {p.detection_s, p.premovement_s, p.walking_s, p.queuing_s};
    double y = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      if (!std::isfinite(parts[k]) || parts[k] <= 0) continue;
      const double x = static_cast<double>(i);
      plot.rect(x - 0.38, x + 0.38, y / 60.0, (y + parts[k]) / 60.0, series_colour(k));
      y += parts[k];
      any = true;
    }
  }
  if (!any) return {};
  for (std::size_t k = 0; k < 4; ++k) plot.legend(say(*labels[k]), series_colour(k));
  return plot.svg(last ? "split:last" : "split:mean");
}

// --- the critical place's queue over time --------------------------------------------------------

double step_at(const Series& s, double t) {
  if (s.y.empty()) return std::nan("");
  const auto it = std::upper_bound(s.x.begin(), s.x.end(), t);
  const std::size_t i = it == s.x.begin() ? 0 : static_cast<std::size_t>(it - s.x.begin()) - 1;
  return s.y[std::min(i, s.y.size() - 1)];
}

std::string median_curve_chart(const ReportVariant& v, const std::string& name, const std::string& title,
                               const std::string& y_label, double y_scale, const std::string& id) {
  std::vector<const Series*> curves;
  double t1 = 0;
  for (const ReplicationSeries& rs : v.series)
    for (const Series& s : rs)
      if (s.name == name && !s.x.empty()) {
        curves.push_back(&s);
        t1 = std::max(t1, s.x.back());
      }
  if (curves.empty() || !(t1 > 0)) return {};
  constexpr std::size_t kGrid = 121;
  std::vector<double> x(kGrid), p10(kGrid), p50(kGrid), p90(kGrid), at;
  for (std::size_t i = 0; i < kGrid; ++i) {
    const double t = t1 * static_cast<double>(i) / (kGrid - 1);
    at.clear();
    for (const Series* s : curves) at.push_back(step_at(*s, t) * y_scale);
    std::sort(at.begin(), at.end());
    x[i] = t / 60.0;
    p10[i] = quantile_sorted(at, 0.1);
    p50[i] = quantile_sorted(at, 0.5);
    p90[i] = quantile_sorted(at, 0.9);
  }
  SvgPlot plot(title, say(kTimeMinutes), y_label);
  plot.y_from_zero();
  plot.band(x, p10, p90, series_colour(3), 0.3);
  plot.line(x, p50, series_colour(3), 2);
  return plot.svg(id);
}

// --- the demand heatmaps -------------------------------------------------------------------------

struct Heatmap {
  std::vector<std::string> rows;
  std::vector<std::vector<double>> cells;  // rows × 24: mean per replication
};

// The rows "dispatch.demand.<what>.<by>.<row>", added up over the replications in order.
Heatmap demand_heatmap(const ReportVariant& v, const std::string& what, const std::string& by) {
  Heatmap h;
  const std::string prefix = "dispatch.demand." + what + "." + by + ".";
  std::vector<std::size_t> counts;
  for (const ReplicationSeries& rs : v.series)
    for (const Series& s : rs) {
      if (s.name.rfind(prefix, 0) != 0) continue;
      const std::string row = s.name.substr(prefix.size());
      auto it = std::find(h.rows.begin(), h.rows.end(), row);
      const std::size_t r = static_cast<std::size_t>(it - h.rows.begin());
      if (it == h.rows.end()) {
        h.rows.push_back(row);
        h.cells.emplace_back(24, 0.0);
        counts.push_back(0);
      }
      for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k) {
        const auto hour = static_cast<std::size_t>(s.x[k]);
        if (hour < 24) h.cells[r][hour] += s.y[k];
      }
      ++counts[r];
    }
  for (std::size_t r = 0; r < h.rows.size(); ++r)
    for (double& c : h.cells[r]) c /= static_cast<double>(std::max<std::size_t>(1, counts[r]));
  return h;
}

// Sequential colour from white to `dark` for t in [0, 1].
std::string shade(double t, int r1, int g1, int b1) {
  t = std::clamp(t, 0.0, 1.0);
  auto mix = [&](int to) { return static_cast<int>(std::lround(255 + (to - 255) * t)); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(r1), mix(g1), mix(b1));
}

std::string heatmap_svg(const Heatmap& h, const std::string& title, const std::string& id, int r1, int g1, int b1,
                        double fixed_top = 0, const std::string* legend = nullptr) {
  if (h.rows.empty()) return {};
  double top = fixed_top;
  for (const auto& row : h.cells)
    for (const double c : row) top = std::max(top, c);
  std::size_t longest = 0;
  for (const std::string& r : h.rows) longest = std::max(longest, r.size());
  constexpr int kCell = 30, kRowH = 20, kTop = 34;
  const int kLeft = 16 + 7 * static_cast<int>(std::min<std::size_t>(longest, 40));  // room for the row names
  const int width = kLeft + 24 * kCell + 10;
  const int legend_y = kTop + static_cast<int>(h.rows.size()) * kRowH + 30;
  const int height = legend_y + 34;
  std::string s = fmt::format(
      "<svg class=\"chart\" data-chart=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\"><text class=\"t\" x=\"8\" y=\"18\">{}</text>\n",
      xml_escape(id), width, height, width, height, xml_escape(title));
  for (int hour = 0; hour < 24; ++hour)
    s +=
        fmt::format("<text class=\"xl\" x=\"{}\" y=\"{}\">{}</text>", kLeft + hour * kCell + kCell / 2, kTop - 4, hour);
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    const int y = kTop + static_cast<int>(r) * kRowH;
    s += fmt::format("<text class=\"yl\" x=\"{}\" y=\"{}\">{}</text>", kLeft - 4, y + kRowH - 6, xml_escape(h.rows[r]));
    for (int hour = 0; hour < 24; ++hour) {
      const double v = h.cells[r][hour];
      const double t = top > 0 ? v / top : 0.0;
      s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\"/>",
                       kLeft + hour * kCell, y, kCell, kRowH, shade(t, r1, g1, b1));
      if (v > 0)
        s += fmt::format("<text class=\"xl\" x=\"{}\" y=\"{}\" style=\"font-size:9px;fill:{}\">{}</text>",
                         kLeft + hour * kCell + kCell / 2, y + kRowH - 6, t > 0.6 ? "#fff" : "#222", short_number(v));
    }
  }
  s += fmt::format("<text class=\"al\" x=\"{}\" y=\"{}\">{}</text>\n", kLeft + 12 * kCell,
                   kTop + static_cast<int>(h.rows.size()) * kRowH + 16, xml_escape(say(kHourAxis)));
  // Legend: five swatches from 0 to the largest cell.
  s += fmt::format("<text class=\"lg\" x=\"8\" y=\"{}\">{}</text>", legend_y + 14, xml_escape(legend != nullptr ? *legend : say(kLegendMean)));
  for (int k = 0; k < 5; ++k) {
    const double t = k / 4.0;
    const int x = kLeft + 60 + k * 70;
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"14\" fill=\"{}\" stroke=\"#999\"/>", x,
                     legend_y + 2, shade(t, r1, g1, b1));
    s += fmt::format("<text class=\"lg\" x=\"{}\" y=\"{}\">{}</text>", x + 24, legend_y + 14, short_number(top * t));
  }
  s += "</svg>";
  return s;
}

}  // namespace

std::string hour_heatmap_svg(const std::vector<std::string>& rows, const std::vector<std::vector<double>>& cells,
                             const std::string& title, const std::string& id, const std::string& legend, double top,
                             int r, int g, int b) {
  return heatmap_svg(Heatmap{rows, cells}, title, id, r, g, b, top, &legend);
}

std::string report_insights_html(const ReportInput& in) {
  if (in.variants.size() != 1) return {};
  const ReportVariant& v = in.variants.front();
  std::string h;

  const BottleneckAnalysis a = analyse_bottlenecks(v.kpis);
  if (!a.empty()) {
    std::string body;
    if (!a.findings.empty()) {
      body += "<h3 style=\"font-size:15px;margin:14px 0 4px\">" + xml_escape(say(kFindingsTitle)) + "</h3>\n<ul>\n";
      for (const Finding& f : a.findings) body += "<li>" + xml_escape(f.text) + "</li>\n";
      body += "</ul>\n";
    }
    std::string charts =
        figure(split_chart(a, true, say(kSplitLastChart))) + figure(split_chart(a, false, say(kSplitMeanChart)));
    if (!charts.empty()) body += "<div class=\"charts\">\n" + charts + "</div>\n";
    if (!a.critical_place.empty()) {
      const std::string name = "evacuation.queue." + a.critical_place;
      std::string c = figure(median_curve_chart(v, name, say(kCriticalQueueChart, a.critical_place), say(kPeople), 1.0,
                                                "critical:queue"),
                             say(kCurveNote)) +
                      figure(median_curve_chart(v, name + ".wait_s", say(kCriticalWaitChart, a.critical_place),
                                                say(kWaitMinutes), 1.0 / 60.0, "critical:wait"),
                             say(kWaitNote));
      if (!c.empty())
        body += "<h3 style=\"font-size:15px;margin:14px 0 4px\">" + xml_escape(say(kCriticalTitle, a.critical_place)) +
                "</h3>\n<div class=\"charts\">\n" + c + "</div>\n";
    }
    h += section(say(kSplitTitle), say(kSplitIntro), body);
  }

  std::string heat;
  heat += figure(
      heatmap_svg(demand_heatmap(v, "incidents", "type"), say(kIncidentsByType), "demand:incidents:type", 8, 81, 156));
  heat +=
      figure(heatmap_svg(demand_heatmap(v, "miss_sla", "type"), say(kMissesByType), "demand:misses:type", 165, 15, 21));
  heat += figure(heatmap_svg(demand_heatmap(v, "incidents", "place"), say(kIncidentsByPlace), "demand:incidents:place",
                             8, 81, 156));
  heat += figure(
      heatmap_svg(demand_heatmap(v, "miss_sla", "place"), say(kMissesByPlace), "demand:misses:place", 165, 15, 21));
  if (!heat.empty()) h += section(say(kDemandTitle), say(kDemandIntro), "<div class=\"charts\">\n" + heat + "</div>\n");
  return h;
}

}  // namespace dt
