#include "engine/dispatch/service_desk.h"

#include <algorithm>
#include <vector>

#include "engine/kernel/event_queue.h"
#include "engine/kernel/random.h"
#include "engine/kernel/ring_queue.h"

namespace dt {

namespace {

enum EventKind : uint32_t { kArrival = 0, kCompletion = 1 };
// A staff member who finishes at the very moment an incident arrives takes it at once.
constexpr uint16_t kCompletionPriority = 50;
constexpr uint16_t kArrivalPriority = 100;

struct Waiting {
  double arrival_s;
  uint64_t incident;
};

struct StaffState {
  double incident_arrival_s = 0.0;
};

class ServiceDesk {
 public:
  ServiceDesk(const ServiceDeskConfig& config, uint64_t seed, uint64_t replication)
      : config_(config),
        service_streams_(seed, replication, purpose_id(desk_streams::kServiceTime)),
        arrival_rng_(seed, replication, purpose_id(desk_streams::kArrivals), 0),
        homogeneous_(config.arrivals.homogeneous()),
        rate_per_s_(config.arrivals.rate_per_h[0] / 3600.0),
        staff_(config.staff_count) {
    idle_.reserve(config.staff_count);
    for (uint32_t s = config.staff_count; s-- > 0;) idle_.push_back(s);  // lowest index on top
  }

  ServiceDeskResult run() {
    schedule_next_arrival(0.0);
    sched_.run(*this, std::numeric_limits<double>::infinity());
    return finish();
  }

  void handle(const Event& ev, Scheduler& s) {
    if (ev.kind == kArrival)
      on_arrival(s);
    else
      on_completion(ev.target, s);
  }

 private:
  void schedule_next_arrival(double now_s) {
    if (config_.max_incidents != 0 && arrived_ >= config_.max_incidents) return close(now_s);
    const double e = arrival_rng_.exponential(1.0);
    const double t = homogeneous_ ? (rate_per_s_ > 0.0 ? now_s + e / rate_per_s_ : kInf)
                                  : next_arrival_time(config_.arrivals, now_s, e);
    if (t >= config_.duration_s) return close(config_.duration_s < kInf ? config_.duration_s : now_s);
    sched_.at(t, kArrival, 0, kArrivalPriority);
  }

  // Arrivals stop: remember the backlog and the end of the observation window.
  void close(double close_s) {
    closed_ = true;
    close_s_ = close_s;
    backlog_at_close_ = static_cast<double>(queue_.size());
  }

  void on_arrival(Scheduler& s) {
    const double now = s.now();
    const uint64_t incident = arrived_++;
    if (!idle_.empty()) {
      const uint32_t staff = idle_.back();
      idle_.pop_back();
      account_busy(now, +1);
      start(staff, now, incident, s);
    } else {
      queue_.push({now, incident});
    }
    schedule_next_arrival(now);
  }

  void on_completion(uint32_t staff, Scheduler& s) {
    const double now = s.now();
    const double arrival = staff_[staff].incident_arrival_s;
    if (arrival >= config_.warmup_s) resolution_sum_s_ += now - arrival;
    if (!queue_.empty()) {
      const Waiting w = queue_.pop();
      start(staff, w.arrival_s, w.incident, s);
    } else {
      account_busy(now, -1);
      idle_.push_back(staff);
    }
  }

  // Staff member `staff` takes incident `incident` (arrived at arrival_s) now.
  void start(uint32_t staff, double arrival_s, uint64_t incident, Scheduler& s) {
    const double now = s.now();
    if (arrival_s >= config_.warmup_s) {
      const double response = now - arrival_s;
      ++counted_;
      response_sum_s_ += response;
      waited_ += response > 0.0 ? 1 : 0;
      within15_ += response <= 900.0 ? 1 : 0;
      within30_ += response <= 1800.0 ? 1 : 0;
    }
    staff_[staff].incident_arrival_s = arrival_s;
    // The service time belongs to the incident, not to whoever serves it: common random numbers.
    RandomStream rng = service_streams_.stream(incident);
    s.after(config_.service_time.sample(rng), kCompletion, staff, kCompletionPriority);
  }

  // Integrates the number of busy staff over the observation window [warmup, close].
  void account_busy(double now, int delta) {
    const double from = std::max(last_change_s_, config_.warmup_s);
    const double window_end = closed_ ? close_s_ : kInf;
    const double to = std::min(now, window_end);
    if (to > from) busy_area_ += busy_ * (to - from);
    last_change_s_ = now;
    busy_ += delta;
  }

  ServiceDeskResult finish() {
    account_busy(sched_.now(), 0);
    ServiceDeskResult r;
    r.incidents = counted_;
    const double n = static_cast<double>(counted_);
    if (counted_ > 0) {
      r.mean_response_s = response_sum_s_ / n;
      r.waited_fraction = static_cast<double>(waited_) / n;
      r.within_15min_fraction = static_cast<double>(within15_) / n;
      r.within_30min_fraction = static_cast<double>(within30_) / n;
      r.mean_resolution_s = resolution_sum_s_ / n;
    } else {
      r.mean_response_s = r.waited_fraction = r.within_15min_fraction = r.within_30min_fraction =
          r.mean_resolution_s = std::numeric_limits<double>::quiet_NaN();
    }
    const double window_end = closed_ && close_s_ < kInf ? close_s_ : sched_.now();
    const double window = window_end - config_.warmup_s;
    r.staff_utilization = window > 0.0 ? busy_area_ / (window * config_.staff_count)
                                       : std::numeric_limits<double>::quiet_NaN();
    r.backlog_at_close = backlog_at_close_;
    r.events = sched_.events_handled();
    return r;
  }

  static constexpr double kInf = std::numeric_limits<double>::infinity();

  const ServiceDeskConfig& config_;
  const StreamFamily service_streams_;
  RandomStream arrival_rng_;
  const bool homogeneous_;
  const double rate_per_s_;
  Scheduler sched_;
  std::vector<StaffState> staff_;
  std::vector<uint32_t> idle_;
  RingQueue<Waiting> queue_{1024};

  uint64_t arrived_ = 0;
  bool closed_ = false;
  double close_s_ = kInf;
  double backlog_at_close_ = 0.0;

  uint64_t counted_ = 0, waited_ = 0, within15_ = 0, within30_ = 0;
  double response_sum_s_ = 0.0, resolution_sum_s_ = 0.0;
  double busy_ = 0.0, busy_area_ = 0.0, last_change_s_ = 0.0;
};

}  // namespace

ServiceDeskResult run_service_desk(const ServiceDeskConfig& config, uint64_t seed, uint64_t replication) {
  ServiceDesk desk(config, seed, replication);
  return desk.run();
}

}  // namespace dt
