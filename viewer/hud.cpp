#include "viewer/hud.h"

#include <osg/BlendFunc>
#include <osg/Geode>
#include <osgText/Font>

#include <fmt/format.h>

#include <algorithm>

#include "engine/kernel/lang.h"
#include "viewer/hud_font.h"
#include "viewer/palette.h"
#include "viewer/scene_builder.h"

namespace dtv {

namespace {

constexpr float kMargin = 12.0f;

// The people's states as the legend names them.
DT_PHRASE(kStateWaiting, "waiting", "等待出发");
DT_PHRASE(kStateMoving, "moving", "行进中");
DT_PHRASE(kStateQueuing, "queuing", "排队");
DT_PHRASE(kStateAwaiting, "awaiting assistance", "待协助");
DT_PHRASE(kStateAssisted, "assisted", "协助疏散中");
DT_PHRASE(kStateSafe, "safe", "已安全");
DT_PHRASE(kStateStranded, "stranded", "被困");
DT_PHRASE(kStateNotAlerted, "not yet alerted", "尚未收到警报");
// The legend's other symbols.
DT_PHRASE(kLegendFire, "fire", "火点");
DT_PHRASE(kLegendSmoke, "smoke-logged place", "烟气弥漫区域");
DT_PHRASE(kLegendClosed, "closed link or flight", "封闭的通道或梯段");
DT_PHRASE(kLegendWater, "flooded place", "积水区域");
DT_PHRASE(kLegendAssembly, "assembly point", "集合点");
DT_PHRASE(kLegendIdle, "stair: nobody on it", "楼梯：无人");
DT_PHRASE(kLegendHeat, "stair density {} p/m² (level {})", "楼梯密度 {} 人/m²（{} 级）");
DT_PHRASE(kLegendIdleSoFar, "stair: nobody on it so far", "楼梯：至今无人");
DT_PHRASE(kLegendCumulative, "stair use so far {} person-min/m²", "楼梯累计使用 {} 人·分钟/m²");
DT_PHRASE(kLegendIncidents, "incidents in the building: {}", "楼栋工单数：{}");
DT_PHRASE(kLegendIncidentsLate, "incidents past their target: {}", "超时未到场工单：{}");

std::string state_label(trace::PersonState s) {
  switch (s) {
    case trace::PersonState::Waiting: return dt::say(kStateWaiting);
    case trace::PersonState::Moving: return dt::say(kStateMoving);
    case trace::PersonState::Queuing: return dt::say(kStateQueuing);
    case trace::PersonState::AwaitingAssistance: return dt::say(kStateAwaiting);
    case trace::PersonState::Assisted: return dt::say(kStateAssisted);
    case trace::PersonState::Safe: return dt::say(kStateSafe);
    case trace::PersonState::Stranded: return dt::say(kStateStranded);
    case trace::PersonState::NotAlerted: return dt::say(kStateNotAlerted);
  }
  return "?";
}

DT_PHRASE(kHelpTitle, "drilltwin-view keys", "drilltwin-view 按键");
DT_PHRASE(kKeyPlay, "play / pause", "播放 / 暂停");
DT_PHRASE(kKeySpeed, "speed x2 / /2 (x1 to x64)", "速度 ×2 / ÷2（x1 至 x64）");
DT_PHRASE(kKeySeek10, "seek 10 s forward / back", "前进 / 后退 10 秒");
DT_PHRASE(kKeySeek60, "seek 60 s forward / back", "前进 / 后退 60 秒");
DT_PHRASE(kKeyStep, "step one frame forward / back (pauses)", "前进 / 后退一帧（并暂停）");
DT_PHRASE(kKeyEnds, "go to the start / the end", "跳到开头 / 结尾");
DT_PHRASE(kKeyEvents, "jump to the next / previous event", "跳到下一个 / 上一个事件");
DT_PHRASE(kKeyCamera, "camera: site / building / floor", "视角：小区 / 楼栋 / 楼层");
DT_PHRASE(kKeyBuilding, "next / previous building", "下一栋 / 上一栋楼");
DT_PHRASE(kKeyFloor, "floor up / down (floor camera)", "上一层 / 下一层（楼层视角）");
DT_PHRASE(kKeyNetwork, "navigation network on / off", "显示 / 隐藏疏散路网");
DT_PHRASE(kKeyShells, "building shells on / off", "显示 / 隐藏楼栋外壳");
DT_PHRASE(kKeySensors, "sensors on / off", "显示 / 隐藏传感器");
DT_PHRASE(kKeyPanel, "stair panel on / off", "显示 / 隐藏楼梯人数图");
DT_PHRASE(kKeyTimeline, "timeline bar: click or drag to go to a time", "时间轴：点击或拖动跳转到该时刻");
DT_PHRASE(kKeyReset, "reset the camera to its preset", "视角复位");
DT_PHRASE(kKeyHelp, "this help on / off", "显示 / 隐藏本帮助");
DT_PHRASE(kKeyQuit, "quit", "退出");
DT_PHRASE(kKeyMouse, "mouse", "鼠标");
DT_PHRASE(kKeyMouseWhat, "left drag: orbit, middle drag: pan, right drag / wheel: zoom",
          "左键拖动：环绕，中键拖动：平移，右键拖动 / 滚轮：缩放");

// A code point of UTF-8 text at byte i (advancing i); malformed bytes count as one narrow character.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len <= 1 || i + len > s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

osg::Vec4 rgb(const unsigned char c[3]) { return {c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, 1.0f}; }

}  // namespace

std::vector<LegendEntry> incident_legend(bool late) {
  std::vector<LegendEntry> out;
  for (std::size_t k = 0; k < 6; ++k) {
    const uint32_t from = kIncidentBandFrom[k];
    const std::string range = k == 5 ? fmt::format("≥ {}", from)
                              : kIncidentBandFrom[k + 1] - 1 == from ? fmt::format("{}", from)
                                                                     : fmt::format("{}–{}", from, kIncidentBandFrom[k + 1] - 1);
    out.push_back({dt::say(late ? kLegendIncidentsLate : kLegendIncidents, range), rgb(kHeatRgb[k])});
  }
  return out;
}

std::vector<LegendEntry> legend_entries(bool cumulative) {
  std::vector<LegendEntry> out;
  for (std::size_t s = 0; s < trace::kPersonStateCount; ++s)
    out.push_back({state_label(static_cast<trace::PersonState>(s)), state_color(static_cast<trace::PersonState>(s))});
  out.push_back({dt::say(kLegendFire), palette::kFire});
  out.push_back({dt::say(kLegendSmoke), osg::Vec4(0.55f, 0.55f, 0.55f, 1.0f)});
  out.push_back({dt::say(kLegendClosed), palette::kBlocked});
  out.push_back({dt::say(kLegendWater), osg::Vec4(0.2f, 0.45f, 1.0f, 1.0f)});
  out.push_back({dt::say(kLegendAssembly), palette::kAssembly});
  out.push_back({dt::say(cumulative ? kLegendIdleSoFar : kLegendIdle), rgb(kIdleStairRgb)});
  if (cumulative) {
    for (std::size_t k = 0; k < 6; ++k) {
      const std::string range = k == 0   ? fmt::format("< {:g}", kCumulativeBounds[0])
                                : k == 5 ? fmt::format("≥ {:g}", kCumulativeBounds[4])
                                         : fmt::format("{:g}–{:g}", kCumulativeBounds[k - 1], kCumulativeBounds[k]);
      out.push_back({dt::say(kLegendCumulative, range), rgb(kHeatRgb[k])});
    }
    return out;
  }
  const char* const levels = "ABCDEF";
  for (std::size_t k = 0; k < 6; ++k) {
    const std::string range = k == 0   ? fmt::format("< {:g}", kHeatBounds[0])
                              : k == 5 ? fmt::format("≥ {:g}", kHeatBounds[4])
                                       : fmt::format("{:g}–{:g}", kHeatBounds[k - 1], kHeatBounds[k]);
    out.push_back({dt::say(kLegendHeat, range, levels[k]), rgb(kHeatRgb[k])});
  }
  return out;
}

std::size_t text_columns(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    // East Asian wide: Hangul Jamo, CJK punctuation to Yi, Hangul, CJK compatibility, full-width forms.
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    n += wide ? 2 : 1;
  }
  return n;
}

