// `drilltwin optimize`: the cheapest candidate of a scenario's `optimize:` section that meets every
// target, chosen with a statistical guarantee; replications kept in results.sqlite as they finish,
// resumable. The work is the optimize job (engine/jobs/optimize_job.h); docs/optimization.md
// explains the method and how to read the answer.
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/cli/progress.h"
#include "engine/jobs/optimize_job.h"
#include "engine/kernel/lang.h"
#include "engine/scenario/optimize_loader.h"

namespace dt::cli {

namespace {
DT_PHRASE(kOptError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kOptStart, "{}: {} candidates, {} to {} replications each, {} threads{}",
          "{}：{} 个候选方案，每个 {}–{} 次重复，{} 个线程{}");
DT_PHRASE(kOptStored, "; {} replications already stored", "；已保存 {} 次重复");
DT_PHRASE(kOptStopped, "drilltwin: stopped after {:.1f} s; the replications run so far are kept in {}.",
          "drilltwin: 运行 {:.1f} s 后停止；已运行的重复保存在 {} 中。");
DT_PHRASE(kOptInterrupted, "drilltwin: interrupted after {:.1f} s; the replications run so far are kept in {}.",
          "drilltwin: 运行 {:.1f} s 后中断；已运行的重复保存在 {} 中。");
DT_PHRASE(kOptContinue, "Continue with: {}", "继续运行: {}");
DT_PHRASE(kOptLine, "{}: optimised over {} candidates, seed {}, {:.2f} s",
          "{}：在 {} 个候选方案中优化，种子 {}，用时 {:.2f} s");
DT_PHRASE(kOptResults, "Results: {}/summary.json, report.html, results.sqlite",
          "结果：{}/summary.json、report.html、results.sqlite");
}  // namespace

namespace {

namespace fs = std::filesystem;

struct OptimizeArgs {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> drill_steps;
  bool resume = false;
  std::string out;
  std::optional<uint32_t> threads;
  bool quiet = false;
  bool allow_include_outside = false;
};

}  // namespace

Action add_optimize_command(CLI::App& app) {
  auto a = std::make_shared<OptimizeArgs>();
  CLI::App* cmd = app.add_subcommand("optimize",
                                     "Find the cheapest candidate of a scenario's optimize: section that meets every "
                                     "target, with a statistical guarantee");
  cmd->add_option("FILE", a->file, "Scenario file with an optimize: section (YAML)")->required();
  cmd->add_option("--set", a->overrides,
                  "Override one scenario value for every candidate, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_drill_add_flag(cmd, a->drill_steps);
  cmd->add_flag("--resume", a->resume,
                "Continue the search whose results.sqlite is in the output directory: replications already stored are "
                "not run again");
  cmd->add_option("--out,-o", a->out,
                  "Output directory (default: outputs.dir/optimize, else results/<scenario name>/optimize)")
      ->check(non_empty_path("a directory"));
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every candidate runs replications 0, 1, ... of the same seed (common random numbers). Candidates whose\n"
      "targets are clearly missed are dropped after the first replications; the others double their replications\n"
      "until each is decided. The answer: the cheapest candidate shown to meet every target (or, for a KPI objective,\n"
      "the Kim-Nelson selection among them), with the runner-up and why each cheaper candidate was rejected.\n"
      "See docs/optimization.md.");

  return [a]() -> int {
    const OptimizePlan plan = load_optimize(a->file, scenario_overrides(a->drill_steps, a->overrides),
                                            IncludeRules::outside_allowed(a->allow_include_outside));
    const fs::path out_dir = !a->out.empty() ? fs::path(a->out) : jobs::default_optimize_dir(plan);
    jobs::OptimizeOptions options;
    options.threads = a->threads;
    options.out_dir = out_dir;
    StopOnSignal stop;
    options.cancel = stop.flag();
    options.resume = a->resume;
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    options.on_start = [&](const jobs::OptimizeStart& s) {
      if (!a->quiet)
        fmt::print(stderr, "{}\n",
                   say(kOptStart, plan.sweep.base.name, s.candidates, s.first_stage, s.max_replications, s.threads,
                       s.stored > 0 ? say(kOptStored, s.stored) : std::string()));
    };
    std::optional<Progress> progress;
    progress.emplace(!a->quiet && ::isatty(STDERR_FILENO) == 1, job_progress);
    const jobs::OptimizeResult result = jobs::optimize(plan, options);
    progress.reset();
    switch (result.status) {
      case jobs::JobStatus::Refused:
        fmt::print(stderr, "{}\n", say(kOptError, result.message));
        return kExitInput;
      case jobs::JobStatus::Failed:
      case jobs::JobStatus::Interrupted: {
        const bool failed = result.status == jobs::JobStatus::Failed;
        if (failed) fmt::print(stderr, "{}\n", say(kOptError, result.message));
        fmt::print(
            stderr, "{}\n{}\n", say(failed ? kOptStopped : kOptInterrupted, result.seconds, result.db_path.string()),
            say(kOptContinue, result.resume_command + (a->allow_include_outside ? " --allow-include-outside" : "")));
        return kExitRuntime;
      }
      case jobs::JobStatus::Partial:
      case jobs::JobStatus::Completed:
        break;
    }
    if (!a->quiet)
      fmt::print(
          "{}\n\n{}\n\n{}\n",
          say(kOptLine, plan.sweep.base.name, plan.sweep.points.size(), plan.sweep.base.run.seed, result.seconds),
          fmt::join(result.headline, "\n"), say(kOptResults, out_dir.string()));
    return kExitOk;
  };
}

}  // namespace dt::cli
