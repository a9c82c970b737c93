#pragma once
// What the trace's events say at the current time: smoke-logged or closed places (grey volumes),
// blocked links (thick red), incidents (red pins), and the latest event for the HUD. Rebuilt only
// when the set of events in force changes.

#include <osg/Group>
#include <string>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

class EventOverlay {
 public:
  EventOverlay(const trace::Scene& scene, std::vector<trace::Event> events);

  [[nodiscard]] osg::Node* node() const { return root_.get(); }
  /// Shows the events up to `t_s`.
  void update(double t_s);
  /// The floor camera's storey [z0, z1) [m]: fires elsewhere are not drawn (their flame would cross
  /// the floor shown); without a band (the other cameras) every fire is.
  void set_band(double z0_m, double z1_m);
  /// The last event at or before the time of the last update ("" if none), and its time.
  [[nodiscard]] const trace::Event* latest() const;
  [[nodiscard]] std::size_t active_hazards() const { return hazard_nodes_ + blocked_links_; }
  /// The events in force, oldest first (events()[0, applied())).
  [[nodiscard]] const std::vector<trace::Event>& events() const { return events_; }
  [[nodiscard]] std::size_t applied() const { return applied_; }
  /// Where a fire marker's flame is drawn above the fire's place [m] (tests project it).
  static constexpr float kFlameTop_m = 30.0f;
  /// A trapped car: a violet box this wide and high from the height where it stopped.
  static constexpr float kCarSide_m = 1.8f, kCarHeight_m = 2.6f;

 private:
  void rebuild();

  const trace::Scene& scene_;
  std::vector<trace::Event> events_;  // ascending time
  std::size_t applied_ = 0;           // events_[0, applied_) are in force
  std::size_t hazard_nodes_ = 0, blocked_links_ = 0;
  double band_lo_m_ = -1e30, band_hi_m_ = 1e30;
  osg::ref_ptr<osg::Group> root_;
};

}  // namespace dtv
