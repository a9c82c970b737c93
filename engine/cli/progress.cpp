#include "engine/cli/progress.h"
#include "engine/kernel/lang.h"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>

namespace dt::cli {

namespace {
DT_PHRASE(kEtaUnknown, "ETA –", "预计剩余 –");
DT_PHRASE(kEtaSeconds, "ETA {:.0f} s", "预计剩余 {:.0f} s");
DT_PHRASE(kEtaMinutes, "ETA {:.0f} min", "预计剩余 {:.0f} min");
DT_PHRASE(kEtaHours, "ETA {:.1f} h", "预计剩余 {:.1f} h");
DT_PHRASE(kProgressRounds, "  {}/{} replications so far, {} candidates in this round   ",
          "  已完成 {}/{} 次重复，本轮 {} 个候选方案   ");
DT_PHRASE(kProgressLine, "  {}/{} replications  {:3.0f} %  {}   ", "  {}/{} 次重复  {:3.0f} %  {}   ");
}  // namespace

Progress::Progress(bool enabled, uint64_t total, const std::atomic<uint64_t>& done)
    : enabled_(enabled), total_(total), done_(done), start_(std::chrono::steady_clock::now()) {
  start();
}

Progress::Progress(bool enabled, const jobs::JobProgress& live)
    : enabled_(enabled), total_(0), done_(live.done), live_(&live), start_(std::chrono::steady_clock::now()) {
  start();
}

void Progress::start() {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    // Short runs finish before the first redraw and print nothing.
    while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) draw();
  });
}

void Progress::draw() {
  const uint64_t done = done_.load(std::memory_order_relaxed);
  if (live_ != nullptr) {
    fmt::print(stderr, "\r{}",
               say(kProgressRounds, done, live_->total.load(std::memory_order_relaxed),
                   live_->contenders.load(std::memory_order_relaxed)));
    std::fflush(stderr);
    return;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double pct = total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0;
  std::string eta = say(kEtaUnknown);
  if (done > 0) {
    const double left = elapsed * static_cast<double>(total_ - done) / static_cast<double>(done);
    if (left < 120)
      eta = say(kEtaSeconds, left);
    else if (left < 7200)
      eta = say(kEtaMinutes, left / 60);
    else
      eta = say(kEtaHours, left / 3600);
  }
  fmt::print(stderr, "\r{}", say(kProgressLine, done, total_, pct, eta));
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
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
}

namespace {
std::atomic<bool> g_stop_requested{false};
extern "C" void dt_stop_on_signal(int) {
  g_stop_requested.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once (committed work stays)
  std::signal(SIGTERM, SIG_DFL);
}
}  // namespace

StopOnSignal::StopOnSignal() {
  g_stop_requested.store(false);
  std::signal(SIGINT, dt_stop_on_signal);
  std::signal(SIGTERM, dt_stop_on_signal);
}

StopOnSignal::~StopOnSignal() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>* StopOnSignal::flag() const noexcept { return &g_stop_requested; }

}  // namespace dt::cli
