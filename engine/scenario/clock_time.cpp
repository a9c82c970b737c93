#include "engine/scenario/clock_time.h"

#include <charconv>

#include "engine/kernel/civil_date.h"

namespace dt {

std::optional<double> parse_clock_time(const std::string& text) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end && count < 3) {
    const auto res = std::from_chars(p, end, parts[count]);
    if (res.ec != std::errc() || res.ptr == p || res.ptr - p > 2) return std::nullopt;
    ++count;
    p = res.ptr;
    if (p < end) {
      if (*p != ':') return std::nullopt;
      ++p;
      if (p == end) return std::nullopt;
    }
  }
  if (p != end || count < 2) return std::nullopt;
  if (parts[0] < 0 || parts[0] > 23 || parts[1] < 0 || parts[1] > 59 || parts[2] < 0 || parts[2] > 59)
    return std::nullopt;
  return parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
}

std::optional<int64_t> parse_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  const char* p = text.data();
  if (std::from_chars(p, p + 4, y).ptr != p + 4 || std::from_chars(p + 5, p + 7, m).ptr != p + 7 ||
      std::from_chars(p + 8, p + 10, d).ptr != p + 10)
    return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace dt
