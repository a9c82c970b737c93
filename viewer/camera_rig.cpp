#include "viewer/camera_rig.h"

#include <algorithm>
#include <cmath>

namespace dtv {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Presets look from the south-south-west (the compound's blocks face south).
constexpr double kAzimuth_deg = -70.0;  // direction from the centre to the eye, counter-clockwise from +x
constexpr double kSiteElevation_deg = 48.0;
constexpr double kBuildingElevation_deg = 28.0;
constexpr double kFloorElevation_deg = 62.0;

osg::Vec3d from_angles(double azimuth_deg, double elevation_deg) {
  const double a = azimuth_deg * kPi / 180, e = elevation_deg * kPi / 180;
  return {std::cos(e) * std::cos(a), std::cos(e) * std::sin(a), std::sin(e)};
}

struct Box2 {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(double x, double y) {
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
  }
  [[nodiscard]] bool empty() const { return x0 > x1; }
};

View look(const osg::Vec3d& center, double radius, double elevation_deg) {
  View v;
  v.center = center;
  const double half = CameraRig::kFovY_deg / 2 * kPi / 180;
  v.distance_m = std::max(radius, 2.0) / std::sin(half) * 1.05;
  v.eye = center + from_angles(kAzimuth_deg, elevation_deg) * v.distance_m;
  return v;
}

}  // namespace

const char* to_string(Preset p) noexcept {
  switch (p) {
    case Preset::Site: return "site";
    case Preset::Building: return "building";
    case Preset::Floor: return "floor";
  }
  return "?";
}

CameraRig::CameraRig(const trace::Scene& scene) : scene_(scene) {
  Box2 box;
  double top = 0;
  for (const trace::Vec2f& p : scene.site) box.add(p.x, p.y);
  for (const trace::Building& b : scene.buildings) {
    for (const trace::Vec2f& p : b.outline) box.add(p.x, p.y);
    if (!b.elevation_m.empty()) top = std::max(top, static_cast<double>(b.elevation_m.back()));
  }
  for (const trace::Node& n : scene.nodes) box.add(n.position.x, n.position.y);
  if (box.empty()) box = {-10, -10, 10, 10};
  site_center_.set((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, top / 4);
  site_radius_ = 0.5 * std::hypot(box.x1 - box.x0, box.y1 - box.y0);
}

int CameraRig::floors(int building) const noexcept {
  if (building < 0 || building >= buildings()) return 1;
  return std::max(1, scene_.buildings[static_cast<std::size_t>(building)].floors());
}

View CameraRig::view(Preset preset, int building, int floor) const {
  // The site's bounding circle seen from 48° up is wider than the site looks: 0.85 of it fits.
  if (preset == Preset::Site || building < 0 || building >= buildings())
    return look(site_center_, 0.85 * site_radius_, kSiteElevation_deg);
  const trace::Building& b = scene_.buildings[static_cast<std::size_t>(building)];
  Box2 box;
  for (const trace::Vec2f& p : b.outline) box.add(p.x, p.y);
  if (box.empty()) return look(site_center_, site_radius_, kSiteElevation_deg);
  const double cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
  const double half_diag = 0.5 * std::hypot(box.x1 - box.x0, box.y1 - box.y0);
  const double height = b.elevation_m.empty() ? 3.0 : static_cast<double>(b.elevation_m.back());
  if (preset == Preset::Building)
    return look({cx, cy, height / 2}, std::max(half_diag, height / 2) * 1.1, kBuildingElevation_deg);
  const int f = std::clamp(floor, 1, std::max(1, b.floors()));
  const double z = b.elevation_m[static_cast<std::size_t>(f - 1)];
  View v = look({cx, cy, z + 1.0}, half_diag * 1.1, kFloorElevation_deg);
  // Cut just below the next slab: the floor's people and walls stay, the floors above go.
  const double next =
      static_cast<std::size_t>(f) < b.elevation_m.size() ? static_cast<double>(b.elevation_m[static_cast<std::size_t>(f)]) : z + 3;
  v.clip_above_m = next - 0.05;
  // ... and just below this floor's slab: the floors below do not show through it (the ground
  // floor keeps the ground and the site around it).
  if (f > 1) v.clip_below_m = z - 0.3;
  return v;
}

osg::Matrixd CameraRig::projection(const View& v, double aspect) const {
  const double near_m = std::max(0.5, v.distance_m / 200), far_m = v.distance_m * 4 + 2 * site_radius_;
  return osg::Matrixd::perspective(kFovY_deg, aspect, near_m, far_m);
}

}  // namespace dtv
