#include "engine/dispatch/dispatch_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/dispatch/dispatch_state.h"
#include "engine/dispatch/policies/policy.h"
#include "engine/dispatch/work_calendar.h"
#include "engine/kernel/event_queue.h"
#include "engine/kernel/kpi_sink.h"
#include "engine/kernel/random.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDay_s = 86400.0;
constexpr uint32_t kNone = kNoStaff;
// Recurring events (shifts, patrols, batches, deliveries) stop this long after the last arrival
// even if work is left (a scenario whose staff never come back); a stated limit.
constexpr double kDrainLimit_s = 7 * kDay_s;

enum EventKind : uint32_t {
  kArrival,     // target: type — a fault occurs
  kReport,      // target: incident slot — the fault reaches the dispatcher
  kOnSite,      // target: staff|gen — staff arrive at the incident
  kDone,        // target: staff|gen — work finished
  kPolicyTimer, // target: the policy's (an order written, an escalation arriving, a batch round)
  kShiftStart,  // target: staff
  kShiftEnd,    // target: staff
  kPatrolRound, // target: staff
  kPatrolStep,  // target: staff|gen
  kRestock,     // target: store
  kRevisit,     // target: incident slot — an unfixed fault is called in again
  kFailure,     // target: facility unit — it fails
  kEmergency,   // target: 0 — the staff of EmergencyCall are called away
  kBack,        // target: staff|gen — a member called away is free again
};
// Order among simultaneous events: staff who finish take waiting work before a new arrival
// (the service desk's rule), shifts change before anything else happens at that instant.
constexpr uint16_t kShiftPriority = dispatch_priority::kShift;
constexpr uint16_t kStaffPriority = dispatch_priority::kStaff;
constexpr uint16_t kArrivalPriority = dispatch_priority::kArrival;

double clock_offset_to(double clock_start_s, double now_s, double target_clock_s) {
  // Time from now until the clock next shows target_clock_s (0 if it shows it now).
  const double clock = std::fmod(clock_start_s + now_s, kDay_s);
  double d = target_clock_s - clock;
  if (d < 0) d += kDay_s;
  return d;
}

class DispatchModel final : public DispatchDesk {
 public:
  DispatchModel(const DispatchConfig& c, uint64_t seed, uint64_t replication, bool record_samples,
                const EmergencyCall* emergency)
      : c_(c),
        emergency_(emergency),
        arrival_family_(seed, replication, purpose_id(dispatch_streams::kArrivals)),
        service_family_(seed, replication, purpose_id(dispatch_streams::kServiceTime)),
        incident_family_(seed, replication, purpose_id(dispatch_streams::kIncident)),
        processing_family_(seed, replication, purpose_id(dispatch_streams::kProcessing)),
        revisit_family_(seed, replication, purpose_id(dispatch_streams::kRevisit)),
        failure_family_(seed, replication, purpose_id(dispatch_streams::kFailures)),
        record_samples_(record_samples),
        staff_(c.staff.size()),
        occurrences_(c.types.size(), 0),
        type_rngs_(),
        store_stock_(c.stores.size()),
        policy_(make_dispatch_policy(c)),
        queue_by_priority_(policy_->queue_by_priority()) {
    roles_ = dispatch_roles(c);
    role_busy_.assign(roles_.size(), 0.0);
    role_duty_.assign(roles_.size(), 0.0);
    role_busy_area_.assign(roles_.size(), 0.0);
    role_duty_area_.assign(roles_.size(), 0.0);
    result_.by_type.resize(c.types.size());
    result_.by_priority.resize(4);
    {
      DemandHeatmap& d = result_.demand;
      const std::size_t types = c.types.size() * DemandHeatmap::kHours;
      const std::size_t places = c.travel ? (c.travel->network().buildings.size() + 1) * DemandHeatmap::kHours : 0;
      for (auto* m : {&d.incidents_by_type, &d.miss_sla_by_type, &d.miss_15min_by_type, &d.miss_30min_by_type}) m->assign(types, 0);
      for (auto* m : {&d.incidents_by_place, &d.miss_sla_by_place, &d.miss_15min_by_place, &d.miss_30min_by_place})
        m->assign(places, 0);
    }
    result_.complaints.resize(c.types.size());
    result_.facility_down_s.assign(c.facilities.size(), 0.0);
    result_.facility_failures.assign(c.facilities.size(), 0);
    for (uint32_t f = 0; f < c.facilities.size(); ++f)
      for (uint32_t u = 0; u < c.facilities[f].count; ++u) {
        unit_class_.push_back(f);
        unit_rng_.push_back(failure_family_.stream((uint64_t{f} << 32) | u));
      }
    unit_down_since_.assign(unit_class_.size(), kNaN);
    units_alive_ = unit_class_.size();
    result_.stockouts.assign(c.stores.size(), 0);
    result_.min_stock.resize(c.stores.size());
    for (std::size_t s = 0; s < c.stores.size(); ++s) result_.min_stock[s] = store_stock_[s] = c.stores[s].stock;
    instant_report_.resize(c.types.size());
    for (std::size_t t = 0; t < c.types.size(); ++t) {
      const IncidentType& ty = c.types[t];
      instant_report_[t] = ty.source != IncidentSource::Patrol && ty.report_delay.kind() == Distribution::Kind::Fixed &&
                           ty.report_delay.mean() == 0.0;
      type_rngs_.push_back(arrival_family_.stream(t));
      constant_rate_per_s_.push_back(ty.arrivals.homogeneous() ? ty.arrivals.rate_per_h[0] / 3600.0 : kNaN);
    }
    if (c.travel) latent_by_building_.resize(c.travel->network().buildings.size());
    for (std::size_t s = 0; s < c.staff.size(); ++s) {
      const StaffMember& m = c.staff[s];
      staff_[s].role = static_cast<uint32_t>(std::find(roles_.begin(), roles_.end(), m.role) - roles_.begin());
      staff_[s].at = m.post;
    }
  }

  DispatchResult run() {
    start_staff();
    for (uint32_t t = 0; t < c_.types.size(); ++t) schedule_next_arrival(t, 0.0);
    for (uint32_t u = 0; u < unit_class_.size(); ++u) schedule_failure(u, 0.0);
    policy_->start(*this);
    if (emergency_ && std::isfinite(emergency_->at_s)) sched_.at(emergency_->at_s, kEmergency, 0, kShiftPriority);
    for (uint32_t s = 0; s < c_.stores.size(); ++s)
      sched_.at(clock_offset_to(c_.clock_start_s, 0.0, c_.stores[s].replenish_at_s), kRestock, s, kShiftPriority);
    sched_.run(*this, kInf);
    return finish();
  }

  void handle(const Event& ev, Scheduler& s) {
    const double now = s.now();
    switch (ev.kind) {
      case kArrival: on_fault(ev.target, now); break;
      case kReport: on_report(ev.target, now, false); break;
      case kOnSite: if (current(ev)) on_site(ev.target & 0xFFFFu, now); break;
      case kDone: if (current(ev)) on_done(ev.target & 0xFFFFu, now); break;
      case kPolicyTimer: policy_->on_timer(*this, ev.target, now); break;
      case kShiftStart: on_shift_start(ev.target, now); break;
      case kShiftEnd: on_shift_end(ev.target, now); break;
      case kPatrolRound: on_patrol_round(ev.target, now); break;
      case kPatrolStep: if (current(ev)) on_patrol_step(ev.target & 0xFFFFu, now); break;
      case kRestock: on_restock(ev.target, now); break;
      case kRevisit: on_revisit(ev.target, now); break;
      case kFailure: on_failure(ev.target, now); break;
      case kEmergency: on_emergency(now); break;
      case kBack: if (current(ev)) on_back(ev.target & 0xFFFFu, now); break;
      default: DT_ASSERT(false, "unknown event kind");
    }
  }

