#include "viewer/stair_panel.h"

#include <fmt/format.h>
#include <osg/LineWidth>

#include <algorithm>
#include <cmath>

#include "engine/kernel/lang.h"
#include "viewer/hud_font.h"
#include "viewer/palette.h"
#include "viewer/scene_builder.h"

namespace dtv {

namespace {

constexpr float kMargin = 12.0f;

DT_PHRASE(kPanelTitle, "{} stairs: people on each, flights and landings (max {})", "{} 各楼梯人数：梯段与休息平台（最多 {} 人）");
DT_PHRASE(kPanelNoStairs, "stairs of {}: nobody used them", "{} 楼梯：全程无人使用");

osg::Vec4 rgb(const unsigned char c[3], float a = 1.0f) { return {c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, a}; }

}  // namespace

StairPanel::StairPanel(const TraceStats& stats, double duration_s)
    : stats_(stats), duration_s_(duration_s), geode_(new osg::Geode), frame_(new osg::Geometry), curves_(new osg::Geometry),
      cursor_(new osg::Geometry), cursor_v_(new osg::Vec3Array(6)), title_(new osgText::Text) {
  osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array(6);
  std::fill(c->begin(), c->end(), rgb(kCursorRgb));
  cursor_->setVertexArray(cursor_v_.get());
  cursor_->setColorArray(c.get(), osg::Array::BIND_PER_VERTEX);
  cursor_->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, 6));
  for (osg::Geometry* g : {frame_.get(), curves_.get(), cursor_.get()}) {
    g->setUseDisplayList(false);
    g->setUseVertexBufferObjects(true);
    g->setDataVariance(osg::Object::DYNAMIC);
  }
  title_->setFont(hud_fonts(dt::lang()).text.get());
  title_->setCharacterSize(13.0f);
  title_->setColor(palette::kText);
  title_->setDataVariance(osg::Object::DYNAMIC);
  geode_->addDrawable(frame_.get());
  geode_->addDrawable(curves_.get());
  geode_->addDrawable(cursor_.get());
  geode_->addDrawable(title_.get());
  for (std::size_t i = 0; i < kMaxStairs; ++i) {
    osg::ref_ptr<osgText::Text> t = new osgText::Text;
    t->setFont(hud_fonts(dt::lang()).text.get());
    t->setCharacterSize(13.0f);
    t->setColor(rgb(kCurveRgb[i]));
    t->setDataVariance(osg::Object::DYNAMIC);
    names_.push_back(t);
    geode_->addDrawable(t.get());
  }
  geode_->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(1.5f));
}

void StairPanel::set_building(int b) {
  if (b == building_) return;
  building_ = b;
  shown_.clear();
  for (std::size_t s = 0; s < stats_.stairs().size(); ++s)
    if (stats_.stairs()[s].building == b && stats_.peak(s) > 0) shown_.push_back(s);
  std::stable_sort(shown_.begin(), shown_.end(), [&](std::size_t a, std::size_t c) { return stats_.peak(a) > stats_.peak(c); });
  if (shown_.size() > kMaxStairs) shown_.resize(kMaxStairs);
  ymax_ = 1;
  for (const std::size_t s : shown_) ymax_ = std::max(ymax_, stats_.peak(s));
  rebuild();
}

void StairPanel::layout(int width, int, float bottom) {
  const float x1 = static_cast<float>(width) - kMargin - 6;
  plot_ = {x1 - kPlotWidth, bottom + 34, x1, bottom + 34 + kPlotHeight};
  rebuild();
}

