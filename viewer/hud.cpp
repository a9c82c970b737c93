#include "viewer/hud.h"

#include <osg/BlendFunc>
#include <osg/Geode>
#include <osgText/Font>

#include <algorithm>
#include <filesystem>

#include "viewer/palette.h"
#include "viewer/scene_builder.h"

namespace dtv {

namespace {

constexpr float kMargin = 12.0f;

osg::ref_ptr<osgText::Font> load_font(const char* file) {
  const std::string path = std::string("/usr/share/fonts/truetype/dejavu/") + file;
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    if (osg::ref_ptr<osgText::Font> f = osgText::readRefFontFile(path)) return f;
  return osgText::Font::getDefaultFont();  // built in: no font files needed
}

}  // namespace

const std::vector<KeyHelp>& key_help() {
  static const std::vector<KeyHelp> keys = {
      {"Space", "play / pause"},
      {"+  -", "speed x2 / /2 (x1 to x64)"},
      {"Right  Left", "seek 10 s forward / back"},
      {"PgUp  PgDn", "seek 60 s forward / back"},
      {".  ,", "step one frame forward / back (pauses)"},
      {"Home  End", "go to the start / the end"},
      {"1  2  3", "camera: site / building / floor"},
      {"Tab  Shift+Tab", "next / previous building"},
      {"Up  Down", "floor up / down (floor camera)"},
      {"n", "navigation network on / off"},
      {"w", "building shells on / off"},
      {"s", "sensors on / off"},
      {"r", "reset the camera to its preset"},
      {"h  F1", "this help on / off"},
      {"Esc", "quit"},
      {"mouse", "left drag: orbit, middle drag: pan, right drag / wheel: zoom"},
  };
  return keys;
}

Hud::Hud(int width, int height, bool legend)
    : width_(width), height_(height), legend_(legend), camera_(new osg::Camera), geode_(new osg::Geode),
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

  if (legend_) {
    Batch swatches;
    for (std::size_t s = 0; s < trace::kPersonStateCount; ++s) {
      osg::ref_ptr<osgText::Text> t = text({0, 0, 0}, 13, palette::kTextDim);
      t->setText(trace::to_string(static_cast<trace::PersonState>(s)));
      legend_text_.push_back(t);
      geode_->addDrawable(t.get());
    }
    legend_swatches_ = new osg::Geometry;
    geode_->addDrawable(legend_swatches_.get());
  }

  // Help: a dark panel with the keys.
  std::string help = "drilltwin-view keys\n\n";
  for (const KeyHelp& k : key_help()) {
    std::string keys = k.keys;
    keys.resize(16, ' ');
    help += keys + k.what + "\n";
  }
  help_text_ = new osgText::Text;
  help_text_->setFont(load_font("DejaVuSansMono.ttf"));
  help_text_->setCharacterSize(15);
  help_text_->setColor(palette::kText);
  help_text_->setAlignment(osgText::Text::LEFT_TOP);
  help_text_->setText(help);
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
  static const osg::ref_ptr<osgText::Font> font = load_font("DejaVuSans.ttf");
  osg::ref_ptr<osgText::Text> t = new osgText::Text;
  t->setFont(font.get());
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
  corner_->setPosition({w - kMargin, kMargin, 0});
  if (legend_) {
    Batch swatches;
    for (std::size_t s = 0; s < legend_text_.size(); ++s) {
      const float y = kMargin + static_cast<float>(legend_text_.size() - 1 - s) * 19;
      legend_text_[s]->setPosition({kMargin + 20, y + 1, 0});
      swatches.quad({kMargin, y, 0}, {kMargin + 13, y, 0}, {kMargin + 13, y + 13, 0}, {kMargin, y + 13, 0},
                    state_color(static_cast<trace::PersonState>(s)));
    }
    osg::ref_ptr<osg::Geometry> g = swatches.geometry(GL_TRIANGLES);
    legend_swatches_->setVertexArray(g->getVertexArray());
    legend_swatches_->setColorArray(g->getColorArray(), osg::Array::BIND_PER_VERTEX);
    legend_swatches_->removePrimitiveSet(0, legend_swatches_->getNumPrimitiveSets());
    legend_swatches_->addPrimitiveSet(g->getPrimitiveSet(0));
  }
  // The help: as large as fits (15 px characters at most), centred, on a panel around the text.
  // Measured from the text: DejaVu Sans Mono advances 0.602 em; lines are about 1.1 em apart.
  std::size_t lines = 0, longest = 0, run = 0;
  for (const char c : help_string_) {
    if (c == '\n') {
      ++lines;
      longest = std::max(longest, run);
      run = 0;
    } else {
      ++run;
    }
  }
  const float cs = std::min({15.0f, (h - 60) / (1.1f * static_cast<float>(lines)),
                             (w - 60) / (0.61f * static_cast<float>(longest))});
  help_text_->setCharacterSize(cs);
  const float tw = 0.61f * cs * static_cast<float>(longest), th = 1.1f * cs * static_cast<float>(lines);
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
}

void Hud::set_lines(const std::string& top, const std::string& figures, const std::string& event,
                    const std::string& corner) {
  const std::string* in[4] = {&top, &figures, &event, &corner};
  osgText::Text* out[4] = {top_.get(), figures_.get(), event_.get(), corner_.get()};
  for (int i = 0; i < 4; ++i)
    if (*in[i] != last_[i]) {
      last_[i] = *in[i];
      out[i]->setText(*in[i]);
    }
}

void Hud::set_help_visible(bool on) {
  help_visible_ = on;
  help_->setNodeMask(on ? ~0u : 0u);
}

}  // namespace dtv
