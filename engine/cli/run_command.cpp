// `drilltwin run` and `drilltwin validate`.
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <csignal>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/cli/progress.h"
#include "engine/kernel/input_error.h"
#include "engine/jobs/run_job.h"
#include "engine/output/console.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/site.h"
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kTraceReplicationFlag, "drilltwin: error: --trace-replication {}: the run has replications 0 to {}",
          "drilltwin: 错误: --trace-replication {}：本次运行只有第 0 到 {} 次重复");
DT_PHRASE(kInterruptedNothing, "drilltwin: interrupted; nothing was written.", "drilltwin: 已中断；未写入任何文件。");
DT_PHRASE(kInterruptedAfter, "drilltwin: interrupted after {} of {} replications; nothing was written.",
          "drilltwin: 在完成 {} / {} 次重复后中断；未写入任何文件。");
DT_PHRASE(kRunLine, "{}: {} replication{}, seed {}, {} thread{}, {:.2f} s", "{}：{} 次重复{}，种子 {}，{} 个线程{}，用时 {:.2f} s");
DT_PHRASE(kRunResults, "Results: {}/summary.json, replications.csv, report.html{}", "结果：{}/summary.json、replications.csv、report.html{}");
DT_PHRASE(kAllPrintsEveryKpi, " (--all prints every KPI)", "（--all 显示全部 KPI）");
DT_PHRASE(kTraceLine, "Trace: {}/trace.bin (replication {}, {} residents and {} staff, {} frames every {:g} s, {:.1f} MB)",
          "轨迹：{}/trace.bin（第 {} 次重复，居民 {} 人、工作人员 {} 人，{} 帧，每 {:g} s 一帧，{:.1f} MB）");
DT_PHRASE(kDispatchTraceLine, "Trace: {}/trace.bin (replication {}, {} incidents reported, {} frames every {:g} s, {:.1f} MB)",
          "轨迹：{}/trace.bin（第 {} 次重复，工单 {} 件，{} 帧，每 {:g} s 一帧，{:.1f} MB）");

/// The English plural ending for `n` things ("" in Chinese, which has none).
const char* plural(std::uint64_t n) { return lang() == Lang::En && n != 1 ? "s" : ""; }

DT_PHRASE(kValidScenario, "{}: valid scenario '{}' ({} replications, seed {})", "{}：场景 '{}' 有效（{} 次重复，种子 {}）");
}  // namespace

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
  std::signal(SIGTERM, SIG_DFL);
}

struct ScenarioArgs {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> drill_steps;
  bool allow_include_outside = false;
  [[nodiscard]] IncludeRules includes() const { return IncludeRules::outside_allowed(allow_include_outside); }
  [[nodiscard]] std::vector<std::string> overrides() const { return scenario_overrides(drill_steps, sets); }
};

void add_scenario_args(CLI::App* cmd, ScenarioArgs& a) {
  cmd->add_option("FILE", a.file, "Scenario file (YAML)")->required();
  cmd->add_option("--set", a.sets,
                  "Override one scenario value, KEY.PATH=VALUE (YAML value), e.g. --set staff.count=4; "
                  "may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_drill_add_flag(cmd, a.drill_steps);
  add_include_flag(cmd, a.allow_include_outside);
}

}  // namespace

