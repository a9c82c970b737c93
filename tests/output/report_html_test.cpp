// Tests for engine/output/report_html.cpp: the page is self-contained, has a chart for each thing
// there is to show (and none for what is not there), and colours KPIs by their targets.

#include "engine/output/report_html.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "tests/output/report_fixture.h"

namespace dt {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, RagStatusFollowsTheFivePercentRule) {
  const KpiTarget at_least{"x", KpiTarget::Sense::AtLeast, 0.92};
  EXPECT_EQ(rag_status(0.95, at_least), Rag::Green);
  EXPECT_EQ(rag_status(0.92, at_least), Rag::Green);
  EXPECT_EQ(rag_status(0.90, at_least), Rag::Amber);  // 0.02 short of 0.92: within 5 % (0.046)
  EXPECT_EQ(rag_status(0.87, at_least), Rag::Red);
  const KpiTarget at_most{"x", KpiTarget::Sense::AtMost, 900};
  EXPECT_EQ(rag_status(800, at_most), Rag::Green);
  EXPECT_EQ(rag_status(940, at_most), Rag::Amber);
  EXPECT_EQ(rag_status(950, at_most), Rag::Red);
  EXPECT_EQ(rag_status(std::nan(""), at_most), Rag::None);
}

TEST(ReportHtml, RunReportDrawsEveryKindOfChart) {
  const std::string html = report_html(test::fixture_report(1));
  for (const char* id : {"curve:evacuation.safe_count", "curve:evacuation.queue.B1.stair_A",
                         "curve:evacuation.queue.B1.stair_B", "samples:dispatch.response_time_s",
                         "bars:dispatch.staff_utilization", "kpi-dist:evacuation.total_time_s",
                         "kpi-dist:evacuation.evacuated_fraction", "kpi-dist:dispatch.response_time_s",
                         "kpi-dist:dispatch.staff_utilization", "family:evacuation.stair.*.peak_queue"})
    EXPECT_NE(html.find(std::string("data-chart=\"") + id + "\""), std::string::npos) << id;
  EXPECT_NE(html.find("<h2>Evacuation</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Queues per stair and exit</h2>"), std::string::npos);
  EXPECT_EQ(html.find("data-chart=\"sweep:"), std::string::npos) << "no sweep charts for a run";
  // Per-stair KPIs are charted as one family and kept out of the headline table and histograms.
  EXPECT_EQ(html.find("kpi-dist:evacuation.stair."), std::string::npos);
  EXPECT_NE(html.find("<details><summary>2 more KPIs"), std::string::npos);
  // Evacuation curve: a min–max band, a 10–90 % band and the median.
  const std::size_t curve = html.find("data-chart=\"curve:evacuation.safe_count\"");
  const std::string svg = html.substr(curve, html.find("</svg>", curve) - curve);
  EXPECT_EQ(count(svg, "<polygon"), 2u);
  EXPECT_EQ(count(svg, "<polyline"), 1u);
}

TEST(ReportHtml, KpiTableIsColouredByTargets) {
  const std::string html = report_html(test::fixture_report(1));
  // evacuation.total_time_s ≈ 660 s against ≤ 600: red; evacuated ≈ 0.95 against ≥ 0.98: amber;
  // utilisation ≈ 0.925 against ≤ 0.5: red; response time has no target.
  // Each status shows twice: in the targets table and in the key-figures table.
  EXPECT_EQ(count(html, "<td class=\"red\">missed</td>"), 4u);
  EXPECT_EQ(count(html, "<td class=\"amber\">nearly met</td>"), 2u);
  EXPECT_NE(html.find("≤ 10 min"), std::string::npos);  // 600 s, in words
  ReportInput none = test::fixture_report(1);
  none.targets.clear();
  const std::string plain = report_html(none);
  EXPECT_EQ(plain.find("class=\"red\""), std::string::npos);
  EXPECT_EQ(plain.find("class=\"green\""), std::string::npos);
}

TEST(ReportHtml, SweepReportPlotsEachKpiAgainstTheParameter) {
  const std::string html = report_html(test::fixture_report(3));
  for (const char* kpi : {"evacuation.total_time_s", "evacuation.evacuated_fraction", "dispatch.response_time_s",
                          "dispatch.staff_utilization"})
    EXPECT_NE(html.find(std::string("data-chart=\"sweep:") + kpi + "\""), std::string::npos) << kpi;
  // Three points, each with a CI bar and a mean dot, on the sweep chart of one KPI.
  const std::size_t at = html.find("data-chart=\"sweep:dispatch.response_time_s\"");
  const std::string svg = html.substr(at, html.find("</svg>", at) - at);
  EXPECT_EQ(count(svg, "<circle"), 3u);
  EXPECT_EQ(count(svg, "<path"), 3u);
  EXPECT_NE(html.find("3 points"), std::string::npos);
  // Curves per variant with a legend.
  EXPECT_NE(html.find("staff.count=3"), std::string::npos);
}

TEST(ReportHtml, IsSelfContained) {
  const std::string html = report_html(test::fixture_report(3));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  // The only address is the SVG namespace, which is a name, not something fetched.
  const std::regex address("https?://");
  EXPECT_EQ(std::distance(std::sregex_iterator(html.begin(), html.end(), address), std::sregex_iterator()),
            static_cast<std::ptrdiff_t>(count(html, "http://www.w3.org/2000/svg")));
}

TEST(ReportHtml, IsDeterministicAndEscapesText) {
  ReportInput in = test::fixture_report(2);
  in.variants[0].label = "a<b>&\"c\"";
  in.variants[0].settings[0].second = "<x>";
  const std::string html = report_html(in);
  EXPECT_EQ(html, report_html(in));
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<x>"), std::string::npos);
  EXPECT_NE(html.find("&lt;x&gt;"), std::string::npos);
}

