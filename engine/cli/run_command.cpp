// `drilltwin run` and `drilltwin validate`.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "engine/cli/commands.h"
#include "engine/cli/progress.h"
#include "engine/kernel/input_error.h"
#include "engine/output/kpi_targets.h"
#include "engine/output/report_html.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/sim/trace_recorder.h"

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
    bool trace = false;
    uint64_t trace_replication = 0;
    double trace_interval_s = 1.0;
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
  CLI::Option* trace = cmd->add_flag(
      "--trace", a->trace, "Also write trace.bin: one replication replayed for drilltwin-view (docs/formats.md)");
  cmd->add_option("--trace-replication", a->trace_replication, "Replication to trace (default 0; < --replications)")
      ->needs(trace);
  cmd->add_option("--trace-interval", a->trace_interval_s, "Seconds between trace frames (default 1)")
      ->check(CLI::Range(0.01, 3600.0))
      ->needs(trace);
  cmd->footer(
      "Writes summary.json, replications.csv and report.html (and trace.bin with --trace) into the output\n"
      "directory, atomically: after an error or Ctrl-C the directory is left as it was. Prints the KPI table\n"
      "on stdout. --trace runs the chosen replication once more and streams its trace; the KPIs do not change.");

  return [a]() -> int {
    PreparedScenario prepared = prepare_scenario(a->scenario.file, a->scenario.overrides);
    ScenarioConfig& sc = prepared.config;
    const Site& site = *prepared.site;
    if (a->replications) sc.run.replications = *a->replications;
    if (a->seed) sc.run.seed = *a->seed;
    if (a->threads) sc.run.threads = *a->threads;
    const std::string out_dir =
        !a->out.empty() ? a->out : !sc.outputs.dir.empty() ? sc.outputs.dir : "results/" + sc.name;
    const uint32_t threads = effective_threads(sc.run.threads);
    if (a->trace && a->trace_replication >= sc.run.replications) {
      std::fprintf(stderr, "drilltwin: error: --trace-replication %llu: the run has replications 0 to %llu\n",
                   static_cast<unsigned long long>(a->trace_replication),
                   static_cast<unsigned long long>(sc.run.replications - 1));
      return kExitInput;
    }
    if (a->trace && !sc.evacuation)
      throw InputError(SourcePos{a->scenario.file, 0, 0},
                       "--trace needs people moving on a layout: this scenario has no `evacuation:` section");

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
        table = run_replications(site, sc, RunControl{&g_interrupted, &completed, &series});
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
    std::vector<KpiTarget> targets;  // red/amber/green (engine/output/kpi_targets.h)
    for (const KpiGoal& g : sc.targets)
      targets.push_back({g.kpi, g.at_least ? KpiTarget::Sense::AtLeast : KpiTarget::Sense::AtMost, g.value});
    out.write("summary.json", summary_json_with_targets(meta, table, targets));
    out.write("replications.csv", replications_csv(table));
    out.write("report.html", run_report_html(meta, sc.description, table, std::move(series), targets));
    TraceSummary traced;
    if (a->trace) {  // the chosen replication once more, streamed to trace.bin (trace_recorder.h)
      traced = record_trace(site, sc, TraceOptions{a->trace_replication, a->trace_interval_s}, out.staging_path("trace.bin"));
      [[maybe_unused]] const auto row = table.row(a->trace_replication);
      DT_ASSERT(traced.kpis.size() == row.size() &&
                    std::memcmp(traced.kpis.data(), row.data(), row.size() * sizeof(double)) == 0,
                "the traced replication differs from the same replication in the statistics run");
    }
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
      if (const std::string t = targets_console_table(table, targets); !t.empty()) std::printf("\n%s", t.c_str());
      std::printf("\nResults: %s/summary.json, replications.csv, report.html\n", out_dir.c_str());
      if (a->trace)
        std::printf("Trace: %s/trace.bin (replication %llu, %u people, %u frames every %g s, %.1f MB)\n",
                    out_dir.c_str(), static_cast<unsigned long long>(a->trace_replication), traced.people,
                    traced.frames, a->trace_interval_s, static_cast<double>(traced.bytes) / 1e6);
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
    // The site too: layout errors and names the network does not know are reported here.
    const PreparedScenario prepared = prepare_scenario(a->file, a->overrides);
    const ScenarioConfig& sc = prepared.config;
    std::printf("%s: valid scenario '%s' (%llu replications, seed %llu)\n", a->file.c_str(), sc.name.c_str(),
                static_cast<unsigned long long>(sc.run.replications), static_cast<unsigned long long>(sc.run.seed));
    return kExitOk;
  };
}

}  // namespace dt::cli
