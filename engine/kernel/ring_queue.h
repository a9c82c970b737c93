#pragma once
// A FIFO queue in one power-of-two ring buffer. It grows by doubling and never shrinks, so in a
// steady state push and pop allocate nothing (std::deque allocates a block every few hundred
// elements).

#include <cstddef>
#include <vector>

#include "engine/kernel/assert.h"

namespace dt {

template <class T>
class RingQueue {
 public:
  explicit RingQueue(std::size_t initial_capacity = 16) {
    std::size_t cap = 1;
    while (cap < initial_capacity) cap <<= 1;
    buf_.resize(cap);
  }

  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  void push(const T& value) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = value;
    ++size_;
  }

  [[nodiscard]] const T& front() const noexcept {
    DT_ASSERT(size_ > 0, "front() on an empty queue");
    return buf_[head_];
  }

  T pop() noexcept {
    DT_ASSERT(size_ > 0, "pop() on an empty queue");
    T value = buf_[head_];
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
    return value;
  }

  void clear() noexcept {
    head_ = 0;
    size_ = 0;
  }

 private:
  void grow() {
    std::vector<T> bigger(buf_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> buf_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace dt