Action add_run_command(CLI::App& app) {
  struct Args {
    ScenarioArgs scenario;
    std::optional<uint64_t> replications;
    std::optional<uint64_t> seed;
    std::optional<uint32_t> threads;
    std::string out;
    bool quiet = false;
    bool trace = false;
    bool all = false;
    uint64_t trace_replication = 0;
    double trace_interval_s = 1.0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario's replications and write its results");
  add_scenario_args(cmd, a->scenario);
  cmd->add_option("--replications,-r", a->replications, "Number of replications (overrides run.replications)")
      ->transform(whole_number(1, 100'000'000));
  cmd->add_option("--seed", a->seed, "Scenario seed, 0 to 18446744073709551615 (overrides run.seed)")
      ->transform(whole_number());
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  cmd->add_option("--out,-o", a->out, "Output directory (default: outputs.dir, else results/<scenario name>)")
      ->check(non_empty_path("a directory"));
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->add_flag("--all", a->all, "After the headline, print every KPI's mean, 95 % CI, p50, p95 and n");
  CLI::Option* trace = cmd->add_flag(
      "--trace", a->trace, "Also write trace.bin: one replication replayed for drilltwin-view (docs/formats.md)");
  cmd->add_option("--trace-replication", a->trace_replication, "Replication to trace (default 0; < --replications)")
      ->transform(whole_number())
      ->needs(trace);
  cmd->add_option("--trace-interval", a->trace_interval_s, "Seconds between trace frames (default 1)")
      ->transform(finite_number(0.01, 3600.0))
      ->needs(trace);
  cmd->footer(
      "Writes summary.json, replications.csv and report.html (and trace.bin with --trace) into the output\n"
      "directory, atomically: after an error or Ctrl-C the directory is left as it was. Prints the headline,\n"
      "the targets and key figures on stdout (--all: every KPI). --trace runs the chosen replication once more and streams its trace; the KPIs do not change.");

  return [a]() -> int {
    ScenarioConfig sc = load_scenario(a->scenario.file, a->scenario.overrides(), a->scenario.includes());
    if (a->replications) sc.run.replications = *a->replications;
    if (a->seed) sc.run.seed = *a->seed;
    if (a->threads) sc.run.threads = *a->threads;
    if (a->trace && a->trace_replication >= sc.run.replications) {
      fmt::print(stderr, "{}\n", say(kTraceReplicationFlag, a->trace_replication, sc.run.replications - 1));
      return kExitInput;
    }
    jobs::RunOptions options;
    options.out_dir = !a->out.empty() ? a->out : jobs::default_run_dir(sc);
    if (a->trace) options.trace = TraceOptions{a->trace_replication, a->trace_interval_s};
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    options.cancel = &g_interrupted;

    g_interrupted.store(false);
    std::signal(SIGINT, on_sigint);
    std::signal(SIGTERM, on_sigint);
    jobs::RunResult result;
    {
      Progress progress(!a->quiet && ::isatty(STDERR_FILENO) == 1, sc.run.replications, job_progress.done);
      result = jobs::run(sc, options);
    }
    if (result.status == jobs::JobStatus::Interrupted) {
      if (result.interrupted_while_writing)
        fmt::print(stderr, "{}\n", say(kInterruptedNothing));
      else
        fmt::print(stderr, "{}\n", say(kInterruptedAfter, result.completed, sc.run.replications));
      return kExitRuntime;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    if (!a->quiet) {
      const std::string out_dir = options.out_dir.string();
      fmt::print("{}\n\n", say(kRunLine, sc.name, sc.run.replications, plural(sc.run.replications), sc.run.seed,
                                result.threads, plural(result.threads), result.seconds));
      fmt::print("{}", run_console(result.kpis, result.targets, a->all, result.headline));
      fmt::print("\n{}\n", say(kRunResults, out_dir, a->all ? "" : say(kAllPrintsEveryKpi)));
      if (result.trace && result.trace->people == 0 && result.trace->staff == 0)  // a dispatch run's
        fmt::print("{}\n", say(kDispatchTraceLine, out_dir, a->trace_replication, result.trace->incidents,
                               result.trace->frames, result.trace->frame_interval_s,
                               static_cast<double>(result.trace->bytes) / 1e6));
      else if (result.trace)
        fmt::print("{}\n", say(kTraceLine, out_dir, a->trace_replication, result.trace->people, result.trace->staff,
                               result.trace->frames, result.trace->frame_interval_s,
                               static_cast<double>(result.trace->bytes) / 1e6));
    }
    return kExitOk;
  };
}

Action add_validate_command(CLI::App& app) {
  auto a = std::make_shared<ScenarioArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  add_scenario_args(cmd, *a);
  cmd->footer(
      "Reports every problem as FILE:LINE:COL: error: MESSAGE (the first 50, then how many more). The file is\n"
      "checked as written, sweep: section included, then with the --set overrides. Exit status 0 when the file\n"
      "is valid, 2 when not.");
  return [a]() -> int {
    // The site too: names the scenario uses (buildings, sensors, posts) are bound to the layout there.
    const PreparedScenario prepared = prepare_scenario(a->file, a->overrides(), a->includes());
    const ScenarioConfig& sc = prepared.config;
    for (const Diagnostic& w : prepared.site->warnings) fmt::print(stderr, "{}\n", w.str());
    fmt::print("{}\n", say(kValidScenario, a->file, sc.name, sc.run.replications, sc.run.seed));
    return kExitOk;
  };
}

}  // namespace dt::cli
