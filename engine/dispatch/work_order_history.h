#pragma once
// Work-order history: what a property's ticket system exports, one row per order (docs/formats.md,
// "Work-order history"). Read with every problem reported at file:line:col; written by the
// synthetic-history generator (demand_fit.h) in the same format.
//
//   time,type,building,priority,accepted,dispatched,arrived,resolved
//   2026-11-02 07:41:09,water_leak,B12,1,2026-11-02 07:42:01,2026-11-02 07:44:30,2026-11-02 07:53:12,2026-11-02
//   08:40:55
//
// Times are local clock times "YYYY-MM-DD HH:MM[:SS]" (a 'T' may stand for the space); the four
// stage times may be empty (not recorded). Rows are in order of `time`. Lines starting with '#'
// are comments.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace dt {

inline constexpr double kDay_s = 86400.0;

/// One work order. Times are seconds since 1970-01-01 00:00 local time; NaN = not recorded.
struct WorkOrder {
  double time_s = 0;     ///< reported (the order was created)
  uint32_t type = 0;     ///< into WorkOrderHistory::types
  uint32_t place = 0;    ///< into WorkOrderHistory::places (a building, or "outside")
  uint8_t priority = 3;  ///< 1 emergency … 4 routine
  double accepted_s = std::numeric_limits<double>::quiet_NaN();
  double dispatched_s = std::numeric_limits<double>::quiet_NaN();
  double arrived_s = std::numeric_limits<double>::quiet_NaN();
  double resolved_s = std::numeric_limits<double>::quiet_NaN();
  int line = 0;  ///< line in the file it came from (0: generated)
};

struct WorkOrderHistory {
  std::string source;               ///< file name as given
  std::vector<std::string> types;   ///< the scenario's incident types
  std::vector<std::string> places;  ///< the layout's buildings, then "outside"
  std::vector<WorkOrder> orders;    ///< in order of time_s
  /// The whole days the history covers: from the day of the first order to the day of the last
  /// (day numbers since 1970-01-01).
  [[nodiscard]] int64_t first_day() const;
  [[nodiscard]] int64_t last_day() const;
};

/// The longest history read [days]: ten years (a longer one is most likely a mistyped year).
inline constexpr int64_t kMaxHistoryDays = 3660;

/// The column names, in the order the writer uses (the reader accepts any order).
inline constexpr std::array<std::string_view, 8> kWorkOrderColumns = {"time",     "type",       "building", "priority",
                                                                      "accepted", "dispatched", "arrived",  "resolved"};

/// Reads a work-order history against the scenario's incident types and places. Throws InputError
/// listing every problem with file:line:col (missing or unknown columns, unparsable or NaN values,
/// rows out of time order, stage times before the previous stage, unknown types or buildings, a
/// file with a header only, a span of more than kMaxHistoryDays).
[[nodiscard]] WorkOrderHistory read_work_order_history(const std::string& path, std::vector<std::string> types,
                                                       std::vector<std::string> places);
/// The same from text (positions against `source_name`).
[[nodiscard]] WorkOrderHistory parse_work_order_history(std::string_view text, const std::string& source_name,
                                                        std::vector<std::string> types,
                                                        std::vector<std::string> places);

/// The history as CSV, `comment` lines first (each prefixed with "# ").
[[nodiscard]] std::string work_order_history_csv(const WorkOrderHistory& history,
                                                 const std::vector<std::string>& comment = {});

/// "YYYY-MM-DD HH:MM:SS" of a time in seconds since 1970-01-01 (rounded to the second).
[[nodiscard]] std::string format_local_time(double time_s);
/// "YYYY-MM-DD" of a day number.
[[nodiscard]] std::string format_day(int64_t day);
/// Parses "YYYY-MM-DD" or "YYYY-MM-DD[ T]HH:MM[:SS[.fff]]"; false when it is not such a time.
[[nodiscard]] bool parse_local_time(std::string_view text, double& time_s);

}  // namespace dt
