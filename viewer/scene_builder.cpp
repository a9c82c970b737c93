#include "viewer/scene_builder.h"

#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/LineWidth>
#include <osg/Point>
#include <osg/TriangleFunctor>
#include <osgUtil/Tessellator>

#include <algorithm>
#include <cmath>
#include <limits>

#include "viewer/palette.h"

namespace dtv {

namespace {

constexpr float kGroundZ = -0.05f;   // the site fill, just below paths and people
constexpr float kPathZ = 0.0f;
constexpr float kPadZ = 0.02f;       // assembly points and gates
constexpr float kShaftSide_m = 2.0f;
constexpr float kSensorHeight_m = 2.5f;  // drawn at ceiling height above the node
constexpr float kNetworkLift_m = 0.05f;

osg::Vec3f v3(const trace::Vec3f& p, float dz = 0) { return {p.x, p.y, p.z + dz}; }

osg::Vec4 shade(const osg::Vec4& c, float f) { return {c.r() * f, c.g() * f, c.b() * f, c.a()}; }

osg::Vec4 link_color(trace::LinkKind k) {
  switch (k) {
    case trace::LinkKind::Door: return {0.75f, 0.75f, 0.75f, 1};
    case trace::LinkKind::Opening: return {0.55f, 0.62f, 0.75f, 1};
    case trace::LinkKind::Stair: return {1.0f, 0.80f, 0.30f, 1};
    case trace::LinkKind::Elevator: return {0.72f, 0.52f, 1.0f, 1};
    case trace::LinkKind::Path: return {0.60f, 0.82f, 0.60f, 1};
    case trace::LinkKind::Exit: return {0.30f, 1.0f, 0.40f, 1};
  }
  return {1, 1, 1, 1};
}

osg::Vec4 node_color(trace::NodeKind k) {
  switch (k) {
    case trace::NodeKind::Unit: return {0.50f, 0.70f, 1.0f, 1};
    case trace::NodeKind::Corridor: return {0.85f, 0.85f, 0.85f, 1};
    case trace::NodeKind::StairLanding: return {1.0f, 0.80f, 0.30f, 1};
    case trace::NodeKind::GroundLobby: return {0.95f, 0.92f, 0.60f, 1};
    case trace::NodeKind::Outdoor: return {0.60f, 0.82f, 0.60f, 1};
    case trace::NodeKind::Gate: return {1.0f, 1.0f, 0.40f, 1};
    case trace::NodeKind::AssemblyPoint: return {0.30f, 1.0f, 0.40f, 1};
    case trace::NodeKind::Store: return {1.0f, 0.50f, 0.80f, 1};
    case trace::NodeKind::ElevatorCar: return {0.72f, 0.52f, 1.0f, 1};
  }
  return {1, 1, 1, 1};
}

osg::Vec4 sensor_color(trace::SensorKind k) {
  switch (k) {
    case trace::SensorKind::SmokeDetector: return {0.85f, 0.85f, 0.85f, 1};
    case trace::SensorKind::HeatDetector: return {1.0f, 0.55f, 0.15f, 1};
    case trace::SensorKind::Camera: return {0.20f, 0.90f, 0.95f, 1};
    case trace::SensorKind::WaterLeak: return {0.25f, 0.45f, 1.0f, 1};
    case trace::SensorKind::ElevatorFault: return {0.72f, 0.52f, 1.0f, 1};
    case trace::SensorKind::ManualCallPoint: return {1.0f, 0.2f, 0.2f, 1};
  }
  return {1.0f, 1.0f, 1.0f, 1};  // kinds added later
}

struct TriangleCollector {
  std::vector<osg::Vec2f>* out = nullptr;
  void operator()(const osg::Vec3& a, const osg::Vec3& b, const osg::Vec3& c) const {
    out->push_back({a.x(), a.y()});
    out->push_back({b.x(), b.y()});
    out->push_back({c.x(), c.y()});
  }
};

osg::ref_ptr<osg::Geode> geode_of(std::initializer_list<osg::ref_ptr<osg::Geometry>> parts) {
  osg::ref_ptr<osg::Geode> g = new osg::Geode;
  for (const auto& p : parts)
    if (p) g->addDrawable(p.get());
  return g;
}

// --- the site ---------------------------------------------------------------------------------

osg::ref_ptr<osg::Node> build_site(const trace::Scene& s) {
  Batch ground, paths, pads, edge;
  std::vector<trace::Vec2f> site = s.site;
  if (site.size() < 3) {  // no boundary: the box around everything, 20 m wider
    float x0 = std::numeric_limits<float>::max(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const trace::Node& n : s.nodes) {
      x0 = std::min(x0, n.position.x);
      y0 = std::min(y0, n.position.y);
      x1 = std::max(x1, n.position.x);
      y1 = std::max(y1, n.position.y);
    }
    for (const trace::Building& b : s.buildings)
      for (const trace::Vec2f& p : b.outline) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
      }
    if (x0 > x1) x0 = y0 = -10, x1 = y1 = 10;
    const float m = 20;
    site = {{x0 - m, y0 - m}, {x1 + m, y0 - m}, {x1 + m, y1 + m}, {x0 - m, y1 + m}};
  } else {
    for (std::size_t i = 0; i < site.size(); ++i) {
      const trace::Vec2f a = site[i], b = site[(i + 1) % site.size()];
      edge.line({a.x, a.y, 0.3f}, {b.x, b.y, 0.3f}, palette::kSiteEdge);
    }
  }
  const std::vector<osg::Vec2f> tris = triangulate(site);
  for (std::size_t i = 0; i + 2 < tris.size(); i += 3)
    ground.tri({tris[i], kGroundZ}, {tris[i + 1], kGroundZ}, {tris[i + 2], kGroundZ}, palette::kGround);

