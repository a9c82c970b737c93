#include "engine/jobs/run_job.h"

#include <chrono>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "engine/jobs/memory.h"
#include "engine/jobs/outputs.h"
#include "engine/kernel/assert.h"
#include "engine/kernel/input_error.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"
#include "engine/output/summary.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/kernel/lang.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kTraceReplication, "the trace replication {} is not in the run: it has replications 0 to {}",
          "要记录轨迹的第 {} 次重复不在本次运行中：运行只有第 0 到 {} 次重复");
DT_PHRASE(kTraceNeedsEvacuation,
          "--trace needs people moving on a layout or a dispatch on one: this scenario has no `evacuation:` section "
          "and no `incidents:` on a `layout:`",
          "--trace 需要有人员在布局上移动，或在布局上派单：此场景既没有 `evacuation:` 部分，也没有基于 `layout:` 的 `incidents:`");
}  // namespace

namespace {

std::vector<KpiTarget> targets_of(const ScenarioConfig& sc) {
  std::vector<KpiTarget> targets;  // red/amber/green (engine/output/kpi_targets.h)
  for (const KpiGoal& g : sc.targets) targets.push_back(kpi_target(g));
  return targets;
}

}  // namespace

std::string default_run_dir(const ScenarioConfig& sc) {
  return !sc.outputs.dir.empty() ? sc.outputs.dir : "results/" + sc.name;
}

RunResult run(const ScenarioConfig& sc, const RunOptions& options) {
  if (options.trace && options.trace->replication >= sc.run.replications)
    throw InputError(SourcePos{sc.source_file, 0, 0},
                     say(kTraceReplication, options.trace->replication, sc.run.replications - 1));
  if (options.trace && !sc.evacuation && !(sc.dispatch && sc.layout))
    throw InputError(SourcePos{sc.source_file, 0, 0},
                     say(kTraceNeedsEvacuation));

  RunResult result;
  result.targets = targets_of(sc);
  ScenarioConfig scenario = sc;
  if (options.threads) scenario.run.threads = *options.threads;
  result.threads = effective_threads(scenario.run.threads);

  std::atomic<uint64_t> local_done{0};
  std::atomic<uint64_t>& done = options.progress != nullptr ? options.progress->done : local_done;
  if (options.progress != nullptr) options.progress->total.store(scenario.run.replications);
  const uint64_t done_before = done.load();
  std::vector<ReplicationSeries> series;  // what the models recorded, for report.html
  const auto started = std::chrono::steady_clock::now();
  const Site site = build_site(scenario);  // once per run: every replication and the trace share it
  check_memory(sc.source_file, fmt::format("run.replications {}", scenario.run.replications),
               kept_values_bytes(scenario.run.replications, kpi_definitions(site, scenario).size(), 1));
  try {
    result.kpis = run_replications(site, scenario, RunControl{options.cancel, &done, options.out_dir.empty() ? nullptr : &series});
  } catch (const RunCancelled&) {
    result.status = JobStatus::Interrupted;
    result.completed = done.load() - done_before;
    return result;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.completed = scenario.run.replications;
  if (options.out_dir.empty()) return result;

  StagedDirectory out(options.out_dir, output_run("run", sc));
  Summary summary = summary_header(sc);
  summary.threads = result.threads;
  summary.kpis = &result.kpis;
  summary.targets = result.targets;
  summary.series = series;
  result.headline = summary_headline(summary).lines;
  out.write("summary.json", summary_json(summary));
  out.write("replications.csv", replications_csv(result.kpis));

  ReportInput report = report_header("run", sc);
  report.variants.push_back({"", {}, result.kpis, std::move(series)});
  report.targets = result.targets;
  out.write("report.html", report_html(report));

  if (options.trace) {  // the chosen replication once more, streamed to trace.bin (trace_recorder.h)
    result.trace = record_trace(site, scenario, *options.trace, out.staging_path("trace.bin"));
    [[maybe_unused]] const auto row = result.kpis.row(options.trace->replication);
    DT_ASSERT(result.trace->kpis.size() == row.size() &&
                  std::memcmp(result.trace->kpis.data(), row.data(), row.size() * sizeof(double)) == 0,
              "the traced replication differs from the same replication in the statistics run");
  }
  if (options.cancel != nullptr && options.cancel->load()) {
    result.status = JobStatus::Interrupted;
    result.interrupted_while_writing = true;
    return result;  // `out` removes the staged files
  }
  out.commit();
  return result;
}

}  // namespace dt::jobs
