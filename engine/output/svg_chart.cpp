#include "engine/output/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace dt {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// Plot area margins [px].
constexpr double kLeft = 62, kRight = 14, kTop = 30;
constexpr std::size_t kRotateAbove = 6;  // more categories than this: labels slanted
}  // namespace

const std::string& series_colour(std::size_t i) {
  static const std::array<std::string, 10> palette{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
                                                   "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"};
  return palette[i % palette.size()];
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  // A range below the resolution of its ends (a KPI constant but for rounding) has one tick: counting
  // steps from lo/step, far beyond 2^53, would never advance.
  if (hi <= lo || hi - lo <= 1e-9 * std::max(std::fabs(lo), std::fabs(hi))) return {lo};
  const double raw = (hi - lo) / std::max(target, 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> ticks;
  const double first = std::ceil(lo / step - 1e-9);
  for (double i = first; i * step <= hi + step * 1e-9 && ticks.size() <= 10 * static_cast<std::size_t>(std::max(target, 1)); i += 1)
    ticks.push_back(i == 0 ? 0.0 : i * step);
  return ticks;
}

std::string short_number(double x) {
  if (!std::isfinite(x)) return "–";
  const double a = std::fabs(x);
  if (a == 0.0) return "0";
  if (a >= 1e7 || a < 1e-3) return fmt::format("{:.3g}", x);
  const int digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
  std::string s = fmt::format("{:.{}f}", x, digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

SvgPlot::SvgPlot(std::string title, std::string x_label, std::string y_label, int width_px, int height_px)
    : title_(std::move(title)), x_label_(std::move(x_label)), y_label_(std::move(y_label)), width_(width_px),
      height_(height_px), x_lo_(kInf), x_hi_(-kInf), y_lo_(kInf), y_hi_(-kInf) {}

void SvgPlot::set_categories(std::vector<std::string> names) {
  categories_ = std::move(names);
  x_lo_ = -0.5;
  x_hi_ = static_cast<double>(categories_.size()) - 0.5;
}

void SvgPlot::set_y_range(double lo, double hi) {
  y_fixed_ = true;
  y_lo_ = lo;
  y_hi_ = hi;
}

void SvgPlot::extend(double x, double y) {
  if (std::isfinite(x) && categories_.empty()) {
    x_lo_ = std::min(x_lo_, x);
    x_hi_ = std::max(x_hi_, x);
  }
  if (std::isfinite(y) && !y_fixed_) {
    y_lo_ = std::min(y_lo_, y);
    y_hi_ = std::max(y_hi_, y);
  }
}

void SvgPlot::line(std::vector<double> x, std::vector<double> y, const std::string& colour, double width, bool dashed) {
  for (std::size_t i = 0; i < x.size(); ++i) extend(x[i], y[i]);
  marks_.push_back({Mark::Kind::Line, std::move(x), std::move(y), {}, colour, width, dashed});
}

void SvgPlot::band(std::vector<double> x, std::vector<double> lo, std::vector<double> hi, const std::string& colour,
                   double opacity) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    extend(x[i], lo[i]);
    extend(x[i], hi[i]);
  }
  marks_.push_back({Mark::Kind::Band, std::move(x), std::move(lo), std::move(hi), colour, opacity, false});
}

void SvgPlot::rect(double x0, double x1, double y0, double y1, const std::string& colour, double opacity) {
  extend(x0, y0);
  extend(x1, y1);
  marks_.push_back({Mark::Kind::Rect, {x0, x1}, {y0, y1}, {}, colour, opacity, false});
}

void SvgPlot::point(double x, double y, const std::string& colour, double radius) {
  extend(x, y);
  marks_.push_back({Mark::Kind::Point, {x}, {y}, {}, colour, radius, false});
}

void SvgPlot::error_bar(double x, double lo, double hi, const std::string& colour, double cap) {
  extend(x, lo);
  extend(x, hi);
  marks_.push_back({Mark::Kind::ErrorBar, {x}, {lo}, {hi}, colour, cap, false});
}

void SvgPlot::hline(double x0, double x1, double y, const std::string& colour, double width) {
  extend(x0, y);
  extend(x1, y);
  marks_.push_back({Mark::Kind::HLine, {x0, x1}, {y}, {}, colour, width, false});
}

void SvgPlot::legend(std::string label, const std::string& colour) { legend_.emplace_back(std::move(label), colour); }

void SvgPlot::label(double x, double y, std::string text) {
  extend(x, y);
  marks_.push_back({Mark::Kind::Label, {x}, {y}, {}, std::move(text), 0, false});
}

void SvgPlot::target(double at, std::string text, bool vertical) {
  if (vertical)
    extend(at, std::nan(""));
  else
    extend(std::nan(""), at);
  marks_.push_back({vertical ? Mark::Kind::VTarget : Mark::Kind::Target, {at}, {at}, {}, std::move(text), 0, false});
}

std::string truncate_text(const std::string& text, std::size_t max) {
  std::size_t count = 0, i = 0;
  for (; i < text.size(); ++count) {
    if (count == max) return text.substr(0, i) + "…";
    const auto c = static_cast<unsigned char>(text[i]);
    i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  }
  return text;
}

std::string SvgPlot::svg(std::string_view id) const {
  double xlo = x_lo_, xhi = x_hi_, ylo = y_lo_, yhi = y_hi_;
  if (!(xlo <= xhi)) xlo = 0, xhi = 1;
  if (!(ylo <= yhi)) ylo = 0, yhi = 1;
  if (y_zero_ && !y_fixed_) ylo = std::min(ylo, 0.0), yhi = std::max(yhi, 0.0);
  if (xhi == xlo) xlo -= 0.5, xhi += 0.5;
  if (yhi == ylo) {
    const double pad = ylo == 0 ? 1 : std::fabs(ylo) * 0.1;
    ylo = y_zero_ && ylo >= 0 ? 0 : ylo - pad;
    yhi += pad;
  }
  // Never past what the values can be (a share above 100 %, a negative time).
  ylo = std::max(ylo, y_limit_lo_), yhi = std::min(yhi, y_limit_hi_);
  if (!(ylo < yhi)) ylo = std::max(y_limit_lo_, yhi - 1), yhi = std::min(y_limit_hi_, ylo + 1);
  if (categories_.empty()) {
    xlo = std::max(xlo, x_limit_lo_), xhi = std::min(xhi, x_limit_hi_);
    if (!(xlo < xhi)) xlo = std::max(x_limit_lo_, xhi - 1), xhi = std::min(x_limit_hi_, xlo + 1);
  }
  std::vector<double> xt = categories_.empty() ? nice_ticks(xlo, xhi) : std::vector<double>{};
  std::vector<double> yt = nice_ticks(ylo, yhi);
  if (!y_fixed_ && !yt.empty()) {  // widen to the outer ticks so the axis ends on round numbers
    const double step = yt.size() > 1 ? yt[1] - yt[0] : 1;
    if (yt.front() > ylo && yt.front() - step >= y_limit_lo_ - 1e-12) yt.insert(yt.begin(), yt.front() - step);
    if (yt.back() < yhi && yt.back() + step <= y_limit_hi_ + 1e-12) yt.push_back(yt.back() + step);
    ylo = std::min(ylo, yt.front());
    yhi = std::max(yhi, yt.back());
  }
  std::erase_if(xt, [&](double t) { return t < xlo - 1e-12 || t > xhi + 1e-12; });
  const bool slanted = categories_.size() > kRotateAbove;
  const double bottom = slanted ? 84 : 44;
  const double pw = width_ - kLeft - kRight, ph = height_ - kTop - bottom;
  const int total_height = height_ + (legend_.empty() ? 0 : 14 * static_cast<int>(legend_.size()) + 4);
  auto X = [&](double x) { return kLeft + (x - xlo) / (xhi - xlo) * pw; };
  auto Y = [&](double y) { return kTop + (1 - (y - ylo) / (yhi - ylo)) * ph; };
  auto clampY = [&](double y) { return std::clamp(Y(y), kTop - 2, kTop + ph + 2); };

  std::string s = fmt::format(
      "<svg class=\"chart\" data-chart=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
      xml_escape(id), width_, total_height, width_, total_height, xml_escape(title_));
  s += fmt::format("<text x=\"{}\" y=\"18\" class=\"t\">{}</text>\n", kLeft, xml_escape(title_));
  // Grid and axes.
  for (const double t : yt) {
    if (t < ylo - 1e-12 || t > yhi + 1e-12) continue;
    s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"g\"/>"
                     "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"yl\">{}</text>\n",
                     kLeft, kLeft + pw, Y(t), Y(t), kLeft - 5, Y(t) + 4, short_number(t));
  }
  for (const double t : xt)
    s += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" class=\"tk\"/>"
                     "<text x=\"{0:.1f}\" y=\"{3:.1f}\" class=\"xl\">{4}</text>\n",
                     X(t), kTop + ph, kTop + ph + 4, kTop + ph + 16, short_number(t));
  const std::size_t every = categories_.size() / 24 + 1;  // thin labels out on crowded axes
  for (std::size_t i = 0; i < categories_.size(); i += every) {
    const std::string label = truncate_text(categories_[i], 21);
    const double x = X(static_cast<double>(i)), y = kTop + ph + 14;
    if (slanted)
      s += fmt::format("<text transform=\"translate({:.1f} {:.1f}) rotate(-35)\" class=\"xr\">{}</text>\n", x + 3, y,
                       xml_escape(label));
    else
      s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"xl\">{}</text>\n", x, y + 2, xml_escape(label));
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"frame\"/>\n", kLeft, kTop, pw, ph);
  s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"al\">{}</text>\n", kLeft + pw / 2, height_ - 6,
                   xml_escape(x_label_));
  s += fmt::format("<text transform=\"translate(14 {:.1f}) rotate(-90)\" class=\"al\">{}</text>\n", kTop + ph / 2,
                   xml_escape(y_label_));

  // Marks, clipped to the plot area.
  s += fmt::format("<g class=\"marks\">\n");
  for (const Mark& m : marks_) {
    switch (m.kind) {
      case Mark::Kind::Line: {
        std::string pts;
        for (std::size_t i = 0; i < m.x.size(); ++i)
          if (std::isfinite(m.y[i])) pts += fmt::format("{:.1f},{:.1f} ", X(m.x[i]), clampY(m.y[i]));
        s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", pts, m.colour,
                         m.a, m.dashed ? " stroke-dasharray=\"5 3\"" : "");
        break;
      }
      case Mark::Kind::Band: {
        std::string pts;
        for (std::size_t i = 0; i < m.x.size(); ++i) pts += fmt::format("{:.1f},{:.1f} ", X(m.x[i]), clampY(m.y2[i]));
        for (std::size_t i = m.x.size(); i-- > 0;) pts += fmt::format("{:.1f},{:.1f} ", X(m.x[i]), clampY(m.y[i]));
        s += fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"none\"/>\n", pts, m.colour, m.a);
        break;
      }
      case Mark::Kind::Rect: {
        const double x0 = X(m.x[0]), x1 = X(m.x[1]), y0 = clampY(m.y[0]), y1 = clampY(m.y[1]);
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
                         "fill-opacity=\"{}\"/>\n",
                         std::min(x0, x1), std::min(y0, y1), std::max(std::fabs(x1 - x0), 1.0),
                         std::max(std::fabs(y1 - y0), 1.0), m.colour, m.a);
        break;
      }
      case Mark::Kind::Point:
        s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\"/>\n", X(m.x[0]), clampY(m.y[0]), m.a,
                         m.colour);
        break;
      case Mark::Kind::ErrorBar: {
        const double x = X(m.x[0]), half = m.a / 2 / (xhi - xlo) * pw;
        const double y0 = clampY(m.y[0]), y1 = clampY(m.y2[0]);
        s += fmt::format("<path d=\"M{0:.1f} {1:.1f}V{2:.1f}M{3:.1f} {1:.1f}H{4:.1f}M{3:.1f} {2:.1f}H{4:.1f}\" "
                         "stroke=\"{5}\" stroke-width=\"1.6\" fill=\"none\"/>\n",
                         x, y0, y1, x - half, x + half, m.colour);
        break;
      }
      case Mark::Kind::Label:
        s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"xl\">{}</text>\n", X(m.x[0]), clampY(m.y[0]) - 3,
                         xml_escape(m.colour));
        break;
      case Mark::Kind::Target:
        s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"tg\"/>"
                         "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tgl\">{}</text>\n",
                         kLeft, kLeft + pw, clampY(m.y[0]), clampY(m.y[0]), kLeft + pw - 3, clampY(m.y[0]) - 3,
                         xml_escape(m.colour));
        break;
      case Mark::Kind::VTarget:
        s += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" class=\"tg\"/>"
                         "<text x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"tgl\">{5}</text>\n",
                         std::clamp(X(m.x[0]), kLeft, kLeft + pw), kTop, kTop + ph,
                         std::clamp(X(m.x[0]), kLeft, kLeft + pw) - 3, kTop + 12, xml_escape(m.colour));
        break;
      case Mark::Kind::HLine:
        s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                         "stroke-width=\"{}\"/>\n",
                         X(m.x[0]), X(m.x[1]), clampY(m.y[0]), clampY(m.y[0]), m.colour, m.a);
        break;
    }
  }
  s += "</g>\n";
  // Legend below the axes, one row per entry.
  for (std::size_t i = 0; i < legend_.size(); ++i) {
    const double y = height_ + 14.0 * static_cast<double>(i);
    const std::string label = truncate_text(legend_[i].first, 69);
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                     "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"lg\">{}</text>\n",
                     kLeft, y - 9, legend_[i].second, kLeft + 15, y, xml_escape(label));
  }
  s += "</svg>\n";
  return s;
}

}  // namespace dt
