#pragma once
// Writes a run's output files so that nobody ever sees half of them.
//
// Files are first written into a hidden staging directory beside the final one
// (".NAME.partial-PID"). commit() creates the final directory and moves each file into it with
// rename(2), which replaces any older file of the same name atomically. If the run fails or is
// interrupted before commit(), the destructor removes the staging directory and the final
// directory is left exactly as it was (or absent).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dt {

class StagedDirectory {
 public:
  explicit StagedDirectory(std::filesystem::path final_dir);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  /// Writes `name` (a plain file name) into the staging directory. Throws std::runtime_error.
  void write(const std::string& name, std::string_view content);
  /// Path a writer may stream a large file to (moved into place by commit()).
  [[nodiscard]] std::filesystem::path staging_path(const std::string& name);
  /// Moves every written file into the final directory. Throws std::runtime_error.
  void commit();

  [[nodiscard]] const std::filesystem::path& final_dir() const noexcept { return final_; }

 private:
  void ensure_staging();

  std::filesystem::path final_;
  std::filesystem::path staging_;
  std::vector<std::string> files_;
  bool committed_ = false;
};

/// Writes `content` to `path` atomically (temporary file in the same directory + rename).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace dt