 private:
  // ---- recurring events ---------------------------------------------------------------------
  [[nodiscard]] double drain_limit_s() const noexcept {
    return (std::isfinite(c_.duration_s) ? c_.duration_s : close_s_) + kDrainLimit_s;
  }
  [[nodiscard]] bool current(const Event& ev) const noexcept {
    return staff_[ev.target & 0xFFFFu].gen == static_cast<uint16_t>(ev.target >> 16);
  }
  [[nodiscard]] uint32_t tagged(uint32_t s) const noexcept { return s | (uint32_t{staff_[s].gen} << 16); }

  // ---- arrivals ---------------------------------------------------------------------------
  void schedule_next_arrival(uint32_t type, double now) {
    if (closed_) return;
    if (c_.max_incidents != 0 && arrived_ >= c_.max_incidents) return close(now);
    const double e = type_rngs_[type].exponential(1.0);
    const double rate = constant_rate_per_s_[type];
    const double t = !std::isnan(rate) ? (rate > 0.0 ? now + e / rate : kInf)
                                       : next_arrival_time(c_.types[type].arrivals, now, e);
    if (t >= c_.duration_s) {
      if (++types_done_ == c_.types.size() && units_alive_ == 0) close(std::isfinite(c_.duration_s) ? c_.duration_s : now);
      return;
    }
    sched_.at(t, kArrival, type, kArrivalPriority);
  }

  void close(double close_s) {
    if (closed_) return;
    closed_ = true;
    close_s_ = close_s;  // may lie ahead of the clock (the end of the window): account() clamps to it
    result_.backlog_at_close = static_cast<double>(backlog());
  }

  uint32_t new_slot() {
    if (!free_slots_.empty()) {
      const uint32_t s = free_slots_.back();
      free_slots_.pop_back();
      incidents_[s] = Incident{};
      return s;
    }
    incidents_.emplace_back();
    return static_cast<uint32_t>(incidents_.size() - 1);
  }

  void on_fault(uint32_t type, double now) {
    open_incident(type, now, kNone);
    schedule_next_arrival(type, now);
  }

  // A fault of `type` occurs now (of facility unit `facility`, or kNone) and is reported at once or later.
  void open_incident(uint32_t type, double now, uint32_t facility) {
    const IncidentType& ty = c_.types[type];
    const uint32_t slot = new_slot();
    Incident& in = incidents_[slot];
    in.type = type;
    in.facility = facility;
    in.priority = ty.priority;
    in.fault_s = now;
    in.entity = (uint64_t{type} << 40) | occurrences_[type]++;
    ++arrived_;
    ++open_;
    if (c_.travel) {
      in.rng = incident_family_.stream(in.entity);
      in.node = pick_place(ty.where, in.rng);
      in.building = c_.travel->building(in.node);
    }
    if (instant_report_[type]) {
      on_report(slot, now, false);
    } else {
      if (!c_.travel) in.rng = incident_family_.stream(in.entity);
      const double delay = std::max(0.0, ty.report_delay.sample(in.rng));
      if (ty.source == IncidentSource::Patrol && in.building >= 0)
        latent_by_building_[static_cast<std::size_t>(in.building)].push_back(slot);
      sched_.at(now + delay, kReport, slot, kArrivalPriority);
    }
  }

  // ---- key facilities: up for a time between failures, down from the failure until repaired ----
  void schedule_failure(uint32_t u, double now) {
    const double t = now + std::max(0.0, c_.facilities[unit_class_[u]].time_between_failures.sample(unit_rng_[u]));
    if (closed_ || t >= c_.duration_s) {  // this unit's process ends
      if (--units_alive_ == 0 && types_done_ == c_.types.size())
        close(std::isfinite(c_.duration_s) ? c_.duration_s : now);
      return;
    }
    sched_.at(t, kFailure, u, kArrivalPriority);
  }

  void on_failure(uint32_t u, double now) {
    unit_down_since_[u] = now;
    if (now >= c_.warmup_s) ++result_.facility_failures[unit_class_[u]];
    open_incident(c_.facilities[unit_class_[u]].type, now, u);
  }

  void facility_repaired(uint32_t u, double now) {
    note_down_time(u, now);
    unit_down_since_[u] = kNaN;
    schedule_failure(u, now);
  }

  // Down-time of unit u from its failure until `until`, within the window [warm-up, close].
  void note_down_time(uint32_t u, double until) {
    const double from = std::max(unit_down_since_[u], c_.warmup_s), to = std::min(until, window_end_s());
    if (to > from) result_.facility_down_s[unit_class_[u]] += to - from;
  }

  NodeId pick_place(const LocationWeights& w, RandomStream& rng) const {
    const TravelModel& tm = *c_.travel;
    const std::vector<NodeId>* lists[4] = {&tm.units(), &tm.common(), &tm.elevator_stops(), &tm.outdoor()};
    double weights[4] = {w.units, w.common, w.elevators, w.outdoor};
    double total = 0;
    for (int k = 0; k < 4; ++k) {
      if (lists[k]->empty()) weights[k] = 0;
      total += weights[k];
    }
    DT_ASSERT(total > 0, "an incident type with no place to happen (checked by the reader)");
    double u = rng.uniform01() * total;
    int k = 0;
    for (; k < 3; ++k) {
      if (u < weights[k]) break;
      u -= weights[k];
    }
    while (weights[k] == 0) --k;  // rounding at the top end
    const std::vector<NodeId>& l = *lists[k];
    return l[rng.uniform_index(l.size())];
  }

  // ---- reports and the strategies ----------------------------------------------------------
  void on_report(uint32_t slot, double now, bool by_patrol) {
    Incident& in = incidents_[slot];
    if (in.state != IncidentState::Latent) return;  // a patrol found it before the resident called
    in.report_s = now;
    in.by_patrol = by_patrol;
    in.counted = now >= c_.warmup_s;
    in.state = IncidentState::Queued;
    if (policy_->accepts_at_once()) in.accepted_s = now;
    if (in.counted) {  // every counted incident misses its targets until it is reached in time
      DemandHeatmap& d = result_.demand;
      const std::size_t ti = demand_type_cell(in), pi = demand_place_cell(in);
      for (auto* m : {&d.incidents_by_type, &d.miss_sla_by_type, &d.miss_15min_by_type, &d.miss_30min_by_type}) ++(*m)[ti];
      if (c_.travel)
        for (auto* m : {&d.incidents_by_place, &d.miss_sla_by_place, &d.miss_15min_by_place, &d.miss_30min_by_place})
          ++(*m)[pi];
      if (record_samples_) {  // the trace's record of it (DispatchIncidentRecord)
        if (log_of_slot_.size() < incidents_.size()) log_of_slot_.resize(incidents_.size(), kNone);
        log_of_slot_[slot] = static_cast<uint32_t>(result_.incident_log.size());
        result_.incident_log.push_back({now, kNaN, c_.types[in.type].sla_response_s, in.building, in.type, in.node.value});
      }
    }
    policy_->on_report(*this, slot, now);
  }