std::vector<KeyHelp> key_help() {
  using dt::say;
  return {
      {"Space", say(kKeyPlay)},
      {"+  -", say(kKeySpeed)},
      {"Right  Left", say(kKeySeek10)},
      {"PgUp  PgDn", say(kKeySeek60)},
      {".  ,", say(kKeyStep)},
      {"Home  End", say(kKeyEnds)},
      {"]  [", say(kKeyEvents)},
      {"1  2  3", say(kKeyCamera)},
      {"Tab  Shift+Tab", say(kKeyBuilding)},
      {"Up  Down", say(kKeyFloor)},
      {"n", say(kKeyNetwork)},
      {"w", say(kKeyShells)},
      {"s", say(kKeySensors)},
      {"g", say(kKeyPanel)},
      {"r", say(kKeyReset)},
      {"h  F1", say(kKeyHelp)},
      {"Esc", say(kKeyQuit)},
      {say(kKeyMouse), say(kKeyMouseWhat)},
      {"", say(kKeyTimeline)},
  };
}

Hud::Hud(int width, int height, bool legend, std::vector<LegendEntry> extra, bool cumulative, float bottom)
    : width_(width), height_(height), bottom_(bottom), legend_(legend || !extra.empty()), camera_(new osg::Camera), geode_(new osg::Geode),
      help_(new osg::Geode) {
  camera_->setReferenceFrame(osg::Transform::ABSOLUTE_RF);
  camera_->setViewMatrix(osg::Matrix::identity());
  camera_->setRenderOrder(osg::Camera::NESTED_RENDER);
  camera_->setAllowEventFocus(false);
  osg::StateSet* ss = camera_->getOrCreateStateSet();
  ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
  ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
  ss->setMode(GL_BLEND, osg::StateAttribute::ON);
  ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
  ss->setRenderBinDetails(100, "RenderBin");

  top_ = text({0, 0, 0}, 17, palette::kText);
  figures_ = text({0, 0, 0}, 15, palette::kText);
  event_ = text({0, 0, 0}, 14, palette::kTextDim);
  corner_ = text({0, 0, 0}, 14, palette::kTextDim);
  corner_->setAlignment(osgText::Text::RIGHT_BOTTOM);
  for (osgText::Text* t : {top_.get(), figures_.get(), event_.get(), corner_.get()}) geode_->addDrawable(t);

  backdrop_ = new osg::Geometry;
  geode_->addDrawable(backdrop_.get());
  for (osgText::Text* t : {top_.get(), figures_.get(), event_.get(), corner_.get()}) {
    geode_->removeDrawable(t);
    geode_->addDrawable(t);  // after the backdrop
  }
  if (legend_) {
    std::vector<LegendEntry> entries = legend ? legend_entries(cumulative) : std::vector<LegendEntry>();
    entries.insert(entries.end(), extra.begin(), extra.end());
    for (const LegendEntry& e : entries) {
      osg::ref_ptr<osgText::Text> t = text({0, 0, 0}, 13, palette::kTextDim);
      t->setText(e.label, osgText::String::ENCODING_UTF8);
      legend_text_.push_back(t);
      legend_colors_.push_back(e.color);
      geode_->addDrawable(t.get());
    }
    legend_swatches_ = new osg::Geometry;
    geode_->addDrawable(legend_swatches_.get());
  }

  // Help: a dark panel with the keys.
  std::string help = dt::say(kHelpTitle) + "\n\n";
  for (const KeyHelp& k : key_help()) {
    std::string keys = k.keys;
    keys.append(16 - std::min<std::size_t>(16, text_columns(keys)), ' ');
    help += keys + k.what + "\n";
  }
  help_text_ = new osgText::Text;
  help_text_->setFont(hud_fonts(dt::lang()).mono.get());
  help_text_->setCharacterSize(15);
  help_text_->setColor(palette::kText);
  help_text_->setAlignment(osgText::Text::LEFT_TOP);
  // Chinese characters fill their em square: lines a fifth of an em apart keep them from touching.
  if (hud_fonts(dt::lang()).chinese) help_text_->setLineSpacing(0.2f);
  help_text_->setText(help, osgText::String::ENCODING_UTF8);
  help_string_ = help;
  help_panel_ = new osg::Geometry;
  help_->addDrawable(help_panel_.get());
  help_->addDrawable(help_text_.get());
  help_->setNodeMask(0);

  camera_->addChild(geode_.get());
  camera_->addChild(help_.get());
  layout();
}

