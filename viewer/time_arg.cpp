#include "viewer/time_arg.h"

#include <cctype>
#include <cmath>
#include <string>

#include "engine/kernel/number_text.h"

namespace dtv {

std::optional<double> parse_time_arg(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.find(':') != std::string_view::npos) {  // [h:]mm:ss
    double total = 0;
    int parts = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t colon = text.find(':', start);
      const std::string_view part = text.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
      const bool last = colon == std::string_view::npos;
      if (part.empty()) return std::nullopt;
      for (const char c : part)
        if (!std::isdigit(static_cast<unsigned char>(c)) && !(last && c == '.')) return std::nullopt;
      const auto v = dt::parse_finite_decimal(part);
      if (!v || (parts > 0 && *v >= 60)) return std::nullopt;
      total = total * 60 + *v;
      if (++parts > 3) return std::nullopt;
      if (last) break;
      start = colon + 1;
    }
    return parts >= 2 ? std::optional<double>(total) : std::nullopt;
  }
  std::size_t unit = text.size();
  while (unit > 0 && std::isalpha(static_cast<unsigned char>(text[unit - 1]))) --unit;
  std::string_view number = text.substr(0, unit), suffix = text.substr(unit);
  while (!number.empty() && std::isspace(static_cast<unsigned char>(number.back()))) number.remove_suffix(1);
  if (number.empty()) return std::nullopt;
  for (const char c : number)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  const auto v = dt::parse_finite_decimal(number);
  if (!v || *v < 0) return std::nullopt;
  double scale = 0;
  if (suffix.empty() || suffix == "s" || suffix == "sec") scale = 1;
  else if (suffix == "min" || suffix == "m") scale = 60;
  else if (suffix == "h") scale = 3600;
  else return std::nullopt;
  return *v * scale;
}

}  // namespace dtv