  // ---- DispatchDesk: what the policy sees and does ----------------------------------------------
  [[nodiscard]] const DispatchConfig& config() const override { return c_; }
  [[nodiscard]] Incident& incident(uint32_t slot) override { return incidents_[slot]; }
  [[nodiscard]] const Staff& staff(uint32_t s) const override { return staff_[s]; }
  [[nodiscard]] uint32_t staff_count() const override { return static_cast<uint32_t>(staff_.size()); }
  [[nodiscard]] WaitList& queue() override { return queue_; }
  void escalation_arrived() override { --escalating_; }
  void schedule_timer(double at, uint32_t target, uint16_t priority) override {
    sched_.at(at, kPolicyTimer, target, priority);
  }
  // Shifts, patrols, batches and deliveries go on while incidents may still come or are open.
  [[nodiscard]] bool active(double now) const override { return (!closed_ || open_ > 0) && now < drain_limit_s(); }
  [[nodiscard]] RandomStream processing_stream(uint64_t entity) const override {
    return processing_family_.stream(entity);
  }

  [[nodiscard]] bool qualified(uint32_t s, const Incident& in) const noexcept override {
    const SkillMask need = c_.types[in.type].skills;
    return (c_.staff[s].skills & need) == need;
  }
  [[nodiscard]] double travel_s(NodeId from, NodeId to) const noexcept override {
    return c_.travel ? c_.travel->time_s(from, to) : 0.0;
  }
  [[nodiscard]] uint32_t choose_idle_staff(const Incident& in, StaffOrder order, bool skip_butlers) const override {
    uint32_t best = kNone;
    double best_key = kInf;
    for (uint32_t s = 0; s < staff_.size(); ++s) {
      const Staff& st = staff_[s];
      if (st.state != StaffState::Idle || !qualified(s, in) || (skip_butlers && !c_.staff[s].zone.empty())) continue;
      double key = 0.0;
      switch (order) {
        case StaffOrder::First: return s;
        case StaffOrder::LongestIdle: key = st.idle_since_s; break;
        case StaffOrder::Nearest: key = travel_s(st.at, in.node); break;
      }
      if (key < best_key) {
        best_key = key;
        best = s;
      }
    }
    return best;
  }

  void central_dispatch(uint32_t slot, double now) override {
    const uint32_t s = policy_->choose_staff(*this, incidents_[slot]);
    if (s != kNone) return dispatch(s, slot, now);
    if (policy_->on_no_idle_staff(*this, slot, now)) return;
    enqueue(slot);
  }

  void enqueue(uint32_t slot) override {
    incidents_[slot].state = IncidentState::Queued;
    if (queue_by_priority_) {
      queue_.insert_sorted(slot, [this](uint32_t a, uint32_t b) {
        const Incident &x = incidents_[a], &y = incidents_[b];
        return x.priority != y.priority ? x.priority < y.priority : x.report_s < y.report_s;
      });
    } else {
      queue_.push_back(slot);
    }
    note_backlog(0);
  }

  // An emergency with nobody free: interrupt the nearest qualified member doing low-priority work
  // on site; that work goes back to the queue with the time it still needs.
  bool preempt_for(uint32_t slot, double now) override {
    const Incident& in = incidents_[slot];
    uint32_t best = kNone;
    double best_t = kInf;
    for (uint32_t s = 0; s < staff_.size(); ++s) {
      const Staff& st = staff_[s];
      if (st.state != StaffState::OnSite || st.leaving || !qualified(s, in)) continue;
      if (incidents_[st.incident].priority < c_.priority.preemptible) continue;
      const double t = travel_s(st.at, in.node);
      if (t < best_t) {
        best_t = t;
        best = s;
      }
    }
    if (best == kNone) return false;
    Staff& st = staff_[best];
    const uint32_t old = st.incident;
    incidents_[old].remaining_s = st.done_at_s - now;
    incidents_[old].staff = kNone;
    ++result_.preemptions;
    account(now);
    set_busy(best, false);
    st.state = StaffState::Idle;
    ++st.gen;  // cancels the pending completion
    enqueue(old);
    dispatch(best, slot, now);
    return true;
  }

  void dispatch(uint32_t s, uint32_t slot, double now) override {
    Staff& st = staff_[s];
    Incident& in = incidents_[slot];
    DT_ASSERT(st.state == StaffState::Idle, "dispatching a busy staff member");
    if (std::isnan(in.dispatched_s)) {
      in.dispatched_s = now;
      if (in.counted) record_dispatch(in);
    }
    in.state = IncidentState::Assigned;
    in.staff = s;
    account(now);
    set_busy(s, true);
    st.state = StaffState::Travelling;
    st.incident = slot;
    st.patrolling = false;
    ++st.gen;  // cancels a patrol step in progress
    const double t = travel_s(st.at, in.node);
    if (c_.travel) result_.distance_walked_m += c_.travel->distance_m(st.at, in.node);
    st.arrive_at_s = now + t;
    if (t == 0.0) return on_site(s, now);
    sched_.at(now + t, kOnSite, tagged(s), kStaffPriority);
  }

  void on_site(uint32_t s, double now) {
    Staff& st = staff_[s];
    Incident& in = incidents_[st.incident];
    st.state = StaffState::OnSite;
    st.at = in.node;
    if (std::isnan(in.on_site_s)) {
      in.on_site_s = now;
      if (in.counted) record_response(in);
    }
    double work;
    const Distribution& service = in.facility != kNone ? c_.facilities[unit_class_[in.facility]].repair_time
                                                       : c_.types[in.type].service_time;
    if (!std::isnan(in.remaining_s)) {
      work = in.remaining_s;
    } else if (in.visits > 0) {
      work = std::max(0.0, service.sample(in.fix_rng));  // a revisit: the work of the second go
    } else {
      // The service time belongs to the incident, not to whoever serves it: common random numbers.
      RandomStream rng = service_family_.stream(in.entity);
      work = service.sample(rng);
      work += take_supplies(in);
    }
    if (in.interrupted == 2) {  // called away on his way here: the planned arrival plus this work
      in.planned_done_s += work;
      in.interrupted = 1;
    }
    st.done_at_s = now + work;
    sched_.at(st.done_at_s, kDone, tagged(s), kStaffPriority);
  }

  // Supplies for the job; a stock-out delays the work by the store's stockout_delay [s].
  double take_supplies(const Incident& in) {
    double delay = 0.0;
    for (const auto& [store, amount] : c_.types[in.type].consumes) {
      double& stock = store_stock_[store];
      if (stock >= amount) {
        stock -= amount;
        result_.min_stock[store] = std::min(result_.min_stock[store], stock);
      } else {
        ++result_.stockouts[store];
        delay = std::max(delay, c_.stores[store].stockout_delay_s);
      }
    }
    return delay;
  }

  // Report → accepted by a dispatcher, report → first assigned to staff (the "1+3+N" 1 and 3 minutes).
  void record_dispatch(const Incident& in) {
    ServiceQualityTally& q = result_.quality;
    const double accept = in.accepted_s - in.report_s, assign = in.dispatched_s - in.report_s;
    ++q.dispatched;
    q.accept_sum_s += accept;
    q.dispatch_sum_s += assign;
    q.accepted_within_1min += accept <= 60.0 ? 1 : 0;
    q.dispatched_within_3min += assign <= 180.0 ? 1 : 0;
  }

