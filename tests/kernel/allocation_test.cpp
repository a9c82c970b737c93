// "Hot paths allocate nothing per event": counts every operator new in this test binary and
// checks that running 100 times more events does not allocate (meaningfully) more often.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <limits>
#include <new>

#include "engine/dispatch/service_desk.h"
#include "engine/kernel/event_queue.h"

namespace {
std::atomic<uint64_t> g_allocations{0};
}

// These replacements pair malloc with free on purpose; GCC cannot see that.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
// Every replaceable form that pairs with the deletes below must be replaced too, or sanitizers
// see a new/free mismatch (std::stable_sort uses the nothrow form).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace dt {
namespace {

uint64_t allocations_for_desk(uint64_t incidents) {
  ServiceDeskConfig c;
  c.arrivals.rate_per_h.fill(0.9 * 3600.0);
  c.service_time = Distribution::exponential(1.0);
  c.duration_s = std::numeric_limits<double>::infinity();
  c.max_incidents = incidents;
  const uint64_t before = g_allocations.load();
  const ServiceDeskResult r = run_service_desk(c, 1, 0);
  EXPECT_GT(r.events, 2 * incidents - 1);
  return g_allocations.load() - before;
}

TEST(Allocation, ServiceDeskAllocatesNothingPerEvent) {
  const uint64_t small = allocations_for_desk(1'000);
  const uint64_t large = allocations_for_desk(100'000);
  // Only geometric growth of the event heap and the waiting queue may add allocations: a few
  // dozen at most, where one allocation per event would add ~200,000.
  EXPECT_LE(large, small + 40) << "small run: " << small << ", large run: " << large;
}

TEST(Allocation, EventQueueHoldAllocatesNothingOnceReserved) {
  EventQueue q;
  q.reserve(1024);
  for (int i = 0; i < 1000; ++i) q.push(i * 0.5, 0, 0);
  const uint64_t before = g_allocations.load();
  for (int i = 0; i < 100'000; ++i) {
    const Event e = q.pop();
    q.push(e.time_s + 250.0, e.kind, e.target);
  }
  EXPECT_EQ(g_allocations.load(), before);
}

}  // namespace
}  // namespace dt
