// `drilltwin calibrate FILE --records drills.csv`: fits the free parameters of the scenario's
// `calibrate:` section to observed drills, with 95 % intervals and the accuracy on held-out
// drills, and writes a calibrated scenario (engine/jobs/calibrate_job.h, docs/calibration.md).
// `drilltwin drill-records FILE --drills N --out drills.csv`: synthetic records made by the model
// itself (labelled synthetic), in the format calibrate reads.
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/cli/progress.h"
#include "engine/jobs/calibrate_job.h"
#include "engine/kernel/lang.h"
#include "engine/scenario/calibrate_loader.h"
#include "engine/scenario/drill_records.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/runner.h"

namespace dt::cli {

namespace {
DT_PHRASE(kCalStart, "{0}: calibrating {1} free parameter(s) on {2} drill(s) of {3} ({4} held out), {5} simulated drills per evaluation, {6} threads",
          "{0}：用 {3} 中的 {2} 次演练（留出 {4} 次）标定 {1} 个自由参数，每次计算模拟 {5} 次演练，{6} 个线程");
DT_PHRASE(kCalInterrupted, "drilltwin: interrupted after {:.1f} s; nothing was written.",
          "drilltwin: 运行 {:.1f} s 后中断；未写出任何文件。");
DT_PHRASE(kCalLine, "{}: calibrated in {:.1f} s", "{}：标定完成，用时 {:.1f} s");
DT_PHRASE(kCalResults, "Results: {}/summary.json, report.html, calibrated.yaml",
          "结果：{}/summary.json、report.html、calibrated.yaml");
DT_PHRASE(kRecWritten, "{}: {} synthetic drill(s), {} rows, written to {}",
          "{}：{} 次合成演练，共 {} 行记录，已写入 {}");
DT_PHRASE(kRecCannotWrite, "drilltwin: error: cannot write {}", "drilltwin: 错误: 无法写入 {}");

namespace fs = std::filesystem;

std::atomic<bool> g_calibrate_stop{false};

extern "C" void on_calibrate_signal(int) {
  g_calibrate_stop.store(true);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

struct CalibrateArgs {
  std::string file;
  std::string records;
  std::vector<std::string> overrides;
  std::string out;
  std::optional<uint32_t> threads;
  bool quiet = false;
  bool allow_include_outside = false;
};

struct RecordsArgs {
  std::string file;
  std::vector<std::string> overrides;
  std::string out;
  uint64_t drills = 3;
  std::optional<uint64_t> seed;
  uint64_t first = 0;
  std::vector<std::string> buildings;
  double counter = 0;
  std::optional<uint32_t> threads;
  bool quiet = false;
  bool allow_include_outside = false;
};

}  // namespace

Action add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Fit the free parameters of a scenario's calibrate: section to observed drill records");
  cmd->add_option("FILE", a->file, "Scenario file with a calibrate: section (YAML)")->required();
  cmd->add_option("--records,-r", a->records, "Drill records (CSV, docs/calibration.md)")
      ->required()
      ->check(non_empty_path("a file"));
  cmd->add_option("--set", a->overrides, "Override one scenario value, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--out,-o", a->out, "Output directory (default: results/<scenario name>-calibration)")
      ->check(non_empty_path("a directory"));
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Simulated minimum distance with common random numbers: every parameter value is judged on the same\n"
      "simulated drills (calibrate.replications of calibrate.seed) by the weighted distance between simulated and\n"
      "observed quantiles of the times since the alarm; NLopt BOBYQA searches the box of calibrate.free.\n"
      "Intervals from the method of simulated moments' sandwich formula; accuracy on the held-out drills\n"
      "(calibrate.holdout, the last drills of the file). Writes summary.json, report.html and calibrated.yaml.\n"
      "See docs/calibration.md.");