  void record_response(const Incident& in) {
    const double r = in.on_site_s - in.report_s;
    const bool waited = in.dispatched_s > in.report_s;
    const double sla = c_.types[in.type].sla_response_s;
    auto add = [&](DispatchTally& t) {
      t.reached++;
      t.response_sum_s += r;
      t.waited += waited ? 1 : 0;
      t.within_15min += r <= 900.0 ? 1 : 0;
      t.within_30min += r <= 1800.0 ? 1 : 0;
      t.within_sla += r <= sla ? 1 : 0;
    };
    add(result_.all);
    if (c_.detailed_kpis) {
      add(result_.by_type[in.type]);
      add(result_.by_priority[in.priority - 1u]);
    }
    if (record_samples_ && result_.response_samples_s.size() < 5000) result_.response_samples_s.push_back(r);
    if (record_samples_) {
      const auto slot = static_cast<std::size_t>(&in - incidents_.data());
      if (slot < log_of_slot_.size() && log_of_slot_[slot] < result_.incident_log.size())
        result_.incident_log[log_of_slot_[slot]].on_site_s = in.on_site_s;
    }
    if (r > sla && while_away(in.report_s + sla)) ++result_.emergency.sla_missed;
    DemandHeatmap& d = result_.demand;  // reached in time: not a miss after all
    const std::size_t ti = demand_type_cell(in), pi = demand_place_cell(in);
    const bool in_sla = r <= sla, in_15 = r <= 900.0, in_30 = r <= 1800.0;
    d.miss_sla_by_type[ti] -= in_sla ? 1 : 0;
    d.miss_15min_by_type[ti] -= in_15 ? 1 : 0;
    d.miss_30min_by_type[ti] -= in_30 ? 1 : 0;
    if (c_.travel) {
      d.miss_sla_by_place[pi] -= in_sla ? 1 : 0;
      d.miss_15min_by_place[pi] -= in_15 ? 1 : 0;
      d.miss_30min_by_place[pi] -= in_30 ? 1 : 0;
    }
  }

  // The cells of an incident in the demand heatmaps: the hour of day of its report × its type or place.
  [[nodiscard]] std::size_t demand_hour(const Incident& in) const {
    const double clock = std::fmod(c_.clock_start_s + in.report_s, kDay_s);
    return std::min<std::size_t>(DemandHeatmap::kHours - 1, static_cast<std::size_t>(std::max(0.0, clock) / 3600.0));
  }
  [[nodiscard]] std::size_t demand_type_cell(const Incident& in) const {
    return in.type * DemandHeatmap::kHours + demand_hour(in);
  }
  [[nodiscard]] std::size_t demand_place_cell(const Incident& in) const {
    if (!c_.travel) return 0;
    const std::size_t outside = c_.travel->network().buildings.size();
    const std::size_t row = in.building >= 0 ? std::min<std::size_t>(static_cast<std::size_t>(in.building), outside) : outside;
    return row * DemandHeatmap::kHours + demand_hour(in);
  }

  // Whether the visit just finished fixed the fault (each visit fixes it with the type's probability).
  bool visit_fixes(Incident& in) {
    const IncidentType& ty = c_.types[in.type];
    if (ty.first_time_fix >= 1.0) return true;
    if (in.visits == 0) in.fix_rng = revisit_family_.stream(in.entity);
    return in.fix_rng.bernoulli(ty.first_time_fix);
  }

  // An unfixed fault is called in again: it goes through dispatch as at its first report.
  void on_revisit(uint32_t slot, double now) {
    Incident& in = incidents_[slot];
    in.state = IncidentState::Queued;
    policy_->on_report(*this, slot, now);
  }

  // A fixed incident's quality, material and closure (counted incidents only).
  void record_fixed(const Incident& in, double now) {
    const IncidentType& ty = c_.types[in.type];
    ServiceQualityTally& q = result_.quality;
    ++q.fixed;
    q.fixed_first_time += in.visits == 1 ? 1 : 0;
    q.material_cny += ty.material_cost;
    if (ty.closure_working_days > 0) {
      ComplaintTally& t = result_.complaints[in.type];
      const double w = working_seconds(c_.calendar, c_.clock_start_s, in.report_s, now);
      ++t.closed;
      t.working_sum_s += w;
      t.closed_within += w <= ty.closure_working_days * working_day_s(c_.calendar) ? 1 : 0;
    }
  }

  void on_done(uint32_t s, double now) {
    account(now);
    Staff& st = staff_[s];
    const uint32_t slot = st.incident;
    Incident& in = incidents_[slot];
    if (in.interrupted != 0) {  // the visit an emergency interrupted is finished
      if (now <= c_.duration_s) {
        ++result_.emergency.resumed;
        result_.emergency.delay_sum_s += now - in.planned_done_s;
      }
      in.interrupted = 0;
    }
    const bool fixed = visit_fixes(in);
    ++in.visits;
    if (!fixed) {
      if (in.counted) ++result_.quality.revisits;
      in.staff = kNone;
      in.remaining_s = kNaN;
      in.state = IncidentState::Processing;  // working again, not yet called in
      const double delay = std::max(0.0, c_.types[in.type].revisit_delay.sample(in.fix_rng));
      sched_.at(now + delay, kRevisit, slot, kArrivalPriority);
      return free_staff(s, now);
    }
    if (in.counted) record_fixed(in, now);
    if (in.facility != kNone) facility_repaired(in.facility, now);
    if (in.counted) {
      auto add = [&](DispatchTally& t) {
        t.incidents++;
        t.resolved++;
        t.resolution_sum_s += now - in.report_s;
        if (c_.types[in.type].source == IncidentSource::Patrol) {
          t.latent++;
          t.found_by_patrol += in.by_patrol ? 1 : 0;
          t.detection_sum_s += in.report_s - in.fault_s;
        }
      };
      add(result_.all);
      if (c_.detailed_kpis) {
        add(result_.by_type[in.type]);
        add(result_.by_priority[in.priority - 1u]);
      }
    }
    in.state = IncidentState::Done;
    // A slot whose report event may still be pending (a latent fault found first) is not reused.
    if (instant_report_[in.type]) free_slots_.push_back(slot);
    --open_;
    free_staff(s, now);
  }

  // Staff member s has finished a visit: off duty if his shift has ended, else the next job.
  void free_staff(uint32_t s, double now) {
    Staff& st = staff_[s];
    st.incident = kNone;
    st.state = StaffState::Idle;
    st.idle_since_s = now;
    if (st.leaving) {
      set_busy(s, false);
      go_off_duty(s, now);
      return;
    }
    if (!policy_->take_next(*this, s, now)) set_busy(s, false);
  }