  // Outdoor links as strips of their width; joints filled with a square at each end.
  for (const trace::Link& l : s.links) {
    if (l.kind != trace::LinkKind::Path) continue;
    const trace::Vec3f& a = s.nodes[l.a].position;
    const trace::Vec3f& b = s.nodes[l.b].position;
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len < 1e-3f) continue;
    const float hw = std::max(l.width_m, 1.0f) / 2;
    const float nx = -dy / len * hw, ny = dx / len * hw;
    paths.quad({a.x + nx, a.y + ny, kPathZ}, {a.x - nx, a.y - ny, kPathZ}, {b.x - nx, b.y - ny, kPathZ},
               {b.x + nx, b.y + ny, kPathZ}, palette::kPath);
    for (const trace::Vec3f* e : {&a, &b})
      paths.quad({e->x - hw, e->y - hw, kPathZ}, {e->x + hw, e->y - hw, kPathZ}, {e->x + hw, e->y + hw, kPathZ},
                 {e->x - hw, e->y + hw, kPathZ}, palette::kPath);
  }
  for (const trace::Node& n : s.nodes) {
    if (n.kind != trace::NodeKind::AssemblyPoint && n.kind != trace::NodeKind::Gate && n.kind != trace::NodeKind::Store)
      continue;
    const float h = std::sqrt(std::max(n.area_m2, 4.0f)) / 2;
    const osg::Vec4 c = n.kind == trace::NodeKind::AssemblyPoint ? palette::kAssembly
                        : n.kind == trace::NodeKind::Gate       ? palette::kGate
                                                                : node_color(n.kind);
    const float z = n.position.z + kPadZ;
    pads.quad({n.position.x - h, n.position.y - h, z}, {n.position.x + h, n.position.y - h, z},
              {n.position.x + h, n.position.y + h, z}, {n.position.x - h, n.position.y + h, z}, c);
  }
  osg::ref_ptr<osg::Geode> g =
      geode_of({ground.geometry(GL_TRIANGLES), paths.empty() ? nullptr : paths.geometry(GL_TRIANGLES),
                pads.empty() ? nullptr : pads.geometry(GL_TRIANGLES), edge.empty() ? nullptr : edge.geometry(GL_LINES)});
  g->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(2.0f));
  return g;
}