  return [a]() -> int {
    // Both inputs are read and checked before anything runs or is written.
    const CalibratePlan plan =
        load_calibrate(a->file, a->overrides, IncludeRules::outside_allowed(a->allow_include_outside));
    const DrillRecords records = read_drill_records(a->records);
    const fs::path out_dir = !a->out.empty() ? fs::path(a->out) : jobs::default_calibrate_dir(plan);
    jobs::CalibrateOptions options;
    options.threads = a->threads;
    options.out_dir = out_dir;
    options.cancel = &g_calibrate_stop;
    if (!a->quiet) {
      const auto d = static_cast<uint32_t>(records.drills.size());
      const uint32_t held = d >= 2 ? std::min(plan.spec.holdout, d - 1) : 0;
      fmt::print(stderr, "{}\n",
                 say(kCalStart, plan.base.name, plan.spec.free.size(), d - held, a->records, held,
                     plan.spec.replications, effective_threads(a->threads.value_or(plan.base.run.threads))));
    }
    g_calibrate_stop.store(false);
    std::signal(SIGINT, on_calibrate_signal);
    std::signal(SIGTERM, on_calibrate_signal);
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    // At most this many simulated drills (the search may stop earlier: the ETA is an upper bound).
    const uint64_t most = (plan.spec.max_evaluations + 2 * plan.spec.free.size() + 2) * plan.spec.replications;
    std::optional<jobs::CalibrateResult> done;
    {
      Progress progress(!a->quiet && ::isatty(STDERR_FILENO) == 1, most, job_progress.done);
      done = jobs::calibrate(plan, records, options);
    }
    const jobs::CalibrateResult& result = *done;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (result.status != jobs::JobStatus::Completed) {
      fmt::print(stderr, "{}\n", say(kCalInterrupted, result.seconds));
      return kExitRuntime;
    }
    if (!a->quiet)
      fmt::print("{}\n\n{}\n\n{}\n", say(kCalLine, plan.base.name, result.seconds), fmt::join(result.headline, "\n"),
                 say(kCalResults, out_dir.string()));
    return kExitOk;
  };
}

Action add_drill_records_command(CLI::App& app) {
  auto a = std::make_shared<RecordsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "drill-records", "Write synthetic drill records simulated by the model (labelled synthetic), for calibrate");
  cmd->add_option("FILE", a->file, "Scenario file with an evacuation (YAML)")->required();
  cmd->add_option("--out,-o", a->out, "Records file to write (CSV)")->required()->check(non_empty_path("a file"));
  cmd->add_option("--drills,-n", a->drills, "Number of drills (replications) to simulate")
      ->transform(whole_number(1, 10000));
  cmd->add_option("--seed", a->seed, "Seed of the simulated drills (default: the scenario's run.seed)");
  cmd->add_option("--first", a->first, "Index of the first replication (default 0)");
  cmd->add_option("--buildings", a->buildings, "Only these buildings (comma-separated ids; default: every evacuated one)")
      ->delimiter(',');
  cmd->add_option("--counter", a->counter,
                  "Door-counter form: people out of each building and off each floor per interval of SECONDS")
      ->type_name("SECONDS")
      ->check(CLI::Range(1.0, 3600.0));
  cmd->add_option("--set", a->overrides, "Override one scenario value, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  return [a]() -> int {
    const ScenarioConfig sc =
        load_scenario(a->file, a->overrides, IncludeRules::outside_allowed(a->allow_include_outside));
    jobs::JobOptions options;
    options.threads = a->threads;
    const uint64_t seed = a->seed.value_or(sc.run.seed);
    jobs::SyntheticRecords what;
    what.seed = seed;
    what.first = a->first;
    what.count = a->drills;
    what.buildings = a->buildings;
    what.counter_interval_s = a->counter;
    const std::string text = jobs::synthetic_drill_records(sc, what, options);
    // Atomic: a temporary file beside the target, renamed into place.
    const fs::path target(a->out);
    const fs::path tmp = target.string() + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f << text;
      if (!f.flush()) {
        fmt::print(stderr, "{}\n", say(kRecCannotWrite, a->out));
        return kExitRuntime;
      }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::remove(tmp, ec);
      fmt::print(stderr, "{}\n", say(kRecCannotWrite, a->out));
      return kExitRuntime;
    }
    if (!a->quiet) {
      const auto lines = static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
      uint64_t comments = 0;
      for (std::size_t i = 0; i < text.size(); i = text.find('\n', i) + 1)
        if (text[i] == '#') ++comments;
        else break;
      fmt::print("{}\n", say(kRecWritten, sc.name, a->drills, lines - comments - 1, a->out));
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