osg::ref_ptr<osgText::Text> Hud::text(const osg::Vec3& at, float size, const osg::Vec4& color) {
  osg::ref_ptr<osgText::Text> t = new osgText::Text;
  t->setFont(hud_fonts(dt::lang()).text.get());
  t->setCharacterSize(size);
  t->setColor(color);
  t->setPosition(at);
  t->setDataVariance(osg::Object::DYNAMIC);
  t->setBackdropType(osgText::Text::NONE);
  t->setBackdropColor(osg::Vec4(0, 0, 0, 0.8f));
  return t;
}

void Hud::layout() {
  const auto w = static_cast<float>(width_), h = static_cast<float>(height_);
  camera_->setProjectionMatrix(osg::Matrix::ortho2D(0, w, 0, h));
  top_->setPosition({kMargin, h - kMargin - 17, 0});
  figures_->setPosition({kMargin, h - kMargin - 41, 0});
  event_->setPosition({kMargin, h - kMargin - 63, 0});
  corner_->setPosition({w - kMargin, bottom_ + kMargin, 0});
  if (legend_) {
    Batch swatches;
    for (std::size_t s = 0; s < legend_text_.size(); ++s) {
      const float y = bottom_ + kMargin + static_cast<float>(legend_text_.size() - 1 - s) * 19;
      legend_text_[s]->setPosition({kMargin + 20, y + 1, 0});
      swatches.quad({kMargin, y, 0}, {kMargin + 13, y, 0}, {kMargin + 13, y + 13, 0}, {kMargin, y + 13, 0},
                    legend_colors_[s]);
    }
    osg::ref_ptr<osg::Geometry> g = swatches.geometry(GL_TRIANGLES);
    legend_swatches_->setVertexArray(g->getVertexArray());
    legend_swatches_->setColorArray(g->getColorArray(), osg::Array::BIND_PER_VERTEX);
    legend_swatches_->removePrimitiveSet(0, legend_swatches_->getNumPrimitiveSets());
    legend_swatches_->addPrimitiveSet(g->getPrimitiveSet(0));
  }
  // The help: as large as fits (15 px characters at most), centred, on a panel around the text.
  // The text's extent is measured at 15 px (it scales with the character size): the same for
  // DejaVu Sans Mono and a Chinese font, whose lines are further apart and characters wider.
  help_text_->setCharacterSize(15.0f);
  const osg::BoundingBox& bb = help_text_->getBoundingBox();
  float w15 = bb.xMax() - bb.xMin(), h15 = bb.yMax() - bb.yMin();
  if (!bb.valid() || !(w15 > 0) || !(h15 > 0)) {  // no glyphs: DejaVu Sans Mono's 0.61 em, lines 1.1 em apart
    std::size_t lines = 0, longest = 0, start = 0;
    for (std::size_t i = 0; i < help_string_.size(); ++i)
      if (help_string_[i] == '\n') {
        ++lines;
        longest = std::max(longest, text_columns(std::string_view(help_string_).substr(start, i - start)));
        start = i + 1;
      }
    w15 = 0.61f * 15 * static_cast<float>(longest);
    h15 = 1.1f * 15 * static_cast<float>(lines);
  }
  const float cs = std::min({15.0f, 15.0f * (h - 60) / h15, 15.0f * (w - 60) / w15});
  help_text_->setCharacterSize(cs);
  const float tw = w15 * cs / 15, th = h15 * cs / 15;
  help_text_->setPosition({w / 2 - tw / 2, h / 2 + th / 2, 0});
  Batch panel;
  const float pw = tw + 48, ph = th + 40;
  panel.quad({w / 2 - pw / 2, h / 2 - ph / 2, 0}, {w / 2 + pw / 2, h / 2 - ph / 2, 0}, {w / 2 + pw / 2, h / 2 + ph / 2, 0},
             {w / 2 - pw / 2, h / 2 + ph / 2, 0}, osg::Vec4(0.02f, 0.03f, 0.05f, 0.85f));
  osg::ref_ptr<osg::Geometry> g = panel.geometry(GL_TRIANGLES);
  help_panel_->setVertexArray(g->getVertexArray());
  help_panel_->setColorArray(g->getColorArray(), osg::Array::BIND_PER_VERTEX);
  help_panel_->removePrimitiveSet(0, help_panel_->getNumPrimitiveSets());
  help_panel_->addPrimitiveSet(g->getPrimitiveSet(0));
}

