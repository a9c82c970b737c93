#pragma once
// A report with every kind of chart: three variants (as a sweep over staff.count), KPIs with
// targets, evacuation curves, queues at two stairs and response-time samples. Used by the
// report tests (report_html_test.cpp, report_render_test.cpp).

#include <cmath>
#include <string>

#include "engine/kernel/random.h"
#include "engine/output/report_html.h"

namespace dt::test {

inline ReportVariant fixture_variant(int staff, uint64_t replications) {
  ReportVariant v;
  v.label = "staff.count=" + std::to_string(staff);
  v.settings = {{"staff.count", std::to_string(staff)}};
  v.kpis = KpiTable({{"evacuation.total_time_s", "s", "until the last person is safe"},
                     {"evacuation.evacuated_fraction", "-", "share safe at the end"},
                     {"dispatch.response_time_s", "s", "mean response"},
                     {"dispatch.staff_utilization", "-", "busy share"},
                     {"evacuation.stair.B1.S1.peak_queue", "people", "longest queue at stair S1"},
                     {"evacuation.stair.B1.S2.peak_queue", "people", "longest queue at stair S2"}},
                    replications);
  for (uint64_t r = 0; r < replications; ++r) {
    RandomStream rng(7, r, purpose_id("report.fixture"), static_cast<uint64_t>(staff));
    const double total = 600.0 / staff + 120.0 * rng.uniform01();
    v.kpis.row(r)[0] = total;
    v.kpis.row(r)[1] = 0.9 + 0.1 * rng.uniform01();
    v.kpis.row(r)[2] = 900.0 / staff + 200.0 * rng.uniform01();
    v.kpis.row(r)[3] = 0.9 / staff + 0.05 * rng.uniform01();
    v.kpis.row(r)[4] = 60.0 / staff + 5 * rng.uniform01();
    v.kpis.row(r)[5] = 30.0 + 5 * rng.uniform01();
    ReplicationSeries series;
    std::vector<double> t, safe, q1, q2;
    for (int i = 0; i <= 40; ++i) {
      const double x = total * i / 40.0;
      t.push_back(x);
      safe.push_back(500.0 * (1 - std::exp(-4.0 * i / 40.0)) / (1 - std::exp(-4.0)));
      q1.push_back(60.0 * std::sin(3.14159 * i / 40.0) / staff);
      q2.push_back(30.0 * std::sin(3.14159 * i / 40.0) * rng.uniform01());
    }
    series.push_back(Series::curve("evacuation.safe_count", "s", "people", t, safe));
    series.push_back(Series::curve("evacuation.queue.B1.stair_A", "s", "people", t, q1));
    series.push_back(Series::curve("evacuation.queue.B1.stair_B", "s", "people", t, q2));
    std::vector<double> responses;
    for (int i = 0; i < 30; ++i) responses.push_back(-std::log(1 - rng.uniform01()) * 900.0 / staff);
    series.push_back(Series::samples("dispatch.response_time_s", "s", responses));
    v.series.push_back(std::move(series));
  }
  return v;
}

/// `variants` = 1: a `run` report; more: a sweep over staff.count = 1, 2, ...
inline ReportInput fixture_report(int variants, uint64_t replications = 20) {
  ReportInput in;
  in.kind = variants == 1 ? "run" : "sweep";
  in.scenario = "fixture_drill";
  in.description = "Every chart of the report";
  in.version = "test";
  in.seed = 7;
  in.replications = replications;
  if (variants > 1) in.parameters = {"staff.count"};
  for (int s = 1; s <= variants; ++s) in.variants.push_back(fixture_variant(s, replications));
  if (variants == 1) in.variants.front().label.clear(), in.variants.front().settings.clear();
  in.targets = {{"evacuation.total_time_s", KpiTarget::Sense::AtMost, 600},
                {"evacuation.evacuated_fraction", KpiTarget::Sense::AtLeast, 0.98},
                {"dispatch.staff_utilization", KpiTarget::Sense::AtMost, 0.5}};
  return in;
}

}  // namespace dt::test
