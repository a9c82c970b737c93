// Cost and service-quality KPIs of the dispatch model, each against a hand-worked case
// (docs/validation.md, "Costs and service quality"): labour cost with night, weekend and overtime
// premiums; the "1+3+N" accept and dispatch times; first-time fixes against the configured
// probability; facility availability MTBF/(MTBF+MTTR); complaint closure on a working-day calendar.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/kernel/statistics.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"
#include "engine/sim/site.h"
#include "tests/support/process.h"

namespace dt {
namespace {

// The KPIs of replications [0, n) of a scenario written as YAML: name → one value per replication.
std::map<std::string, std::vector<double>> run_yaml(const std::string& yaml, uint64_t n = 1) {
  test::TempDir tmp;
  const std::string path = tmp / "case.yaml";
  std::ofstream(path) << yaml;
  const ScenarioConfig sc = load_scenario(path);
  const Site site = build_site(sc);
  const std::vector<KpiDefinition> defs = kpi_definitions(site, sc);
  std::map<std::string, std::vector<double>> out;
  std::vector<double> row(defs.size());
  for (uint64_t r = 0; r < n; ++r) {
    run_replication(site, sc, r, row);
    for (std::size_t k = 0; k < defs.size(); ++k) out[defs[k].name].push_back(row[k]);
  }
  return out;
}

// One engineer, 50 CNY/h, on the 18:00 + 8 h shift, no incidents, two days from 00:00. Each day he
// is paid 18:00–22:00 plain (4 h × 50) and 22:00–02:00 at night (4 h × 50 × 1.2): 200 + 240 = 440 CNY.
// The window [0, 48 h] cuts the shifts at 00:00–02:00 (day 0) and 18:00–24:00 (day 1): the same 16 h.
TEST(DispatchCost, NightShiftLabourCostIsTheHandValue) {
  auto k = run_yaml(R"(
name: night_cost
run: {replications: 1, duration: 48 h, start_time: "00:00"}
incidents:
  types:
    - {name: job, rate_per_hour: 0, service_time: 1 h}
staff:
  roster:
    - {role: engineer, count: 1, shift: {start: "18:00", length: 8 h}}
costs:
  wages: {engineer: 50}
  night_premium: 0.2
  night: {from: "22:00", to: "06:00"}
)");
  EXPECT_NEAR(k["cost.labour_per_day"][0], 440.0, 1e-9);
  EXPECT_NEAR(k["cost.total_per_day"][0], 440.0, 1e-9);
  EXPECT_EQ(k["cost.overtime_hours_per_day"][0], 0.0);
  EXPECT_TRUE(std::isnan(k["cost.labour_per_incident"][0])) << "no incidents: per incident is undefined";
}

// Day shift 08:00 + 8 h at 50 CNY/h from a Friday for three days, weekend premium 100 %:
// Friday 400, Saturday 800, Sunday 800 → 2,000 CNY over 3 days = 666.67 CNY a day.
TEST(DispatchCost, WeekendPremiumFollowsTheCalendar) {
  auto k = run_yaml(R"(
name: weekend_cost
run: {replications: 1, duration: 3 d, start_time: "00:00"}
incidents:
  types:
    - {name: job, rate_per_hour: 0, service_time: 1 h}
staff:
  roster:
    - {role: engineer, count: 1, shift: {start: "08:00", length: 8 h}}
calendar: {start_weekday: friday}
costs:
  wages: {engineer: 50}
  weekend_premium: 1.0
)");
  EXPECT_NEAR(k["cost.labour_per_day"][0], 2000.0 / 3.0, 1e-9);
}

// A lift fails at known times (time between failures fixed 1 h, repair fixed 3 h, no layout: no
// travel) and one engineer (50 CNY/h) on the 08:00 + 8 h shift repairs it; the run is 24 h from 14:00.
//   15:00 fails, repaired 15:00–18:00: 2 h past his 16:00 shift end (overtime, ×1.5).
//   19:00 fails, waits for his next shift: repaired 08:00–11:00.  12:00 fails, repaired 12:00–15:00.
// Labour: rostered 14:00–16:00 + 08:00–14:00 = 8 h × 50 = 400, overtime 2 h × 75 = 150 → 550 CNY.
// Down: 15–18 (3 h), 19:00–11:00 (16 h), 12:00–14:00 within the window (2 h) → availability 3/24.
// Dispatch: at once, at 08:00 (13 h after the report), at once → mean 13 h / 3; 2 of 3 within 3 min.
TEST(DispatchCost, OvertimeAvailabilityAndDispatchTimesOfAFailingLiftAreTheHandValues) {
  auto k = run_yaml(R"(
name: lift_case
run: {replications: 1, duration: 24 h, start_time: "14:00"}
incidents:
  types:
    - {name: lift_fault, rate_per_hour: 0, service_time: 10 h}
staff:
  roster:
    - {role: engineer, count: 1, shift: {start: "08:00", length: 8 h}}
facilities:
  - {class: lift, count: 1, type: lift_fault, time_between_failures: 1 h, repair_time: 3 h}
costs:
  wages: {engineer: 50}
  overtime_premium: 0.5
  material: {lift_fault: 120}
)");
  EXPECT_NEAR(k["cost.labour_per_day"][0], 550.0, 1e-9);
  // Materials count for every fault reported in the window once it is fixed, as the resolution time
  // below counts them: the third is fixed at 15:00, after the window. 3 × 120 CNY in one day.
  EXPECT_NEAR(k["cost.material"][0], 360.0, 1e-9);
  EXPECT_NEAR(k["cost.total_per_day"][0], 550.0 + 360.0, 1e-9);
  EXPECT_NEAR(k["cost.overtime_hours_per_day"][0], 2.0, 1e-12);
  EXPECT_NEAR(k["cost.labour_per_incident"][0], 550.0 / 3.0, 1e-9);
  EXPECT_EQ(k["facility.lift.failures"][0], 3.0);
  EXPECT_NEAR(k["facility.lift.availability"][0], 3.0 / 24.0, 1e-12);
  EXPECT_NEAR(k["facility.availability"][0], 3.0 / 24.0, 1e-12);
  EXPECT_NEAR(k["dispatch.dispatch_time_s"][0], 13.0 * 3600.0 / 3.0, 1e-6);
  EXPECT_NEAR(k["dispatch.dispatched_within_3min_fraction"][0], 2.0 / 3.0, 1e-12);
  EXPECT_EQ(k["dispatch.accept_time_s"][0], 0.0) << "nearest accepts at once";
  EXPECT_EQ(k["dispatch.accepted_within_1min_fraction"][0], 1.0);
  EXPECT_EQ(k["dispatch.resolution_time_s"][0], (3.0 + 16.0 + 3.0) * 3600.0 / 3.0) << "the repair time, not the type's";
}

// Manual dispatch, one dispatcher, 10 min per order; two lifts fail together at 01:00. The first
// report is accepted at once and dispatched at 01:10; the second waits for the dispatcher, is
// accepted at 01:10 and dispatched at 01:20: mean accept 5 min, mean dispatch 15 min; one of two
// accepted within 1 min, none dispatched within 3.
TEST(DispatchServiceQuality, ManualDispatcherAcceptsWhenHeTakesTheReport) {
  auto k = run_yaml(R"(
name: manual_case
run: {replications: 1, duration: 2 h}
incidents:
  types:
    - {name: lift_fault, rate_per_hour: 0, service_time: 1 h}
staff:
  roster:
    - {role: engineer, count: 2}
dispatch:
  strategy: manual
  manual: {processing_time: 10 min, dispatchers: 1}
facilities:
  - {class: lift, count: 2, type: lift_fault, time_between_failures: 1 h, repair_time: 30 min}
)");
  EXPECT_EQ(k["dispatch.incidents"][0], 2.0);
  EXPECT_NEAR(k["dispatch.accept_time_s"][0], 300.0, 1e-9);
  EXPECT_NEAR(k["dispatch.dispatch_time_s"][0], 900.0, 1e-9);
  EXPECT_EQ(k["dispatch.accepted_within_1min_fraction"][0], 0.5);
  EXPECT_EQ(k["dispatch.dispatched_within_3min_fraction"][0], 0.0);
}

// Each visit fixes the fault with probability p = 0.7, so the share fixed at the first visit is a
// binomial proportion: it must lie within 3.29 standard errors (99.9 %) of p; and the visits per
// fault are geometric, so revisits per fault → (1 − p)/p = 0.4286 (its sd per fault √(1−p)/p).
TEST(DispatchServiceQuality, FirstTimeFixShareConvergesToTheConfiguredProbability) {
  auto k = run_yaml(R"(
name: fix_case
run: {replications: 4, duration: 500 h}
incidents:
  types:
    - {name: leak, rate_per_hour: 2, service_time: 10 min, first_time_fix: 0.7, revisit_delay: 30 min}
staff:
  roster:
    - {role: plumber, count: 3}
)", 4);
  double fixed = 0, first = 0, revisits = 0;
  for (std::size_t r = 0; r < 4; ++r) {
    const double n = k["dispatch.incidents"][r];
    fixed += n;
    first += k["dispatch.first_time_fix_fraction"][r] * n;
    revisits += k["dispatch.revisits"][r];
  }
  const double p = 0.7;
  ASSERT_GT(fixed, 3000.0);
  EXPECT_NEAR(first / fixed, p, 3.29 * std::sqrt(p * (1 - p) / fixed));
  EXPECT_NEAR(revisits / fixed, (1 - p) / p, 3.29 * std::sqrt(1 - p) / p / std::sqrt(fixed));
}

// Without `first_time_fix` every visit fixes the fault: no revisits, first-time-fix rate 1.
TEST(DispatchServiceQuality, NoRevisitsUnlessConfigured) {
  auto k = run_yaml(R"(
name: nofix_case
run: {replications: 1, duration: 100 h}
incidents:
  types:
    - {name: leak, rate_per_hour: 1, service_time: 10 min}
staff:
  roster:
    - {role: plumber, count: 2}
)");
  EXPECT_EQ(k["dispatch.revisits"][0], 0.0);
  EXPECT_EQ(k["dispatch.first_time_fix_fraction"][0], 1.0);
}

// One unit, exponential times between failures (MTBF 100 h) and repairs (MTTR 5 h), an engineer
// always free and no travel, so the repair starts at once: the alternating renewal process has
// availability MTBF/(MTBF + MTTR) = 100/105 = 0.95238 (Barlow & Proschan 1975). It lies in the 95 % CI.
TEST(DispatchFacility, AvailabilityOfOneUnitIsMtbfOverMtbfPlusMttr) {
  auto k = run_yaml(R"(
name: availability_case
run: {replications: 10, duration: 50000 h}
incidents:
  types:
    - {name: pump_fault, rate_per_hour: 0, service_time: 1 h}
staff:
  roster:
    - {role: engineer, count: 1}
facilities:
  - class: pump
    type: pump_fault
    time_between_failures: {dist: exponential, mean: 100 h}
    repair_time: {dist: exponential, mean: 5 h}
)", 10);
  const SampleSummary a = summarize(k["facility.pump.availability"]);
  const double expect = 100.0 / 105.0;
  EXPECT_LE(a.ci95_low, expect);
  EXPECT_GE(a.ci95_high, expect);
  EXPECT_LT(a.ci95_high - a.ci95_low, 0.01) << "the interval is tight enough to mean something";
}

// A complaint arrives Friday 1 March 2024 at 17:00 and is closed 89 h later, Tuesday 10:00; Monday
// 4 March is a holiday; working hours 09:00–18:00. Working time: Friday 17–18 (1 h) + Tuesday 09–10
// (1 h) = 2 h = 2/9 working day ≤ 1: on time. The next arrives Wednesday 03:00 and is closed Saturday
// 20:00: Wednesday, Thursday, Friday 9 h each = 3 working days > 1: late. Mean (2/9 + 3)/2.
TEST(DispatchComplaints, ClosureCountsOnlyWorkingHoursOfWorkingDays) {
  auto k = run_yaml(R"(
name: complaint_case
run: {replications: 1, duration: 7 d, start_time: "00:00"}
incidents:
  types:
    - {name: complaint, rate_per_hour: 0, service_time: 1 h, closure_working_days: 1}
staff:
  roster:
    - {role: butler, count: 1}
calendar:
  start_date: 2024-03-01
  holidays: [2024-03-04]
  working_hours: {from: "09:00", to: "18:00"}
facilities:
  - {class: complaint_line, type: complaint, time_between_failures: 17 h, repair_time: 89 h}
)");
  EXPECT_NEAR(k["dispatch.type.complaint.closure_working_days"][0], (2.0 / 9.0 + 3.0) / 2.0, 1e-12);
  EXPECT_EQ(k["dispatch.type.complaint.closed_within_target_fraction"][0], 0.5);
}

}  // namespace
}  // namespace dt
