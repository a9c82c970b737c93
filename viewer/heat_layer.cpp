#include "viewer/heat_layer.h"

#include <osg/Depth>
#include <osg/LineWidth>

#include <algorithm>

#include "viewer/palette.h"

namespace dtv {

namespace {

constexpr float kLift_m = 0.6f;  // above the flight, over the people's dots (0.35 m)

osg::Vec4ub rgba(const unsigned char c[3]) { return {c[0], c[1], c[2], 255}; }

}  // namespace

HeatLayer::HeatLayer(const trace::Scene& scene) : scene_(scene), geode_(new osg::Geode), geometry_(new osg::Geometry) {
  osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
  colors_ = new osg::Vec4ubArray;
  slot_.assign(scene.links.size(), -1);
  const float us[] = {0.0f, 0.25f, 0.4999f, 0.5001f, 0.75f, 1.0f};
  for (uint32_t l = 0; l < scene.links.size(); ++l) {
    const trace::Link& link = scene.links[l];
    if (link.kind != trace::LinkKind::Stair) continue;
    slot_[l] = static_cast<int>(stairs_.size());
    stairs_.push_back(l);
    for (int k = 0; k + 1 < 6; ++k) {
      const trace::Vec3f a = trace::link_point(scene, link, us[k], 0), b = trace::link_point(scene, link, us[k + 1], 0);
      v->push_back({a.x, a.y, a.z + kLift_m});
      v->push_back({b.x, b.y, b.z + kLift_m});
      colors_->push_back(rgba(kIdleStairRgb));
      colors_->push_back(rgba(kIdleStairRgb));
    }
  }
  level_.assign(stairs_.size(), -1);
  now_.assign(stairs_.size(), -1);
  geometry_->setVertexArray(v.get());
  geometry_->setColorArray(colors_.get(), osg::Array::BIND_PER_VERTEX);
  colors_->setNormalize(true);
  geometry_->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, static_cast<GLsizei>(v->size())));
  geometry_->setUseDisplayList(false);
  geometry_->setUseVertexBufferObjects(true);
  geometry_->setDataVariance(osg::Object::DYNAMIC);
  geode_->addDrawable(geometry_.get());
  osg::StateSet* ss = geode_->getOrCreateStateSet();
  ss->setAttributeAndModes(new osg::LineWidth(3.0f));
  ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
  ss->setRenderBinDetails(50, "RenderBin");  // after the shells and the people
}

float HeatLayer::density(const trace::Link& l, uint32_t people) {
  const float area = std::max(l.length_m * l.width_m, 0.5f);
  return static_cast<float>(people) / area;
}

void HeatLayer::update(std::span<const trace::Load> on_link) {
  std::fill(now_.begin(), now_.end(), -1);
  for (const trace::Load& x : on_link)
    if (x.index < slot_.size() && slot_[x.index] >= 0 && x.people > 0)
      now_[static_cast<std::size_t>(slot_[x.index])] =
          static_cast<int>(heat_level(density(scene_.links[x.index], x.people)));
  apply();
}

void HeatLayer::update_cumulative(std::span<const double> person_s) {
  // stairs_ is every stair link in ascending order: the same slots as TraceStats::flights().
  for (std::size_t s = 0; s < stairs_.size(); ++s) {
    const double v = s < person_s.size() ? person_s[s] : 0.0;
    const trace::Link& l = scene_.links[stairs_[s]];
    const double area = std::max(static_cast<double>(l.length_m) * static_cast<double>(l.width_m), 0.5);
    now_[s] = v > 0 ? static_cast<int>(cumulative_level(static_cast<float>(v / 60.0 / area))) : -1;
  }
  apply();
}

void HeatLayer::apply() {
  bool changed = false;
  for (std::size_t s = 0; s < stairs_.size(); ++s) {
    if (now_[s] == level_[s]) continue;
    level_[s] = now_[s];
    const osg::Vec4ub c = now_[s] < 0 ? rgba(kIdleStairRgb) : rgba(kHeatRgb[now_[s]]);
    for (int k = 0; k < kHeatVerticesPerStair; ++k) (*colors_)[s * kHeatVerticesPerStair + static_cast<std::size_t>(k)] = c;
    changed = true;
  }
  if (changed) colors_->dirty();
}

int HeatLayer::level(uint32_t link) const {
  if (link >= slot_.size() || slot_[link] < 0) return -1;
  return level_[static_cast<std::size_t>(slot_[link])];
}

}  // namespace dtv