  // A free staff member takes the first waiting work he qualifies for (busy stays busy). Returns whether he did.
  bool take_first_qualified(uint32_t s, double now) override {
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      const uint32_t slot = queue_[i];
      if (!qualified(s, incidents_[slot])) continue;
      queue_.erase(i);
      dispatch(s, slot, now);
      return true;
    }
    return false;
  }

  // ---- shifts ---------------------------------------------------------------------------------
  void start_staff() {
    for (uint32_t s = 0; s < staff_.size(); ++s) {
      const ShiftConfig& sh = c_.staff[s].shift;
      if (sh.always()) {
        come_on_duty(s, 0.0);
        schedule_patrol(s, 0.0);
        continue;
      }
      // On duty now when the clock lies within [start, start + length).
      const double since_start = kDay_s - clock_offset_to(c_.clock_start_s, 0.0, sh.start_s);
      const double in_shift = since_start >= kDay_s ? 0.0 : since_start;
      if (in_shift < sh.length_s) {
        come_on_duty(s, 0.0);
        schedule_patrol(s, 0.0);
        sched_.at(sh.length_s - in_shift, kShiftEnd, s, kShiftPriority);
      } else {
        sched_.at(clock_offset_to(c_.clock_start_s, 0.0, sh.start_s), kShiftStart, s, kShiftPriority);
      }
    }
  }

  void come_on_duty(uint32_t s, double now) {
    Staff& st = staff_[s];
    account(now);
    ++on_duty_;
    role_duty_[st.role] += 1;
    st.state = StaffState::Idle;
    st.leaving = false;
    st.at = c_.staff[s].post;
    st.idle_since_s = now;
  }

  void on_shift_start(uint32_t s, double now) {
    const ShiftConfig& sh = c_.staff[s].shift;
    if (!active(now)) return;
    Staff& st = staff_[s];
    if (st.state == StaffState::OffDuty) {
      come_on_duty(s, now);
    } else {
      st.leaving = false;  // still finishing last shift's job: stays on
      pay_overtime(s, now);
    }
    sched_.at(now + sh.length_s, kShiftEnd, s, kShiftPriority);
    schedule_patrol(s, now);
    if (st.state == StaffState::Idle) (void)policy_->take_next(*this, s, now);
  }

  void on_shift_end(uint32_t s, double now) {
    Staff& st = staff_[s];
    const ShiftConfig& sh = c_.staff[s].shift;
    if (st.state == StaffState::Idle) {
      go_off_duty(s, now);
    } else if (st.state != StaffState::OffDuty) {
      st.leaving = true;  // finishes the job in hand first, in overtime
      st.overtime_from_s = now;
    }
    if (active(now)) sched_.at(now + (kDay_s - sh.length_s), kShiftStart, s, kShiftPriority);
  }

  void go_off_duty(uint32_t s, double now) {
    Staff& st = staff_[s];
    account(now);
    pay_overtime(s, now);
    --on_duty_;
    role_duty_[st.role] -= 1;
    st.state = StaffState::OffDuty;
    st.leaving = false;
    st.patrolling = false;
    ++st.gen;
    policy_->on_off_duty(*this, s, now);
  }

  // ---- patrols --------------------------------------------------------------------------------
  void schedule_patrol(uint32_t s, double now) {
    const PatrolConfig& p = c_.staff[s].patrol;
    if (p.route.empty() || !c_.travel) return;
    sched_.at(now + p.every_s, kPatrolRound, s, kStaffPriority);
  }

  void on_patrol_round(uint32_t s, double now) {
    Staff& st = staff_[s];
    if (st.state == StaffState::OffDuty || !active(now)) return;  // the next shift schedules its own rounds
    if (st.state == StaffState::Idle && !st.patrolling) {
      st.patrolling = true;
      st.patrol_stop = 0;
      ++st.gen;
      walk_to_patrol_stop(s, now);
    }
    sched_.at(now + c_.staff[s].patrol.every_s, kPatrolRound, s, kStaffPriority);
  }

  void walk_to_patrol_stop(uint32_t s, double now) {
    Staff& st = staff_[s];
    const PatrolConfig& p = c_.staff[s].patrol;
    const NodeId to = p.route[st.patrol_stop];
    result_.distance_walked_m += c_.travel->distance_m(st.at, to);
    sched_.at(now + travel_s(st.at, to) + p.dwell_s, kPatrolStep, tagged(s), kStaffPriority);
  }

  void on_patrol_step(uint32_t s, double now) {
    Staff& st = staff_[s];
    const PatrolConfig& p = c_.staff[s].patrol;
    st.at = p.route[st.patrol_stop];
    const int32_t b = p.route_building[st.patrol_stop];
    if (b >= 0) find_latent(static_cast<std::size_t>(b), now);
    if (++st.patrol_stop < p.route.size()) {
      walk_to_patrol_stop(s, now);
    } else {
      st.patrolling = false;  // round done: waits where he is
    }
  }

  void find_latent(std::size_t building, double now) {
    std::vector<uint32_t>& l = latent_by_building_[building];
    std::size_t keep = 0;
    for (const uint32_t slot : l) {
      Incident& in = incidents_[slot];
      if (in.state != IncidentState::Latent || in.building != static_cast<int32_t>(building)) continue;  // reported meanwhile
      if (in.rng.bernoulli(c_.types[in.type].patrol_find_probability)) {
        on_report(slot, now, true);
      } else {
        l[keep++] = slot;
      }
    }
    l.resize(keep);
  }

  // ---- stores ---------------------------------------------------------------------------------
  void on_restock(uint32_t store, double now) {
    const StoreStock& st = c_.stores[store];
    store_stock_[store] = std::max(store_stock_[store], st.capacity);
    if (active(now)) sched_.at(now + st.replenish_every_s, kRestock, store, kShiftPriority);
  }

  // The end of the observation window: the close, or the end of the run's duration before the close is known.
  [[nodiscard]] double window_end_s() const noexcept { return std::min(close_s_, c_.duration_s); }

  // ---- labour cost ------------------------------------------------------------------------------
  // Overtime of staff member s from the end of his shift until now (he finished the job or the next
  // shift began), within the window; the rostered hours are paid in finish().
  void pay_overtime(uint32_t s, double now) {
    Staff& st = staff_[s];
    if (std::isnan(st.overtime_from_s)) return;
    const double a = std::max(st.overtime_from_s, c_.warmup_s), b = std::min(now, window_end_s());
    st.overtime_from_s = kNaN;
    if (!(b > a)) return;
    const CostConfig& k = c_.costs;
    const double weighted = premium_weighted_seconds(k, c_.calendar, c_.clock_start_s, a, b) + k.overtime_premium * (b - a);
    result_.labour_cny += k.wage_of(c_.staff[s].role) / 3600.0 * weighted;
    result_.overtime_s += b - a;
  }

  // The rostered hours of every member over the window [from, to], busy or not: every shift of his
  // daily pattern that overlaps it (a member always on duty is paid around the clock).
  void pay_rostered_hours(double from, double to) {
    const CostConfig& k = c_.costs;
    for (const StaffMember& m : c_.staff) {
      const double wage_per_s = k.wage_of(m.role) / 3600.0;
      if (m.shift.always()) {
        result_.labour_cny += wage_per_s * premium_weighted_seconds(k, c_.calendar, c_.clock_start_s, from, to);
        continue;
      }
      // Shift of calendar day d starts at scenario time d·day + start − clock_start.
      const double first_day = std::floor((c_.clock_start_s + from) / kDay_s) - 1.0;
      for (double d = first_day;; d += 1.0) {
        const double start = d * kDay_s + m.shift.start_s - c_.clock_start_s;
        if (start >= to) break;
        const double a = std::max(start, from), b = std::min(start + m.shift.length_s, to);
        if (b > a) result_.labour_cny += wage_per_s * premium_weighted_seconds(k, c_.calendar, c_.clock_start_s, a, b);
      }
    }
  }

  // ---- accounting -----------------------------------------------------------------------------
  [[nodiscard]] std::size_t backlog() const {
    return queue_.size() + policy_->waiting() + escalating_;
  }
  void note_backlog(std::size_t escalating) override {
    escalating_ += escalating;
    result_.max_backlog = std::max(result_.max_backlog, static_cast<double>(backlog()));
    if (while_away(sched_.now()))
      result_.emergency.backlog_peak = std::max(result_.emergency.backlog_peak, static_cast<double>(backlog()));
  }

  // ---- an emergency calls staff away (EmergencyCall) -------------------------------------------
  // Whether `t` lies between the alert and the last called-away member's return.
  [[nodiscard]] bool while_away(double t) const noexcept {
    const EmergencyDispatchTally& e = result_.emergency;
    return e.called && t >= e.alert_s && t <= e.last_back_s;
  }

  void on_emergency(double now) {
    EmergencyDispatchTally& e = result_.emergency;
    std::vector<PulledMember> pulled;
    for (uint32_t s = 0; s < staff_.size(); ++s) {
      Staff& st = staff_[s];
      if (s >= emergency_->answers.size() || !emergency_->answers[s] || st.state == StaffState::OffDuty) continue;
      if (st.state == StaffState::Travelling || st.state == StaffState::OnSite) interrupt(s, now);
      account(now);
      set_busy(s, true);  // busy with the emergency (utilisation counts it)
      st.state = StaffState::Emergency;
      st.patrolling = false;
      ++st.gen;  // cancels a pending arrival, completion or patrol step
      pulled.push_back({s, st.at});
    }
    const std::vector<ReturnedMember> back = emergency_->respond(now, pulled);
    DT_ASSERT(back.size() == pulled.size(), "one return per member called away");
    e.called = true;
    e.pulled = static_cast<uint32_t>(pulled.size());
    e.alert_s = now;
    e.last_back_s = now;
    for (std::size_t i = 0; i < pulled.size(); ++i) {
      const uint32_t s = pulled[i].staff;
      const double t = std::max(now, back[i].back_s);
      if (back[i].at.valid()) staff_[s].at = back[i].at;
      e.last_back_s = std::max(e.last_back_s, t);
      if (std::isfinite(t)) sched_.at(t, kBack, tagged(s), kStaffPriority);  // else he never comes back
    }
    e.backlog_peak = static_cast<double>(backlog());
    // Staff still on dispatch take the interrupted orders they can.
    for (uint32_t s = 0; s < staff_.size(); ++s)
      if (staff_[s].state == StaffState::Idle) (void)policy_->take_next(*this, s, now);
  }

  // Member s stops his visit: the order waits again, in report order, with the work still left.
  void interrupt(uint32_t s, double now) {
    Staff& st = staff_[s];
    Incident& in = incidents_[st.incident];
    if (st.state == StaffState::OnSite) {
      in.remaining_s = st.done_at_s - now;  // the work done so far is kept
      in.planned_done_s = st.done_at_s;
      in.interrupted = 1;
    } else {
      in.planned_done_s = st.arrive_at_s;
      in.interrupted = 2;
    }
    in.staff = kNone;
    st.incident = kNone;
    ++result_.emergency.interrupted;
    in.state = IncidentState::Queued;
    queue_.insert_sorted(static_cast<uint32_t>(&in - incidents_.data()), [this](uint32_t a, uint32_t b) {
      const Incident &x = incidents_[a], &y = incidents_[b];
      if (queue_by_priority_ && x.priority != y.priority) return x.priority < y.priority;
      return x.report_s < y.report_s;
    });
    note_backlog(0);
  }

  void on_back(uint32_t s, double now) {
    account(now);
    free_staff(s, now);
  }

  void set_busy(uint32_t s, bool busy) {
    if (staff_[s].busy == busy) return;
    staff_[s].busy = busy;
    const double d = busy ? 1.0 : -1.0;
    busy_ += d;
    role_busy_[staff_[s].role] += d;
  }

  // Integrates busy and on-duty staff over the observation window [warmup, close]. Call before
  // every change of either count.
  void account(double now) {
    const double from = std::max(last_change_s_, c_.warmup_s);
    const double to = std::min(now, closed_ ? close_s_ : kInf);
    if (to > from) {
      busy_area_ += busy_ * (to - from);
      duty_area_ += on_duty_ * (to - from);
      for (std::size_t r = 0; r < roles_.size(); ++r) {
        role_busy_area_[r] += role_busy_[r] * (to - from);
        role_duty_area_[r] += role_duty_[r] * (to - from);
      }
    }
    last_change_s_ = now;
  }

  DispatchResult finish() {
    account(sched_.now());
    if (!closed_) close(sched_.now());
    const double end = std::max(sched_.now(), close_s_);
    for (uint32_t s = 0; s < staff_.size(); ++s) pay_overtime(s, end);  // still at a job after his shift
    for (uint32_t u = 0; u < unit_class_.size(); ++u)
      if (!std::isnan(unit_down_since_[u])) note_down_time(u, end);
    result_.window_s = std::max(0.0, close_s_ - c_.warmup_s);
    pay_rostered_hours(c_.warmup_s, close_s_);
    // Incidents never resolved (the drain limit): counted, neither reached nor resolved.
    for (const Incident& in : incidents_) {
      if (in.state == IncidentState::Done || !in.counted) continue;
      if (std::isnan(in.on_site_s) && while_away(in.report_s + c_.types[in.type].sla_response_s))
        ++result_.emergency.sla_missed;  // never reached
      result_.all.incidents++;
      if (c_.detailed_kpis) {
        result_.by_type[in.type].incidents++;
        result_.by_priority[in.priority - 1u].incidents++;
      }
    }
    result_.staff_utilization = duty_area_ > 0 ? busy_area_ / duty_area_ : kNaN;
    result_.role_utilization.resize(roles_.size());
    for (std::size_t r = 0; r < roles_.size(); ++r)
      result_.role_utilization[r] = role_duty_area_[r] > 0 ? role_busy_area_[r] / role_duty_area_[r] : kNaN;
    result_.events = sched_.events_handled();
    return std::move(result_);
  }

  const DispatchConfig& c_;
  const EmergencyCall* emergency_;  // null: no emergency calls staff away
  const StreamFamily arrival_family_, service_family_, incident_family_, processing_family_, revisit_family_,
      failure_family_;
  const bool record_samples_;
  std::vector<uint32_t> log_of_slot_;  // with record_samples_: per incident slot, its entry in incident_log
  Scheduler sched_;
  std::vector<Staff> staff_;
  std::vector<std::string> roles_;
  std::vector<Incident> incidents_;
  std::vector<uint32_t> free_slots_;
  std::vector<uint64_t> occurrences_;
  std::vector<RandomStream> type_rngs_;
  std::vector<uint8_t> instant_report_;
  std::vector<double> constant_rate_per_s_;  // per type; NaN when the rate follows the hour
  WaitList queue_;
  std::size_t escalating_ = 0;
  std::vector<std::vector<uint32_t>> latent_by_building_;
  std::vector<double> store_stock_;
  std::vector<uint32_t> unit_class_;        // per facility unit: its class
  std::vector<RandomStream> unit_rng_;      // per facility unit: its times between failures
  std::vector<double> unit_down_since_;     // per facility unit: failed at, NaN while up
  std::size_t units_alive_ = 0;             // units whose next failure may still come before the end
  std::unique_ptr<DispatchPolicy> policy_;  // the strategy (policies/policy.h)
  bool queue_by_priority_ = false;

  uint64_t arrived_ = 0, open_ = 0;
  std::size_t types_done_ = 0;
  bool closed_ = false;
  double close_s_ = kInf;
  double busy_ = 0, on_duty_ = 0, busy_area_ = 0, duty_area_ = 0, last_change_s_ = 0;
  std::vector<double> role_busy_, role_duty_, role_busy_area_, role_duty_area_;
  DispatchResult result_;
};

}  // namespace

