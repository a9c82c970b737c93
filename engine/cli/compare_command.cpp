// `drilltwin compare FILE --vary KEY=V1,V2,...`: every variant runs the same replications of the
// same seed (common random numbers); per KPI each variant's mean with its 95 % CI and the paired
// difference to the first variant with its CI, significant differences marked. The work is the
// compare job (engine/jobs/compare_job.h).
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <csignal>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/cli/progress.h"
#include "engine/jobs/compare_job.h"
#include "engine/kernel/lang.h"
#include "engine/output/console.h"

namespace dt::cli {

namespace {
DT_PHRASE(kError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kCompareLine, "{}: {} variants of {} × {} replications, seed {} (common random numbers), {} thread{}, {:.2f} s",
          "{}：{} 个方案（{}）× {} 次重复，种子 {}（公共随机数），{} 个线程{}，用时 {:.2f} s");
DT_PHRASE(kCiExcludesZero, "* the 95 % CI of the paired difference excludes 0.", "* 配对差值的 95% 置信区间不含 0。");
DT_PHRASE(kAllEveryVariant, "--all prints every KPI of every variant.", "--all 显示每个方案的全部 KPI。");
DT_PHRASE(kCompareResults, "Results: {}/summary.json, comparison.csv, replications.csv, report.html",
          "结果：{}/summary.json、comparison.csv、replications.csv、report.html");
DT_PHRASE(kInterruptedNothing, "drilltwin: interrupted; nothing was written.", "drilltwin: 已中断；未写入任何文件。");
}  // namespace

namespace {

std::atomic<bool> g_compare_interrupted{false};
extern "C" void on_compare_sigint(int) {
  g_compare_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

Action add_compare_command(CLI::App& app) {
  struct Args {
    std::string file;
    std::string vary;
    std::vector<std::string> overrides;
    std::vector<std::string> drill_steps;
    std::optional<uint64_t> replications;
    std::optional<uint64_t> seed;
    std::optional<uint32_t> threads;
    std::string out;
    bool quiet = false, all = false, allow_include_outside = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("compare", "Run variants of a scenario on common random numbers and compare them");
  cmd->add_option("FILE", a->file, "Scenario file (YAML)")->required();
  cmd->add_option("--vary", a->vary, "The parameter to vary and its values, KEY=V1,V2,... (YAML values), e.g. "
                                     "--vary dispatch.strategy=manual,nearest,optimal; the first is the baseline")
      ->required()
      ->type_name("KEY=V1,V2,...");
  cmd->add_option("--set", a->overrides, "Override one scenario value for every variant, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_drill_add_flag(cmd, a->drill_steps);
  cmd->add_option("--replications,-r", a->replications, "Replications per variant (overrides run.replications)")
      ->transform(whole_number(2, 100'000'000));
  cmd->add_option("--seed", a->seed, "Scenario seed, 0 to 18446744073709551615 (overrides run.seed)")
      ->transform(whole_number());
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  cmd->add_option("--out,-o", a->out, "Output directory (default: results/<scenario name>-compare)")
      ->check(non_empty_path("a directory"));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--all", a->all, "After the ranking, print every KPI of every variant with its difference to the first");
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every variant runs replications 0..N-1 of the same seed, so they see the same incidents at the same times\n"
      "(common random numbers) and the paired differences are far tighter than independent runs would give.\n"
      "A difference marked * has a 95 % CI that excludes 0. Writes summary.json, comparison.csv,\n"
      "replications.csv and report.html into the output directory, atomically.");

  return [a]() -> int {
    jobs::Comparison c =
        jobs::load_comparison(a->file, a->vary, scenario_overrides(a->drill_steps, a->overrides), IncludeRules::outside_allowed(a->allow_include_outside));
    for (ScenarioConfig& sc : c.variants) {
      if (a->replications) sc.run.replications = *a->replications;
      if (a->seed) sc.run.seed = *a->seed;
      if (a->threads) sc.run.threads = *a->threads;
    }
    const ScenarioConfig& first = c.variants.front();
    jobs::JobOptions options;
    options.out_dir = !a->out.empty() ? a->out : jobs::default_compare_dir(c);
    options.cancel = &g_compare_interrupted;
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    if (first.run.replications >= 2) {  // else the job refuses before touching the signals
      g_compare_interrupted.store(false);
      std::signal(SIGINT, on_compare_sigint);
      std::signal(SIGTERM, on_compare_sigint);
    }
    jobs::CompareResult result;
    {
      Progress progress(!a->quiet && ::isatty(STDERR_FILENO) == 1, first.run.replications * c.variants.size(),
                        job_progress.done);
      result = jobs::compare(c, options);
    }
    switch (result.status) {
      case jobs::JobStatus::Refused:
        fmt::print(stderr, "{}\n", say(kError, result.message));
        return kExitInput;
      case jobs::JobStatus::Interrupted:
        fmt::print(stderr, "{}\n", say(kInterruptedNothing));
        return kExitRuntime;
      default:
        break;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!a->quiet) {
      fmt::print("{}\n\n", say(kCompareLine, first.name, c.variants.size(), c.vary, first.run.replications, first.run.seed,
                                result.threads, lang() == Lang::En && result.threads != 1 ? "s" : "", result.seconds));
      fmt::print("{}", compare_console({c.vary, c.labels, result.kpis, result.targets}, a->all));
      fmt::print("\n{}\n{}\n", a->all ? say(kCiExcludesZero) : say(kAllEveryVariant),
                 say(kCompareResults, options.out_dir.string()));
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
