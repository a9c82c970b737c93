#include "engine/world/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernel/assert.h"

namespace dt::geo {

double length(Vec2 a) { return std::hypot(a.x, a.y); }
double distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }
double distance(Vec3 a, Vec3 b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

Vec2 normalized(Vec2 a) {
  const double l = length(a);
  return l > 0 ? Vec2{a.x / l, a.y / l} : Vec2{};
}

double signed_area(std::span<const Vec2> polygon) {
  double twice = 0;
  for (std::size_t i = 0, n = polygon.size(); i < n; ++i) twice += cross(polygon[i], polygon[(i + 1) % n]);
  return twice / 2;
}

double area(std::span<const Vec2> polygon) { return std::fabs(signed_area(polygon)); }

Vec2 centroid(std::span<const Vec2> polygon) {
  const double a = signed_area(polygon);
  if (polygon.empty()) return {};
  if (std::fabs(a) < 1e-12) {  // degenerate: the vertex mean
    Vec2 m;
    for (const Vec2& p : polygon) m = m + p;
    return (1.0 / static_cast<double>(polygon.size())) * m;
  }
  double cx = 0, cy = 0;
  for (std::size_t i = 0, n = polygon.size(); i < n; ++i) {
    const Vec2 p = polygon[i], q = polygon[(i + 1) % n];
    const double c = cross(p, q);
    cx += (p.x + q.x) * c;
    cy += (p.y + q.y) * c;
  }
  return {cx / (6 * a), cy / (6 * a)};
}

Box bounding_box(std::span<const Vec2> points) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Box b{{kInf, kInf}, {-kInf, -kInf}};
  for (const Vec2& p : points) {
    b.min = {std::min(b.min.x, p.x), std::min(b.min.y, p.y)};
    b.max = {std::max(b.max.x, p.x), std::max(b.max.y, p.y)};
  }
  return b;
}

double project_on_segment(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 ab = b - a;
  const double l2 = dot(ab, ab);
  if (l2 <= 0) return 0;
  return std::clamp(dot(p - a, ab) / l2, 0.0, 1.0);
}

double distance_to_segment(Vec2 p, Vec2 a, Vec2 b) {
  const double t = project_on_segment(p, a, b);
  return distance(p, a + t * (b - a));
}

namespace {

// Orientation of c relative to the line a→b, with a tolerance scaled to the segment length.
int orientation(Vec2 a, Vec2 b, Vec2 c) {
  const double v = cross(b - a, c - a);
  const double scale = std::max(1.0, length(b - a) * length(c - a));
  if (std::fabs(v) <= 1e-12 * scale) return 0;
  return v > 0 ? 1 : -1;
}

bool on_segment(Vec2 p, Vec2 a, Vec2 b, double tolerance) { return distance_to_segment(p, a, b) <= tolerance; }

bool segments_touch(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
  const int o1 = orientation(a, b, c), o2 = orientation(a, b, d), o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  if (o1 != o2 && o3 != o4 && o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0) return true;
  constexpr double kTol = 1e-9;
  return on_segment(c, a, b, kTol) || on_segment(d, a, b, kTol) || on_segment(a, c, d, kTol) ||
         on_segment(b, c, d, kTol);
}

}  // namespace

double segment_distance(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
  if (segments_touch(a, b, c, d)) return 0;
  return std::min({distance_to_segment(a, c, d), distance_to_segment(b, c, d), distance_to_segment(c, a, b),
                   distance_to_segment(d, a, b)});
}

bool proper_crossing(Vec2 a, Vec2 b, Vec2 c, Vec2 d, double& t, double& u, double end_tolerance) {
  const Vec2 r = b - a, s = d - c;
  const double denom = cross(r, s);
  if (std::fabs(denom) < 1e-12 * std::max(1.0, length(r) * length(s))) return false;
  t = cross(c - a, s) / denom;
  u = cross(c - a, r) / denom;
  return t > end_tolerance && t < 1 - end_tolerance && u > end_tolerance && u < 1 - end_tolerance;
}

bool is_simple(std::span<const Vec2> polygon) {
  const std::size_t n = polygon.size();
  if (n < 3) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (distance(polygon[i], polygon[(i + 1) % n]) <= 1e-9) return false;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
      const Vec2 a = polygon[i], b = polygon[(i + 1) % n], c = polygon[j], d = polygon[(j + 1) % n];
      if (adjacent) {
        // Adjacent edges share one vertex; they must not fold back onto each other.
        const Vec2 shared = j == i + 1 ? b : a;
        const Vec2 p = j == i + 1 ? a : b, q = j == i + 1 ? d : c;
        if (orientation(p, shared, q) == 0 && dot(p - shared, q - shared) > 0) return false;
        continue;
      }
      if (segments_touch(a, b, c, d)) return false;
    }
  }
  return true;
}