std::vector<std::string> demand_places(const DispatchConfig& config) {
  std::vector<std::string> out;
  if (!config.travel) return out;
  for (const BuildingNet& b : config.travel->network().buildings) out.push_back(b.id);
  out.emplace_back("outside");
  return out;
}

void dispatch_demand_series(const DispatchConfig& c, const DispatchResult& r, ReplicationSeries& series) {
  std::vector<double> hours(DemandHeatmap::kHours);
  for (std::size_t h = 0; h < hours.size(); ++h) hours[h] = static_cast<double>(h);
  auto rows = [&](const char* what, const char* by, const std::vector<uint32_t>& m, const std::vector<std::string>& names) {
    for (std::size_t row = 0; row < names.size(); ++row) {
      std::vector<double> y(DemandHeatmap::kHours);
      for (std::size_t h = 0; h < y.size(); ++h) y[h] = m[row * DemandHeatmap::kHours + h];
      series.push_back(Series::curve(fmt::format("dispatch.demand.{}.{}.{}", what, by, names[row]), "h", "incidents", hours,
                                     std::move(y)));
    }
  };
  std::vector<std::string> types;
  for (const IncidentType& t : c.types) types.push_back(t.name);
  const std::vector<std::string> places = demand_places(c);
  const DemandHeatmap& d = r.demand;
  rows("incidents", "type", d.incidents_by_type, types);
  rows("miss_sla", "type", d.miss_sla_by_type, types);
  rows("miss_15min", "type", d.miss_15min_by_type, types);
  rows("miss_30min", "type", d.miss_30min_by_type, types);
  rows("incidents", "place", d.incidents_by_place, places);
  rows("miss_sla", "place", d.miss_sla_by_place, places);
  rows("miss_15min", "place", d.miss_15min_by_place, places);
  rows("miss_30min", "place", d.miss_30min_by_place, places);
}

