#pragma once
// What every job (run, compare, sweep; later optimize, plan, calibrate) shares: the options a
// caller passes and the way a job ends. A job is a plain function — configuration in, results out,
// files written through output/ — with no process-global state and no printing, so the CLI, tests
// and an optimiser calling it thousands of times in one process all use the same code
// (DESIGN.md §2, "The shape of one run").

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace dt::jobs {

/// How far a job is; written by the job, read by anyone (a progress line) at any time.
struct JobProgress {
  std::atomic<uint64_t> done{0};   ///< replications finished
  std::atomic<uint64_t> total{0};  ///< replications this job will run (known once it started)
  /// optimize: candidates in the current round (still undecided or in the selection); the total
  /// above grows round by round. 0 for the other jobs.
  std::atomic<uint64_t> contenders{0};
};

struct JobOptions {
  std::optional<uint32_t> threads;  ///< worker threads [0 = one per core]; unset: the scenario's run.threads
  std::filesystem::path out_dir;    ///< where the job writes its files; empty: write nothing (run, compare)
  const std::atomic<bool>* cancel = nullptr;  ///< raised by the caller (e.g. on Ctrl-C): stop soon
  JobProgress* progress = nullptr;            ///< when set, kept up to date
};

/// How a job ended.
enum class JobStatus {
  Completed,    ///< everything ran and every file was written
  Partial,      ///< sweep shard: this share ran and is kept; other shards are still missing
  Interrupted,  ///< `cancel` was raised; run/compare wrote nothing, a sweep kept what finished
  Failed,       ///< a replication failed (message says why); a sweep kept what finished
  Refused,      ///< the job could not start with these inputs (message says why); nothing ran
};

}  // namespace dt::jobs
