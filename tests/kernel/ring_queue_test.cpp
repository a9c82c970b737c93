#include "engine/kernel/ring_queue.h"

#include <gtest/gtest.h>

#include <deque>

namespace dt {
namespace {

TEST(RingQueue, IsFifoAcrossGrowthAndWrapAround) {
  RingQueue<int> q(4);
  std::deque<int> ref;
  int next = 0;
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < round % 7 + 1; ++i) {
      q.push(next);
      ref.push_back(next++);
    }
    for (int i = 0; i < round % 5 && !ref.empty(); ++i) {
      ASSERT_EQ(q.front(), ref.front());
      ASSERT_EQ(q.pop(), ref.front());
      ref.pop_front();
    }
    ASSERT_EQ(q.size(), ref.size());
  }
  while (!ref.empty()) {
    ASSERT_EQ(q.pop(), ref.front());
    ref.pop_front();
  }
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace dt
