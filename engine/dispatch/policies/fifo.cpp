// `fifo`: the service desk — the first free member of the desk takes the oldest incident.
#include "engine/dispatch/policies/strategies.h"

namespace dt {

namespace {

class FifoPolicy final : public DispatchPolicy {
 public:
  uint32_t choose_staff(const DispatchDesk& desk, const Incident& in) const override {
    return desk.choose_idle_staff(in, StaffOrder::First, false);
  }
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_fifo_policy(const DispatchConfig&) { return std::make_unique<FifoPolicy>(); }

}  // namespace dt
