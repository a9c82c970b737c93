#pragma once
// The future event list: a flat 4-ary min-heap of small event records.
//
// Events are ordered by (time, priority, sequence number). The sequence number is assigned at
// push time, so two events with the same time and priority run in the order they were scheduled;
// nothing depends on memory addresses or hash order. Records are 24 bytes and live in one
// std::vector: once the vector has grown to the peak number of pending events, pushing and popping
// allocate nothing. A 4-ary heap halves the depth of a binary heap and keeps a node's children in
// one cache line (Knuth, TAOCP vol. 3, 5.2.3; LaMarca & Ladner 1996).

#include <cstdint>
#include <vector>

#include "engine/kernel/assert.h"

namespace dt {

/// One scheduled event. `kind` says what happens, `target` to whom (an index the model owns).
struct Event {
  double time_s;    ///< [s since scenario start]
  uint64_t order;   ///< priority in the top 16 bits, sequence number in the low 48 bits
  uint32_t kind;    ///< model-defined event kind
  uint32_t target;  ///< model-defined entity index

  [[nodiscard]] uint16_t priority() const noexcept { return static_cast<uint16_t>(order >> 48); }
  [[nodiscard]] uint64_t sequence() const noexcept { return order & kSequenceMask; }

  static constexpr uint64_t kSequenceMask = (uint64_t{1} << 48) - 1;
};

/// True when a runs before b.
[[nodiscard]] inline bool runs_before(const Event& a, const Event& b) noexcept {
  return a.time_s < b.time_s || (a.time_s == b.time_s && a.order < b.order);
}

class EventQueue {
 public:
  /// Lower priority values run first among events at the same time.
  static constexpr uint16_t kDefaultPriority = 100;

  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() noexcept {
    heap_.clear();
    next_sequence_ = 0;
  }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  /// Number of events ever pushed since the last clear().
  [[nodiscard]] uint64_t pushed() const noexcept { return next_sequence_; }

  void push(double time_s, uint32_t kind, uint32_t target, uint16_t priority = kDefaultPriority) {
    DT_ASSERT(time_s == time_s, "event time is NaN");
    DT_ASSERT(next_sequence_ <= Event::kSequenceMask, "sequence numbers exhausted");
    const Event ev{time_s, (uint64_t{priority} << 48) | next_sequence_++, kind, target};
    std::size_t hole = heap_.size();
    heap_.push_back(ev);
    while (hole > 0) {  // sift up: move parents down into the hole
      const std::size_t parent = (hole - 1) / kArity;
      if (!runs_before(ev, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = ev;
  }

  [[nodiscard]] const Event& top() const noexcept {
    DT_ASSERT(!heap_.empty(), "top() on an empty event queue");
    return heap_.front();
  }

  Event pop() noexcept {
    DT_ASSERT(!heap_.empty(), "pop() on an empty event queue");
    const Event result = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return result;
    std::size_t hole = 0;
    for (;;) {  // sift down: move the earliest child up into the hole
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (runs_before(heap_[c], heap_[best])) best = c;
      if (!runs_before(heap_[best], last)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = last;
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;
  std::vector<Event> heap_;
  uint64_t next_sequence_ = 0;
};

/// The clock and the event list of one replication. Model logic is a handler object with
/// `void handle(const Event&, Scheduler&)`; run() calls it directly (no virtual call, no
/// std::function), so the compiler can inline the model into the loop.
class Scheduler {
 public:
  [[nodiscard]] double now() const noexcept { return now_s_; }
  [[nodiscard]] EventQueue& queue() noexcept { return queue_; }
  [[nodiscard]] uint64_t events_handled() const noexcept { return handled_; }

  /// Schedules an event at absolute time `time_s` (never in the past).
  void at(double time_s, uint32_t kind, uint32_t target, uint16_t priority = EventQueue::kDefaultPriority) {
    DT_ASSERT(time_s >= now_s_, "event scheduled in the past");
    queue_.push(time_s, kind, target, priority);
  }
  /// Schedules an event `delay_s` after now.
  void after(double delay_s, uint32_t kind, uint32_t target, uint16_t priority = EventQueue::kDefaultPriority) {
    at(now_s_ + delay_s, kind, target, priority);
  }
  /// Ends run() after the current event.
  void stop() noexcept { stopped_ = true; }

  /// Runs events in order until the list is empty, the next event lies after `until_s`, or a
  /// handler calls stop(). The clock ends at the time of the last event handled.
  template <class Handler>
  void run(Handler& handler, double until_s) {
    stopped_ = false;
    while (!queue_.empty() && !stopped_) {
      if (queue_.top().time_s > until_s) break;
      const Event ev = queue_.pop();
      now_s_ = ev.time_s;
      ++handled_;
      handler.handle(ev, *this);
    }
  }

  void reset() noexcept {
    queue_.clear();
    now_s_ = 0.0;
    handled_ = 0;
    stopped_ = false;
  }

 private:
  EventQueue queue_;
  double now_s_ = 0.0;
  uint64_t handled_ = 0;
  bool stopped_ = false;
};

}  // namespace dt
