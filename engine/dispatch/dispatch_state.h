#pragma once
// The state a dispatch replication keeps per incident and per staff member, and the waiting list
// of reported incidents: what the dispatch model (dispatch_model.cpp) and its policies
// (policies/policy.h) share. Internal to engine/dispatch/.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/kernel/random.h"
#include "engine/world/nav_graph.h"

namespace dt {

inline constexpr uint32_t kNoStaff = std::numeric_limits<uint32_t>::max();

enum class IncidentState : uint8_t { Latent, Processing, Queued, Assigned, Done };
enum class StaffState : uint8_t { OffDuty, Idle, Travelling, OnSite, Emergency /* taken off dispatch by an emergency */ };

struct Incident {
  double fault_s = 0, report_s = std::numeric_limits<double>::infinity();
  double dispatched_s = std::numeric_limits<double>::quiet_NaN(), on_site_s = std::numeric_limits<double>::quiet_NaN();
  double remaining_s = std::numeric_limits<double>::quiet_NaN();  // service left after a pre-emption
  double accepted_s = std::numeric_limits<double>::quiet_NaN();   // a dispatcher took the report
  uint64_t entity = 0;
  RandomStream rng{0, 0};     // the incident's own draws (place, delays, patrol finds)
  RandomStream fix_rng{0, 0}; // fixed or not, the call back, the revisit's work (set at the first visit)
  uint32_t facility = kNoStaff;  // the failed unit (DispatchResult facility order), or none
  uint16_t visits = 0;        // visits finished
  NodeId node;
  uint32_t type = 0;
  uint32_t staff = kNoStaff;
  int32_t building = -1;
  uint8_t priority = 3;
  IncidentState state = IncidentState::Latent;
  bool counted = false, started = false, by_patrol = false;
  /// Interrupted by an emergency: 1 = on site (planned_done_s is when the work would have been
  /// done), 2 = on the way (planned_done_s is the planned arrival; the work is added on site).
  uint8_t interrupted = 0;
  double planned_done_s = std::numeric_limits<double>::quiet_NaN();
};

struct Staff {
  NodeId at;
  uint32_t incident = kNoStaff;
  uint16_t gen = 0;
  StaffState state = StaffState::OffDuty;
  bool leaving = false;       // shift ended while busy: off duty once the job is done
  bool patrolling = false;
  uint32_t patrol_stop = 0;
  double idle_since_s = 0;
  double done_at_s = 0;       // OnSite: when the work will be finished
  double arrive_at_s = 0;     // Travelling: when he will be on site
  uint32_t role = 0;
  bool busy = false;          // counted in the busy integral (travelling or working)
  double overtime_from_s = std::numeric_limits<double>::quiet_NaN();  // shift ended during a job
};

// Reported incidents nobody has taken yet: ordered by key (report order, or priority then
// report order); erasing from the front is O(1), elsewhere O(n) (queues here are short).
class WaitList {
 public:
  void push_back(uint32_t slot) { items_.push_back(slot); }
  template <class Less>
  void insert_sorted(uint32_t slot, Less less) {
    auto it = std::upper_bound(items_.begin() + static_cast<std::ptrdiff_t>(head_), items_.end(), slot, less);
    items_.insert(it, slot);
  }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size() - head_; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] uint32_t operator[](std::size_t i) const noexcept { return items_[head_ + i]; }
  void erase(std::size_t i) {
    if (i == 0) {
      if (++head_ == items_.size()) items_.clear(), head_ = 0;
      else if (head_ > 1024 && head_ * 2 > items_.size()) {
        items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
      }
    } else {
      items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(head_ + i));
    }
  }

 private:
  std::vector<uint32_t> items_;
  std::size_t head_ = 0;
};

}  // namespace dt
