#pragma once
// The stair panel (`--panel stairs`, key g): for the building of the camera, a chart of the people
// on each of its stairs (on its flights or queuing on its landings) over the whole drill, the
// kMaxStairs busiest of them, one colour each, with a cursor at the current time. HUD geometry in
// window pixels, origin bottom-left, to the right above the camera line; the curves are rebuilt
// when the building changes, the cursor moves in place each frame.

#include <osg/Geode>
#include <osg/Geometry>
#include <osgText/Text>
#include <string>
#include <vector>

#include "viewer/timeline.h"
#include "viewer/trace_stats.h"

namespace dtv {

class StairPanel {
 public:
  static constexpr std::size_t kMaxStairs = 4;
  static constexpr float kPlotWidth = 360.0f, kPlotHeight = 110.0f;
  /// Curve colours, by rank (the busiest stair first).
  static constexpr unsigned char kCurveRgb[kMaxStairs][3] = {{90, 200, 255}, {255, 110, 200}, {170, 230, 90}, {215, 215, 215}};

  StairPanel(const TraceStats& stats, double duration_s);

  [[nodiscard]] osg::Node* node() const { return geode_.get(); }
  /// The building whose stairs are drawn (index into the scene's buildings).
  void set_building(int b);
  void layout(int width, int height, float bottom);
  void update(double t_s);
  /// The plot area [px, origin bottom-left]: time 0 at x0, the end at x1; 0 people at y0.
  [[nodiscard]] const PixelRect& plot() const { return plot_; }
  void set_visible(bool on) { geode_->setNodeMask(on ? ~0u : 0u); }
  [[nodiscard]] bool visible() const { return geode_->getNodeMask() != 0; }
  /// The stairs drawn (indices into TraceStats::stairs()), busiest first.
  [[nodiscard]] const std::vector<std::size_t>& shown() const { return shown_; }

 private:
  void rebuild();

  const TraceStats& stats_;
  double duration_s_;
  int building_ = -1;
  std::vector<std::size_t> shown_;
  float ymax_ = 1;
  PixelRect plot_;
  double shown_t_ = -1;
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geometry> frame_, curves_, cursor_;
  osg::ref_ptr<osg::Vec3Array> cursor_v_;
  osg::ref_ptr<osgText::Text> title_;
  std::vector<osg::ref_ptr<osgText::Text>> names_;
};

}  // namespace dtv
