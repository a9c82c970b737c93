// The dispatch policies (engine/dispatch/policies/) against a small desk whose state the test sets
// by hand: each test names a decision a strategy makes and checks it on a case worked out by hand.
// The strategies' effect on whole runs is checked in tests/dispatch/dispatch_model_test.cpp.
#include "engine/dispatch/policies/policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dt {
namespace {

// A desk holding incidents and staff in plain vectors; records what the policy asked for.
class TestDesk final : public DispatchDesk {
 public:
  explicit TestDesk(DispatchConfig c) : c_(std::move(c)), staff_(c_.staff.size()) {
    for (Staff& s : staff_) s.state = StaffState::Idle;
  }
  const DispatchConfig& config() const override { return c_; }
  Incident& incident(uint32_t slot) override { return incidents_.at(slot); }
  const Staff& staff(uint32_t s) const override { return staff_.at(s); }
  uint32_t staff_count() const override { return static_cast<uint32_t>(staff_.size()); }
  WaitList& queue() override { return queue_; }
  bool qualified(uint32_t s, const Incident& in) const override {
    const SkillMask need = c_.types.empty() ? 1 : c_.types[in.type].skills;
    return (c_.staff[s].skills & need) == need;
  }
  double travel_s(NodeId from, NodeId to) const override {
    return std::abs(static_cast<double>(from.index()) - static_cast<double>(to.index()));  // nodes on a line
  }
  uint32_t choose_idle_staff(const Incident& in, StaffOrder order, bool skip_butlers) const override {
    uint32_t best = kNoStaff;
    double best_key = 1e300;
    for (uint32_t s = 0; s < staff_.size(); ++s) {
      if (staff_[s].state != StaffState::Idle || !qualified(s, in) || (skip_butlers && !c_.staff[s].zone.empty())) continue;
      const double key = order == StaffOrder::First         ? 0.0
                         : order == StaffOrder::LongestIdle ? staff_[s].idle_since_s
                                                            : travel_s(staff_[s].at, in.node);
      if (key < best_key) best_key = key, best = s;
    }
    return best;
  }
  void dispatch(uint32_t s, uint32_t slot, double) override {
    staff_[s].state = StaffState::Travelling;
    dispatched.push_back({s, slot});
  }
  void central_dispatch(uint32_t slot, double now) override {
    central.push_back(slot);
    const uint32_t s = policy->choose_staff(*this, incidents_[slot]);
    if (s != kNoStaff) return dispatch(s, slot, now);
    if (policy->on_no_idle_staff(*this, slot, now)) return;
    enqueue(slot);
  }
  void enqueue(uint32_t slot) override { queue_.push_back(slot); }
  bool preempt_for(uint32_t slot, double) override {
    preempted.push_back(slot);
    return true;
  }
  bool take_first_qualified(uint32_t s, double now) override {
    for (std::size_t i = 0; i < queue_.size(); ++i)
      if (qualified(s, incidents_[queue_[i]])) {
        const uint32_t slot = queue_[i];
        queue_.erase(i);
        dispatch(s, slot, now);
        return true;
      }
    return false;
  }
  void note_backlog(std::size_t escalating) override { escalations += escalating; }
  void escalation_arrived() override { --escalations; }
  void schedule_timer(double at, uint32_t target, uint16_t priority) override { timers.push_back({at, target, priority}); }
  bool active(double) const override { return true; }
  RandomStream processing_stream(uint64_t entity) const override { return RandomStream(7, entity); }

