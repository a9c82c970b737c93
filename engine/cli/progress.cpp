#include "engine/cli/progress.h"

#include <cstdio>

namespace dt::cli {

Progress::Progress(bool enabled, uint64_t total, const std::atomic<uint64_t>& done)
    : enabled_(enabled), total_(total), done_(done), start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    // Short runs finish before the first redraw and print nothing.
    while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) draw();
  });
}

void Progress::draw() {
  const uint64_t done = done_.load(std::memory_order_relaxed);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double pct = total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0;
  char eta[32] = "ETA –";
  if (done > 0) {
    const double left = elapsed * static_cast<double>(total_ - done) / static_cast<double>(done);
    if (left < 120)
      std::snprintf(eta, sizeof eta, "ETA %.0f s", left);
    else if (left < 7200)
      std::snprintf(eta, sizeof eta, "ETA %.0f min", left / 60);
    else
      std::snprintf(eta, sizeof eta, "ETA %.1f h", left / 3600);
  }
  std::fprintf(stderr, "\r  %llu/%llu replications  %3.0f %%  %s   ", static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_), pct, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

}  // namespace dt::cli