void Hud::resize(int width, int height) {
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  layout();
  backdrop_key_ = 0;
}

void Hud::set_lines(const std::string& top, const std::string& figures, const std::string& event,
                    const std::string& corner) {
  const std::string* in[4] = {&top, &figures, &event, &corner};
  osgText::Text* out[4] = {top_.get(), figures_.get(), event_.get(), corner_.get()};
  bool changed = false;
  for (int i = 0; i < 4; ++i)
    if (*in[i] != last_[i]) {
      last_[i] = *in[i];
      out[i]->setText(*in[i], osgText::String::ENCODING_UTF8);
      changed = true;
    }
  // The panels follow the text's extent: rebuilt only when a line changed length.
  if (changed) {
    std::size_t lengths = 0;
    for (int i = 0; i < 4; ++i) lengths = lengths * 31 + last_[i].size() + 1000 * static_cast<std::size_t>(std::count(last_[i].begin(), last_[i].end(), '\n'));
    if (lengths != backdrop_key_) {
      backdrop_key_ = lengths;
      update_backdrop();
    }
  }
}

// Dark panels behind the text (top-left block, the corner line, the legend), so that it reads
// over bright towers and crowds.
void Hud::update_backdrop() {
  Batch panel;
  auto around = [&](std::initializer_list<osgText::Text*> texts) {
    osg::BoundingBox box;
    for (osgText::Text* t : texts)
      if (t && !t->getText().empty()) box.expandBy(t->getBoundingBox());
    if (!box.valid()) return;
    const float pad = 6.0f;
    panel.quad({box.xMin() - pad, box.yMin() - pad, 0}, {box.xMax() + pad, box.yMin() - pad, 0},
               {box.xMax() + pad, box.yMax() + pad, 0}, {box.xMin() - pad, box.yMax() + pad, 0}, palette::kPanel);
  };
  around({top_.get(), figures_.get(), event_.get()});
  around({corner_.get()});
  if (legend_ && !legend_text_.empty()) {
    osg::BoundingBox box;
    for (const auto& t : legend_text_) box.expandBy(t->getBoundingBox());
    box.expandBy(osg::Vec3(kMargin, bottom_ + kMargin, 0));
    if (box.valid())
      panel.quad({box.xMin() - 6, box.yMin() - 6, 0}, {box.xMax() + 6, box.yMin() - 6, 0}, {box.xMax() + 6, box.yMax() + 6, 0},
                 {box.xMin() - 6, box.yMax() + 6, 0}, palette::kPanel);
  }
  osg::ref_ptr<osg::Geometry> g = panel.geometry(GL_TRIANGLES);
  backdrop_->setVertexArray(g->getVertexArray());
  backdrop_->setColorArray(g->getColorArray(), osg::Array::BIND_PER_VERTEX);
  backdrop_->removePrimitiveSet(0, backdrop_->getNumPrimitiveSets());
  backdrop_->addPrimitiveSet(g->getPrimitiveSet(0));
}

void Hud::set_help_visible(bool on) {
  help_visible_ = on;
  help_->setNodeMask(on ? ~0u : 0u);
}

}  // namespace dtv
