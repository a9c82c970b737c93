#pragma once
// One viewer: the input (trace or layout), the scene graph built from it (static scene, people,
// event overlay, HUD) and the commands the keys call. The interactive window, the offscreen
// screenshot and the benchmark all drive this same object.

#include <osg/ClipNode>
#include <osg/Group>
#include <osgText/Text>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viewer/camera_rig.h"
#include "viewer/crowd_layer.h"
#include "viewer/event_overlay.h"
#include "viewer/heat_layer.h"
#include "viewer/hud.h"
#include "viewer/incident_layer.h"
#include "viewer/input.h"
#include "viewer/playback.h"
#include "viewer/scene_builder.h"
#include "viewer/stair_panel.h"
#include "viewer/timeline.h"
#include "viewer/trace_stats.h"

namespace dtv {

struct ViewOptions {
  Preset preset = Preset::Site;
  std::string building;              ///< id; empty = the tallest building
  int floor = 1;                     ///< 1 = ground floor
  std::optional<bool> network;       ///< default: on for a layout alone, off for a trace
  bool sensors = false;
  bool shells = true;
  bool hud = true;
  bool heat = true;                  ///< stairs coloured by density
  bool heat_cumulative = false;      ///< ... by their use so far instead (`--heat cumulative`)
  IncidentMode incidents = IncidentMode::All;  ///< dispatch traces: blocks of incidents per building
  bool stair_panel = false;          ///< the stair panel at the start (`--panel stairs`; key g)
  /// Per building of the scene: its roof's colour (`--access`, viewer/access_tint.h); empty: none.
  std::vector<std::optional<osg::Vec4>> roof_tints;
  std::vector<LegendEntry> legend_extra;  ///< entries the legend adds (the access bands)
};

/// Lines in the event panel.
inline constexpr std::size_t kEventPanelLines = 6;

class ViewerApp {
 public:
  /// Throws UsageError for an unknown --building.
  ViewerApp(Input input, int width, int height, const ViewOptions& options);
  ViewerApp(const ViewerApp&) = delete;  // the scene graph points into input_
  ViewerApp& operator=(const ViewerApp&) = delete;

  /// Scene and HUD: the camera's scene data.
  [[nodiscard]] osg::Node* root() const { return root_.get(); }
  [[nodiscard]] bool has_trace() const { return playback_ != nullptr; }
  [[nodiscard]] Playback* playback() const { return playback_.get(); }
  [[nodiscard]] const Input& input() const { return input_; }

  /// Moves the clock on by `wall_s` of real time and refreshes people, events and the HUD.
  /// `pixels_per_metre`: viewport height / (2 tan(fovy / 2)).
  void update(double wall_s, float pixels_per_metre, int width, int height);
  /// Shows `people` at the given positions and states instead of the trace's (benchmark).
  void show_people(std::span<const trace::Vec3f> position, std::span<const trace::PersonState> state,
                   float pixels_per_metre, std::span<const trace::Load> on_link = {});
  /// The HUD's lines as last shown: title, figures, event panel, camera (tests read them).
  [[nodiscard]] const std::array<std::string, 4>& hud_lines() const { return hud_lines_; }
  /// The stairs' congestion colours (null for a layout alone).
  [[nodiscard]] const HeatLayer* heat() const { return heat_.get(); }

  [[nodiscard]] View view() const { return rig_.view(preset_, building_, floor_); }
  [[nodiscard]] const CameraRig& rig() const { return rig_; }
  /// True once after the preset, building or floor changed (the window resets its camera).
  [[nodiscard]] bool take_view_change();

  // Commands (keys).
  void set_preset(Preset p);
  void next_building(int step);
  void change_floor(int step);
  void toggle_network();
  void toggle_shells();
  void toggle_sensors();
  void toggle_help();
  /// Seeks to the next (+1) or previous (−1) event of the trace (more than 0.5 s away).
  void jump_to_event(int direction);
  void toggle_stair_panel();
  /// The mouse on the timeline bar, at (x, y) window pixels from the bottom-left: a press on the bar
  /// seeks there and starts scrubbing (true: the press is the timeline's); a drag while scrubbing
  /// seeks to its column; a release ends it.
  bool mouse_press(float x, float y);
  bool mouse_drag(float x);
  bool mouse_release();
  [[nodiscard]] const Timeline* timeline() const { return timeline_.get(); }
  [[nodiscard]] const StairPanel* stair_panel() const { return panel_.get(); }
  [[nodiscard]] const IncidentLayer* incidents() const { return incidents_.get(); }
  [[nodiscard]] int width() const { return width_; }
  [[nodiscard]] int height() const { return height_; }
  void request_view_reset() { view_changed_ = true; }

 private:
  void apply_clip();
  void apply_fade();
  void refresh_hud(const trace::Figures& figures, std::span<const trace::PersonState> state);
  TraceStats& stats();  // built on first use (one pass over the frames)

  Input input_;
  CameraRig rig_;
  StaticScene scene_;
  std::unique_ptr<Playback> playback_;
  std::unique_ptr<CrowdLayer> crowd_;
  std::unique_ptr<EventOverlay> events_;
  std::unique_ptr<HeatLayer> heat_;
  std::unique_ptr<Hud> hud_;
  std::unique_ptr<TraceStats> stats_;
  std::unique_ptr<IncidentLayer> incidents_;
  std::unique_ptr<Timeline> timeline_;
  std::unique_ptr<StairPanel> panel_;
  std::vector<std::pair<std::size_t, osg::ref_ptr<osgText::Text>>> labels_;  // building, its label
  std::vector<double> person_s_;  // the cumulative heat map's input, per stair flight
  bool heat_cumulative_ = false;
  bool scrubbing_ = false;
  int width_ = 0, height_ = 0;
  osg::ref_ptr<osg::Group> root_;
  osg::ref_ptr<osg::ClipNode> clip_;
  Preset preset_;
  int building_ = 0;
  int floor_ = 1;
  bool view_changed_ = true;
  std::vector<trace::Vec3f> pos_;
  std::vector<trace::PersonState> state_;
  std::array<std::string, 4> hud_lines_;
};

/// "T+12:34" (or "T+1:02:03") and the clock "02:12:34".
[[nodiscard]] std::string elapsed_text(double t_s);
[[nodiscard]] std::string clock_text(double clock_s);

}  // namespace dtv
