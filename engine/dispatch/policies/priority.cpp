// `priority`: waiting work is ordered by priority, then report time; an emergency (priority at most
// `priority.preempting`) with nobody free interrupts the nearest qualified member doing
// pre-emptible work on site.
#include "engine/dispatch/policies/strategies.h"

namespace dt {

namespace {

class PriorityPolicy final : public DispatchPolicy {
 public:
  bool on_no_idle_staff(DispatchDesk& desk, uint32_t slot, double now) override {
    return desk.incident(slot).priority <= desk.config().priority.preempting && desk.preempt_for(slot, now);
  }
  bool queue_by_priority() const override { return true; }
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_priority_policy(const DispatchConfig&) {
  return std::make_unique<PriorityPolicy>();
}

}  // namespace dt