// --- buildings ---------------------------------------------------------------------------------

void add_stair(const trace::Scene& s, const trace::Link& l, Batch& out) {
  const trace::Vec3f& a = s.nodes[l.a].position;
  const trace::Vec3f& b = s.nodes[l.b].position;
  const float run = std::hypot(l.run.x, l.run.y);
  if (run <= 0 || a.z == b.z) return;
  const trace::Vec3f& lo = a.z < b.z ? a : b;
  const float z0 = std::min(a.z, b.z), z1 = std::max(a.z, b.z), zm = (z0 + z1) / 2;
  const osg::Vec2f r(l.run.x, l.run.y), rh = r / run, n(-rh.y(), rh.x());
  const osg::Vec2f o(lo.x, lo.y);
  const float hw = l.width_m / 2;
  auto at = [&](float along, float side, float z) {
    const osg::Vec2f p = o + rh * along + n * side;
    return osg::Vec3f(p.x(), p.y(), z);
  };
  out.quad(at(0, -hw, z0), at(0, 0, z0), at(run, 0, zm), at(run, -hw, zm), palette::kStair);
  out.quad(at(run, 0, zm), at(run, hw, zm), at(0, hw, z1), at(0, 0, z1), shade(palette::kStair, 0.8f));
  out.quad(at(run, -hw, zm), at(run, hw, zm), at(run + hw, hw, zm), at(run + hw, -hw, zm), shade(palette::kStair, 0.9f));
}

// One geode per building (so that the building camera can fade the others), in `out`.
osg::ref_ptr<osg::Node> build_shells(const trace::Scene& s, std::vector<osg::ref_ptr<osg::Geode>>& out,
                                     const std::vector<std::optional<osg::Vec4>>& roof_tints) {
  osg::ref_ptr<osg::Group> group = new osg::Group;
  for (std::size_t bi = 0; bi < s.buildings.size(); ++bi) {
    const trace::Building& b = s.buildings[bi];
    const std::optional<osg::Vec4> tint = bi < roof_tints.size() ? roof_tints[bi] : std::nullopt;
    Batch walls, slabs, lines;
    osg::ref_ptr<osg::Geode> empty = new osg::Geode;
    if (b.outline.size() < 3 || b.elevation_m.empty()) {
      out.push_back(empty);
      continue;
    }
    const float roof = b.elevation_m.back();
    const std::size_t n = b.outline.size();
    for (std::size_t i = 0; i < n; ++i) {
      const trace::Vec2f p = b.outline[i], q = b.outline[(i + 1) % n];
      const float dx = q.x - p.x, dy = q.y - p.y, len = std::hypot(dx, dy);
      if (len < 1e-4f) continue;
      // A little fake light so that the faces of a block read apart.
      const float f = 0.75f + 0.25f * std::fabs((dy * 0.6f - dx * 0.8f) / len);
      walls.quad({p.x, p.y, 0}, {q.x, q.y, 0}, {q.x, q.y, roof}, {p.x, p.y, roof}, shade(palette::kWall, f));
    }
    const std::vector<osg::Vec2f> tris = triangulate(b.outline);
    for (std::size_t f = 1; f < b.elevation_m.size(); ++f) {  // floors 2.. and the roof
      const float z = b.elevation_m[f];
      const bool roof_slab = f + 1 == b.elevation_m.size();
      const osg::Vec4 c = roof_slab && tint ? osg::Vec4(tint->r(), tint->g(), tint->b(), 0.92f)
                          : roof_slab       ? osg::Vec4(palette::kSlab.r(), palette::kSlab.g(), palette::kSlab.b(), 0.14f)
                                            : palette::kSlab;
      for (std::size_t i = 0; i + 2 < tris.size(); i += 3) slabs.tri({tris[i], z}, {tris[i + 1], z}, {tris[i + 2], z}, c);
    }
    for (std::size_t f = 0; f < b.elevation_m.size(); ++f) {
      const float z = b.elevation_m[f] + 0.02f;
      const osg::Vec4& c = f + 1 == b.elevation_m.size() ? palette::kRoofLine : palette::kFloorLine;
      for (std::size_t i = 0; i < n; ++i) {
        const trace::Vec2f p = b.outline[i], q = b.outline[(i + 1) % n];
        lines.line({p.x, p.y, z}, {q.x, q.y, z}, c);
      }
    }
    for (std::size_t i = 0; i < n; ++i) lines.line({b.outline[i].x, b.outline[i].y, 0}, {b.outline[i].x, b.outline[i].y, roof}, palette::kRoofLine);
    osg::ref_ptr<osg::Geode> g = geode_of({walls.empty() ? nullptr : walls.geometry(GL_TRIANGLES),
                                           slabs.empty() ? nullptr : slabs.geometry(GL_TRIANGLES),
                                           lines.empty() ? nullptr : lines.geometry(GL_LINES)});
    make_transparent(g->getOrCreateStateSet());
    group->addChild(g);
    out.push_back(g);
  }
  return group;
}

