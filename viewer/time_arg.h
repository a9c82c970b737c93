#pragma once
// Trace times on the command line (--at, --from, --to, --every): seconds ("600", "90.5"), a
// number with a unit ("90s", "10min", "1.5h", "10 min") or a clock-like duration ("10:00" is
// 10 min, "1:30:00" is 1 h 30 min). Finite and not negative.

#include <optional>
#include <string_view>

namespace dtv {

[[nodiscard]] std::optional<double> parse_time_arg(std::string_view text);

}  // namespace dtv
