// Tests for engine/output/svg_chart.cpp: round axis ticks, safe text, well-formed charts.

#include "engine/output/svg_chart.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dt {
namespace {

TEST(SvgChart, NiceTicksAreRoundAndCoverTheRange) {
  const std::vector<double> unit = nice_ticks(0, 1);
  ASSERT_EQ(unit.size(), 6u);
  for (std::size_t i = 0; i < unit.size(); ++i) EXPECT_NEAR(unit[i], 0.2 * static_cast<double>(i), 1e-12);
  const std::vector<double> t = nice_ticks(13, 1870);
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.front(), 500);
  EXPECT_EQ(t.back(), 1500);
  EXPECT_EQ(t[1] - t[0], 500);
  EXPECT_EQ(nice_ticks(-3, 3, 6).front(), -3);
  EXPECT_TRUE(nice_ticks(1, std::numeric_limits<double>::infinity()).empty());
}

// A KPI constant but for the last bits of a double (7365.000000000001 and 7365 over the runs) once made
// the tick loop count steps from 7365/1e-12, where adding 1 changes nothing: it never ended.
TEST(SvgChart, ARangeBelowTheResolutionOfItsEndsHasOneTick) {
  const double lo = 7365.0, hi = std::nextafter(7365.0, 1e9);
  EXPECT_EQ(nice_ticks(lo, hi), std::vector<double>{lo});
  const std::vector<double> wide = nice_ticks(1e15, 1e15 + 8);
  EXPECT_LE(wide.size(), 50u);
}

TEST(SvgChart, TextIsEscaped) {
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(short_number(1234.6), "1235");
  EXPECT_EQ(short_number(0.25), "0.25");
  EXPECT_EQ(short_number(2e9), "2e+09");
}

TEST(SvgChart, DrawsItsMarksInsideTheFrame) {
  SvgPlot plot("t <1>", "x", "y");
  plot.line({0, 1, 2}, {0, 10, 5}, series_colour(0));
  plot.error_bar(1, 8, 12, series_colour(1));
  plot.legend("a & b", series_colour(0));
  const std::string svg = plot.svg("id");
  EXPECT_EQ(svg.rfind("<svg class=\"chart\" data-chart=\"id\"", 0), 0u);
  EXPECT_NE(svg.find("t &lt;1&gt;"), std::string::npos);
  EXPECT_NE(svg.find("a &amp; b"), std::string::npos);
  EXPECT_NE(svg.find("<polyline points=\"62.0,"), std::string::npos) << "x = 0 at the left edge of the plot area";
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace dt
