#pragma once
// Clock times as planners write them in scenarios ("02:00", "17:30:00").

#include <optional>
#include <string>

namespace dt {

/// "HH:MM" or "HH:MM:SS" → seconds after midnight; nothing when malformed or out of range.
[[nodiscard]] std::optional<double> parse_clock_time(const std::string& text);

}  // namespace dt
