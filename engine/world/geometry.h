#pragma once
// Plane geometry for layouts: points, polylines and simple polygons in metres.
//
// Small and exact enough for site plans (tens to hundreds of metres); tolerances are explicit
// arguments where they matter. Polygons are lists of vertices without the closing repeat.

#include <cstddef>
#include <span>
#include <vector>

#include "engine/world/layout.h"

namespace dt {

[[nodiscard]] inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
[[nodiscard]] inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
[[nodiscard]] inline Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }

}  // namespace dt

namespace dt::geo {

[[nodiscard]] inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
[[nodiscard]] inline double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
[[nodiscard]] double length(Vec2 a);
[[nodiscard]] double distance(Vec2 a, Vec2 b);
[[nodiscard]] double distance(Vec3 a, Vec3 b);
/// `a` scaled to length 1 ({0, 0} stays {0, 0}).
[[nodiscard]] Vec2 normalized(Vec2 a);
/// `a` turned 90° counter-clockwise.
[[nodiscard]] inline Vec2 left_normal(Vec2 a) { return {-a.y, a.x}; }

/// Signed area: > 0 for counter-clockwise vertices [m²].
[[nodiscard]] double signed_area(std::span<const Vec2> polygon);
[[nodiscard]] double area(std::span<const Vec2> polygon);
[[nodiscard]] Vec2 centroid(std::span<const Vec2> polygon);

struct Box {
  Vec2 min, max;
};
[[nodiscard]] Box bounding_box(std::span<const Vec2> points);

/// No two non-adjacent edges touch and no edge has zero length.
[[nodiscard]] bool is_simple(std::span<const Vec2> polygon);
/// Strictly inside (points on the outline, within `tolerance`, are not inside).
[[nodiscard]] bool strictly_inside(Vec2 p, std::span<const Vec2> polygon, double tolerance = 1e-9);
/// Inside or on the outline (within `tolerance`).
[[nodiscard]] bool inside_or_on(Vec2 p, std::span<const Vec2> polygon, double tolerance = 1e-9);
/// The interiors of two simple polygons share area (touching outlines do not count).
[[nodiscard]] bool interiors_overlap(std::span<const Vec2> a, std::span<const Vec2> b);
/// Shortest distance between the outlines of two polygons that do not overlap [m].
[[nodiscard]] double outline_distance(std::span<const Vec2> a, std::span<const Vec2> b);

/// Closest point of segment [a, b] to p, as the parameter t in [0, 1].
[[nodiscard]] double project_on_segment(Vec2 p, Vec2 a, Vec2 b);
[[nodiscard]] double distance_to_segment(Vec2 p, Vec2 a, Vec2 b);
[[nodiscard]] double segment_distance(Vec2 a, Vec2 b, Vec2 c, Vec2 d);
/// Parameters (t on [a, b], u on [c, d]) where the open segments cross properly; false when
/// they are parallel or only touch at an end (within `end_tolerance` of the parameter range).
[[nodiscard]] bool proper_crossing(Vec2 a, Vec2 b, Vec2 c, Vec2 d, double& t, double& u, double end_tolerance = 1e-9);

/// The outline point nearest to p, and the outward unit normal of the edge it lies on
/// (the polygon may be given in either orientation).
struct OutlinePoint {
  Vec2 point;
  Vec2 outward;
  double distance = 0;  ///< from p [m]
};
[[nodiscard]] OutlinePoint nearest_outline_point(Vec2 p, std::span<const Vec2> polygon);

/// A polyline parameterised by arc length.
class Polyline {
 public:
  Polyline() = default;
  explicit Polyline(std::vector<Vec2> points);

  [[nodiscard]] double length() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }
  [[nodiscard]] const std::vector<Vec2>& points() const { return points_; }
  /// Point at arc length s (clamped to [0, length]).
  [[nodiscard]] Vec2 at(double s) const;
  /// Unit direction of the segment at arc length s.
  [[nodiscard]] Vec2 direction(double s) const;
  /// Arc length of the point of the polyline nearest to p.
  [[nodiscard]] double project(Vec2 p) const;

 private:
  [[nodiscard]] std::size_t segment_at(double s) const;
  std::vector<Vec2> points_;
  std::vector<double> cumulative_;  // arc length at each vertex
};

}  // namespace dt::geo
