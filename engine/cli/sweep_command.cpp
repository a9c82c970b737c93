// `drilltwin sweep`: every point of a scenario's `sweep:` section × its replications, in parallel,
// kept in results.sqlite as they finish; resumable, shardable, and spread over MPI ranks under
// mpirun. The work is the sweep job (engine/jobs/sweep_job.h); MPI itself stays here. docs/user-guide.md ("Sweeps") and docs/cluster.md show how to use it.
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/cli/mpi_session.h"
#include "engine/cli/progress.h"
#include "engine/jobs/sweep_job.h"
#include "engine/kernel/input_error.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kBadShard, "invalid --shard '{}': expected K/N with 1 <= K <= N, e.g. --shard 3/8", "无效的 --shard '{}'：应为 K/N 且 1 <= K <= N，例如 --shard 3/8");
DT_PHRASE(kNoMpi, "drilltwin: error: started by mpirun, but this drilltwin was built without MPI; rebuild with -DDRILLTWIN_MPI=ON, or use --shard K/N",
          "drilltwin: 错误: 由 mpirun 启动，但此 drilltwin 编译时未启用 MPI；请用 -DDRILLTWIN_MPI=ON 重新编译，或使用 --shard K/N");
DT_PHRASE(kStartLine, "{}: {} point{} × {} replications; {} to run{}, {} thread{}{}", "{}：{} 个点{} × {} 次重复；待运行 {} 次{}，{} 个线程{}{}");
DT_PHRASE(kStartShard, " (shard {})", "（分片 {}）");
DT_PHRASE(kStartRanks, " × {} ranks", " × {} 个进程");
DT_PHRASE(kStopped, "drilltwin: stopped after {:.1f} s; {} of {} replications are kept in {}.",
          "drilltwin: 运行 {:.1f} s 后停止；已有 {} / {} 次重复保存在 {} 中。");
DT_PHRASE(kInterrupted, "drilltwin: interrupted after {:.1f} s; {} of {} replications are kept in {}.",
          "drilltwin: 运行 {:.1f} s 后中断；已有 {} / {} 次重复保存在 {} 中。");
DT_PHRASE(kContinueWith, "Continue with: {}", "继续运行: {}");
DT_PHRASE(kShardDone, "{}: shard {} done in {:.2f} s ({} of {} replications of the sweep in {}).",
          "{}：分片 {} 用时 {:.2f} s 完成（扫描的 {} / {} 次重复已保存在 {} 中）。");
/// The English plural ending for `n` things ("" in Chinese, which has none).
const char* plural(uint64_t n) { return lang() == Lang::En && n != 1 ? "s" : ""; }

DT_PHRASE(kSweepLine, "{}: {} point{} × {} replications, seed {}, {:.2f} s", "{}：{} 个点{} × {} 次重复，种子 {}，用时 {:.2f} s");
DT_PHRASE(kSweepResults, "Results: {}/results.sqlite, summary.json, points.csv, report.html",
          "结果：{}/results.sqlite、summary.json、points.csv、report.html");
DT_PHRASE(kJoinShards, "Join the shards with: drilltwin merge SHARD_DIR... --out DIR", "合并各分片：drilltwin merge SHARD_DIR... --out DIR");
}  // namespace

namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_under_mpirun = 0;

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
  // A second Ctrl-C ends the process at once (committed work stays). Not under mpirun: there the
  // terminal's SIGINT is followed by mpirun's own SIGTERM, and rank 0 must live on to record how
  // the sweep ended (mpirun's SIGKILL a second later ends it anyway).
  if (g_under_mpirun == 0) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
}

struct SweepArgs {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> drill_steps;
  bool resume = false;
  std::string out;
  std::string shard_text;
  std::optional<uint32_t> threads;
  std::optional<uint64_t> replications;
  bool quiet = false;
  bool allow_include_outside = false;
};

Shard parse_shard(const std::string& text) {
  Shard s;
  const auto slash = text.find('/');
  // Decimal digits only (kernel/number_text.h): stoul took "+1", " 1" and wrapped "-1".
  const auto k = slash == std::string::npos ? std::nullopt : parse_decimal(std::string_view(text).substr(0, slash));
  const auto n = slash == std::string::npos ? std::nullopt : parse_decimal(std::string_view(text).substr(slash + 1));
  if (!k || !n || *n < 1 || *n > 1'000'000 || *k < 1 || *k > *n)
    throw InputError(SourcePos{"--shard", 0, 0},
                     say(kBadShard, text));
  s.index = static_cast<uint32_t>(*k);
  s.count = static_cast<uint32_t>(*n);
  return s;
}

// The rank a launcher gave this process, before MPI_Init (to print input errors once).
int launcher_rank() {
  for (const char* v : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* r = std::getenv(v)) return std::atoi(r);
  return 0;
}
int launcher_size() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* r = std::getenv(v)) return std::atoi(r);
  return 1;
}

// The ranks of `mpirun` for the sweep job.
class MpiPeers final : public jobs::SweepPeers {
 public:
  explicit MpiPeers(const MpiSession& mpi) : mpi_(mpi) {}
  int rank() const override { return mpi_.rank(); }
  int size() const override { return mpi_.size(); }
  void broadcast(std::string& bytes) override { mpi_.broadcast(bytes); }
  void barrier() override { mpi_.barrier(); }
  void send_to_root(const std::string& bytes, int tag) override { mpi_.send_to_root(bytes, tag); }
  bool try_receive(std::string& bytes, int& source, int& tag) override { return mpi_.try_receive(bytes, source, tag); }
  [[noreturn]] void abort(int status, const std::string& message) override {
    fmt::print(stderr, "{}\n", say(kError, message));
    mpi_.abort(status);
  }

 private:
  const MpiSession& mpi_;
};

}  // namespace

