#pragma once
// A progress line with ETA on a terminal ("  37/200 replications  18 %  ETA 4 s"), redrawn
// five times a second by a thread of its own; silent when disabled (output not a terminal).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/jobs/job.h"

namespace dt::cli {

class Progress {
 public:
  Progress(bool enabled, uint64_t total, const std::atomic<uint64_t>& done);
  /// A job whose total grows as it goes (optimize: round by round): "  1520/1900 replications so
  /// far, 12 candidates in this round", without an ETA.
  Progress(bool enabled, const jobs::JobProgress& live);
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Stops drawing and clears the line. Idempotent.
  void finish();

 private:
  void start();
  void draw();

  bool enabled_;
  uint64_t total_;
  const std::atomic<uint64_t>& done_;
  const jobs::JobProgress* live_ = nullptr;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

/// While alive, SIGINT and SIGTERM raise flag() (the job's cancel flag: it stops soon and keeps
/// what it can) instead of ending the process; a second signal ends it at once. Restores the
/// default handlers when destroyed. One at a time per process.
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  [[nodiscard]] const std::atomic<bool>* flag() const noexcept;
};

}  // namespace dt::cli
