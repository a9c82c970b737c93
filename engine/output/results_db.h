#pragma once
// results.sqlite: every finished replication of a sweep, kept as it completes (docs/formats.md,
// "results.sqlite").
//
// The file is created with the description of the sweep (scenario, seed, points and their
// values, KPI definitions) and then receives replications in batches, one transaction per batch
// (WAL journal, synchronous=NORMAL): a process killed at any moment — Ctrl-C, SIGKILL, a
// scheduler's time limit — leaves every committed replication readable, and --resume runs only
// the missing ones. Values are stored as IEEE-754 doubles (NULL = undefined), so reading them
// back gives the exact bits the replication produced.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/replication_record.h"
#include "engine/kernel/series.h"
#include "engine/kernel/statistics.h"
#include "engine/output/kpi_targets.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dt {

/// A swept value as a number (engine/scenario/reader.h typed_number): a plain number as written
/// (unit ""), a duration in seconds (unit "s"), a boolean as 1/0 (unit "bool"); NaN for other text.
struct SettingNumber {
  double value = std::numeric_limits<double>::quiet_NaN();
  std::string unit;
};

/// One point of a sweep as stored: its label and the value of each swept parameter.
struct PointRecord {
  std::string label;
  std::vector<std::pair<std::string, std::string>> settings;  ///< parameter → value text
  /// The same values as numbers, one per setting; empty when not known (files written before
  /// `point_values` existed).
  std::vector<SettingNumber> numbers;
};

/// What a results file is about; fixed when it is created.
struct SweepDescription {
  std::string scenario;     ///< scenario name
  std::string description;  ///< one line for reports
  std::string source_file;  ///< the scenario file as given on the command line
  uint64_t seed = 0;
  uint64_t replications = 0;  ///< per point (may grow with --resume --replications N)
  std::string fingerprint;    ///< identifies the sweep (sweep_loader.h)
  std::vector<std::string> overrides;  ///< the --set KEY=VALUE texts it was started with (for the resume hint)
  std::vector<std::string> parameters;
  std::vector<KpiDefinition> kpis;
  std::vector<PointRecord> points;
  std::vector<KpiTarget> targets;  ///< the scenario's targets (meta 'targets'; older files have none)
};

/// Who wrote a batch of replications (a row of `runs`).
struct RunRecord {
  std::string command;  ///< "sweep", "sweep --resume", "merge"
  uint32_t threads = 0;
  uint32_t ranks = 1;   ///< MPI processes
  std::string shard;    ///< "K/N", or "" for the whole sweep
};

/// The most replications per point a results file may hold (the CLI's maximum of -r).
inline constexpr int64_t kMaxStoredReplications = 100'000'000;

/// A results file: created by `sweep`, extended by `sweep --resume` and `merge`. Everything read
/// back from it is checked first (schema, ranges, types, consistency between tables): a damaged or
/// hand-edited file gives std::runtime_error "PATH is damaged: WHAT", never wrong numbers.
class ResultsDb {
 public:
  /// Creates a new results file (it must not exist). Throws std::runtime_error.
  [[nodiscard]] static ResultsDb create(const std::filesystem::path& path, const SweepDescription& sweep);
  /// Opens an existing results file. Throws std::runtime_error when it is not one.
  [[nodiscard]] static ResultsDb open(const std::filesystem::path& path);

  ResultsDb(ResultsDb&& other) noexcept;
  ResultsDb& operator=(ResultsDb&& other) noexcept;
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;
  ~ResultsDb();

  [[nodiscard]] const SweepDescription& sweep() const noexcept { return sweep_; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  /// Changes the replication count per point (resuming with more, or fewer, replications).
  void set_replications(uint64_t replications);

  /// Starts a row of `runs`; the id goes with the replications it writes.
  [[nodiscard]] int64_t begin_run(const RunRecord& run);
  /// Ends it with a status: "completed", "interrupted", "failed".
  void end_run(int64_t run, const std::string& status);

  /// done[r * points + p] is true when replication r of point p is stored (r < replications).
  [[nodiscard]] std::vector<bool> done_mask() const;
  /// Replications stored with r < replications.
  [[nodiscard]] uint64_t done_count() const;

  /// Stores a batch in one transaction. A replication already stored is left as it is.
  void insert(std::span<const ReplicationRecord> batch, int64_t run);

  /// The KPI values of point `p`, replications 0 .. replications-1 in order. Throws
  /// std::runtime_error if one is missing.
  [[nodiscard]] KpiTable point_table(uint32_t point) const;
  /// The same for replications 0 .. replications-1 only (a search that gives candidates different
  /// replication counts reads what each one has).
  [[nodiscard]] KpiTable point_table(uint32_t point, uint64_t replications) const;
  /// The series of point `p`, one entry per replication in order (empty entries when none), for
  /// the first kSeriesReplications replications (series.h).
  [[nodiscard]] std::vector<ReplicationSeries> point_series(uint32_t point) const;
  /// The same for replications 0 .. replications-1 only.
  [[nodiscard]] std::vector<ReplicationSeries> point_series(uint32_t point, uint64_t replications) const;

  /// Replaces the `point_stats` table (one row per point and KPI).
  void write_point_stats(const std::vector<std::vector<SampleSummary>>& stats);

  /// Copies every replication of the results file `other` (the same sweep: same fingerprint and
  /// KPIs, checked by the caller) that this file lacks, in one transaction. Returns how many.
  uint64_t copy_missing_from(const std::filesystem::path& other, int64_t run);

 private:
  ResultsDb(sqlite3* db, std::filesystem::path path);
  void exec(const char* sql) const;
  void check_schema() const;
  [[nodiscard]] bool has_table(const char* name) const;
  void load_description();
  void check_contents() const;
  [[noreturn]] void damaged(const std::string& what) const;

  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  SweepDescription sweep_;
};

}  // namespace dt