Action add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run every point of a scenario's sweep: section, keeping results in results.sqlite");
  cmd->add_option("FILE", a->file, "Scenario file with a sweep: section (YAML)")->required();
  cmd->add_option("--set", a->overrides, "Override one scenario value for every point, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_drill_add_flag(cmd, a->drill_steps);
  cmd->add_flag("--resume", a->resume,
                "Continue the sweep whose results.sqlite is in the output directory: run only the replications it lacks");
  cmd->add_option("--out,-o", a->out, "Output directory (default: outputs.dir, else results/<scenario name>)")
      ->check(non_empty_path("a directory"));
  cmd->add_option("--shard", a->shard_text,
                  "Run share K of N (1-based) of the (point, replication) pairs, for job arrays; join with `drilltwin merge`")
      ->type_name("K/N");
  cmd->add_option("--threads,-j", a->threads, "Worker threads per process, 0 = one per core (results never depend on it)")
      ->transform(whole_number(0, 4096));
  cmd->add_option("--replications,-r", a->replications, "Replications per point (overrides run.replications)")
      ->transform(whole_number(1, 100'000'000));
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every point runs replications 0..N-1 of the same seed (common random numbers). Finished replications are\n"
      "committed to DIR/results.sqlite every half second; after Ctrl-C or a kill, --resume runs only what is missing\n"
      "and ends with the same numbers. When every replication is done, writes summary.json, points.csv and\n"
      "report.html. Under `mpirun -np N` the pairs are spread over the ranks and rank 0 writes the results.");

  return [a]() -> int {
    const Shard shard = a->shard_text.empty() ? Shard{} : parse_shard(a->shard_text);
    // Every rank reads and checks the whole sweep before MPI starts; only rank 0 tells.
    SweepPlan plan;
    try {
      plan = load_sweep(a->file, scenario_overrides(a->drill_steps, a->overrides), IncludeRules::outside_allowed(a->allow_include_outside));
    } catch (const InputError&) {
      if (launcher_rank() != 0) return kExitInput;
      throw;
    }
    const fs::path out_dir = !a->out.empty() ? fs::path(a->out) : jobs::default_sweep_dir(plan);

    std::unique_ptr<MpiSession> mpi;
    if (launched_by_mpirun()) {
      if (mpi_available())
        mpi = std::make_unique<MpiSession>();
      else if (launcher_size() > 1) {
        if (launcher_rank() == 0)
          fmt::print(stderr, "{}\n", say(kNoMpi));
        return kExitInput;
      }
    }
    std::optional<MpiPeers> peers;
    if (mpi) peers.emplace(*mpi);
    const int rank = mpi ? mpi->rank() : 0;
    const bool quiet = a->quiet || rank != 0;

    jobs::SweepOptions options;
    options.threads = a->threads;
    options.out_dir = out_dir;
    options.cancel = &g_stop;
    jobs::JobProgress job_progress;
    options.progress = &job_progress;
    options.resume = a->resume;
    options.shard = shard;
    options.shard_text = a->shard_text;
    options.replications = a->replications;
    options.peers = peers ? &*peers : nullptr;
    std::optional<Progress> progress;
    options.on_start = [&](const jobs::SweepStart& s) {
      if (!quiet)
        fmt::print(stderr, "{}\n",
                   say(kStartLine, plan.base.name, s.points, plural(s.points), s.replications, s.pending,
                       shard.count > 1 ? say(kStartShard, a->shard_text) : "", s.threads, plural(s.threads),
                       s.ranks > 1 ? say(kStartRanks, s.ranks) : ""));
      progress.emplace(!quiet && ::isatty(STDERR_FILENO) == 1, s.pending, job_progress.done);
    };

    g_stop.store(false);
    g_under_mpirun = mpi ? 1 : 0;
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    const jobs::SweepResult result = jobs::sweep(plan, options);
    progress.reset();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (rank != 0) return result.status == jobs::JobStatus::Completed   ? kExitOk
                          : result.status == jobs::JobStatus::Refused ? kExitInput
                                                                      : kExitRuntime;
    switch (result.status) {
      case jobs::JobStatus::Refused:
        fmt::print(stderr, "{}\n", say(kError, result.message));
        return kExitInput;
      case jobs::JobStatus::Failed:
        if (!result.started) {  // results.sqlite could not be opened or created
          fmt::print(stderr, "{}\n", say(kError, result.message));
          return kExitRuntime;
        }
        [[fallthrough]];
      case jobs::JobStatus::Interrupted: {
        const bool failed = result.status == jobs::JobStatus::Failed;
        if (failed) fmt::print(stderr, "{}\n", say(kError, result.message));
        fmt::print(stderr, "{}\n{}\n",
                   say(failed ? kStopped : kInterrupted, result.seconds, result.done, result.total,
                       result.db_path.string()),
                   say(kContinueWith, result.resume_command + (a->allow_include_outside ? " --allow-include-outside" : "")));
        return kExitRuntime;
      }
      case jobs::JobStatus::Partial:
        if (!quiet)
          fmt::print("{}\n{}\n",
                     say(kShardDone, plan.base.name, a->shard_text, result.seconds, result.done, result.total,
                         result.db_path.string()),
                     say(kJoinShards));
        return kExitOk;
      case jobs::JobStatus::Completed:
        break;
    }
    if (!quiet)
      fmt::print("{}\n\n{}{}{}\n",
                 say(kSweepLine, plan.base.name, result.points, plural(result.points), result.replications,
                     plan.base.run.seed, result.seconds),
                 fmt::join(result.headline, "\n"), result.headline.empty() ? "" : "\n\n",
                 say(kSweepResults, out_dir.string()));
    return kExitOk;
  };
}

}  // namespace dt::cli
