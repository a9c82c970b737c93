#include "viewer/timeline.h"

#include <osg/LineWidth>

#include <algorithm>
#include <cmath>

#include "engine/kernel/lang.h"
#include "viewer/hud_font.h"
#include "viewer/palette.h"
#include "viewer/scene_builder.h"
#include "viewer/viewer_app.h"

namespace dtv {

namespace {

constexpr float kMargin = 12.0f;
constexpr float kBarBottom = 8.0f, kBarTop = 22.0f;
constexpr float kGrab = 6.0f;  // pixels around the bar that still grab it

osg::Vec4 rgb(const unsigned char c[3]) { return {c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, 1.0f}; }

osg::Vec4 tick_color(trace::EventKind k) {
  switch (k) {
    case trace::EventKind::Incident: return palette::kFire;
    case trace::EventKind::ServiceLate: return palette::kBlocked;
    case trace::EventKind::Entrapment: return osg::Vec4(0.75f, 0.3f, 1.0f, 1.0f);
    default: return osg::Vec4(0.72f, 0.76f, 0.84f, 1.0f);
  }
}

}  // namespace

Timeline::Timeline(double duration_s, const std::vector<trace::Event>& events)
    : duration_s_(duration_s), geode_(new osg::Geode), track_(new osg::Geometry), moving_(new osg::Geometry),
      moving_v_(new osg::Vec3Array(12)), label_(new osgText::Text) {
  for (const trace::Event& e : events) ticks_.emplace_back(e.t_s, e.kind);
  // The filled part (two triangles) and the cursor (two triangles), moved in place.
  osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
  for (int i = 0; i < 6; ++i) c->push_back(osg::Vec4(0.27f, 0.36f, 0.52f, 0.95f));
  for (int i = 0; i < 6; ++i) c->push_back(rgb(kCursorRgb));
  moving_->setVertexArray(moving_v_.get());
  moving_->setColorArray(c.get(), osg::Array::BIND_PER_VERTEX);
  moving_->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, 12));
  moving_->setUseDisplayList(false);
  moving_->setUseVertexBufferObjects(true);
  moving_->setDataVariance(osg::Object::DYNAMIC);
  track_->setUseDisplayList(false);
  track_->setDataVariance(osg::Object::DYNAMIC);
  label_->setFont(hud_fonts(dt::lang()).text.get());
  label_->setCharacterSize(12.0f);
  label_->setColor(rgb(kCursorRgb));
  label_->setAlignment(osgText::Text::CENTER_BOTTOM);
  label_->setDataVariance(osg::Object::DYNAMIC);
  geode_->addDrawable(track_.get());
  geode_->addDrawable(moving_.get());
  geode_->addDrawable(label_.get());
  geode_->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(1.0f));
}

void Timeline::layout(int width, int) {
  bar_ = {kMargin, kBarBottom, std::max(kMargin + 10.0f, static_cast<float>(width) - kMargin), kBarTop};
  Batch b;
  b.quad({bar_.x0 - 2, bar_.y0 - 2, 0}, {bar_.x1 + 2, bar_.y0 - 2, 0}, {bar_.x1 + 2, bar_.y1 + 2, 0}, {bar_.x0 - 2, bar_.y1 + 2, 0},
         osg::Vec4(0.0f, 0.0f, 0.0f, 0.6f));
  b.quad({bar_.x0, bar_.y0, 0}, {bar_.x1, bar_.y0, 0}, {bar_.x1, bar_.y1, 0}, {bar_.x0, bar_.y1, 0},
         osg::Vec4(0.16f, 0.18f, 0.23f, 0.95f));
  osg::ref_ptr<osg::Geometry> quads = b.geometry(GL_TRIANGLES);
  Batch lines;
  for (const auto& [t, kind] : ticks_) {
    const float x = std::round(bar_.x0 + static_cast<float>(duration_s_ > 0 ? t / duration_s_ : 0) * (bar_.x1 - bar_.x0)) + 0.5f;
    lines.line({x, bar_.y0, 0}, {x, bar_.y1, 0}, tick_color(kind));
  }
  // One geometry: the panel's triangles, then the ticks' lines.
  osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array(*static_cast<const osg::Vec3Array*>(quads->getVertexArray()));
  osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array(*static_cast<const osg::Vec4Array*>(quads->getColorArray()));
  const auto tris = static_cast<GLsizei>(v->size());
  if (!lines.empty()) {
    osg::ref_ptr<osg::Geometry> lg = lines.geometry(GL_LINES);
    const auto* lv = static_cast<const osg::Vec3Array*>(lg->getVertexArray());
    const auto* lc = static_cast<const osg::Vec4Array*>(lg->getColorArray());
    v->insert(v->end(), lv->begin(), lv->end());
    c->insert(c->end(), lc->begin(), lc->end());
  }
  track_->setVertexArray(v.get());
  track_->setColorArray(c.get(), osg::Array::BIND_PER_VERTEX);
  track_->removePrimitiveSet(0, track_->getNumPrimitiveSets());
  track_->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, tris));
  if (static_cast<GLsizei>(v->size()) > tris)
    track_->addPrimitiveSet(new osg::DrawArrays(GL_LINES, tris, static_cast<GLsizei>(v->size()) - tris));
  shown_t_ = -1;
}

void Timeline::update(double t_s) {
  if (t_s == shown_t_) return;
  shown_t_ = t_s;
  const float u = duration_s_ > 0 ? static_cast<float>(std::clamp(t_s / duration_s_, 0.0, 1.0)) : 0.0f;
  const float x = bar_.x0 + u * (bar_.x1 - bar_.x0);
  auto quad = [&](std::size_t at, float x0, float y0, float x1, float y1) {
    osg::Vec3Array& v = *moving_v_;
    v[at + 0] = {x0, y0, 0};
    v[at + 1] = {x1, y0, 0};
    v[at + 2] = {x1, y1, 0};
    v[at + 3] = {x0, y0, 0};
    v[at + 4] = {x1, y1, 0};
    v[at + 5] = {x0, y1, 0};
  };
  quad(0, bar_.x0, bar_.y0 + 3, x, bar_.y1 - 3);
  quad(6, x - 1.5f, bar_.y0 - 4, x + 1.5f, bar_.y1 + 4);
  moving_v_->dirty();
  moving_->dirtyBound();
  const auto second = static_cast<long>(std::floor(std::max(0.0, t_s)));
  if (second != shown_second_) {
    shown_second_ = second;
    label_->setText(elapsed_text(t_s), osgText::String::ENCODING_UTF8);
  }
  label_->setPosition({std::clamp(x, bar_.x0 + 30, bar_.x1 - 30), bar_.y1 + 5, 0});
}

bool Timeline::hit(float x, float y) const {
  return x >= bar_.x0 - kGrab && x <= bar_.x1 + kGrab && y >= bar_.y0 - kGrab && y <= bar_.y1 + kGrab;
}

double Timeline::time_at(float x) const {
  const double u = std::clamp(static_cast<double>(x - bar_.x0) / static_cast<double>(std::max(1.0f, bar_.x1 - bar_.x0)), 0.0, 1.0);
  return u * duration_s_;
}

}  // namespace dtv
