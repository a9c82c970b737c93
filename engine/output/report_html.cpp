#include "engine/output/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/kernel/statistics.h"
#include "engine/output/report_insights.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {

constexpr std::size_t kMaxBoxes = 40;       // box plots per chart
constexpr std::size_t kMaxLines = 10;       // variants drawn in one curve chart
constexpr std::size_t kMaxTableRows = 500;  // variants in the KPI table
constexpr std::size_t kCurveGrid = 121;     // points at which curves are compared across replications

constexpr const char* kCss = R"css(
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:24px;color:#222;background:#fff;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #ccc;padding-bottom:3px}
p.meta{color:#555;margin:2px 0 12px;font-size:13px}.note{color:#555;font-size:12px;margin:4px 0}
figcaption{max-width:520px}
.tbl{overflow-x:auto}table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}th{background:#f3f3f3}
td.l,th.l{text-align:left}td.green{background:#d9f2d9}td.amber{background:#ffe9b3}td.red{background:#f8c9c9}
span.ci{color:#666;font-size:11px}details{margin:6px 0}summary{cursor:pointer;color:#335;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;border:1px solid #eee;padding:4px}
svg.chart{display:block;font-size:11px}svg.chart text{fill:#333}svg.chart .t{font-size:13px;font-weight:bold}
svg.chart .yl{text-anchor:end}svg.chart .xl{text-anchor:middle}svg.chart .xr{text-anchor:end}svg.chart .al{text-anchor:middle;fill:#555}
svg.chart .lg{text-anchor:start}svg.chart .g{stroke:#e6e6e6}svg.chart .tk{stroke:#999}
svg.chart .frame{fill:none;stroke:#999}
)css";

std::vector<double> finite_sorted(const std::vector<double>& v) {
  std::vector<double> out;
  for (const double x : v)
    if (std::isfinite(x)) out.push_back(x);
  std::sort(out.begin(), out.end());
  return out;
}

std::string axis_label(const KpiDefinition& k) {
  return k.unit.empty() || k.unit == "-" ? k.name : k.name + " [" + k.unit + "]";
}

std::string variant_name(const ReportVariant& v, std::size_t i) {
  return v.label.empty() ? "point " + std::to_string(i + 1) : v.label;
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

// Histogram of one sample: bars with ⌈√n⌉ bins, between 5 and 30.
void add_histogram(SvgPlot& plot, const std::vector<double>& sorted, const std::string& colour) {
  const double lo = sorted.front(), hi = sorted.back();
  const auto bins = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(sorted.size())))), 5, 30);
  if (hi == lo) {
    plot.rect(lo - 0.5, lo + 0.5, 0, static_cast<double>(sorted.size()), colour);
    return;
  }
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

// The distribution of a KPI across replications: a histogram for one variant, box plots for several.
std::string kpi_distribution_chart(const ReportInput& in, std::size_t k, const std::string& title, std::string* note) {
  const KpiDefinition& def = in.variants.front().kpis.kpis()[k];
  if (in.variants.size() == 1) {
    const std::vector<double> s = finite_sorted(in.variants.front().kpis.column(k));
    if (s.empty()) return {};
    SvgPlot plot(title, axis_label(def), "replications");
    plot.y_from_zero();
    add_histogram(plot, s, series_colour(0));
    return plot.svg("kpi-dist:" + def.name);
  }
  SvgPlot plot(title, "", axis_label(def));
  std::vector<std::string> names;
  bool any = false;
  const std::size_t shown = std::min(in.variants.size(), kMaxBoxes);
  for (std::size_t v = 0; v < shown; ++v) {
    names.push_back(variant_short_name(in.variants[v], v));
    const std::vector<double> s = finite_sorted(in.variants[v].kpis.column(k));
    if (s.empty()) continue;
    add_box(plot, static_cast<double>(v), s, series_colour(0));
    any = true;
  }
  if (shown < in.variants.size() && note)
    *note = fmt::format("The first {} of {} points are shown.", shown, in.variants.size());
  plot.set_categories(std::move(names));
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
  SvgPlot plot(name, x_unit == "s" ? "time [s]" : x_unit, y_unit);
  plot.y_from_zero();
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
    if (single) plot.band(grid, lo, hi, colour, 0.12);
    plot.band(grid, p10, p90, colour, single ? 0.3 : 0.18);
    plot.line(grid, p50, colour, 2);
    if (!single) plot.legend(variant_name(in.variants[v], v), colour);
  }
  if (note) {
    *note = single ? "Line: median across replications; dark band: 10–90 %; light band: min–max."
                   : "Lines: median across replications; bands: 10–90 %.";
    if (shown < in.variants.size()) *note += fmt::format(" The first {} of {} variants are shown.", shown, in.variants.size());
  }
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
  SvgPlot plot(name, unit.empty() ? name : name + " [" + unit + "]", "share of samples");
  plot.y_from_zero();
  for (std::size_t v = 0; v < pooled.size(); ++v) {
    if (pooled[v].empty()) continue;
    std::vector<double> share(bins, 0.0);
    for (const double x : pooled[v]) share[std::min(bins - 1, static_cast<std::size_t>((x - lo) / w))] += 1;
    std::vector<double> xs, ys;
    for (std::size_t b = 0; b < bins; ++b) {
      const double f = share[b] / static_cast<double>(pooled[v].size());
      xs.insert(xs.end(), {lo + w * static_cast<double>(b), lo + w * static_cast<double>(b + 1)});
      ys.insert(ys.end(), {f, f});
    }
    if (in.variants.size() == 1) {
      for (std::size_t b = 0; b < bins; ++b) plot.rect(xs[2 * b], xs[2 * b + 1], 0, ys[2 * b], series_colour(0));
    } else {
      plot.line(xs, ys, series_colour(v), 2);
      plot.legend(variant_name(in.variants[v], v), series_colour(v));
    }
  }
  if (note) {
    *note = "Every sample of every replication, pooled.";
    if (shown < in.variants.size()) *note += fmt::format(" The first {} of {} variants are shown.", shown, in.variants.size());
  }
  return plot.svg("samples:" + name);
}

// Mean of a KPI per variant with its 95 % CI, as bars.
std::string mean_bars_chart(const ReportInput& in, std::size_t k, const std::string& title) {
  const KpiDefinition& def = in.variants.front().kpis.kpis()[k];
  SvgPlot plot(title, "", axis_label(def));
  plot.y_from_zero();
  std::vector<std::string> names;
  bool any = false;
  const std::size_t shown = std::min(in.variants.size(), kMaxBoxes);
  for (std::size_t v = 0; v < shown; ++v) {
    names.push_back(in.variants.size() == 1 ? "all replications" : variant_short_name(in.variants[v], v));
    const SampleSummary s = in.variants[v].kpis.summary(k);
    if (!std::isfinite(s.mean)) continue;
    const double x = static_cast<double>(v);
    plot.rect(x - 0.32, x + 0.32, 0, s.mean, series_colour(2));
    if (std::isfinite(s.ci95_low)) plot.error_bar(x, s.ci95_low, s.ci95_high, "#222", 0.25);
    any = true;
  }
  plot.set_categories(std::move(names));
  if (def.unit == "-" && def.name.find("fraction") != std::string::npos) plot.set_y_range(0, 1);
  if (def.name.find("utilization") != std::string::npos) plot.set_y_range(0, 1);
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
  for (const ReportVariant& v : in.variants) {
    const std::string x = value_of(v, xname);
    std::string g;
    for (const std::string& p : in.parameters)
      if (p != xname) g += (g.empty() ? "" : ", ") + (p == "variant" ? value_of(v, p) : p + "=" + value_of(v, p));
    auto xi = std::find(xs.begin(), xs.end(), x);
    if (xi == xs.end()) xi = xs.insert(xs.end(), x);
    auto gi = std::find(groups.begin(), groups.end(), g);
    if (gi == groups.end()) gi = groups.insert(groups.end(), g);
    cells.emplace_back(static_cast<std::size_t>(gi - groups.begin()), static_cast<std::size_t>(xi - xs.begin()),
                       v.kpis.summary(k));
  }
  SvgPlot plot(def.name, xname, axis_label(def));
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
      ly.push_back(s.mean);
      if (std::isfinite(s.ci95_low)) plot.error_bar(x, s.ci95_low, s.ci95_high, series_colour(g), 0.12);
      plot.point(x, s.mean, series_colour(g));
      any = true;
    }
    if (lx.size() > 1) plot.line(lx, ly, series_colour(g), 1.5);
    if (!groups[g].empty()) plot.legend(groups[g], series_colour(g));
  }
  plot.set_categories(xs);
  if (note && shown < groups.size())
    *note = fmt::format("The first {} of {} combinations of the other parameters are shown.", shown, groups.size());
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

// The mean of one KPI per entity (bars with 95 % CI for one variant; dots with CI per variant).
std::string family_chart(const ReportInput& in, const Family& f, std::string* note) {
  if (f.kpis.size() < 2) return {};
  const KpiDefinition& def = in.variants.front().kpis.kpis()[f.kpis.front().second];
  const std::string title = f.prefix + ".*." + f.metric;
  SvgPlot plot(title, "", def.unit.empty() || def.unit == "-" ? f.metric : f.metric + " [" + def.unit + "]");
  plot.y_from_zero();
  std::vector<std::string> names;
  for (const auto& [entity, k] : f.kpis) names.push_back(entity);
  const std::size_t shown = std::min(in.variants.size(), kMaxLines);
  const double dodge = shown > 1 ? 0.6 / static_cast<double>(shown) : 0.0;
  bool any = false;
  for (std::size_t v = 0; v < shown; ++v) {
    const double off = (static_cast<double>(v) - static_cast<double>(shown - 1) / 2) * dodge;
    for (std::size_t e = 0; e < f.kpis.size(); ++e) {
      const SampleSummary m = in.variants[v].kpis.summary(f.kpis[e].second);
      if (!std::isfinite(m.mean)) continue;
      const double x = static_cast<double>(e) + off;
      if (shown == 1)
        plot.rect(x - 0.35, x + 0.35, 0, m.mean, series_colour(0));
      else
        plot.point(x, m.mean, series_colour(v), 3);
      if (std::isfinite(m.ci95_low)) plot.error_bar(x, m.ci95_low, m.ci95_high, shown == 1 ? "#222" : series_colour(v), 0.2);
      any = true;
    }
    if (shown > 1) plot.legend(variant_name(in.variants[v], v), series_colour(v));
  }
  plot.set_categories(std::move(names));
  if (note) {
    *note = "Mean over replications with its 95 % confidence interval, per " + f.prefix.substr(f.prefix.find('.') + 1) + ".";
    if (shown < in.variants.size()) *note += fmt::format(" The first {} of {} variants are shown.", shown, in.variants.size());
  }
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

std::string rag_word(Rag r) {
  switch (r) {
    case Rag::Green: return "green";
    case Rag::Amber: return "amber";
    case Rag::Red: return "red";
    case Rag::None: break;
  }
  return "";
}

const KpiTarget* target_of(const ReportInput& in, const std::string& kpi) {
  for (const KpiTarget& t : in.targets)
    if (t.kpi == kpi) return &t;
  return nullptr;
}

std::string target_text(const KpiTarget& t) {
  return std::string(t.sense == KpiTarget::Sense::AtLeast ? "≥ " : "≤ ") + short_number(t.value);
}

std::string single_kpi_rows(const ReportInput& in, const std::vector<std::size_t>& which) {
  const std::vector<KpiDefinition>& kpis = in.variants.front().kpis.kpis();
  std::string s = "<div class=\"tbl\"><table>\n<tr><th class=\"l\">KPI</th><th>unit</th><th>mean</th><th>95 % CI</th>"
                  "<th>p50</th><th>p95</th><th>n</th><th>target</th><th>status</th></tr>\n";
  for (const std::size_t k : which) {
    const SampleSummary m = in.variants.front().kpis.summary(k);
    const KpiTarget* t = target_of(in, kpis[k].name);
    const Rag r = t ? rag_status(m.mean, *t) : Rag::None;
    s += fmt::format("<tr><td class=\"l\" title=\"{}\">{}</td><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{}</td><td{}>{}</td></tr>\n",
                     xml_escape(kpis[k].description), xml_escape(kpis[k].name), xml_escape(kpis[k].unit), rag_class(r),
                     short_number(m.mean),
                     std::isfinite(m.ci95_low) ? short_number(m.ci95_low) + " – " + short_number(m.ci95_high) : "–",
                     short_number(m.p50), short_number(m.p95), m.n, t ? xml_escape(target_text(*t)) : "", rag_class(r),
                     rag_word(r));
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
      s += fmt::format("<details><summary>{} more KPIs per building, stair, exit, …</summary>\n{}</details>\n",
                       detail.size(), single_kpi_rows(in, detail));
  } else {
    s += "<div class=\"tbl\"><table>\n<tr><th class=\"l\">#</th>";
    for (const std::string& p : in.parameters) s += "<th class=\"l\">" + xml_escape(p) + "</th>";
    if (in.parameters.empty()) s += "<th class=\"l\">variant</th>";
    for (const std::size_t k : head) {
      const KpiTarget* t = target_of(in, kpis[k].name);
      s += "<th title=\"" + xml_escape(kpis[k].description) + "\">" + xml_escape(kpis[k].name) +
           (t ? "<br><span class=\"ci\">target " + xml_escape(target_text(*t)) + "</span>" : "") + "</th>";
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
        const Rag r = t ? rag_status(m.mean, *t) : Rag::None;
        s += fmt::format("<td{}>{}{}</td>", rag_class(r), short_number(m.mean),
                         std::isfinite(m.ci95_low) ? "<br><span class=\"ci\">" + short_number(m.ci95_low) + " – " +
                                                         short_number(m.ci95_high) + "</span>"
                                                   : "");
      }
      s += "</tr>\n";
    }
    s += "</table></div>\n";
    if (in.variants.size() > kMaxTableRows)
      s += fmt::format("<p class=\"note\">The first {} of {} points; all of them are in results.sqlite.</p>\n",
                       kMaxTableRows, in.variants.size());
    if (!detail.empty())
      s += fmt::format("<p class=\"note\">{} more KPIs per building, stair, exit, … are in summary.json.</p>\n",
                       detail.size());
  }
  if (!in.targets.empty())
    s += "<p class=\"note\">Status: green meets the target; amber misses it by at most 5 %; red by more.</p>\n";
  return s;
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

Rag rag_status(double mean, const KpiTarget& target, double tolerance) {
  if (!std::isfinite(mean)) return Rag::None;
  const double miss = target.sense == KpiTarget::Sense::AtLeast ? target.value - mean : mean - target.value;
  if (miss <= 0) return Rag::Green;
  return miss <= tolerance * std::fabs(target.value) ? Rag::Amber : Rag::Red;
}

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
  Section evac{"Evacuation", "How many people are safe over time, across replications.", {}};
  Section queues{"Queues per stair and exit", "People waiting at the entry of each stair and exit.", {}};
  Section other{"Other series", "", {}};
  for (const std::string& name : curves) {
    if (name.rfind("dispatch.demand.", 0) == 0 || name.ends_with(".wait_s")) continue;  // report_insights.h draws them
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
      evac.add(kpi_distribution_chart(in, k, kpis[k].name + " across replications", &note), note);
    }
  Section staff{"Staff utilisation", "Busy staff-time over available staff-time: mean with its 95 % confidence interval.", {}};
  Section entities{"Per building, stair and exit", "", {}};
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

  Section response{"Response times", "", {}};
  for (const std::string& name : samples) {
    note.clear();
    const std::string svg = samples_chart(in, name, &note);
    (name.find("response_time") != std::string::npos ? response : other).add(svg, note);
  }
  if (response.charts.empty())
    if (const std::size_t k = in.variants.front().kpis.find("dispatch.response_time_s"); k != KpiTable::npos) {
      note.clear();
      response.add(kpi_distribution_chart(in, k, "Mean response time per replication", &note), note);
      response.intro = in.variants.size() > 1 ? "Per variant: box 25–75 %, line median, dot mean, whiskers min–max."
                                              : "The mean response time of each replication.";
    }

  for (std::size_t k = 0; k < kpis.size(); ++k)
    if (headline(kpis[k].name) && kpis[k].name.find("utilization") != std::string::npos)
      staff.add(mean_bars_chart(in, k, kpis[k].name));

  Section sweep{"KPIs against the swept parameters", "Mean of each point with its 95 % confidence interval; all points "
                "ran the same replications (common random numbers).", {}};
  if (in.kind == "sweep" && !in.parameters.empty() && in.variants.size() > 1) {
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

  Section dist{"Each KPI across replications",
               in.variants.size() == 1 ? "Histogram of the value of each KPI in each replication."
                                       : "Per variant: box 25–75 %, line median, dot mean, whiskers min–max.",
               {}};
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    if (!headline(kpis[k].name)) continue;
    note.clear();
    dist.add(kpi_distribution_chart(in, k, kpis[k].name, &note), note);
  }

  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>drilltwin " + xml_escape(in.kind) + ": " + xml_escape(in.scenario) + "</title>\n";
  h += "<style>" + std::string(kCss) + "</style></head><body>\n";
  h += "<h1>" + xml_escape(in.scenario) + "</h1>\n";
  if (!in.description.empty()) h += "<p>" + xml_escape(in.description) + "</p>\n";
  std::string meta = fmt::format("drilltwin {} {} · seed {} · {} replication{}", xml_escape(in.version), xml_escape(in.kind),
                                 in.seed, in.replications, in.replications == 1 ? "" : "s");
  if (in.variants.size() > 1)
    meta += fmt::format(" per {} · {} {}s", in.kind == "sweep" ? "point" : "variant", in.variants.size(),
                        in.kind == "sweep" ? "point" : "variant");
  if (!in.parameters.empty()) meta += " · swept: " + xml_escape(fmt::format("{}", fmt::join(in.parameters, ", ")));
  h += "<p class=\"meta\">" + meta + "</p>\n";
  h += "<h2>Key figures</h2>\n";
  h += "<p class=\"note\">Mean over replications with its 95 % confidence interval (Student t); p50 and p95 are the "
       "median and 95th percentile of the replication values.</p>\n";
  h += kpi_table(in);
  h += sweep.html() + evac.html() + queues.html() + response.html() + staff.html() + entities.html() + other.html() + dist.html();
  h += report_insights_html(in);  // why it takes as long as it does (report_insights.h)
  h += "</body></html>\n";
  return h;
}

}  // namespace dt
