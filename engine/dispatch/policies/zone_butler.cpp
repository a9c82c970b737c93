// `zone_butler`: one generalist per building (a staff member with a `zone`) takes what he is
// qualified for in his buildings, in his own queue; what he cannot do is escalated to central
// dispatch after `zone_butler.escalation_delay`; central dispatch never sends a butler.
#include "engine/dispatch/policies/strategies.h"

#include <algorithm>
#include <vector>

namespace dt {

namespace {

class ZoneButlerPolicy final : public DispatchPolicy {
 public:
  explicit ZoneButlerPolicy(const DispatchConfig& c) : queues_(c.staff.size()) {
    for (std::size_t s = 0; s < c.staff.size(); ++s)
      for (const int32_t b : c.staff[s].zone)
        if (b >= 0) {
          if (butler_of_.size() <= static_cast<std::size_t>(b)) butler_of_.resize(static_cast<std::size_t>(b) + 1, kNoStaff);
          butler_of_[static_cast<std::size_t>(b)] = static_cast<uint32_t>(s);
        }
  }

  void on_report(DispatchDesk& desk, uint32_t slot, double now) override {
    const Incident& in = desk.incident(slot);
    const uint32_t b = butler_for(desk, in);
    if (b != kNoStaff && desk.staff(b).state != StaffState::OffDuty) {
      if (desk.staff(b).state == StaffState::Idle) {
        desk.dispatch(b, slot, now);
      } else {
        queues_[b].push_back(slot);
        desk.note_backlog(0);
      }
    } else if (b == kNoStaff && in.building >= 0 && has_butler(in.building)) {
      desk.schedule_timer(now + desk.config().zone_butler.escalation_delay_s, slot, dispatch_priority::kArrival);
      desk.note_backlog(1);
    } else {
      desk.central_dispatch(slot, now);
    }
  }
  uint32_t choose_staff(const DispatchDesk& desk, const Incident& in) const override {
    return desk.choose_idle_staff(in, StaffOrder::Nearest, true);
  }
  // The escalation delay has passed: the incident reaches central dispatch.
  void on_timer(DispatchDesk& desk, uint32_t slot, double now) override {
    desk.escalation_arrived();
    desk.central_dispatch(slot, now);
  }
  bool take_next(DispatchDesk& desk, uint32_t s, double now) override {
    const std::vector<int32_t>& zone = desk.config().staff[s].zone;
    if (zone.empty()) return desk.take_first_qualified(s, now);
    WaitList& own = queues_[s];
    if (!own.empty()) {
      const uint32_t slot = own[0];
      own.erase(0);
      desk.dispatch(s, slot, now);
      return true;
    }
    // Then work of his own buildings that waited centrally (reported while he was off duty).
    WaitList& queue = desk.queue();
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const Incident& in = desk.incident(queue[i]);
      if (!desk.qualified(s, in) || std::find(zone.begin(), zone.end(), in.building) == zone.end()) continue;
      const uint32_t slot = queue[i];
      queue.erase(i);
      desk.dispatch(s, slot, now);
      return true;
    }
    return false;
  }
  // A butler going home hands what waits for him to central dispatch.
  void on_off_duty(DispatchDesk& desk, uint32_t s, double now) override {
    WaitList& q = queues_[s];
    if (q.empty()) return;
    std::vector<uint32_t> handed;
    for (std::size_t i = 0; i < q.size(); ++i) handed.push_back(q[i]);
    q = WaitList{};
    for (const uint32_t slot : handed) desk.central_dispatch(slot, now);
  }
  std::size_t waiting() const override {
    std::size_t n = 0;
    for (const WaitList& q : queues_) n += q.size();
    return n;
  }

 private:
  [[nodiscard]] bool has_butler(int32_t b) const noexcept {
    return static_cast<std::size_t>(b) < butler_of_.size() && butler_of_[static_cast<std::size_t>(b)] != kNoStaff;
  }
  // The butler of the incident's building when he is qualified for it; kNoStaff otherwise.
  [[nodiscard]] uint32_t butler_for(const DispatchDesk& desk, const Incident& in) const noexcept {
    if (in.building < 0 || !has_butler(in.building)) return kNoStaff;
    const uint32_t b = butler_of_[static_cast<std::size_t>(in.building)];
    return desk.qualified(b, in) ? b : kNoStaff;
  }

  std::vector<WaitList> queues_;      // per staff member: a butler's own queue
  std::vector<uint32_t> butler_of_;  // per building: its butler, kNoStaff
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_zone_butler_policy(const DispatchConfig& c) {
  return std::make_unique<ZoneButlerPolicy>(c);
}

}  // namespace dt
