#include "engine/scenario/clock_time.h"

#include <charconv>

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

}  // namespace dt
