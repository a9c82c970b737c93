#include "engine/output/readable.h"

#include <fmt/format.h>

#include <cmath>

#include "engine/kernel/lang.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {

DT_PHRASE(kSeconds, "{} s", "{} 秒");
DT_PHRASE(kMinutes, "{} min", "{} 分钟");
DT_PHRASE(kHoursMinutes, "{} h {:02} min", "{} 小时 {:02} 分");
DT_PHRASE(kPercent, "{} %", "{}%");
DT_PHRASE(kPercentPoints, "{} %-points", "{} 个百分点");
DT_PHRASE(kUnitS, "s", "秒");
DT_PHRASE(kUnitMin, "min", "分钟");
DT_PHRASE(kUnitH, "h", "小时");

const char* kMissing = "–";

// Drops a trailing ".0" so that 58.0 reads as 58.
std::string trim_zero(std::string s) {
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string sign_of(double d) { return d > 0 ? "+" : d < 0 ? "−" : "±"; }

}  // namespace

ValueKind value_kind(const KpiDefinition& kpi) noexcept {
  if (kpi.unit == "s") return ValueKind::Duration;
  if (kpi.range == KpiRange::Fraction) return ValueKind::Share;
  return ValueKind::Number;
}

std::string duration_words(double s) {
  if (!std::isfinite(s)) return kMissing;
  const double a = std::fabs(s);
  const std::string sign = s < 0 ? "−" : "";
  if (a < 59.5) return sign + say(kSeconds, trim_zero(fmt::format("{:.{}f}", a, a < 10 ? 1 : 0)));
  if (a < 3570) {
    const double m = a / 60;
    return sign + say(kMinutes, trim_zero(fmt::format("{:.{}f}", m, m < 9.95 ? 1 : 0)));
  }
  const long total_min = std::lround(a / 60);
  return sign + say(kHoursMinutes, total_min / 60, total_min % 60);
}

std::string clock_text(double s) {
  if (!std::isfinite(s)) return kMissing;
  const long t = std::lround(std::fabs(s));
  return fmt::format("{}{}:{:02}:{:02}", s < 0 && t > 0 ? "−" : "", t / 3600, (t / 60) % 60, t % 60);
}

std::string percent_text(double f) {
  if (!std::isfinite(f)) return kMissing;
  const double p = 100 * f;
  const bool fine = (p != 0 && std::fabs(p) < 10) || (p > 99 && p < 100);
  std::string n = fmt::format("{:.{}f}", p, fine ? 1 : 0);
  if (fine && p > 99 && n == "100.0") n = "99.9";  // never round a miss up to 100 %
  return say(kPercent, trim_zero(n));
}

std::string plain_number(double x) {
  if (!std::isfinite(x)) return kMissing;
  if (x == std::round(x) && std::fabs(x) < 1e7) return fmt::format("{:.0f}", x);
  return short_number(x);  // four significant figures (svg_chart.h), as on the report's axes
}

std::string value_words(double x, const KpiDefinition& kpi) {
  switch (value_kind(kpi)) {
    case ValueKind::Duration: return duration_words(x);
    case ValueKind::Share: return percent_text(x);
    case ValueKind::Number: break;
  }
  if (!std::isfinite(x)) return kMissing;
  return kpi.unit.empty() || kpi.unit == "-" ? plain_number(x) : plain_number(x) + " " + kpi.unit;
}

std::string value_cell(double x, const KpiDefinition& kpi) {
  switch (value_kind(kpi)) {
    case ValueKind::Duration: return clock_text(x);
    case ValueKind::Share: return percent_text(x);
    case ValueKind::Number: break;
  }
  return plain_number(x);
}

std::string interval_words(double lo, double hi, const KpiDefinition& kpi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return kMissing;
  const ValueKind kind = value_kind(kpi);
  if (kind == ValueKind::Duration && std::fabs(hi) < 3570 && std::fabs(lo) >= 59.5) {
    // Both in minutes: "54–61 min".
    const int digits = hi / 60 < 9.95 ? 1 : 0;
    return say(kMinutes, trim_zero(fmt::format("{:.{}f}", lo / 60, digits)) + "–" +
                             trim_zero(fmt::format("{:.{}f}", hi / 60, digits)));
  }
  if (kind == ValueKind::Share) {
    std::string a = percent_text(lo), b = percent_text(hi);
    const std::string unit = say(kPercent, "");
    if (a.size() > unit.size() && a.compare(a.size() - unit.size(), unit.size(), unit) == 0) a.resize(a.size() - unit.size());
    return a + "–" + b;
  }
  if (kind == ValueKind::Number) {
    const std::string unit = kpi.unit.empty() || kpi.unit == "-" ? "" : " " + kpi.unit;
    return plain_number(lo) + "–" + plain_number(hi) + unit;
  }
  return value_words(lo, kpi) + " – " + value_words(hi, kpi);
}

std::string difference_words(double d, const KpiDefinition& kpi) {
  if (!std::isfinite(d)) return kMissing;
  switch (value_kind(kpi)) {
    case ValueKind::Duration: return sign_of(d) + duration_words(std::fabs(d));
    case ValueKind::Share: {
      const double p = std::fabs(100 * d);
      return sign_of(d) + say(kPercentPoints, trim_zero(fmt::format("{:.1f}", p)));
    }
    case ValueKind::Number: break;
  }
  return sign_of(d) + value_words(std::fabs(d), kpi);
}

double duration_axis_scale(double max_seconds) noexcept {
  if (max_seconds >= 3 * 3600) return 3600;
  if (max_seconds >= 300) return 60;
  return 1;
}

std::string duration_axis_unit(double scale) {
  return scale >= 3600 ? say(kUnitH) : scale >= 60 ? say(kUnitMin) : say(kUnitS);
}

std::size_t display_width(std::string_view t) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) cp = c & 0x07, len = 4;
    else if (c >= 0xE0) cp = c & 0x0F, len = 3;
    else if (c >= 0xC0) cp = c & 0x1F, len = 2;
    for (std::size_t k = 1; k < len && i + k < t.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
    i += len;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : std::string(width - w, ' ') + text;
}

}  // namespace dt
