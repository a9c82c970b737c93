#pragma once
// Happens-before edges that ThreadSanitizer cannot see by itself (the tsan preset; tsan.supp).
//
// oneTBB hands a task to a worker thread through atomics inside libtbb.so, and Debian's libtbb is
// not built with -fsanitize=thread: ThreadSanitizer does not see that what a thread did before it
// spawned a task happens before the task's body runs, nor that every body happens before the code
// after parallel_for returns, and reports each such access as a data race. A TaskHandoff states
// exactly those edges, which oneTBB guarantees:
//
//     TaskHandoff handoff;
//     tbb::parallel_for(range, handoff.body([&](const auto& r) { ... }));
//     handoff.join();                                 // after parallel_for returned
//
// The body is copied into each task when oneTBB creates it (by the thread that creates or splits
// it); each copy marks the creating thread's past as seen by whoever runs that copy. Tasks do not
// otherwise synchronise with each other through it: a race between two task bodies is still
// reported. Without ThreadSanitizer every annotation compiles to nothing.

#include <utility>

#if defined(__SANITIZE_THREAD__)
#define DRILLTWIN_TSAN_ANNOTATIONS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DRILLTWIN_TSAN_ANNOTATIONS 1
#endif
#endif

#ifdef DRILLTWIN_TSAN_ANNOTATIONS
extern "C" void __tsan_acquire(void* addr);  // ThreadSanitizer's interface (sanitizer/tsan_interface.h)
extern "C" void __tsan_release(void* addr);
#endif

namespace dt {

class TaskHandoff {
 public:
  /// A parallel_for body wrapping `F`: runs F after acquiring what its creator released.
  template <class F>
  class Body {
   public:
    Body(TaskHandoff& handoff, F f) : f_(std::move(f)), handoff_(&handoff) { release(this); }
    // A worker splitting a task copies that task's body before running it: acquire it first.
    Body(const Body& other) : f_((acquire(&other), other.f_)), handoff_(other.handoff_) { release(this); }
    Body& operator=(const Body&) = delete;
    ~Body() = default;

    template <class... Args>
    void operator()(Args&&... args) const {
      acquire(this);  // the address of this copy: nothing read before the edge
      struct Finish {
        TaskHandoff* h;
        ~Finish() { release(&h->finish_); }
      } finish{handoff_};
      f_(std::forward<Args>(args)...);
    }

   private:
    F f_;
    TaskHandoff* handoff_;
  };

  template <class F>
  [[nodiscard]] Body<F> body(F f) {
    return Body<F>(*this, std::move(f));
  }
  /// The thread that ran parallel_for, once it returned: sees what every body did.
  void join() noexcept { acquire(&finish_); }

 private:
  static void acquire([[maybe_unused]] const void* sync) noexcept {
#ifdef DRILLTWIN_TSAN_ANNOTATIONS
    __tsan_acquire(const_cast<void*>(sync));
#endif
  }
  static void release([[maybe_unused]] const void* sync) noexcept {
#ifdef DRILLTWIN_TSAN_ANNOTATIONS
    __tsan_release(const_cast<void*>(sync));
#endif
  }

  char finish_ = 0;
};

}  // namespace dt
