#pragma once
// Congestion as colour: every stair drawn as a line along its dog-leg, coloured by the density of
// the people on it (persons per m² of its walking length × width) on Fruin's stairway levels of
// service (palette.h, kHeatRgb), grey when nobody is on it. Drawn over the shells and the crowd
// (no depth test) so that a congested stair shows from every camera. The colours change each frame
// from the trace's loads (trace format 2: Frame::on_link); a version-1 trace has no loads and shows
// every stair idle.

#include <osg/Geode>
#include <osg/Geometry>
#include <span>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

class HeatLayer {
 public:
  explicit HeatLayer(const trace::Scene& scene);

  [[nodiscard]] osg::Node* node() const { return geode_.get(); }
  /// Colours the stairs by `on_link` (people per link, ascending link index).
  void update(std::span<const trace::Load> on_link);
  /// Colours the stairs by their use so far (`--heat cumulative`): `person_s` per stair link in
  /// ascending link order (TraceStats::flights()), in person-seconds; palette.h cumulative_level.
  void update_cumulative(std::span<const double> person_s);
  /// The density level of link `l` shown now (0-5, palette::heat_level), or -1 when idle or not a stair.
  [[nodiscard]] int level(uint32_t link) const;
  /// Density [persons/m²] of a stair with `people` on it.
  [[nodiscard]] static float density(const trace::Link& l, uint32_t people);

 private:
  const trace::Scene& scene_;
  std::vector<uint32_t> stairs_;      // link indices drawn
  std::vector<int> slot_;             // per link: index into stairs_, or -1
  std::vector<int> level_;            // per stair drawn: level now (-1 idle)
  std::vector<int> now_;              // per stair drawn: the level being computed (kept: no allocation a frame)
  void apply();                       // level_ := now_, colours where they changed
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geometry> geometry_;
  osg::ref_ptr<osg::Vec4ubArray> colors_;
};

/// Vertices per stair in the heat layer (five segments along the dog-leg, two vertices each).
inline constexpr int kHeatVerticesPerStair = 10;

}  // namespace dtv
