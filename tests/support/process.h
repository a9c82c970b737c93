#pragma once
// Runs the real `drilltwin` executable from tests and captures what it says.

#include <string>
#include <vector>

namespace dt::test {

struct ProcessResult {
  int exit_status = -1;    ///< exit code, or 128 + signal number
  std::string out;         ///< stdout
  std::string err;         ///< stderr
  bool timed_out = false;  ///< killed (SIGKILL) after ProcessOptions::timeout_s
};

struct ProcessOptions {
  std::string working_dir = DRILLTWIN_SOURCE_DIR;
  /// Where stdout goes instead of being captured (e.g. "/dev/full"); empty = captured in `out`.
  std::string stdout_path;
  /// When > 0: the process is killed after this many seconds (a test of a hang must not hang).
  double timeout_s = 0;
};

/// Runs `program args...` with stdin from /dev/null, in `working_dir` (the source tree by default).
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& working_dir = DRILLTWIN_SOURCE_DIR);

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const ProcessOptions& options);

/// Runs build/bin/drilltwin.
inline ProcessResult run_drilltwin(const std::vector<std::string>& args) { return run_process(DRILLTWIN_BINARY, args); }

/// A fresh empty directory under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Whole file as a string ("" if it cannot be read).
std::string read_file(const std::string& path);

}  // namespace dt::test
