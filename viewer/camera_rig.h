#pragma once
// Camera presets: the whole site, one building, one floor of a building (seen from above, with
// everything over that floor clipped away). The view depends only on the scene, so a screenshot
// of a given preset is the same every time.

#include <osg/Matrixd>
#include <osg/Vec3d>
#include <limits>
#include <string>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

enum class Preset { Site, Building, Floor };

[[nodiscard]] const char* to_string(Preset p) noexcept;

struct View {
  osg::Vec3d eye, center, up{0, 0, 1};
  double distance_m = 100;                                   ///< eye to centre [m]
  double clip_above_m = std::numeric_limits<double>::infinity();  ///< nothing above this height is drawn [m]
  double clip_below_m = -std::numeric_limits<double>::infinity(); ///< nothing below this height is drawn [m]
};

class CameraRig {
 public:
  static constexpr double kFovY_deg = 40.0;

  explicit CameraRig(const trace::Scene& scene);

  /// The view of `preset` for building `building` (index) and floor `floor` (1 = ground).
  [[nodiscard]] View view(Preset preset, int building, int floor) const;
  /// Projection for a viewport of `aspect` (width / height) looking at `v`.
  [[nodiscard]] osg::Matrixd projection(const View& v, double aspect) const;

  [[nodiscard]] int buildings() const noexcept { return static_cast<int>(scene_.buildings.size()); }
  [[nodiscard]] int floors(int building) const noexcept;

 private:
  const trace::Scene& scene_;
  osg::Vec3d site_center_;
  double site_radius_ = 50;
};

}  // namespace dtv