osg::ref_ptr<osg::Node> build_cores(const trace::Scene& s) {
  Batch stairs, shafts;
  for (const trace::Link& l : s.links)
    if (l.kind == trace::LinkKind::Stair) add_stair(s, l, stairs);
  for (const trace::Building& b : s.buildings)
    for (const trace::ElevatorShaft& e : b.elevators) {
      const int floors = b.floors();
      const auto lo = static_cast<std::size_t>(std::clamp<int>(e.lowest - 1, 0, floors));
      const auto hi = static_cast<std::size_t>(std::clamp<int>(e.highest, 0, floors));
      shafts.box({e.at.x, e.at.y, 0}, kShaftSide_m, kShaftSide_m, b.elevation_m[lo], b.elevation_m[hi], palette::kShaft);
    }
  osg::ref_ptr<osg::Group> g = new osg::Group;
  if (!stairs.empty()) g->addChild(geode_of({stairs.geometry(GL_TRIANGLES)}));
  if (!shafts.empty()) {
    osg::ref_ptr<osg::Geode> sg = geode_of({shafts.geometry(GL_TRIANGLES)});
    make_transparent(sg->getOrCreateStateSet());
    g->addChild(sg);
  }
  return g;
}

osg::ref_ptr<osg::Node> build_network(const trace::Scene& s) {
  Batch links, nodes;
  for (const trace::Link& l : s.links) {
    const osg::Vec4 c = link_color(l.kind);
    if (l.kind == trace::LinkKind::Stair && (l.run.x != 0 || l.run.y != 0)) {
      const float us[] = {0.0f, 0.4999f, 0.5001f, 1.0f};
      for (int k = 0; k < 3; ++k)
        links.line(v3(trace::link_point(s, l, us[k], 0), kNetworkLift_m), v3(trace::link_point(s, l, us[k + 1], 0), kNetworkLift_m), c);
      continue;
    }
    links.line(v3(s.nodes[l.a].position, kNetworkLift_m), v3(s.nodes[l.b].position, kNetworkLift_m), c);
  }
  for (const trace::Node& n : s.nodes) nodes.point(v3(n.position, kNetworkLift_m), node_color(n.kind));
  osg::ref_ptr<osg::Geode> g = geode_of({links.empty() ? nullptr : links.geometry(GL_LINES),
                                         nodes.empty() ? nullptr : nodes.geometry(GL_POINTS)});
  g->getOrCreateStateSet()->setAttributeAndModes(new osg::Point(4.0f));
  g->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(1.5f));
  return g;
}

osg::ref_ptr<osg::Node> build_sensors(const trace::Scene& s) {
  Batch pts;
  for (const trace::Sensor& x : s.sensors) pts.point(v3(x.position, kSensorHeight_m), sensor_color(x.kind));
  osg::ref_ptr<osg::Geode> g = geode_of({pts.empty() ? nullptr : pts.geometry(GL_POINTS)});
  g->getOrCreateStateSet()->setAttributeAndModes(new osg::Point(6.0f));
  return g;
}

}  // namespace