TEST(ReportHtml, WithoutSeriesShowsResponseTimesFromTheKpi) {
  ReportInput in = test::fixture_report(2);
  for (ReportVariant& v : in.variants) v.series.clear();
  const std::string html = report_html(in);
  EXPECT_EQ(html.find("<h2>Evacuation</h2>") != std::string::npos, true) << "evacuation KPIs still have charts";
  EXPECT_EQ(html.find("curve:"), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"family:evacuation.stair.*.peak_queue\""), std::string::npos)
      << "queues per stair from the per-stair KPIs";
  EXPECT_NE(html.find("Mean response time per replication"), std::string::npos);
}

}  // namespace
}  // namespace dt

namespace dt {
namespace {

// Numbers of the tick labels of one chart's axis (`cls` "yl": y axis; "xl": x axis, categories skipped).
std::vector<double> tick_values(const std::string& svg, const std::string& cls) {
  std::vector<double> out;
  const std::string tag = "class=\"" + cls + "\">";
  for (std::size_t at = svg.find(tag); at != std::string::npos; at = svg.find(tag, at + 1)) {
    const std::size_t b = at + tag.size();
    const std::string text = svg.substr(b, svg.find('<', b) - b);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0') out.push_back(v);
  }
  return out;
}

std::string chart(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("data-chart=\"" + id + "\"");
  if (at == std::string::npos) return {};
  return html.substr(at, html.find("</svg>", at) - at);
}

// A share near 100 % and a count near 0, with a wide spread: a plain axis would round up to 110 %
// and down to −1. Every axis stays within what the KPI can be, and so does every interval.
TEST(ReportHtml, NoAxisOrIntervalLeavesTheKpisRange) {
  for (const int variants : {1, 3}) {
    ReportInput in;
    in.kind = variants == 1 ? "run" : "sweep";
    in.scenario = "ranges";
    in.replications = 12;
    if (variants > 1) in.parameters = {"p"};
    for (int v = 0; v < variants; ++v) {
      ReportVariant var;
      var.label = "p=" + std::to_string(v);
      if (variants > 1) var.settings = {{"p", std::to_string(v)}};
      var.kpis = KpiTable({{"dispatch.within_15min_fraction", "-", "", KpiRange::Fraction},
                           {"dispatch.backlog_at_close", "-", "", KpiRange::NonNegative},
                           {"dispatch.staff_utilization", "-", "", KpiRange::Fraction}},
                          12);
      for (std::size_t r = 0; r < 12; ++r) {
        var.kpis.row(r)[0] = r < 2 ? 0.7 : 1.0;          // mostly 100 %: t-interval reaches past 1
        var.kpis.row(r)[1] = r < 10 ? 0.0 : 3.0 + v;     // mostly 0: t-interval reaches below 0
        var.kpis.row(r)[2] = 0.96 + 0.004 * static_cast<double>(r);
      }
      for (std::size_t k = 0; k < 3; ++k) {
        const SampleSummary s = var.kpis.summary(k);
        EXPECT_GE(s.ci95_low, 0.0) << k;
        if (k != 1) EXPECT_LE(s.ci95_high, 1.0) << k;
      }
      in.variants.push_back(std::move(var));
    }
    const std::string html = report_html(in);
    std::size_t checked = 0;
    for (const char* id : {"kpi-dist:dispatch.within_15min_fraction", "kpi-dist:dispatch.staff_utilization",
                           "bars:dispatch.staff_utilization", "sweep:dispatch.within_15min_fraction",
                           "sweep:dispatch.staff_utilization"}) {
      const std::string svg = chart(html, id);
      if (svg.empty()) continue;
      ++checked;
      for (const double t : tick_values(svg, "yl")) {
        EXPECT_GE(t, 0.0) << id;
        EXPECT_LE(t, 100.0) << id << " (shares are drawn in %)";
      }
      if (variants == 1 && std::string(id).rfind("kpi-dist:", 0) == 0)
        for (const double t : tick_values(svg, "xl")) {
          EXPECT_GE(t, 0.0) << id;
          EXPECT_LE(t, 100.0) << id;
        }
    }
    for (const char* id : {"kpi-dist:dispatch.backlog_at_close", "sweep:dispatch.backlog_at_close"}) {
      const std::string svg = chart(html, id);
      if (svg.empty()) continue;
      ++checked;
      for (const double t : tick_values(svg, "yl")) EXPECT_GE(t, 0.0) << id;
      for (const double t : tick_values(svg, variants == 1 ? "xl" : "none")) EXPECT_GE(t, 0.0) << id;
    }
    EXPECT_GE(checked, variants == 1 ? 3u : 5u) << html.size();
  }
}

// A KPI that is the same in every replication gets a sentence, not a one-bar histogram.
TEST(ReportHtml, AConstantKpiHasNoHistogram) {
  ReportInput in = test::fixture_report(1);
  for (std::size_t r = 0; r < in.variants.front().kpis.replications(); ++r) in.variants.front().kpis.row(r)[2] = 420;
  const std::string html = report_html(in);
  EXPECT_EQ(html.find("data-chart=\"kpi-dist:dispatch.response_time_s\""), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"kpi-dist:evacuation.total_time_s\""), std::string::npos);
  EXPECT_NE(html.find("Constant across replications:"), std::string::npos);
  EXPECT_NE(html.find("(7 min) in every run."), std::string::npos);
}

}  // namespace
}  // namespace dt
