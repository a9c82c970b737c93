// TaskHandoff (engine/kernel/task_handoff.h): the wrapped body is what oneTBB runs, on every copy it
// makes, with the arguments it passes; what the bodies wrote is there after join(). Under the tsan
// preset these tests also run the annotations themselves.
#include "engine/kernel/task_handoff.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace dt {
namespace {

TEST(TaskHandoff, EveryIndexOfARangeIsRunOnceWithTheCallersData) {
  std::vector<double> in(10'000);
  std::iota(in.begin(), in.end(), 1.0);  // written before the parallel section
  std::vector<double> out(in.size(), 0.0);
  std::vector<int> calls(in.size(), 0);
  tbb::task_arena arena(2);
  TaskHandoff handoff;
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, in.size(), 16),
                      handoff.body([&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i) {
                          out[i] = 2 * in[i];
                          ++calls[i];
                        }
                      }));
  });
  handoff.join();
  for (std::size_t i = 0; i < in.size(); ++i) {
    ASSERT_EQ(calls[i], 1) << i;
    ASSERT_EQ(out[i], 2.0 * static_cast<double>(i + 1)) << i;
  }
}

TEST(TaskHandoff, TheIndexFormOfParallelForGetsItsIndex) {
  std::vector<std::size_t> seen(1000, 0);
  TaskHandoff handoff;
  tbb::parallel_for(std::size_t{0}, seen.size(), handoff.body([&](std::size_t i) { seen[i] = i + 1; }));
  handoff.join();
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i + 1);
}

TEST(TaskHandoff, ABodyThatThrowsStillPropagatesItsException) {
  TaskHandoff handoff;
  auto run = [&] {
    tbb::parallel_for(std::size_t{0}, std::size_t{100}, handoff.body([](std::size_t i) {
                        if (i == 42) throw std::runtime_error("replication 42 failed");
                      }));
  };
  EXPECT_THROW(run(), std::runtime_error);
  handoff.join();
}

}  // namespace
}  // namespace dt
