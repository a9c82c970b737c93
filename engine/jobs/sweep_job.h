#pragma once
// The `sweep` job: every (point, replication) pair of a sweep in parallel, kept in
// out_dir/results.sqlite as they finish (committed every half second), resumable, shardable, and
// spread over the ranks of an MPI job through SweepPeers; once nothing is missing, summary.json,
// points.csv and report.html (output/sweep_results.h).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/output/results_db.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/sim/sweep_runner.h"

namespace dt::jobs {

/// The processes of a distributed sweep (MPI ranks; cli/mpi_session.h implements it). Rank 0
/// plans, writes results.sqlite and receives every other rank's results. Only the thread that
/// calls sweep() uses it.
class SweepPeers {
 public:
  virtual ~SweepPeers() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  /// Rank 0's `bytes` to every rank.
  virtual void broadcast(std::string& bytes) = 0;
  /// Returns when every rank has called it.
  virtual void barrier() = 0;
  /// A message to rank 0.
  virtual void send_to_root(const std::string& bytes, int tag) = 0;
  /// Rank 0: takes one waiting message, if any.
  virtual bool try_receive(std::string& bytes, int& source, int& tag) = 0;
  /// Ends every rank (after an error that only some ranks saw), saying why.
  [[noreturn]] virtual void abort(int status, const std::string& message) = 0;
};

/// What a sweep is about to do (rank 0), told before its first replication.
struct SweepStart {
  std::size_t points = 0;
  uint64_t replications = 0;  ///< per point
  std::size_t pending = 0;    ///< pairs still to run (this shard, every rank)
  uint32_t threads = 0;       ///< per process
  int ranks = 1;
};

struct SweepOptions : JobOptions {
  bool resume = false;              ///< continue the sweep in out_dir/results.sqlite (else it must not exist)
  Shard shard;                      ///< run only this share of the pairs
  std::string shard_text;           ///< the share as the user wrote it ("3/8"), recorded in results.sqlite
  /// Replications per point as the caller asked (-r). Unset: the file's run.replications for a new
  /// sweep, the stored count on resume. A resume may grow a sweep, never shrink it (Refused).
  std::optional<uint64_t> replications;
  SweepPeers* peers = nullptr;      ///< the ranks of an MPI job; nullptr: this process alone
  std::function<void(const SweepStart&)> on_start;  ///< rank 0, before the first replication
};

struct SweepResult {
  JobStatus status = JobStatus::Completed;
  std::string message;        ///< why it was refused or failed
  int rank = 0;               ///< this process's rank (only rank 0 reports)
  bool started = false;       ///< the ranks agreed on the work (false: refused, or results.sqlite failed)
  std::size_t points = 0;
  uint64_t replications = 0;  ///< per point
  uint64_t total = 0;         ///< points × replications
  uint64_t done = 0;          ///< replications kept in results.sqlite (rank 0)
  double seconds = 0;         ///< wall time of this session [s]
  std::filesystem::path db_path;  ///< out_dir/results.sqlite
  std::string resume_command;     ///< rank 0, once started: the command line that continues this sweep
  std::vector<std::string> headline;  ///< rank 0, Completed: what the sweep found (summary.json "headline")
};

/// Runs the pairs of `plan` not yet in out_dir/results.sqlite (out_dir must be set). Throws
/// InputError when the points report different KPIs.
[[nodiscard]] SweepResult sweep(const SweepPlan& plan, const SweepOptions& options);

/// The command line that continues the sweep stored in `sweep` (a results.sqlite's description) in
/// `out_dir`: its file, every --set override, its replication count, the shard; shell-quoted.
[[nodiscard]] std::string resume_command(const SweepDescription& sweep, const std::filesystem::path& out_dir,
                                         const std::string& shard = {});

/// What results.sqlite records of `plan`: its scenario, seed, fingerprint, overrides, parameters,
/// KPIs, points and targets, with `replications` per point. Shared by sweep and optimize.
[[nodiscard]] SweepDescription describe_sweep(const SweepPlan& plan, uint64_t replications,
                                              const std::vector<KpiDefinition>& kpis);

/// "drilltwin COMMAND FILE --set K=V --drill-add STEP …": the command line that ran a sweep-like job
/// with these overrides, shell-quoted; callers append their own flags.
[[nodiscard]] std::string job_command(std::string_view command, const std::string& source_file,
                                      const std::vector<std::string>& overrides);

/// `arg` quoted for a POSIX shell when it needs to be.
[[nodiscard]] std::string shell_quoted(const std::string& arg);

/// The directory `sweep` writes to unless told otherwise: outputs.dir, else results/<name>.
[[nodiscard]] std::filesystem::path default_sweep_dir(const SweepPlan& plan);

}  // namespace dt::jobs
