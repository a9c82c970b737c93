#pragma once
// The timeline bar at the bottom of the window (a trace only): the drill from 0 to its end, the
// part played filled, a tick for every event (fires orange, late service red, the others pale), the
// cursor at the current time with the time above it. Click or drag on it to scrub (key_handler.h);
// the keys step as before. HUD geometry in window pixels, origin bottom-left; the cursor and the
// filled part move in place each frame (no allocation), the ticks are rebuilt only on a resize.

#include <osg/Geode>
#include <osg/Geometry>
#include <osgText/Text>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

struct PixelRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< window pixels, origin bottom-left
};

class Timeline {
 public:
  /// Height of the strip the bar takes at the bottom of the window [px]; the HUD's legend and
  /// camera line stand above it.
  static constexpr float kStrip = 40.0f;

  Timeline(double duration_s, const std::vector<trace::Event>& events);

  [[nodiscard]] osg::Node* node() const { return geode_.get(); }
  void layout(int width, int height);
  /// Moves the cursor to `t_s`.
  void update(double t_s);
  /// The bar [px].
  [[nodiscard]] const PixelRect& bar() const { return bar_; }
  /// True when a press at (x, y) [px, origin bottom-left] grabs the bar (a few pixels around it count).
  [[nodiscard]] bool hit(float x, float y) const;
  /// The time under column x (clamped to the bar): duration × (x − x0) / (x1 − x0).
  [[nodiscard]] double time_at(float x) const;

 private:
  double duration_s_;
  std::vector<std::pair<double, trace::EventKind>> ticks_;
  PixelRect bar_;
  double shown_t_ = -1;
  long shown_second_ = -1;
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geometry> track_, moving_;
  osg::ref_ptr<osg::Vec3Array> moving_v_;
  osg::ref_ptr<osgText::Text> label_;
};

}  // namespace dtv
