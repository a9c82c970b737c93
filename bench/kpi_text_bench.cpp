// The labels of a large report: 800 KPIs named as the evacuation model names them (40 buildings
// with 15 floors each, their stairs and exits, plus the site-wide ones), looked up in the KPI
// catalogue (engine/output/kpi_text.h) in English and in Chinese, as a report in either language
// does once per KPI. Figures: docs/performance.md, "KPI labels".
//
//   build/bin/kpi_text_bench --benchmark_repetitions=9 --benchmark_report_aggregates_only=true
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "engine/output/kpi_text.h"

namespace {

std::vector<dt::KpiDefinition> report_kpis() {
  std::vector<dt::KpiDefinition> k;
  auto add = [&](std::string name) { k.push_back({std::move(name), "s", "a description", dt::KpiRange::NonNegative}); };
  for (const char* n : {"evacuation.total_time_s", "evacuation.evacuated_fraction", "evacuation.residents_present",
                        "evacuation.awaiting_assistance", "evacuation.stranded", "evacuation.mean_premovement_s",
                        "dispatch.response_time_s", "dispatch.within_15min_fraction", "dispatch.staff_utilization",
                        "emergency.all_safe_time_s"})
    add(n);
  for (int b = 1; b <= 40; ++b) {
    const std::string id = "B" + std::to_string(b);
    add("evacuation.building." + id + ".total_time_s");
    add("evacuation.building." + id + ".clear_time_s");
    for (int f = 2; f <= 16; ++f) add("evacuation.building." + id + ".floor." + std::to_string(f) + ".clear_time_s");
    add("evacuation.stair." + id + ".S1.peak_queue");
  }
  while (k.size() < 800) add("evacuation.exit." + std::to_string(k.size()) + "/E1.count");
  return k;
}

void BM_Label800Kpis(benchmark::State& state) {
  const std::vector<dt::KpiDefinition> kpis = report_kpis();
  const dt::Lang in = state.range(0) == 0 ? dt::Lang::En : dt::Lang::ZhCN;
  for (auto _ : state)
    for (const dt::KpiDefinition& d : kpis) benchmark::DoNotOptimize(dt::kpi_text(d, in));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kpis.size()));
}
BENCHMARK(BM_Label800Kpis)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
