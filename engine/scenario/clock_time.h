#pragma once
// Clock times as planners write them in scenarios ("02:00", "17:30:00").

#include <cstdint>
#include <optional>
#include <string>

namespace dt {

/// "HH:MM" or "HH:MM:SS" → seconds after midnight; nothing when malformed or out of range.
[[nodiscard]] std::optional<double> parse_clock_time(const std::string& text);

/// "YYYY-MM-DD" (proleptic Gregorian) → days since 1970-01-01; nothing when malformed or no such day.
[[nodiscard]] std::optional<int64_t> parse_date(const std::string& text);

}  // namespace dt
