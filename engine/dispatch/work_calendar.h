#pragma once
// Clock arithmetic of the service-quality and cost KPIs: how much of an interval of scenario time
// falls in working hours of working days (complaint closure), and how much it costs to pay one
// person through it (night and weekend premiums). Both walk the interval day by day, so they are
// exact for any interval. docs/model.md, "Costs" and "Service quality".

#include "engine/dispatch/dispatch_config.h"

namespace dt {

/// Working time within [from_s, to_s] (scenario time; day 0 starts at scenario time −clock_start_s)
/// on the calendar: working hours of working weekdays that are not holidays [s].
[[nodiscard]] double working_seconds(const WorkCalendar& calendar, double clock_start_s, double from_s, double to_s);

/// Working time in one working day [s].
[[nodiscard]] inline double working_day_s(const WorkCalendar& calendar) noexcept {
  return calendar.work_end_s - calendar.work_start_s;
}

/// ∫ (1 + night premium + weekend premium) dt over [from_s, to_s]: the paid hours of one person,
/// weighted by the premiums [s]. Multiply by the wage per second for CNY.
[[nodiscard]] double premium_weighted_seconds(const CostConfig& costs, const WorkCalendar& calendar, double clock_start_s,
                                              double from_s, double to_s);

}  // namespace dt
