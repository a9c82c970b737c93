// `optimal`: reported incidents wait for the next assignment round; every `optimal.interval` all
// waiting incidents are matched to all idle staff at once (Hungarian method, hungarian.h), cost =
// travel time minus the value of serving the incident now (its priority's value plus the time it
// has waited).
#include "engine/dispatch/policies/strategies.h"

#include <vector>

#include "engine/dispatch/hungarian.h"

namespace dt {

namespace {

class OptimalPolicy final : public DispatchPolicy {
 public:
  void start(DispatchDesk& desk) override { desk.schedule_timer(0.0, 0, dispatch_priority::kBatch); }
  void on_report(DispatchDesk& desk, uint32_t slot, double) override { desk.enqueue(slot); }
  bool take_next(DispatchDesk&, uint32_t, double) override { return false; }  // the next round decides
  void on_timer(DispatchDesk& desk, uint32_t, double now) override {
    if (!desk.queue().empty()) assign_batch(desk, now);
    if (desk.active(now)) desk.schedule_timer(now + desk.config().optimal.interval_s, 0, dispatch_priority::kBatch);
  }

 private:
  void assign_batch(DispatchDesk& desk, double now) {
    batch_staff_.clear();
    for (uint32_t s = 0; s < desk.staff_count(); ++s)
      if (desk.staff(s).state == StaffState::Idle) batch_staff_.push_back(s);
    if (batch_staff_.empty()) return;
    WaitList& queue = desk.queue();
    const OptimalParams& p = desk.config().optimal;
    const std::size_t rows = queue.size(), cols = batch_staff_.size();
    constexpr double kForbidden = 1e9;  // not qualified: never chosen while anything else is possible
    batch_cost_.assign(rows * cols, kForbidden);
    for (std::size_t i = 0; i < rows; ++i) {
      const Incident& in = desk.incident(queue[i]);
      const double value = p.priority_value_s[in.priority - 1u] + (now - in.report_s);
      for (std::size_t j = 0; j < cols; ++j)
        if (desk.qualified(batch_staff_[j], in))
          batch_cost_[i * cols + j] = desk.travel_s(desk.staff(batch_staff_[j]).at, in.node) - value;
    }
    const std::vector<int32_t> a = solver_.solve(batch_cost_, rows, cols);
    // Dispatch, then remove the assigned incidents from the queue (back to front keeps indices valid).
    taken_.clear();
    for (std::size_t i = 0; i < rows; ++i) {
      if (a[i] < 0) continue;
      const auto j = static_cast<std::size_t>(a[i]);
      if (batch_cost_[i * cols + j] >= kForbidden / 2) continue;
      desk.dispatch(batch_staff_[j], queue[i], now);
      taken_.push_back(static_cast<uint32_t>(i));
    }
    for (auto it = taken_.rbegin(); it != taken_.rend(); ++it) queue.erase(*it);
  }

  AssignmentSolver solver_;
  std::vector<uint32_t> batch_staff_, taken_;
  std::vector<double> batch_cost_;
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_optimal_policy(const DispatchConfig&) { return std::make_unique<OptimalPolicy>(); }

}  // namespace dt