// --- Batch ---------------------------------------------------------------------------------------

Batch::Batch() : v_(new osg::Vec3Array), c_(new osg::Vec4Array) {}

void Batch::tri(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec3f& c, const osg::Vec4& color) {
  v_->push_back(a);
  v_->push_back(b);
  v_->push_back(c);
  c_->insert(c_->end(), 3, color);
}

void Batch::quad(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec3f& c, const osg::Vec3f& d,
                 const osg::Vec4& color) {
  tri(a, b, c, color);
  tri(a, c, d, color);
}

void Batch::line(const osg::Vec3f& a, const osg::Vec3f& b, const osg::Vec4& color) {
  v_->push_back(a);
  v_->push_back(b);
  c_->insert(c_->end(), 2, color);
}

void Batch::point(const osg::Vec3f& p, const osg::Vec4& color) {
  v_->push_back(p);
  c_->push_back(color);
}

void Batch::box(const osg::Vec3f& m, float sx, float sy, float z0, float z1, const osg::Vec4& color) {
  const float x0 = m.x() - sx / 2, x1 = m.x() + sx / 2, y0 = m.y() - sy / 2, y1 = m.y() + sy / 2;
  quad({x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}, color);
  quad({x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}, shade(color, 0.85f));
  quad({x1, y1, z0}, {x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}, color);
  quad({x0, y1, z0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, shade(color, 0.85f));
  quad({x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, shade(color, 1.1f));
}

osg::ref_ptr<osg::Geometry> Batch::geometry(GLenum mode) const {
  osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
  g->setVertexArray(v_.get());
  g->setColorArray(c_.get(), osg::Array::BIND_PER_VERTEX);
  g->addPrimitiveSet(new osg::DrawArrays(mode, 0, static_cast<GLsizei>(v_->size())));
  g->setUseDisplayList(false);
  g->setUseVertexBufferObjects(true);
  return g;
}

void make_transparent(osg::StateSet* ss) {
  ss->setMode(GL_BLEND, osg::StateAttribute::ON);
  ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
  ss->setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, false));
  ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
}

std::vector<osg::Vec2f> triangulate(const std::vector<trace::Vec2f>& outline) {
  std::vector<osg::Vec2f> out;
  if (outline.size() < 3) return out;
  osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
  osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
  for (const trace::Vec2f& p : outline) v->push_back({p.x, p.y, 0});
  g->setVertexArray(v.get());
  g->addPrimitiveSet(new osg::DrawArrays(GL_POLYGON, 0, static_cast<GLsizei>(v->size())));
  osg::ref_ptr<osgUtil::Tessellator> tess = new osgUtil::Tessellator;
  tess->setTessellationType(osgUtil::Tessellator::TESS_TYPE_GEOMETRY);
  tess->setWindingType(osgUtil::Tessellator::TESS_WINDING_ODD);
  tess->setBoundaryOnly(false);
  tess->retessellatePolygons(*g);
  osg::TriangleFunctor<TriangleCollector> f;
  f.out = &out;
  g->accept(f);
  return out;
}

StaticScene build_static_scene(const trace::Scene& scene, const std::vector<std::optional<osg::Vec4>>& roof_tints) {
  StaticScene s;
  s.root = new osg::Group;
  s.shells = new osg::Switch;
  s.network = new osg::Switch;
  s.sensors = new osg::Switch;
  s.root->addChild(build_site(scene));
  s.root->addChild(build_cores(scene));
  s.shells->addChild(build_shells(scene, s.building_shells, roof_tints), true);
  s.network->addChild(build_network(scene), true);
  s.sensors->addChild(build_sensors(scene), true);
  s.root->addChild(s.shells);
  s.root->addChild(s.network);
  s.root->addChild(s.sensors);
  return s;
}

}  // namespace dtv
