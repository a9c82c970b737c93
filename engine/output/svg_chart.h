#pragma once
// A small SVG plot for self-contained reports: axes with round ticks, lines, bands, bars, points
// and error bars in data coordinates, a legend. No scripts, no fonts to fetch: the page draws the
// same offline. Marks are collected first; the axes fit them when svg() renders.

#include <string>
#include <string_view>
#include <vector>

namespace dt {

/// Colours of successive data series (Tableau 10, readable on white and for most colour-blind readers).
[[nodiscard]] const std::string& series_colour(std::size_t i);

/// Text safe inside XML/HTML (& < > " ').
[[nodiscard]] std::string xml_escape(std::string_view text);

/// Round tick positions covering [lo, hi] (about `target` of them, steps of 1, 2 or 5 × 10^k).
[[nodiscard]] std::vector<double> nice_ticks(double lo, double hi, int target = 5);

/// `text` cut to at most `max` characters (UTF-8 code points, never inside one), with "…" when cut.
[[nodiscard]] std::string truncate_text(const std::string& text, std::size_t max);

/// A number for an axis or a table: four significant figures, no exponent for everyday sizes.
[[nodiscard]] std::string short_number(double x);

class SvgPlot {
 public:
  SvgPlot(std::string title, std::string x_label, std::string y_label, int width_px = 520, int height_px = 280);

  /// Categorical x axis: category i sits at x = i, labelled `names[i]`.
  void set_categories(std::vector<std::string> names);
  /// Include y = 0 in the axis (counts, shares, times).
  void y_from_zero(bool on = true) { y_zero_ = on; }
  /// Fix the y axis to [lo, hi] (e.g. [0, 1] for shares).
  void set_y_range(double lo, double hi);
  /// What the y values can be (a KPI's range: [0, 1] for shares, [0, ∞) for times): the axis fits
  /// the data but never extends past these, not even to round its ends.
  void set_y_limits(double lo, double hi) { y_limit_lo_ = lo, y_limit_hi_ = hi; }
  /// The same for a numeric x axis (a histogram of a share stays within [0, 1]).
  void set_x_limits(double lo, double hi) { x_limit_lo_ = lo, x_limit_hi_ = hi; }

  void line(std::vector<double> x, std::vector<double> y, const std::string& colour, double width = 2.0,
            bool dashed = false);
  /// Filled area between lo(x) and hi(x).
  void band(std::vector<double> x, std::vector<double> lo, std::vector<double> hi, const std::string& colour,
            double opacity = 0.25);
  void rect(double x0, double x1, double y0, double y1, const std::string& colour, double opacity = 0.85);
  void point(double x, double y, const std::string& colour, double radius = 3.5);
  /// Vertical bar from lo to hi at x with caps `cap` (in x units) wide.
  void error_bar(double x, double lo, double hi, const std::string& colour, double cap = 0.15);
  /// Horizontal segment from x0 to x1 at y.
  void hline(double x0, double x1, double y, const std::string& colour, double width = 2.0);
  void legend(std::string label, const std::string& colour);
  /// A small text centred at (x, y) just above it (a value on a bar).
  void label(double x, double y, std::string text);
  /// A target: a dashed line across the plot at y (or down it at x for `vertical`), with its text.
  void target(double at, std::string text, bool vertical = false);

  /// The chart as an <svg class="chart"> element; `id` becomes data-chart.
  [[nodiscard]] std::string svg(std::string_view id) const;

 private:
  struct Mark {
    enum class Kind { Line, Band, Rect, Point, ErrorBar, HLine, Label, Target, VTarget } kind;
    std::vector<double> x, y, y2;
    std::string colour;  ///< the text of a Label or Target
    double a = 0.0;  // width, opacity, radius or cap
    bool dashed = false;
  };
  void extend(double x, double y);

  std::string title_, x_label_, y_label_;
  int width_, height_;
  std::vector<std::string> categories_;
  std::vector<Mark> marks_;
  std::vector<std::pair<std::string, std::string>> legend_;
  bool y_zero_ = false, y_fixed_ = false;
  double y_limit_lo_ = -1e308, y_limit_hi_ = 1e308, x_limit_lo_ = -1e308, x_limit_hi_ = 1e308;
  double x_lo_, x_hi_, y_lo_, y_hi_;
};

}  // namespace dt