namespace {

bool on_outline(Vec2 p, std::span<const Vec2> polygon, double tolerance) {
  for (std::size_t i = 0, n = polygon.size(); i < n; ++i)
    if (distance_to_segment(p, polygon[i], polygon[(i + 1) % n]) <= tolerance) return true;
  return false;
}

// Even-odd ray cast; the outline itself is handled by the callers.
bool ray_inside(Vec2 p, std::span<const Vec2> polygon) {
  bool in = false;
  for (std::size_t i = 0, n = polygon.size(), j = n - 1; i < n; j = i++) {
    const Vec2 a = polygon[i], b = polygon[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

}  // namespace

bool strictly_inside(Vec2 p, std::span<const Vec2> polygon, double tolerance) {
  return !on_outline(p, polygon, tolerance) && ray_inside(p, polygon);
}

bool inside_or_on(Vec2 p, std::span<const Vec2> polygon, double tolerance) {
  return on_outline(p, polygon, tolerance) || ray_inside(p, polygon);
}

bool interiors_overlap(std::span<const Vec2> a, std::span<const Vec2> b) {
  const std::size_t na = a.size(), nb = b.size();
  if (na < 3 || nb < 3) return false;
  // Edges that cross properly mean shared interior.
  for (std::size_t i = 0; i < na; ++i)
    for (std::size_t j = 0; j < nb; ++j) {
      double t = 0, u = 0;
      if (proper_crossing(a[i], a[(i + 1) % na], b[j], b[(j + 1) % nb], t, u, 1e-9)) return true;
    }
  // No proper crossing: one is inside the other, or they only touch. Probe vertices and edge
  // midpoints of each against the other (a shared wall leaves every probe on the outline).
  auto probes_inside = [](std::span<const Vec2> p, std::span<const Vec2> q) {
    for (std::size_t i = 0, n = p.size(); i < n; ++i) {
      const Vec2 mid = 0.5 * (p[i] + p[(i + 1) % n]);
      if (strictly_inside(p[i], q, 1e-7) || strictly_inside(mid, q, 1e-7)) return true;
    }
    const Vec2 c = centroid(p);  // catches identical outlines
    return strictly_inside(c, q, 1e-7) && strictly_inside(c, p, 1e-7);
  };
  return probes_inside(a, b) || probes_inside(b, a);
}

double outline_distance(std::span<const Vec2> a, std::span<const Vec2> b) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0, na = a.size(); i < na; ++i)
    for (std::size_t j = 0, nb = b.size(); j < nb; ++j)
      best = std::min(best, segment_distance(a[i], a[(i + 1) % na], b[j], b[(j + 1) % nb]));
  return best;
}

OutlinePoint nearest_outline_point(Vec2 p, std::span<const Vec2> polygon) {
  DT_ASSERT(polygon.size() >= 3, "outline of a polygon with fewer than 3 points");
  OutlinePoint best;
  best.distance = std::numeric_limits<double>::infinity();
  const double orient = signed_area(polygon) >= 0 ? 1.0 : -1.0;
  for (std::size_t i = 0, n = polygon.size(); i < n; ++i) {
    const Vec2 a = polygon[i], b = polygon[(i + 1) % n];
    const double t = project_on_segment(p, a, b);
    const Vec2 q = a + t * (b - a);
    const double d = distance(p, q);
    if (d < best.distance - 1e-12) {
      const Vec2 dir = normalized(b - a);
      // For a counter-clockwise outline the interior is on the left: outward is the right normal.
      best = OutlinePoint{q, orient * Vec2{dir.y, -dir.x}, d};
    }
  }
  return best;
}

Polyline::Polyline(std::vector<Vec2> points) : points_(std::move(points)) {
  cumulative_.reserve(points_.size());
  double s = 0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    if (i > 0) s += distance(points_[i - 1], points_[i]);
    cumulative_.push_back(s);
  }
}

std::size_t Polyline::segment_at(double s) const {
  DT_ASSERT(points_.size() >= 2, "polyline with fewer than 2 points");
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), s);
  std::size_t i = it == cumulative_.begin() ? 0 : static_cast<std::size_t>(it - cumulative_.begin()) - 1;
  return std::min(i, points_.size() - 2);
}

Vec2 Polyline::at(double s) const {
  if (points_.size() == 1) return points_[0];
  s = std::clamp(s, 0.0, length());
  const std::size_t i = segment_at(s);
  const double seg = cumulative_[i + 1] - cumulative_[i];
  const double t = seg > 0 ? (s - cumulative_[i]) / seg : 0.0;
  return points_[i] + t * (points_[i + 1] - points_[i]);
}

Vec2 Polyline::direction(double s) const {
  if (points_.size() < 2) return {1, 0};
  std::size_t i = segment_at(std::clamp(s, 0.0, length()));
  // Skip zero-length segments.
  while (i + 2 < points_.size() && distance(points_[i], points_[i + 1]) <= 0) ++i;
  return normalized(points_[i + 1] - points_[i]);
}

double Polyline::project(Vec2 p) const {
  if (points_.size() < 2) return 0;
  double best_d = std::numeric_limits<double>::infinity(), best_s = 0;
  for (std::size_t i = 0; i + 1 < points_.size(); ++i) {
    const double t = project_on_segment(p, points_[i], points_[i + 1]);
    const Vec2 q = points_[i] + t * (points_[i + 1] - points_[i]);
    const double d = distance(p, q);
    if (d < best_d - 1e-12) {
      best_d = d;
      best_s = cumulative_[i] + t * (cumulative_[i + 1] - cumulative_[i]);
    }
  }
  return best_s;
}

}  // namespace dt::geo
