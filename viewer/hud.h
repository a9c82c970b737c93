#pragma once
// The head-up display: title, clock and speed, live figures (people safe, moving, queuing, the
// largest queue and where), the latest event, the camera, a legend of the people's colours, and
// the help overlay that lists every key (docs/viewer.md lists them too). In English or Simplified
// Chinese (--lang zh-CN), with the fonts of hud_font.h.

#include <osg/Camera>
#include <osgText/Text>
#include <string>
#include <string_view>
#include <vector>

namespace dtv {

/// Every key of the interactive viewer, as the help overlay and docs/viewer.md list them, in the
/// current language (dt::lang()).
struct KeyHelp {
  std::string keys;
  std::string what;
};
[[nodiscard]] std::vector<KeyHelp> key_help();

/// The legend: every symbol the picture uses (people's states, fire, smoke, closures, water,
/// assembly points, the stairs' density levels), in the current language.
struct LegendEntry {
  std::string label;
  osg::Vec4 color;
};
/// `cumulative`: the stairs' levels of the cumulative heat map instead of Fruin's density levels.
[[nodiscard]] std::vector<LegendEntry> legend_entries(bool cumulative = false);
/// The incident blocks' bands (dispatch traces): incidents so far, or those past their target (`late`).
[[nodiscard]] std::vector<LegendEntry> incident_legend(bool late);

/// Width of `text` in the columns of a monospaced font: a wide (CJK) character takes two.
[[nodiscard]] std::size_t text_columns(std::string_view text);

class Hud {
 public:
  /// `extra`: legend entries after the standard ones (or alone, without a trace), e.g. the access bands.
  /// `cumulative`: the legend shows the cumulative heat map's levels; `bottom`: pixels kept free at
  /// the bottom of the window (the timeline bar), the legend and the camera line stand above them.
  Hud(int width, int height, bool legend, std::vector<LegendEntry> extra = {}, bool cumulative = false, float bottom = 0);

  [[nodiscard]] osg::Camera* camera() const { return camera_.get(); }
  void resize(int width, int height);
  void set_lines(const std::string& top, const std::string& figures, const std::string& event,
                 const std::string& corner);
  void set_help_visible(bool on);
  [[nodiscard]] bool help_visible() const { return help_visible_; }

 private:
  osg::ref_ptr<osgText::Text> text(const osg::Vec3& at, float size, const osg::Vec4& color);
  void layout();
  void update_backdrop();

  int width_, height_;
  float bottom_ = 0;
  bool legend_;
  bool help_visible_ = false;
  osg::ref_ptr<osg::Camera> camera_;
  osg::ref_ptr<osg::Geode> geode_;
  osg::ref_ptr<osg::Geode> help_;
  osg::ref_ptr<osgText::Text> top_, figures_, event_, corner_;
  std::vector<osg::ref_ptr<osgText::Text>> legend_text_;
  osg::ref_ptr<osg::Geometry> legend_swatches_;
  std::vector<osg::Vec4> legend_colors_;
  osg::ref_ptr<osg::Geometry> backdrop_;
  std::size_t backdrop_key_ = 0;
  osg::ref_ptr<osgText::Text> help_text_;
  std::string help_string_;
  osg::ref_ptr<osg::Geometry> help_panel_;
  std::string last_[4];
};

}  // namespace dtv
