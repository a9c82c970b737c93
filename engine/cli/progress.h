#pragma once
// A progress line with ETA on a terminal ("  37/200 replications  18 %  ETA 4 s"), redrawn
// five times a second by a thread of its own; silent when disabled (output not a terminal).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace dt::cli {

class Progress {
 public:
  Progress(bool enabled, uint64_t total, const std::atomic<uint64_t>& done);
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Stops drawing and clears the line. Idempotent.
  void finish();

 private:
  void draw();

  bool enabled_;
  uint64_t total_;
  const std::atomic<uint64_t>& done_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace dt::cli
