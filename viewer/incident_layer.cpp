#include "viewer/incident_layer.h"

#include <algorithm>

#include "viewer/palette.h"
#include "viewer/scene_builder.h"

namespace dtv {

IncidentLayer::IncidentLayer(const trace::Scene& scene, const std::vector<trace::Event>& events, IncidentMode mode)
    : scene_(scene), count_(scene.buildings.size(), 0), geode_(new osg::Geode) {
  const trace::EventKind kind = mode == IncidentMode::Late ? trace::EventKind::ServiceLate : trace::EventKind::ServiceRequest;
  std::vector<const trace::Event*> mine;
  if (mode != IncidentMode::Off)
    for (const trace::Event& e : events)
      if (e.kind == kind) mine.push_back(&e);
  std::stable_sort(mine.begin(), mine.end(), [](const trace::Event* a, const trace::Event* b) { return a->t_s < b->t_s; });
  for (const trace::Event* e : mine) {
    times_.push_back(e->t_s);
    building_.push_back(e->subject);
  }
}

bool IncidentLayer::update(double t_s) {
  const auto n = static_cast<std::size_t>(std::upper_bound(times_.begin(), times_.end(), t_s) - times_.begin());
  if (n == applied_) return false;
  std::fill(count_.begin(), count_.end(), 0u);
  for (std::size_t i = 0; i < n; ++i)
    if (building_[i] < count_.size()) ++count_[building_[i]];
  applied_ = n;
  rebuild();
  return true;
}

void IncidentLayer::rebuild() {
  Batch blocks;
  for (std::size_t b = 0; b < scene_.buildings.size(); ++b) {
    const trace::Building& bl = scene_.buildings[b];
    if (count_[b] == 0 || bl.outline.empty() || bl.elevation_m.empty()) continue;
    float x0 = bl.outline[0].x, x1 = x0, y0 = bl.outline[0].y, y1 = y0, cx = 0, cy = 0;
    for (const trace::Vec2f& p : bl.outline) {
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
      cx += p.x / static_cast<float>(bl.outline.size());
      cy += p.y / static_cast<float>(bl.outline.size());
    }
    const float side = kSide * std::min(x1 - x0, y1 - y0);
    const unsigned char* c = kHeatRgb[incident_level(count_[b])];
    const float z0 = bl.elevation_m.back(), z1 = z0 + height_m(count_[b]);
    const osg::Vec4 top(c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, 1.0f), wall(top.r() * 0.75f, top.g() * 0.75f, top.b() * 0.75f, 1.0f);
    const float a0 = cx - side / 2, a1 = cx + side / 2, b0 = cy - side / 2, b1 = cy + side / 2;
    blocks.quad({a0, b0, z0}, {a1, b0, z0}, {a1, b0, z1}, {a0, b0, z1}, wall);
    blocks.quad({a1, b0, z0}, {a1, b1, z0}, {a1, b1, z1}, {a1, b0, z1}, wall);
    blocks.quad({a1, b1, z0}, {a0, b1, z0}, {a0, b1, z1}, {a1, b1, z1}, wall);
    blocks.quad({a0, b1, z0}, {a0, b0, z0}, {a0, b0, z1}, {a0, b1, z1}, wall);
    blocks.quad({a0, b0, z1}, {a1, b0, z1}, {a1, b1, z1}, {a0, b1, z1}, top);  // the top: the band's colour exactly
  }
  geode_->removeDrawables(0, geode_->getNumDrawables());
  if (!blocks.empty()) geode_->addDrawable(blocks.geometry(GL_TRIANGLES));
}

}  // namespace dtv
