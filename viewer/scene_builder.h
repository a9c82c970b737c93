#pragma once
// The static part of the picture, built once from a trace::Scene: the site and its paths, gates
// and assembly points; building shells (translucent walls) with see-through floor slabs and an
// outline at every floor; stair flights (dog-legs, as people walk them); elevator shafts; the
// navigation network and the sensors (both toggled). A few geometries in all, whatever the size
// of the compound.

#include <osg/Geometry>
#include <osg/Group>
#include <osg/Switch>
#include <optional>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

struct StaticScene {
  osg::ref_ptr<osg::Group> root;
  osg::ref_ptr<osg::Switch> shells;   ///< walls and floor slabs
  /// Per building (Scene::buildings order): its walls, slabs and outlines, to fade one by one.
  std::vector<osg::ref_ptr<osg::Geode>> building_shells;
  osg::ref_ptr<osg::Switch> network;  ///< nodes and links
  osg::ref_ptr<osg::Switch> sensors;
};

/// `roof_tints` (per building, may be empty): an opaque roof in that colour (buildings coloured
/// by access time).
[[nodiscard]] StaticScene build_static_scene(const trace::Scene& scene,
                                             const std::vector<std::optional<osg::Vec4>>& roof_tints = {});

/// Triangles (three vertices each) covering a simple polygon, convex or not.
[[nodiscard]] std::vector<osg::Vec2f> triangulate(const std::vector<trace::Vec2f>& outline);

/// Colour batches: triangles, lines or points with one colour per vertex.
class Batch {
 public:
  Batch();
  void tri(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec3f& c, const osg::Vec4& color);
  void quad(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec3f& c, const osg::Vec3f& d, const osg::Vec4& color);
  void line(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec4& color);
  void point(const osg::Vec3f& p, const osg::Vec4& color);
  /// A flat box (four sides and a top) around `centre`, `size` wide, from z0 to z1.
  void box(const osg::Vec3f& centre, float size_x, float size_y, float z0, float z1, const osg::Vec4& color);
  [[nodiscard]] bool empty() const { return v_->empty(); }
  [[nodiscard]] osg::ref_ptr<osg::Geometry> geometry(GLenum mode) const;

 private:
  osg::ref_ptr<osg::Vec3Array> v_;
  osg::ref_ptr<osg::Vec4Array> c_;
};

/// Blending on, depth writes off, drawn after the opaque geometry in depth-sorted order.
void make_transparent(osg::StateSet* ss);

}  // namespace dtv