  struct Timer {
    double at;
    uint32_t target;
    uint16_t priority;
  };
  DispatchConfig c_;
  std::vector<Staff> staff_;
  std::vector<Incident> incidents_;
  WaitList queue_;
  DispatchPolicy* policy = nullptr;
  std::vector<std::pair<uint32_t, uint32_t>> dispatched;
  std::vector<uint32_t> central, preempted;
  std::vector<Timer> timers;
  std::size_t escalations = 0;
};

DispatchConfig config_with(DispatchStrategy strategy, std::size_t staff) {
  DispatchConfig c;
  c.strategy = strategy;
  c.types.resize(1);
  c.staff.resize(staff);
  return c;
}

Incident at_node(uint32_t node, uint8_t priority = 3, int32_t building = -1) {
  Incident in;
  in.node = NodeId(node);
  in.priority = priority;
  in.building = building;
  in.report_s = 0.0;  // the model sets it before the policy sees the report
  return in;
}

TEST(DispatchPolicy, EveryStrategyNameHasAPolicy) {
  for (std::size_t i = 0; i < kStrategyNames.size(); ++i) {
    const DispatchConfig c = config_with(static_cast<DispatchStrategy>(i), 2);
    EXPECT_NE(make_dispatch_policy(c), nullptr) << kStrategyNames[i];
  }
}

TEST(DispatchPolicy, FifoTakesTheFirstFreeMemberNearestTheClosest) {
  // Staff at nodes 10 and 3; the incident at node 2: fifo sends staff 0, nearest staff 1 (1 < 8).
  for (const auto& [strategy, expected] : {std::pair{DispatchStrategy::Fifo, 0u}, {DispatchStrategy::Nearest, 1u}}) {
    TestDesk desk(config_with(strategy, 2));
    auto policy = make_dispatch_policy(desk.config());
    desk.policy = policy.get();
    desk.staff_[0].at = NodeId(10);
    desk.staff_[1].at = NodeId(3);
    desk.incidents_.push_back(at_node(2));
    policy->on_report(desk, 0, 0.0);
    ASSERT_EQ(desk.dispatched.size(), 1u);
    EXPECT_EQ(desk.dispatched[0].first, expected) << kStrategyNames[static_cast<std::size_t>(strategy)];
  }
}

TEST(DispatchPolicy, ManualDispatchersWriteOneOrderAtATimeAndSendWhoWaitedLongest) {
  DispatchConfig c = config_with(DispatchStrategy::Manual, 2);
  c.manual.dispatchers = 1;
  c.manual.processing = Distribution::fixed(120.0);
  TestDesk desk(c);
  auto policy = make_dispatch_policy(desk.config());
  desk.policy = policy.get();
  desk.staff_[0].idle_since_s = 50.0;  // idle since 50 s
  desk.staff_[1].idle_since_s = 10.0;  // idle since 10 s: next in line
  desk.incidents_ = {at_node(1), at_node(2)};
  policy->on_report(desk, 0, 0.0);
  policy->on_report(desk, 1, 5.0);
  // One dispatcher: the first order is written 0 → 120 s; the second waits for him.
  ASSERT_EQ(desk.timers.size(), 1u);
  EXPECT_DOUBLE_EQ(desk.timers[0].at, 120.0);
  EXPECT_EQ(policy->waiting(), 1u);
  EXPECT_EQ(desk.incidents_[0].state, IncidentState::Processing);
  policy->on_timer(desk, 0, 120.0);  // order 0 written: he starts order 1 (120 → 240 s), order 0 goes out
  ASSERT_EQ(desk.timers.size(), 2u);
  EXPECT_DOUBLE_EQ(desk.timers[1].at, 240.0);
  EXPECT_EQ(policy->waiting(), 0u);
  ASSERT_EQ(desk.dispatched.size(), 1u);
  EXPECT_EQ(desk.dispatched[0], (std::pair<uint32_t, uint32_t>{1, 0})) << "the one idle longest goes";
}

TEST(DispatchPolicy, PriorityPreemptsOnlyForEmergencies) {
  DispatchConfig c = config_with(DispatchStrategy::Priority, 1);
  c.priority.preempting = 1;
  TestDesk desk(c);
  auto policy = make_dispatch_policy(desk.config());
  desk.policy = policy.get();
  desk.staff_[0].state = StaffState::OnSite;  // nobody idle
  desk.incidents_ = {at_node(1, 2), at_node(1, 1)};
  policy->on_report(desk, 0, 0.0);  // priority 2: waits
  policy->on_report(desk, 1, 0.0);  // priority 1: pre-empts
  EXPECT_EQ(desk.preempted, std::vector<uint32_t>{1});
  EXPECT_EQ(desk.queue_.size(), 1u);
  EXPECT_TRUE(policy->queue_by_priority());
  EXPECT_FALSE(make_dispatch_policy(config_with(DispatchStrategy::Nearest, 1))->queue_by_priority());
}

TEST(DispatchPolicy, OptimalWaitsForItsRoundAndMatchesAllAtOnce) {
  DispatchConfig c = config_with(DispatchStrategy::Optimal, 2);
  c.optimal.interval_s = 60.0;
  TestDesk desk(c);
  auto policy = make_dispatch_policy(desk.config());
  desk.policy = policy.get();
  policy->start(desk);
  ASSERT_EQ(desk.timers.size(), 1u);
  EXPECT_DOUBLE_EQ(desk.timers[0].at, 0.0);
  EXPECT_EQ(desk.timers[0].priority, dispatch_priority::kBatch);
  // Staff at nodes 0 and 10; incidents at 9 and 1 (equal priority, reported together). Nearest one
  // by one from the first incident would send staff 1 to 9 and staff 0 to 1 (total 2); the
  // assignment of least total travel is the same here: {0→1, 1→9}.
  desk.staff_[0].at = NodeId(0);
  desk.staff_[1].at = NodeId(10);
  desk.incidents_ = {at_node(9), at_node(1)};
  policy->on_report(desk, 0, 0.0);
  policy->on_report(desk, 1, 0.0);
  EXPECT_TRUE(desk.dispatched.empty()) << "reports wait for the round";
  EXPECT_FALSE(policy->take_next(desk, 0, 0.0)) << "a free member waits for the round too";
  policy->on_timer(desk, 0, 60.0);
  ASSERT_EQ(desk.dispatched.size(), 2u);
  for (const auto& [s, slot] : desk.dispatched) EXPECT_EQ(s, slot == 0 ? 1u : 0u);
  EXPECT_TRUE(desk.queue_.empty());
  EXPECT_DOUBLE_EQ(desk.timers.back().at, 120.0) << "the next round";
}

TEST(DispatchPolicy, ZoneButlerTakesHisBuildingAndEscalatesWhatHeCannotDo) {
  DispatchConfig c = config_with(DispatchStrategy::ZoneButler, 2);
  c.types.resize(2);
  c.types[0].skills = 1;      // a butler's job
  c.types[1].skills = 1 | 2;  // needs an engineer
  c.staff[0].zone = {4};      // butler of building 4, skills 1
  c.staff[1].skills = 1 | 2;  // central engineer
  c.zone_butler.escalation_delay_s = 300.0;
  TestDesk desk(c);
  auto policy = make_dispatch_policy(desk.config());
  desk.policy = policy.get();
  Incident own = at_node(1, 3, 4), skilled = at_node(1, 3, 4);
  skilled.type = 1;
  desk.incidents_ = {own, skilled};
  policy->on_report(desk, 0, 0.0);
  ASSERT_EQ(desk.dispatched.size(), 1u);
  EXPECT_EQ(desk.dispatched[0].first, 0u) << "the butler takes his own building's job";
  policy->on_report(desk, 1, 0.0);
  ASSERT_EQ(desk.timers.size(), 1u) << "beyond his skills: escalated after the delay";
  EXPECT_DOUBLE_EQ(desk.timers[0].at, 300.0);
  EXPECT_EQ(desk.escalations, 1u);
  policy->on_timer(desk, 1, 300.0);
  EXPECT_EQ(desk.escalations, 0u);
  ASSERT_EQ(desk.dispatched.size(), 2u);
  EXPECT_EQ(desk.dispatched[1].first, 1u) << "central dispatch never sends the butler";
}

}  // namespace
}  // namespace dt
