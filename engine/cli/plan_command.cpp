// `drilltwin plan`: an emergency response plan generated and ranked by simulation — the options of
// a scenario's `plan:` section searched on common random numbers, the finalists compared with a
// selection guarantee, and the chosen plan written as plan.html, plan.json and chosen.yaml. The
// work is the plan job (engine/jobs/plan_job.h); docs/planning.md explains the method.
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
#include "engine/jobs/plan_job.h"
#include "engine/kernel/lang.h"
#include "engine/scenario/plan_loader.h"
#include "engine/sim/runner.h"

namespace dt::cli {

namespace {
DT_PHRASE(kPlanError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kPlanStart, "{}: {} options, {} combinations, {} threads", "{}：{} 个选项，{} 种组合，{} 个线程");
DT_PHRASE(kPlanInterrupted, "drilltwin: interrupted after {:.1f} s; no plan was written (replications the selection finished stay in selection/ and are used again).",
          "drilltwin: 运行 {:.1f} s 后中断；未写入预案（选择阶段已完成的重复保存在 selection/ 中，下次直接使用）。");
DT_PHRASE(kPlanLine, "{}: plan found in {:.1f} s, seed {}", "{}：用时 {:.1f} s 得出预案，种子 {}");
DT_PHRASE(kPlanResults, "Results: {}/plan.html, plan.json, chosen.yaml (selection/: the finalists' runs)",
          "结果：{}/plan.html、plan.json、chosen.yaml（selection/：入围预案的运行）");
}  // namespace

namespace {

namespace fs = std::filesystem;

struct PlanArgs {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> drill_steps;
  std::string out;
  std::optional<uint32_t> threads;
  bool quiet = false;
  bool allow_include_outside = false;
};

}  // namespace

Action add_plan_command(CLI::App& app) {
  auto a = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Generate an emergency response plan: search the options of a scenario's plan: section by simulation");
  cmd->add_option("FILE", a->file, "Emergency scenario file with a plan: section (YAML)")->required();
  cmd->add_option("--set", a->overrides, "Override one scenario value for every candidate, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_drill_add_flag(cmd, a->drill_steps);
  cmd->add_option("--out,-o", a->out, "Output directory (default: outputs.dir/plan, else results/<scenario name>/plan)")
      ->check(non_empty_path("a directory"));
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every candidate plan (one alternative per option) runs the same replications of the seed (common random\n"
      "numbers). With few combinations every one is tried, else a coordinate search; the best candidates and the\n"
      "scenario as written are then compared with optimize's selection procedure (targets as constraints,\n"
      "Kim-Nelson on the objective). Writes plan.html (printable), plan.json and chosen.yaml, which replays the\n"
      "chosen plan. See docs/planning.md.");

  return [a]() -> int {
    const PlanProblem problem = load_plan(a->file, scenario_overrides(a->drill_steps, a->overrides),
                                          IncludeRules::outside_allowed(a->allow_include_outside));
    const fs::path out_dir = !a->out.empty() ? fs::path(a->out) : jobs::default_plan_dir(problem);
    jobs::PlanOptions options;
    options.threads = a->threads;
    options.out_dir = out_dir;
    StopOnSignal stop;
    options.cancel = stop.flag();
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    if (!a->quiet) {
      double combos = 1;
      for (const PlanOption& o : problem.spec.options) combos *= static_cast<double>(o.alternatives.size());
      fmt::print(stderr, "{}\n",
                 say(kPlanStart, problem.base.name, problem.spec.options.size(), combos,
                     effective_threads(options.threads ? *options.threads : problem.base.run.threads)));
    }
    std::optional<Progress> progress;
    progress.emplace(!a->quiet && ::isatty(STDERR_FILENO) == 1, job_progress);
    const jobs::PlanResult result = jobs::plan(problem, options);
    progress.reset();
    switch (result.status) {
      case jobs::JobStatus::Refused:
        fmt::print(stderr, "{}\n", say(kPlanError, result.message));
        return kExitInput;
      case jobs::JobStatus::Failed:
        fmt::print(stderr, "{}\n", say(kPlanError, result.message));
        return kExitRuntime;
      case jobs::JobStatus::Interrupted:
        fmt::print(stderr, "{}\n", say(kPlanInterrupted, result.seconds));
        return kExitRuntime;
      case jobs::JobStatus::Partial:
      case jobs::JobStatus::Completed:
        break;
    }
    if (!a->quiet)
      fmt::print("{}\n\n{}\n\n{}\n", say(kPlanLine, problem.base.name, result.seconds, problem.base.run.seed),
                 fmt::join(result.headline, "\n"), say(kPlanResults, out_dir.string()));
    return kExitOk;
  };
}

}  // namespace dt::cli
