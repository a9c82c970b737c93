#pragma once
// Everybody in one geometry: a point per person whose position and colour arrays are rewritten
// every frame (no node or transform per person), drawn as round sprites whose size follows the
// distance (a person is about kPersonSize_m across) and never drops below a few pixels. People
// are drawn after the translucent shells, so floors never tint them.

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Uniform>
#include <span>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

/// People are drawn this far above the floor they stand on [m] (their chest, not their feet).
inline constexpr float kPersonLift_m = 0.35f;
inline constexpr float kPersonSize_m = 0.9f;

class CrowdLayer {
 public:
  /// `staff[i]` marks staff (drawn larger).
  CrowdLayer(std::size_t people, std::span<const trace::PersonInfo> info);

  [[nodiscard]] osg::Node* node() const { return geode_.get(); }
  /// New positions [m] and states for everybody.
  void update(std::span<const trace::Vec3f> position, std::span<const trace::PersonState> state);
  /// Pixels per metre at unit distance: viewport height / (2 tan(fovy/2)).
  void set_pixels_per_metre(float px);

 private:
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geometry> geometry_;
  osg::ref_ptr<osg::Vec3Array> vertices_;
  osg::ref_ptr<osg::Vec4ubArray> colors_;
  osg::ref_ptr<osg::Uniform> scale_;
};

}  // namespace dtv
