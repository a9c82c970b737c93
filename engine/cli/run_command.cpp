// `drilltwin run` and `drilltwin validate`.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "engine/cli/commands.h"
#include "engine/cli/progress.h"
#include "engine/kernel/input_error.h"
#include "engine/output/report_html.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/runner.h"

namespace dt::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
  std::signal(SIGTERM, SIG_DFL);
}

struct ScenarioArgs {
  std::string file;
  std::vector<std::string> overrides;
};

void add_scenario_args(CLI::App* cmd, ScenarioArgs& a) {
  cmd->add_option("FILE", a.file, "Scenario file (YAML)")->required();
  cmd->add_option("--set", a.overrides,
                  "Override one scenario value, KEY.PATH=VALUE (YAML value), e.g. --set staff.count=4; "
                  "may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

}  // namespace

int report_input_error(const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  if (const auto* ie = dynamic_cast<const InputError*>(&e)) {
    int errors = 0;
    for (const auto& d : ie->diagnostics()) errors += d.severity == Severity::Error ? 1 : 0;
    if (errors > 1) std::fprintf(stderr, "%d errors; nothing was run.\n", errors);
  }
  return kExitInput;
}

Action add_run_command(CLI::App& app) {
  struct Args {
    ScenarioArgs scenario;
    std::optional<uint64_t> replications;
    std::optional<uint64_t> seed;
    std::optional<uint32_t> threads;
    std::string out;
    bool quiet = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario's replications and write its results");
  add_scenario_args(cmd, a->scenario);
  cmd->add_option("--replications,-r", a->replications, "Number of replications (overrides run.replications)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
  cmd->add_option("--seed", a->seed, "Scenario seed (overrides run.seed)");
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->check(CLI::Range(0u, 4096u));
  cmd->add_option("--out,-o", a->out, "Output directory (default: outputs.dir, else results/<scenario name>)");
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Writes summary.json, replications.csv and report.html into the output directory, atomically: after an\n"
      "error or Ctrl-C the directory is left as it was. Prints the KPI table on stdout.");

  return [a]() -> int {
    ScenarioConfig sc = load_scenario(a->scenario.file, a->scenario.overrides);
    if (a->replications) sc.run.replications = *a->replications;
    if (a->seed) sc.run.seed = *a->seed;
    if (a->threads) sc.run.threads = *a->threads;
    const std::string out_dir =
        !a->out.empty() ? a->out : !sc.outputs.dir.empty() ? sc.outputs.dir : "results/" + sc.name;
    const uint32_t threads = effective_threads(sc.run.threads);

    g_interrupted.store(false);
    std::signal(SIGINT, on_sigint);
    std::signal(SIGTERM, on_sigint);
    std::atomic<uint64_t> completed{0};
    const auto started = std::chrono::steady_clock::now();
    KpiTable table;
    std::vector<ReplicationSeries> series;  // what the models recorded, for report.html
    {
      Progress progress(!a->quiet && ::isatty(STDERR_FILENO) == 1, sc.run.replications, completed);
      try {
        table = run_replications(sc, RunControl{&g_interrupted, &completed, &series});
      } catch (const RunCancelled&) {
        progress.finish();
        std::fprintf(stderr, "drilltwin: interrupted after %llu of %llu replications; nothing was written.\n",
                     static_cast<unsigned long long>(completed.load()),
                     static_cast<unsigned long long>(sc.run.replications));
        return kExitRuntime;
      }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    StagedDirectory out(out_dir);
    const RunMetadata meta{DRILLTWIN_VERSION, sc.name, sc.run.seed, sc.run.replications, threads};
    out.write("summary.json", summary_json(meta, table));
    out.write("replications.csv", replications_csv(table));
    out.write("report.html", run_report_html(meta, sc.description, table, std::move(series)));
    if (g_interrupted.load()) {
      std::fputs("drilltwin: interrupted; nothing was written.\n", stderr);
      return kExitRuntime;
    }
    out.commit();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    if (!a->quiet) {
      std::printf("%s: %llu replication%s, seed %llu, %u thread%s, %.2f s\n\n", sc.name.c_str(),
                  static_cast<unsigned long long>(sc.run.replications), sc.run.replications == 1 ? "" : "s",
                  static_cast<unsigned long long>(sc.run.seed), threads, threads == 1 ? "" : "s", seconds);
      std::fputs(kpi_console_table(table).c_str(), stdout);
      std::printf("\nResults: %s/summary.json, replications.csv, report.html\n", out_dir.c_str());
    }
    return kExitOk;
  };
}

Action add_validate_command(CLI::App& app) {
  auto a = std::make_shared<ScenarioArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  add_scenario_args(cmd, *a);
  cmd->footer("Reports every problem as FILE:LINE:COL: error: MESSAGE. Exit status 0 when the file is valid, 2 when not.");
  return [a]() -> int {
    const ScenarioConfig sc = load_scenario(a->file, a->overrides);
    std::printf("%s: valid scenario '%s' (%llu replications, seed %llu)\n", a->file.c_str(), sc.name.c_str(),
                static_cast<unsigned long long>(sc.run.replications), static_cast<unsigned long long>(sc.run.seed));
    return kExitOk;
  };
}

}  // namespace dt::cli