DispatchResult run_dispatch(const DispatchConfig& config, uint64_t seed, uint64_t replication, bool record_samples,
                            const EmergencyCall* emergency) {
  DT_ASSERT(!config.types.empty() && !config.staff.empty() && config.staff.size() < 65536, "dispatch config");
  DispatchModel model(config, seed, replication, record_samples, emergency);
  return model.run();
}

std::vector<std::string> dispatch_roles(const DispatchConfig& config) {
  std::vector<std::string> roles;
  for (const StaffMember& m : config.staff)
    if (std::find(roles.begin(), roles.end(), m.role) == roles.end()) roles.push_back(m.role);
  return roles;
}

namespace {

double ratio(uint64_t a, uint64_t n) { return n > 0 ? static_cast<double>(a) / static_cast<double>(n) : kNaN; }
double mean(double sum, uint64_t n) { return n > 0 ? sum / static_cast<double>(n) : kNaN; }

// The KPIs of one tally: shares over incidents counted (an incident never reached misses every target).
void report_tally(KpiSink& k, const DispatchTally& t, const std::string& prefix, const std::string& what) {
  const uint64_t n = t.incidents;
  k.add(prefix + "incidents", "-", KpiRange::NonNegative, "incidents counted" + what, static_cast<double>(n));
  k.add(prefix + "response_time_s", "s", KpiRange::NonNegative, "mean time from report to arrival on site" + what,
        mean(t.response_sum_s, t.reached));
  k.add(prefix + "within_15min_fraction", "-", KpiRange::Fraction, "share reached within 15 min of the report" + what,
        ratio(t.within_15min, n));
  k.add(prefix + "within_30min_fraction", "-", KpiRange::Fraction, "share reached within 30 min of the report" + what,
        ratio(t.within_30min, n));
  k.add(prefix + "within_sla_fraction", "-", KpiRange::Fraction, "share reached within its type's response target" + what,
        ratio(t.within_sla, n));
  k.add(prefix + "resolution_time_s", "s", KpiRange::NonNegative, "mean time from report until the work is done" + what,
        mean(t.resolution_sum_s, t.resolved));
}

// The "1+3+N" times, first-time fixes, complaint closure and facility availability (docs/model.md,
// "Service quality").
void report_quality_kpis(const DispatchConfig& c, const DispatchResult& r, KpiSink& k) {
  const ServiceQualityTally& q = r.quality;
  const uint64_t n = r.all.incidents;
  k.add("dispatch.accept_time_s", "s", KpiRange::NonNegative, "mean time from report until a dispatcher accepts it",
        mean(q.accept_sum_s, q.dispatched));
  k.add("dispatch.accepted_within_1min_fraction", "-", KpiRange::Fraction, "share accepted within 1 min of the report",
        ratio(q.accepted_within_1min, n));
  k.add("dispatch.dispatch_time_s", "s", KpiRange::NonNegative, "mean time from report until staff are assigned",
        mean(q.dispatch_sum_s, q.dispatched));
  k.add("dispatch.dispatched_within_3min_fraction", "-", KpiRange::Fraction, "share assigned to staff within 3 min of the report",
        ratio(q.dispatched_within_3min, n));
  k.add("dispatch.first_time_fix_fraction", "-", KpiRange::Fraction, "share of fixed incidents fixed at the first visit",
        ratio(q.fixed_first_time, q.fixed));
  k.add("dispatch.revisits", "-", KpiRange::NonNegative, "visits that did not fix the fault, so someone had to go back",
        static_cast<double>(q.revisits));
  for (std::size_t t = 0; t < c.types.size(); ++t) {
    const IncidentType& ty = c.types[t];
    if (ty.closure_working_days <= 0) continue;
    const ComplaintTally& ct = r.complaints[t];
    const double day_s = working_day_s(c.calendar);
    k.add("dispatch.type." + ty.name + ".closure_working_days", "d", KpiRange::NonNegative,
          "mean working days from report to closure (" + ty.name + ")", mean(ct.working_sum_s / day_s, ct.closed));
    k.add("dispatch.type." + ty.name + ".closed_within_target_fraction", "-", KpiRange::Fraction,
          fmt::format("share closed within {:g} working days ({})", ty.closure_working_days, ty.name),
          ratio(ct.closed_within, r.by_type[t].incidents));
  }
  double down = 0.0, unit_s = 0.0;
  for (std::size_t f = 0; f < c.facilities.size(); ++f) {
    const FacilityClass& fc = c.facilities[f];
    const double exposure = static_cast<double>(fc.count) * r.window_s;
    k.add("facility." + fc.name + ".availability", "-", KpiRange::Fraction,
          "share of unit-time the " + fc.name + " units were working", exposure > 0 ? 1.0 - r.facility_down_s[f] / exposure : kNaN);
    k.add("facility." + fc.name + ".failures", "-", KpiRange::NonNegative, "failures of " + fc.name + " units",
          static_cast<double>(r.facility_failures[f]));
    down += r.facility_down_s[f];
    unit_s += exposure;
  }
  if (!c.facilities.empty())
    k.add("facility.availability", "-", KpiRange::Fraction, "share of unit-time all key facilities were working",
          unit_s > 0 ? 1.0 - down / unit_s : kNaN);
}

// Labour and material per simulated day of the window (docs/model.md, "Costs").
void report_cost_kpis(const DispatchResult& r, KpiSink& k) {
  const double days = r.window_s / 86400.0;
  const double labour = days > 0 ? r.labour_cny / days : kNaN, material = days > 0 ? r.quality.material_cny / days : kNaN;
  k.add("cost.labour_per_day", "CNY", KpiRange::NonNegative,
        "wages of every rostered staff member per day, busy or not, with night, weekend and overtime premiums", labour);
  k.add("cost.labour_per_incident", "CNY", KpiRange::NonNegative, "labour cost divided by the incidents counted",
        r.all.incidents > 0 ? r.labour_cny / static_cast<double>(r.all.incidents) : kNaN);
  k.add("cost.material", "CNY", KpiRange::NonNegative, "materials of the incidents fixed, per day", material);
  k.add("cost.total_per_day", "CNY", KpiRange::NonNegative, "labour and materials per day", labour + material);
  k.add("cost.overtime_hours_per_day", "h", KpiRange::NonNegative, "staff hours worked past the end of a shift, per day",
        days > 0 ? r.overtime_s / 3600.0 / days : kNaN);
}

bool priority_used(const DispatchConfig& c, uint8_t p) {
  return std::any_of(c.types.begin(), c.types.end(), [p](const IncidentType& t) { return t.priority == p; });
}

}  // namespace

