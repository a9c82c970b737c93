// `manual`: a central dispatcher (or several) writes each order, which takes a processing time;
// he does not know where staff are, so the one idle longest goes.
#include "engine/dispatch/policies/strategies.h"

#include <algorithm>
#include <cmath>

#include "engine/kernel/ring_queue.h"

namespace dt {

namespace {

class ManualPolicy final : public DispatchPolicy {
 public:
  explicit ManualPolicy(const DispatchConfig& c) : free_dispatchers_(c.manual.dispatchers) {}

  void on_report(DispatchDesk& desk, uint32_t slot, double now) override {
    desk.incident(slot).state = IncidentState::Processing;
    if (free_dispatchers_ > 0) {
      --free_dispatchers_;
      start_processing(desk, slot, now);
    } else {
      waiting_.push(slot);
    }
  }
  uint32_t choose_staff(const DispatchDesk& desk, const Incident& in) const override {
    return desk.choose_idle_staff(in, StaffOrder::LongestIdle, false);
  }
  // A dispatcher has written the order for `slot`: he starts the next one; the order goes out.
  void on_timer(DispatchDesk& desk, uint32_t slot, double now) override {
    if (!waiting_.empty()) start_processing(desk, waiting_.pop(), now);
    else ++free_dispatchers_;
    desk.incident(slot).state = IncidentState::Queued;
    desk.central_dispatch(slot, now);
  }
  std::size_t waiting() const override { return waiting_.size(); }
  bool accepts_at_once() const override { return false; }

 private:
  // A dispatcher takes the report (accepts it) and writes the order.
  void start_processing(DispatchDesk& desk, uint32_t slot, double now) {
    if (std::isnan(desk.incident(slot).accepted_s)) desk.incident(slot).accepted_s = now;
    RandomStream rng = desk.processing_stream(desk.incident(slot).entity);
    desk.schedule_timer(now + std::max(0.0, desk.config().manual.processing.sample(rng)), slot,
                        dispatch_priority::kArrival);
  }

  RingQueue<uint32_t> waiting_{16};
  uint32_t free_dispatchers_ = 1;
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_manual_policy(const DispatchConfig& c) { return std::make_unique<ManualPolicy>(c); }

}  // namespace dt