void StairPanel::rebuild() {
  const PixelRect& p = plot_;
  Batch frame;
  frame.quad({p.x0 - 8, p.y0 - 8, 0}, {p.x1 + 8, p.y0 - 8, 0}, {p.x1 + 8, p.y1 + 26, 0}, {p.x0 - 8, p.y1 + 26, 0},
             osg::Vec4(0.0f, 0.0f, 0.0f, 0.62f));
  osg::ref_ptr<osg::Geometry> f = frame.geometry(GL_TRIANGLES);
  Batch axes;
  const osg::Vec4 axis(0.45f, 0.5f, 0.58f, 1.0f);
  axes.line({p.x0, p.y0, 0}, {p.x1, p.y0, 0}, axis);
  axes.line({p.x0, p.y0, 0}, {p.x0, p.y1, 0}, axis);
  osg::ref_ptr<osg::Geometry> a = axes.geometry(GL_LINES);
  // The frame's triangles and the axes' lines in one geometry.
  osg::ref_ptr<osg::Vec3Array> fv = new osg::Vec3Array(*static_cast<const osg::Vec3Array*>(f->getVertexArray()));
  osg::ref_ptr<osg::Vec4Array> fc = new osg::Vec4Array(*static_cast<const osg::Vec4Array*>(f->getColorArray()));
  const auto tris = static_cast<GLsizei>(fv->size());
  fv->insert(fv->end(), static_cast<const osg::Vec3Array*>(a->getVertexArray())->begin(),
             static_cast<const osg::Vec3Array*>(a->getVertexArray())->end());
  fc->insert(fc->end(), static_cast<const osg::Vec4Array*>(a->getColorArray())->begin(),
             static_cast<const osg::Vec4Array*>(a->getColorArray())->end());
  frame_->setVertexArray(fv.get());
  frame_->setColorArray(fc.get(), osg::Array::BIND_PER_VERTEX);
  frame_->removePrimitiveSet(0, frame_->getNumPrimitiveSets());
  frame_->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLES, 0, tris));
  frame_->addPrimitiveSet(new osg::DrawArrays(GL_LINES, tris, static_cast<GLsizei>(fv->size()) - tris));

  // Curves: per stair, one point per column of the plot, the most people in the frames of that column.
  osg::ref_ptr<osg::Vec3Array> cv = new osg::Vec3Array;
  osg::ref_ptr<osg::Vec4Array> cc = new osg::Vec4Array;
  curves_->removePrimitiveSet(0, curves_->getNumPrimitiveSets());
  const auto columns = static_cast<std::size_t>(std::max(1.0f, p.x1 - p.x0));
  const std::size_t frames = stats_.frames();
  for (std::size_t i = 0; i < shown_.size(); ++i) {
    const std::size_t s = shown_[i];
    std::vector<float> most(columns + 1, -1.0f);
    for (std::size_t k = 0; k < frames; ++k) {
      const double t = static_cast<double>(k) * stats_.frame_interval_s();
      const auto col = static_cast<std::size_t>(std::clamp(duration_s_ > 0 ? t / duration_s_ : 0.0, 0.0, 1.0) * static_cast<double>(columns));
      most[col] = std::max(most[col], stats_.people_on(s, k));
    }
    const auto first = static_cast<GLint>(cv->size());
    for (std::size_t col = 0; col <= columns; ++col) {
      if (most[col] < 0) continue;
      cv->push_back({p.x0 + static_cast<float>(col), p.y0 + (p.y1 - p.y0) * most[col] / ymax_, 0});
      cc->push_back(rgb(kCurveRgb[i]));
    }
    curves_->addPrimitiveSet(new osg::DrawArrays(GL_LINE_STRIP, first, static_cast<GLsizei>(cv->size()) - first));
  }
  curves_->setVertexArray(cv.get());
  curves_->setColorArray(cc.get(), osg::Array::BIND_PER_VERTEX);

  const auto& stairs = stats_.stairs();
  std::string building = "?";
  for (const StairGroup& g : stairs)
    if (g.building == building_) building = g.building_id;
  title_->setText(shown_.empty() ? dt::say(kPanelNoStairs, building) : dt::say(kPanelTitle, building, std::lround(ymax_)),
                  osgText::String::ENCODING_UTF8);
  title_->setPosition({p.x0, p.y1 + 8, 0});
  float x = p.x0 + 4;
  for (std::size_t i = 0; i < kMaxStairs; ++i) {
    names_[i]->setText(i < shown_.size() ? stairs[shown_[i]].stair_id : std::string(), osgText::String::ENCODING_UTF8);
    names_[i]->setPosition({x, p.y1 - 14, 0});
    x += 44;
  }
  shown_t_ = -1;
}

void StairPanel::update(double t_s) {
  if (t_s == shown_t_) return;
  shown_t_ = t_s;
  const PixelRect& p = plot_;
  const float u = duration_s_ > 0 ? static_cast<float>(std::clamp(t_s / duration_s_, 0.0, 1.0)) : 0.0f;
  const float x = p.x0 + u * (p.x1 - p.x0);
  osg::Vec3Array& v = *cursor_v_;
  v[0] = {x - 1.0f, p.y0, 0};
  v[1] = {x + 1.0f, p.y0, 0};
  v[2] = {x + 1.0f, p.y1, 0};
  v[3] = {x - 1.0f, p.y0, 0};
  v[4] = {x + 1.0f, p.y1, 0};
  v[5] = {x - 1.0f, p.y1, 0};
  cursor_v_->dirty();
  cursor_->dirtyBound();
}

}  // namespace dtv