void report_dispatch_kpis(const DispatchConfig& c, const DispatchResult* result, KpiSink& k) {
  // Declaring, the values are ignored: a result of the right shape stands in.
  DispatchResult shape;
  if (result == nullptr) {
    shape.by_type.resize(c.types.size());
    shape.by_priority.resize(4);
    shape.role_utilization.resize(dispatch_roles(c).size());
    shape.stockouts.resize(c.stores.size());
    shape.min_stock.resize(c.stores.size());
    shape.complaints.resize(c.types.size());
    shape.facility_down_s.resize(c.facilities.size());
    shape.facility_failures.resize(c.facilities.size());
  }
  const DispatchResult& r = result != nullptr ? *result : shape;
  report_tally(k, r.all, "dispatch.", "");
  k.add("dispatch.waited_fraction", "-", KpiRange::Fraction, "share of incidents not dispatched at the moment of their report",
        ratio(r.all.waited, r.all.reached));
  k.add("dispatch.staff_utilization", "-", KpiRange::Fraction, "busy staff-time (travel and work) over on-duty staff-time",
        r.staff_utilization);
  k.add("dispatch.backlog_at_close", "-", KpiRange::NonNegative, "incidents reported but not dispatched when arrivals stop",
        r.backlog_at_close);
  k.add("dispatch.max_backlog", "-", KpiRange::NonNegative, "largest number of reported incidents waiting for staff",
        r.max_backlog);
  k.add("dispatch.distance_walked_km", "km", KpiRange::NonNegative, "distance walked by all staff (incidents and patrols)",
        r.distance_walked_m / 1000.0);
  k.add("dispatch.preemptions", "-", KpiRange::NonNegative, "low-priority jobs interrupted by an emergency",
        static_cast<double>(r.preemptions));
  const std::vector<std::string> roles = dispatch_roles(c);
  for (std::size_t i = 0; i < roles.size(); ++i)
    k.add("dispatch.role." + roles[i] + ".utilization", "-", KpiRange::Fraction, "utilisation of the " + roles[i] + " staff",
          r.role_utilization[i]);
  for (uint8_t p = 1; p <= 4; ++p)
    if (priority_used(c, p))
      report_tally(k, r.by_priority[p - 1u], fmt::format("dispatch.priority.P{}.", p), fmt::format(" (priority {})", p));
  for (std::size_t t = 0; t < c.types.size(); ++t) {
    const IncidentType& ty = c.types[t];
    const DispatchTally& tally = r.by_type[t];
    report_tally(k, tally, "dispatch.type." + ty.name + ".", " (" + ty.name + ")");
    if (ty.source == IncidentSource::Patrol) {
      k.add("dispatch.type." + ty.name + ".found_by_patrol_fraction", "-", KpiRange::Fraction,
            "share of latent faults a patrol found first", ratio(tally.found_by_patrol, tally.latent));
      k.add("dispatch.type." + ty.name + ".detection_time_s", "s", KpiRange::NonNegative,
            "mean time from fault to report (latent faults)", mean(tally.detection_sum_s, tally.latent));
    }
  }
  for (std::size_t s = 0; s < c.stores.size(); ++s) {
    const std::string& kind = c.stores[s].kind;
    k.add("dispatch.store." + kind + ".stockouts", "-", KpiRange::NonNegative, "jobs that found the " + kind + " store empty",
          static_cast<double>(r.stockouts[s]));
    k.add("dispatch.store." + kind + ".min_stock", "-", KpiRange::NonNegative, "lowest stock of the " + kind + " store",
          r.min_stock[s]);
  }
  // Appended after the KPIs above so that their columns keep their places.
  report_quality_kpis(c, r, k);
  report_cost_kpis(r, k);
}

void report_emergency_dispatch_kpis(const DispatchResult* result, KpiSink& k) {
  const DispatchResult shape;  // declaring: the values are ignored
  const EmergencyDispatchTally& e = (result != nullptr ? *result : shape).emergency;
  const auto NonNeg = KpiRange::NonNegative;
  k.add("emergency.staff.pulled", "-", NonNeg, "roster members on duty taken off their work orders by the emergency",
        e.called ? static_cast<double>(e.pulled) : 0.0);
  k.add("emergency.staff.back_s", "s", NonNeg, "staff alert until the last of them is back on dispatch (NaN: none taken)",
        e.called && e.pulled > 0 ? e.last_back_s - e.alert_s : kNaN);
  k.add("dispatch.emergency.interrupted", "-", NonNeg, "work orders whose visit the emergency interrupted (on site or on the way)",
        static_cast<double>(e.interrupted));
  k.add("dispatch.emergency.resumed", "-", NonNeg, "of them, the interrupted visit finished within run.duration",
        static_cast<double>(e.resumed));
  k.add("dispatch.emergency.delay_s", "s", NonNeg,
        "mean over the resumed: when the visit finished minus when it would have finished without the emergency",
        e.resumed > 0 ? e.delay_sum_s / static_cast<double>(e.resumed) : kNaN);
  k.add("dispatch.emergency.backlog_peak", "-", NonNeg, "largest backlog between the staff alert and the last return",
        e.backlog_peak);
  k.add("dispatch.emergency.sla_missed", "-", NonNeg,
        "counted work orders whose response target fell between the staff alert and the last return and was missed",
        static_cast<double>(e.sla_missed));
}

std::vector<KpiDefinition> dispatch_kpi_definitions(const DispatchConfig& c) {
  std::vector<KpiDefinition> k;
  KpiSink sink = KpiSink::declaring(k);
  report_dispatch_kpis(c, nullptr, sink);
  return k;
}

}  // namespace dt
