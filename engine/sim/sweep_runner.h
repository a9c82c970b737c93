#pragma once
// Runs the (point, replication) pairs of a sweep in parallel (oneTBB) and hands each finished
// replication to a consumer (the thread that writes results.sqlite, or sends them to MPI rank 0).
//
// Determinism: a pair's KPI values depend only on (point scenario, seed, replication), never on
// which thread, process, shard or resume ran it; reductions read the values back in (point,
// replication) order. Every point runs replications 0 .. R−1 of the same seed: common random
// numbers across points.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/kernel/replication_record.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/site.h"

namespace dt {

/// Replication `replication` of sweep point `point`.
struct SweepItem {
  uint32_t point = 0;
  uint64_t replication = 0;
  friend bool operator==(const SweepItem&, const SweepItem&) = default;
};

/// A share of a sweep: shard `index` (1-based) of `count`. {1, 1} is the whole sweep.
struct Shard {
  uint32_t index = 1;
  uint32_t count = 1;
};

/// The pairs still to run, in the sweep's order — replication-major (every point's replication 0,
/// then every point's replication 1, ...), so a stopped sweep has all points at about the same
/// replication count — skipping those marked in `done` (index r·points + p; may be empty) and
/// keeping those of `shard`: global index g belongs to shard (g mod count) + 1.
[[nodiscard]] std::vector<SweepItem> pending_items(uint32_t points, uint64_t replications, const std::vector<bool>& done,
                                                   Shard shard = {});

/// Finished replications, from worker threads to one consumer thread.
class ResultQueue {
 public:
  void push(ReplicationRecord record);
  /// Waits until results are there, the queue is closed or `timeout` passes, then moves every
  /// waiting result to the end of `out`. Returns false when the queue is closed and empty.
  bool wait_take_all(std::vector<ReplicationRecord>& out, std::chrono::milliseconds timeout);
  /// No more pushes will come.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<ReplicationRecord> items_;
  bool closed_ = false;
};

struct SweepRunOptions {
  uint32_t threads = 0;                       ///< worker threads [0 = one per core]
  const std::atomic<bool>* cancel = nullptr;  ///< raised: start no further replications
  bool record_series = true;                  ///< ask the models for their curves and samples
  const std::atomic<bool>* stop = nullptr;    ///< like cancel, a second flag (the consumer's own)
};

/// Runs `items` in parallel, pushing each finished replication to `queue`, and closes the queue
/// when done (also when a replication throws, which is rethrown). Blocks the calling thread.
/// `sites[p]` is point p's site (build_site), shared read-only by every thread.
void run_sweep_items(std::span<const ScenarioConfig> points, std::span<const std::shared_ptr<const Site>> sites,
                     std::span<const SweepItem> items, const SweepRunOptions& options, ResultQueue& queue);

/// Convenience: builds each point's site once (throws InputError when one cannot be built), then runs.
void run_sweep_items(std::span<const ScenarioConfig> points, std::span<const SweepItem> items,
                     const SweepRunOptions& options, ResultQueue& queue);

/// A batch of records as bytes (for MPI messages): little-endian fixed-width fields.
[[nodiscard]] std::string encode_records(std::span<const ReplicationRecord> records);
/// The inverse of encode_records. Throws std::runtime_error on malformed input.
[[nodiscard]] std::vector<ReplicationRecord> decode_records(std::string_view bytes);

}  // namespace dt
