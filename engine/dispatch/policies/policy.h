#pragma once
// A dispatch strategy as a policy: what happens when an incident is reported, which idle staff
// member takes it, what a staff member who comes free takes next, and what the policy's own timer
// (a batch round, a dispatcher finishing an order, an escalation) does. The dispatch model
// (dispatch_model.cpp) owns incidents, staff, travel and time and calls the policy at these points;
// the policy acts through DispatchDesk. A strategy sees only what a real dispatcher could know.
//
// Adding a strategy: one file here with a DispatchPolicy subclass, one line in registry.cpp (and
// its name in kStrategyNames, dispatch_config.h, which the scenario reader offers).
//
// One policy object per replication (its state, such as a butler's own queue, is the
// replication's); a virtual call per decision, never per staff member per event.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "engine/dispatch/dispatch_config.h"
#include "engine/dispatch/dispatch_state.h"

namespace dt {

/// Order in which DispatchDesk::choose_idle_staff prefers idle qualified staff.
enum class StaffOrder : uint8_t {
  First,        ///< the first free member of the desk (staff order)
  LongestIdle,  ///< the one idle longest (next in line: positions unknown)
  Nearest,      ///< the nearest by travel time
};

/// Priorities of simultaneous events (smaller first): staff who finish take waiting work before a
/// new arrival, shifts change before anything else at that instant.
namespace dispatch_priority {
inline constexpr uint16_t kShift = 10;
inline constexpr uint16_t kStaff = 50;
inline constexpr uint16_t kArrival = 100;
inline constexpr uint16_t kBatch = 150;
}  // namespace dispatch_priority

/// What a policy may see and do: the dispatch model's side of the interface.
class DispatchDesk {
 public:
  virtual ~DispatchDesk() = default;
  [[nodiscard]] virtual const DispatchConfig& config() const = 0;
  [[nodiscard]] virtual Incident& incident(uint32_t slot) = 0;
  [[nodiscard]] virtual const Staff& staff(uint32_t s) const = 0;
  [[nodiscard]] virtual uint32_t staff_count() const = 0;
  /// Reported incidents nobody has taken yet (central dispatch).
  [[nodiscard]] virtual WaitList& queue() = 0;
  [[nodiscard]] virtual bool qualified(uint32_t s, const Incident& in) const = 0;
  [[nodiscard]] virtual double travel_s(NodeId from, NodeId to) const = 0;
  /// The idle qualified staff member preferred by `order` (skipping zone butlers when asked), or kNoStaff.
  [[nodiscard]] virtual uint32_t choose_idle_staff(const Incident& in, StaffOrder order, bool skip_butlers) const = 0;
  /// Sends idle staff member `s` to incident `slot`.
  virtual void dispatch(uint32_t s, uint32_t slot, double now) = 0;
  /// Central dispatch: the policy's choice of idle staff, else (maybe) pre-emption, else the queue.
  virtual void central_dispatch(uint32_t slot, double now) = 0;
  /// Puts incident `slot` into the central queue (in the policy's order).
  virtual void enqueue(uint32_t slot) = 0;
  /// Interrupts the nearest qualified staff member doing pre-emptible work for incident `slot`.
  virtual bool preempt_for(uint32_t slot, double now) = 0;
  /// Staff member `s` takes the first queued incident he qualifies for; whether he did.
  virtual bool take_first_qualified(uint32_t s, double now) = 0;
  /// Records the backlog now (for its maximum); `escalating` incidents are on their way to central.
  virtual void note_backlog(std::size_t escalating) = 0;
  /// One escalating incident has reached central dispatch.
  virtual void escalation_arrived() = 0;
  /// Calls the policy's on_timer(target) at time `at`, ordered among simultaneous events by `priority`.
  virtual void schedule_timer(double at, uint32_t target, uint16_t priority) = 0;
  /// Whether recurring events still go on (incidents may come or are open).
  [[nodiscard]] virtual bool active(double now) const = 0;
  /// The stream of the manual dispatcher's processing time of an incident (common random numbers).
  [[nodiscard]] virtual RandomStream processing_stream(uint64_t entity) const = 0;
};

class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  /// At t = 0, after the first arrivals are scheduled (e.g. the first batch round).
  virtual void start(DispatchDesk& desk) { (void)desk; }
  /// An incident has been reported (by a resident, a sensor or a patrol).
  virtual void on_report(DispatchDesk& desk, uint32_t slot, double now) { desk.central_dispatch(slot, now); }
  /// The idle staff member central dispatch sends to `in`, or kNoStaff.
  [[nodiscard]] virtual uint32_t choose_staff(const DispatchDesk& desk, const Incident& in) const {
    return desk.choose_idle_staff(in, StaffOrder::Nearest, false);
  }
  /// Nobody idle can take `slot`: whether the policy found someone anyway (pre-emption).
  virtual bool on_no_idle_staff(DispatchDesk& desk, uint32_t slot, double now) {
    (void)desk, (void)slot, (void)now;
    return false;
  }
  /// Staff member `s` has come free: whether he took waiting work.
  virtual bool take_next(DispatchDesk& desk, uint32_t s, double now) { return desk.take_first_qualified(s, now); }
  /// Staff member `s` goes off duty (a butler hands back his own queue).
  virtual void on_off_duty(DispatchDesk& desk, uint32_t s, double now) { (void)desk, (void)s, (void)now; }
  /// The policy's timer (DispatchDesk::schedule_timer).
  virtual void on_timer(DispatchDesk& desk, uint32_t target, double now) { (void)desk, (void)target, (void)now; }
  /// Incidents waiting in the policy's own queues (counted in the backlog).
  [[nodiscard]] virtual std::size_t waiting() const { return 0; }
  /// Whether a dispatcher accepts a report the moment it comes (else the policy sets
  /// Incident::accepted_s when someone takes it, as the manual dispatcher does).
  [[nodiscard]] virtual bool accepts_at_once() const { return true; }
  /// Whether the central queue is ordered by priority, then report time (else by report time).
  [[nodiscard]] virtual bool queue_by_priority() const { return false; }
};

/// The policy of `config.strategy`, for one replication (registry.cpp).
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_dispatch_policy(const DispatchConfig& config);

}  // namespace dt
