#include "engine/kernel/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "engine/kernel/random.h"

namespace dt {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue q;
  for (double t : {5.0, 1.0, 3.0, 4.0, 2.0, 0.5}) q.push(t, 0, 0);
  std::vector<double> got;
  while (!q.empty()) got.push_back(q.pop().time_s);
  EXPECT_EQ(got, (std::vector<double>{0.5, 1.0, 2.0, 3.0, 4.0, 5.0}));
}

TEST(EventQueue, TiesBrokenByPriorityThenSchedulingOrder) {
  EventQueue q;
  q.push(1.0, 0, 10, 100);
  q.push(1.0, 0, 11, 50);
  q.push(1.0, 0, 12, 100);
  q.push(1.0, 0, 13, 50);
  q.push(0.5, 0, 14, 200);
  std::vector<uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().target);
  EXPECT_EQ(order, (std::vector<uint32_t>{14, 11, 13, 10, 12}));
}

TEST(EventQueue, MatchesSortedOrderUnderRandomPushPop) {
  // Interleaved pushes and pops against a reference: the popped sequence must be each time the
  // minimum (time, priority, sequence) of what is pending.
  RandomStream rng(7, 0, purpose_id("test.queue"), 0);
  EventQueue q;
  std::vector<std::tuple<double, uint16_t, uint64_t>> ref;
  uint64_t seq = 0;
  for (int step = 0; step < 20000; ++step) {
    if (ref.empty() || rng.uniform01() < 0.55) {
      const double t = std::floor(rng.uniform(0.0, 50.0));  // many exact ties
      const auto prio = static_cast<uint16_t>(rng.uniform01() < 0.5 ? 1 : 2);
      q.push(t, 0, 0, prio);
      ref.emplace_back(t, prio, seq++);
    } else {
      const auto it = std::min_element(ref.begin(), ref.end());
      const Event e = q.pop();
      ASSERT_EQ(e.time_s, std::get<0>(*it));
      ASSERT_EQ(e.priority(), std::get<1>(*it));
      ASSERT_EQ(e.sequence(), std::get<2>(*it));
      ref.erase(it);
    }
    ASSERT_EQ(q.size(), ref.size());
  }
}

struct Recorder {
  std::vector<double> times;
  int remaining = 3;
  void handle(const Event& e, Scheduler& s) {
    times.push_back(e.time_s);
    if (--remaining > 0) s.after(2.0, 0, 0);
  }
};

TEST(Scheduler, AdvancesClockAndStopsAtHorizon) {
  Scheduler s;
  Recorder r;
  r.remaining = 100;
  s.at(1.0, 0, 0);
  s.run(r, 6.0);
  EXPECT_EQ(r.times, (std::vector<double>{1.0, 3.0, 5.0}));
  EXPECT_EQ(s.now(), 5.0);
  EXPECT_EQ(s.queue().size(), 1u);  // the event at 7 s stays pending
}

}  // namespace
}  // namespace dt
