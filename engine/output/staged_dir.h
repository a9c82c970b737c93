#pragma once
// Publishes a job's output files as one consistent set (docs/formats.md, "The output directory").
//
// Files are first written into a hidden staging directory inside the output directory
// (".drilltwin-staging-HOST-PID"), so staging and publishing stay on one file system even when
// the output directory is a mount point (a Docker volume, an NFS root). commit() then:
//   1. writes manifest.json into the staging directory — the run it comes from and every file of
//      the set with its size and FNV-1a hash;
//   2. moves the previous set out of the way into ".drilltwin-old-HOST-PID": manifest.json first,
//      then every file an earlier drilltwin run wrote there (those its manifest names and the
//      names drilltwin writes), so a file the new run does not write (say an old trace.bin) does
//      not survive beside the new results;
//   3. moves the new files in with rename(2), manifest.json last, and removes the old set.
// A failure during 2 or 3 puts the previous set back. A process killed during 2 or 3 leaves a
// directory without manifest.json: not a complete set, and the next job that writes there removes
// the staging and old-set folders of processes of this host that no longer run. Other files in
// the directory are never touched. A directory a failed job created is removed again if empty.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dt {

/// The run a set of output files comes from, as manifest.json names it.
struct OutputRun {
  std::string command;   ///< "run", "compare", "sweep", "merge"
  std::string scenario;  ///< scenario name
  uint64_t seed = 0;
  uint64_t replications = 0;  ///< per scenario, variant or point
  std::string fingerprint;    ///< sweeps: the sweep's fingerprint; else ""
};

/// File names drilltwin writes into an output directory (an earlier run's files that a new run
/// replaces or removes).
[[nodiscard]] const std::vector<std::string>& output_file_names();

class StagedDirectory {
 public:
  StagedDirectory(std::filesystem::path final_dir, OutputRun run);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  /// Writes `name` (a plain file name) into the staging directory. Throws std::runtime_error.
  void write(const std::string& name, std::string_view content);
  /// Path a writer may stream a large file to (moved into place by commit()).
  [[nodiscard]] std::filesystem::path staging_path(const std::string& name);
  /// A file already in the final directory that belongs to the new set as it is (a sweep's
  /// results.sqlite): listed in the manifest (by name only: it may still change), neither moved
  /// nor removed.
  void keep(const std::string& name);
  /// Publishes the set (see above). Throws std::runtime_error, leaving the previous set in place.
  void commit();

  [[nodiscard]] const std::filesystem::path& final_dir() const noexcept { return final_; }

 private:
  void ensure_staging();
  [[nodiscard]] std::string manifest_json() const;

  std::filesystem::path final_;
  OutputRun run_;
  std::filesystem::path staging_;
  std::vector<std::string> files_;
  std::vector<std::string> kept_;
  bool created_final_ = false;  ///< this object created final_ (removed again if left empty)
  bool committed_ = false;
};

/// Removes, in `dir`, the staging and old-set folders of processes of this host that no longer
/// run (left by a killed job). Returns how many were removed.
std::size_t remove_stale_staging(const std::filesystem::path& dir);

/// Writes `content` to `path` atomically (temporary file in the same directory + rename).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace dt
