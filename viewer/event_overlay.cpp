#include "viewer/event_overlay.h"

#include <osg/Depth>
#include <osg/Geode>
#include <osg/LineWidth>

#include <algorithm>
#include <cmath>
#include <map>

#include "viewer/palette.h"
#include "viewer/scene_builder.h"

namespace dtv {

namespace {

constexpr float kSmokeHeight_m = 2.4f;
constexpr float kPinHeight_m = 8.0f;
constexpr float kPinSize_m = 1.6f;

}  // namespace

EventOverlay::EventOverlay(const trace::Scene& scene, std::vector<trace::Event> events)
    : scene_(scene), events_(std::move(events)), root_(new osg::Group) {
  std::stable_sort(events_.begin(), events_.end(), [](const trace::Event& a, const trace::Event& b) { return a.t_s < b.t_s; });
}

void EventOverlay::update(double t_s) {
  const auto n = static_cast<std::size_t>(
      std::upper_bound(events_.begin(), events_.end(), t_s, [](double t, const trace::Event& e) { return t < e.t_s; }) -
      events_.begin());
  if (n == applied_) return;
  applied_ = n;
  rebuild();
}

void EventOverlay::set_band(double z0_m, double z1_m) {
  if (z0_m == band_lo_m_ && z1_m == band_hi_m_) return;
  band_lo_m_ = z0_m;
  band_hi_m_ = z1_m;
  rebuild();
}

const trace::Event* EventOverlay::latest() const { return applied_ == 0 ? nullptr : &events_[applied_ - 1]; }

void EventOverlay::rebuild() {
  // The state the events leave at this time: the last word on each node, link and incident wins.
  std::map<uint32_t, float> node_hazard;
  std::map<uint32_t, float> link_blocked;
  std::map<uint32_t, trace::Vec3f> incidents;
  std::map<uint32_t, int> flooded;
  std::map<uint32_t, trace::Vec3f> trapped;
  for (std::size_t i = 0; i < applied_; ++i) {
    const trace::Event& e = events_[i];
    switch (e.kind) {
      case trace::EventKind::NodeHazard:
        if (e.subject < scene_.nodes.size()) node_hazard[e.subject] = e.value;
        break;
      case trace::EventKind::LinkBlocked:
        if (e.subject < scene_.links.size()) link_blocked[e.subject] = e.value;
        break;
      case trace::EventKind::Incident: incidents[e.subject] = e.position; break;
      case trace::EventKind::IncidentCleared: incidents.erase(e.subject); break;
      case trace::EventKind::Flooded:
        if (e.subject < scene_.nodes.size()) flooded[e.subject] = 1;
        break;
      case trace::EventKind::Entrapment: trapped[e.subject] = e.position; break;
      case trace::EventKind::EntrapmentReleased: trapped.erase(e.subject); break;
      default: break;  // alarms, signals, recalls, power, staff: the event panel names them
    }
  }
  Batch smoke, blocked, pins, water;
  for (const auto& [node, on] : flooded) {
    const trace::Node& n = scene_.nodes[node];
    const float side = std::clamp(std::sqrt(std::max(n.area_m2, 1.0f)), 1.5f, 30.0f);
    water.box({n.position.x, n.position.y, 0}, side, side, n.position.z, n.position.z + 0.3f, osg::Vec4(0.2f, 0.45f, 1.0f, 0.7f));
  }
  hazard_nodes_ = blocked_links_ = 0;
  for (const auto& [node, value] : node_hazard) {
    if (value <= 0) continue;
    ++hazard_nodes_;
    const trace::Node& n = scene_.nodes[node];
    const float side = std::clamp(std::sqrt(std::max(n.area_m2, 1.0f)), 1.5f, 30.0f);
    osg::Vec4 c = palette::kSmoke;
    c.a() *= std::clamp(value, 0.2f, 1.0f);
    smoke.box({n.position.x, n.position.y, 0}, side, side, n.position.z, n.position.z + kSmokeHeight_m, c);
  }
  for (const auto& [link, value] : link_blocked) {
    if (value <= 0) continue;
    ++blocked_links_;
    const trace::Link& l = scene_.links[link];
    const float us[] = {0.0f, 0.25f, 0.4999f, 0.5001f, 0.75f, 1.0f};
    for (int k = 0; k + 1 < 6; ++k) {
      const trace::Vec3f a = trace::link_point(scene_, l, us[k], 0), b = trace::link_point(scene_, l, us[k + 1], 0);
      blocked.line({a.x, a.y, a.z + 0.4f}, {b.x, b.y, b.z + 0.4f}, palette::kBlocked);
    }
  }
  Batch fire;
  for (const auto& [id, p] : incidents) {
    const double z = p.z;
    if (z < band_lo_m_ || z >= band_hi_m_) continue;  // the floor camera shows another storey
    const osg::Vec3f base(p.x, p.y, p.z), top = base + osg::Vec3f(0, 0, kPinHeight_m);
    const float h = kPinSize_m;
    // An upside-down pyramid on a stalk: visible from any side.
    const osg::Vec3f c[4] = {top + osg::Vec3f(-h, -h, 0), top + osg::Vec3f(h, -h, 0), top + osg::Vec3f(h, h, 0),
                             top + osg::Vec3f(-h, h, 0)};
    for (int k = 0; k < 4; ++k) pins.tri(base, c[k], c[(k + 1) % 4], palette::kIncident);
    pins.quad(c[0], c[1], c[2], c[3], palette::kIncident);
    // The flame: a tall double-sided diamond from the fire's place up to kFlameTop_m above it,
    // drawn over everything (no depth test) so that towers and crowds never hide it.
    const float w = 5.0f;
    const osg::Vec3f lo = base, hi = base + osg::Vec3f(0, 0, kFlameTop_m + 6.0f), mid = base + osg::Vec3f(0, 0, kFlameTop_m);
    for (const osg::Vec3f side : {osg::Vec3f(w, 0, 0), osg::Vec3f(0, w, 0)}) {
      fire.tri(lo, mid + side, hi, palette::kFire);
      fire.tri(lo, hi, mid - side, palette::kFire);
      fire.tri(mid - side * 0.5f, mid + side * 0.5f, hi, palette::kIncident);
    }
  }
  for (const auto& [id, p] : trapped) {  // a trapped car where it stopped: a violet car 2.6 m high
    pins.box({p.x, p.y, 0}, kCarSide_m, kCarSide_m, p.z, p.z + kCarHeight_m, osg::Vec4(0.75f, 0.3f, 1.0f, 1.0f));
  }
  root_->removeChildren(0, root_->getNumChildren());
  if (!smoke.empty()) {
    osg::ref_ptr<osg::Geode> g = new osg::Geode;
    g->addDrawable(smoke.geometry(GL_TRIANGLES));
    make_transparent(g->getOrCreateStateSet());
    root_->addChild(g);
  }
  if (!water.empty()) {
    osg::ref_ptr<osg::Geode> g = new osg::Geode;
    g->addDrawable(water.geometry(GL_TRIANGLES));
    make_transparent(g->getOrCreateStateSet());
    root_->addChild(g);
  }
  if (!fire.empty()) {
    osg::ref_ptr<osg::Geode> g = new osg::Geode;
    g->addDrawable(fire.geometry(GL_TRIANGLES));
    osg::StateSet* ss = g->getOrCreateStateSet();
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(60, "RenderBin");  // after the shells (transparent bin) and the people
    root_->addChild(g);
  }
  if (!blocked.empty() || !pins.empty()) {
    osg::ref_ptr<osg::Geode> g = new osg::Geode;
    if (!blocked.empty()) g->addDrawable(blocked.geometry(GL_LINES));
    if (!pins.empty()) g->addDrawable(pins.geometry(GL_TRIANGLES));
    g->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(6.0f));
    root_->addChild(g);
  }
}

}  // namespace dtv
