#include "viewer/viewer_app.h"

#include <fmt/format.h>

#include <osg/BlendColor>
#include <osg/BlendFunc>
#include <osg/ClipPlane>
#include <osg/Geode>
#include <osgText/Text>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "engine/kernel/lang.h"
#include "viewer/event_text.h"
#include "viewer/hud_font.h"
#include "viewer/palette.h"

namespace dtv {

namespace {

constexpr double kNoClip_m = 1e7;

std::string count_text(std::size_t n) {  // 12,345
  const std::string digits = std::to_string(n);
  std::string s;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s.push_back(',');
    s.push_back(digits[i]);
  }
  return s;
}

DT_PHRASE(kCameraSite, "camera: site", "视角：小区");
DT_PHRASE(kCameraBuilding, "camera: building {}", "视角：楼栋 {}");
DT_PHRASE(kCameraFloor, "camera: building {} floor {}", "视角：楼栋 {} 第 {} 层");
DT_PHRASE(kHelpHint, "h: help", "h：帮助");
DT_PHRASE(kPlaying, "playing", "播放中");
DT_PHRASE(kPaused, "paused", "已暂停");
DT_PHRASE(kFigures, "safe {} / {}   moving {}   queuing {}   waiting {}", "已安全 {} / {}   行进中 {}   排队 {}   等待出发 {}");
DT_PHRASE(kNotAlertedYet, "   not yet alerted {}", "   尚未收到警报 {}");
DT_PHRASE(kAwaitingHelp, "   awaiting help {}", "   待协助 {}");
DT_PHRASE(kLargestQueue, "   largest queue {}", "   最大排队 {} 人");
DT_PHRASE(kQueueAt, " at {}", "（{}）");
DT_PHRASE(kHazardsInForce, "    hazards in force: {}", "    当前险情：{} 处");
DT_PHRASE(kBenchmarkLine, "benchmark: {} people moving", "性能测试：{} 人移动中");
DT_PHRASE(kLayoutLine, "{} buildings   {} nodes   {} links   {} sensors", "{} 栋楼   {} 个节点   {} 条连线   {} 个传感器");
DT_PHRASE(kNoSuchFloor, "--floor {}: building {} has floors 1 to {}", "--floor {}：楼栋 {} 只有第 1 至 {} 层");
DT_PHRASE(kNoSuchBuilding, "--building {}: no such building; the scene has: {}", "--building {}：没有这栋楼；场景中的楼栋有：{}");
DT_PHRASE(kEventsTitle, "events", "事件记录");
DT_PHRASE(kIncidentFigures, "incidents reported {}   past their response target {}   (per building: the blocks on the roofs)",
          "已报工单 {}   超过响应时限 {}   （各楼栋：楼顶色块）");
DT_PHRASE(kLayoutChecks, "layout checks: {} errors, {} warnings (listed in the terminal)",
          "布局检查：{} 个错误，{} 个警告（详见终端输出）");

}  // namespace

std::string elapsed_text(double t_s) {
  const auto s = static_cast<long>(std::floor(std::max(0.0, t_s)));
  if (s >= 3600) return fmt::format("T+{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("T+{:02}:{:02}", s / 60, s % 60);
}

std::string clock_text(double clock_s) {
  const auto s = static_cast<long>(std::floor(std::fmod(std::max(0.0, clock_s), 86400.0)));
  return fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

ViewerApp::ViewerApp(Input input, int width, int height, const ViewOptions& options)
    : input_(std::move(input)), rig_(input_.scene), scene_(build_static_scene(input_.scene, options.roof_tints)), preset_(options.preset) {
  // The building: asked for by id, else the tallest (first of equals).
  const auto& buildings = input_.scene.buildings;
  if (!options.building.empty()) {
    const auto it = std::find_if(buildings.begin(), buildings.end(), [&](const trace::Building& b) { return b.id == options.building; });
    if (it == buildings.end()) {
      std::string known;
      for (const trace::Building& b : buildings) known += (known.empty() ? "" : ", ") + b.id;
      throw UsageError(dt::say(kNoSuchBuilding, options.building, known));
    }
    building_ = static_cast<int>(it - buildings.begin());
  } else {
    for (std::size_t b = 1; b < buildings.size(); ++b)
      if (buildings[b].floors() > buildings[static_cast<std::size_t>(building_)].floors()) building_ = static_cast<int>(b);
  }
  if (!buildings.empty() && (options.floor < 1 || options.floor > rig_.floors(building_)))
    throw UsageError(dt::say(kNoSuchFloor, options.floor, buildings[static_cast<std::size_t>(building_)].id, rig_.floors(building_)));
  floor_ = std::clamp(options.floor, 1, std::max(1, rig_.floors(building_)));

  scene_.network->setValue(0, options.network.value_or(!input_.trace));
  scene_.sensors->setValue(0, options.sensors);
  scene_.shells->setValue(0, options.shells);

  root_ = new osg::Group;
  clip_ = new osg::ClipNode;
  clip_->addClipPlane(new osg::ClipPlane(0, 0.0, 0.0, -1.0, kNoClip_m));
  clip_->addClipPlane(new osg::ClipPlane(1, 0.0, 0.0, 1.0, kNoClip_m));
  clip_->addChild(scene_.root.get());
  root_->addChild(clip_.get());
  osg::StateSet* ss = root_->getOrCreateStateSet();
  ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);

  if (input_.trace) {
    playback_ = std::make_unique<Playback>(*input_.trace);
    crowd_ = std::make_unique<CrowdLayer>(input_.trace->people().size(), input_.trace->people());
    events_ = std::make_unique<EventOverlay>(input_.scene, input_.trace->events());
    clip_->addChild(events_->node());
    clip_->addChild(crowd_->node());
  }
  if (options.heat) {
    heat_ = std::make_unique<HeatLayer>(input_.scene);
    clip_->addChild(heat_->node());
    heat_cumulative_ = options.heat_cumulative && playback_;
  }
  std::vector<LegendEntry> extra = options.legend_extra;
  if (input_.trace && options.incidents != IncidentMode::Off) {
    incidents_ = std::make_unique<IncidentLayer>(input_.scene, input_.trace->events(), options.incidents);
    if (incidents_->any() || options.incidents == IncidentMode::Late) {
      clip_->addChild(incidents_->node());
      const std::vector<LegendEntry> bands = incident_legend(options.incidents == IncidentMode::Late);
      extra.insert(extra.end(), bands.begin(), bands.end());
    } else {
      incidents_.reset();
    }
  }
  // Building labels: each id above its roof, facing the camera, a fixed size on the screen.
  osg::ref_ptr<osg::Geode> labels = new osg::Geode;
  for (const trace::Building& b : buildings) {
    if (b.outline.empty() || b.elevation_m.empty()) continue;
    float x = 0, y = 0;
    for (const trace::Vec2f& q : b.outline) {
      x += q.x;
      y += q.y;
    }
    x /= static_cast<float>(b.outline.size());
    y /= static_cast<float>(b.outline.size());
    osg::ref_ptr<osgText::Text> t = new osgText::Text;
    t->setFont(hud_fonts(dt::lang()).text.get());
    t->setCharacterSizeMode(osgText::Text::SCREEN_COORDS);
    t->setCharacterSize(15.0f);
    t->setAutoRotateToScreen(true);
    t->setAlignment(osgText::Text::CENTER_BOTTOM);
    t->setPosition({x, y, b.elevation_m.back() + 3.0f});
    t->setColor(palette::kLabel);
    // No outline backdrop: on llvmpipe it costs milliseconds a frame (docs/performance.md).
    t->setText(b.id, osgText::String::ENCODING_UTF8);
    labels->addDrawable(t.get());
    labels_.emplace_back(static_cast<std::size_t>(&b - buildings.data()), t.get());
  }
  labels->getOrCreateStateSet()->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
  labels->getOrCreateStateSet()->setRenderBinDetails(70, "RenderBin");
  clip_->addChild(labels.get());
  width_ = width;
  height_ = height;
  // A dispatch trace has nobody walking: its legend is the incident blocks' alone.
  const bool people = input_.trace != nullptr && !input_.trace->people().empty();
  hud_ = std::make_unique<Hud>(width, height, people, extra, heat_cumulative_,
                               input_.trace ? Timeline::kStrip : 0.0f);
  if (options.hud) root_->addChild(hud_->camera());
  if (playback_) {
    timeline_ = std::make_unique<Timeline>(playback_->duration_s(), events_->events());
    timeline_->layout(width, height);
    hud_->camera()->addChild(timeline_->node());
    if (options.stair_panel) toggle_stair_panel();
  }
  apply_clip();
}

bool ViewerApp::take_view_change() {
  const bool c = view_changed_;
  view_changed_ = false;
  return c;
}

// The building and floor cameras fade the shells of every other building to a trace (a constant
// alpha of kFadedAlpha instead of their own), so that towers in front never hide the chosen one.
constexpr float kFadedAlpha = 0.025f;

void ViewerApp::apply_fade() {
  const bool fade = preset_ != Preset::Site;
  for (std::size_t b = 0; b < scene_.building_shells.size(); ++b) {
    osg::StateSet* ss = scene_.building_shells[b]->getOrCreateStateSet();
    if (fade && static_cast<int>(b) != building_) {
      ss->setAttributeAndModes(new osg::BlendFunc(GL_CONSTANT_ALPHA, GL_ONE_MINUS_CONSTANT_ALPHA));
      ss->setAttribute(new osg::BlendColor(osg::Vec4(1, 1, 1, kFadedAlpha)));
    } else {
      ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
      ss->removeAttribute(osg::StateAttribute::BLENDCOLOR);
    }
  }
}

void ViewerApp::apply_clip() {
  apply_fade();
  const double z = preset_ == Preset::Floor ? view().clip_above_m : kNoClip_m;
  clip_->getClipPlane(0)->setClipPlane(0.0, 0.0, -1.0, std::min(z, kNoClip_m));
  const double below = preset_ == Preset::Floor ? view().clip_below_m : -kNoClip_m;
  clip_->getClipPlane(1)->setClipPlane(0.0, 0.0, 1.0, std::min(-below, kNoClip_m));
  // The floor camera shows the fires of its storey only: a flame rising from a floor below, drawn
  // over everything, would stand in this floor's plan as if it burnt here.
  if (events_) events_->set_band(below, std::min(z, kNoClip_m));
}

void ViewerApp::set_preset(Preset p) {
  preset_ = p;
  view_changed_ = true;
  apply_clip();
}

void ViewerApp::next_building(int step) {
  const int n = rig_.buildings();
  if (n == 0) return;
  building_ = ((building_ + step) % n + n) % n;
  floor_ = std::clamp(floor_, 1, rig_.floors(building_));
  if (preset_ == Preset::Site) preset_ = Preset::Building;
  view_changed_ = true;
  apply_clip();
}

void ViewerApp::change_floor(int step) {
  floor_ = std::clamp(floor_ + step, 1, rig_.floors(building_));
  preset_ = Preset::Floor;
  view_changed_ = true;
  apply_clip();
}

void ViewerApp::toggle_network() { scene_.network->setValue(0, !scene_.network->getValue(0)); }
void ViewerApp::toggle_shells() { scene_.shells->setValue(0, !scene_.shells->getValue(0)); }
void ViewerApp::toggle_sensors() { scene_.sensors->setValue(0, !scene_.sensors->getValue(0)); }
void ViewerApp::toggle_help() { hud_->set_help_visible(!hud_->help_visible()); }

TraceStats& ViewerApp::stats() {
  if (!stats_) stats_ = std::make_unique<TraceStats>(*input_.trace);
  return *stats_;
}

void ViewerApp::toggle_stair_panel() {
  if (!playback_) return;
  if (!panel_) {
    panel_ = std::make_unique<StairPanel>(stats(), playback_->duration_s());
    panel_->layout(width_, height_, Timeline::kStrip);
    panel_->set_building(building_);
    hud_->camera()->addChild(panel_->node());
    return;
  }
  panel_->set_visible(!panel_->visible());
}

bool ViewerApp::mouse_press(float x, float y) {
  if (!timeline_ || !playback_ || !timeline_->hit(x, y)) return false;
  scrubbing_ = true;
  playback_->seek(timeline_->time_at(x));
  return true;
}

bool ViewerApp::mouse_drag(float x) {
  if (!scrubbing_) return false;
  playback_->seek(timeline_->time_at(x));
  return true;
}

bool ViewerApp::mouse_release() {
  const bool was = scrubbing_;
  scrubbing_ = false;
  return was;
}

void ViewerApp::jump_to_event(int direction) {
  if (!playback_ || !events_) return;
  const auto& ev = events_->events();  // ascending time
  const double now = playback_->time_s();
  if (direction > 0) {
    const auto it = std::upper_bound(ev.begin(), ev.end(), now + 0.5, [](double t, const trace::Event& e) { return t < e.t_s; });
    if (it != ev.end()) playback_->seek(it->t_s);
  } else {
    const auto it = std::lower_bound(ev.begin(), ev.end(), now - 0.5, [](const trace::Event& e, double t) { return e.t_s < t; });
    if (it != ev.begin()) playback_->seek(std::prev(it)->t_s);
  }
}

void ViewerApp::update(double wall_s, float pixels_per_metre, int width, int height) {
  hud_->resize(width, height);
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    if (timeline_) timeline_->layout(width, height);
    if (panel_) panel_->layout(width, height, Timeline::kStrip);
  }
  trace::Figures figures;
  if (playback_) {
    playback_->advance(wall_s);
    playback_->sample(pos_, state_, figures);
    crowd_->update(pos_, state_);
    crowd_->set_pixels_per_metre(pixels_per_metre);
    const double t = playback_->time_s();
    events_->update(t);
    if (heat_ && heat_cumulative_) {
      TraceStats& st = stats();
      person_s_.resize(st.flights().size());  // sized once
      st.person_seconds_before(static_cast<std::size_t>(std::floor(t / st.frame_interval_s() + 1e-9)), person_s_);
      heat_->update_cumulative(person_s_);
    } else if (heat_) {
      heat_->update(playback_->frame().on_link);
    }
    if (incidents_ && incidents_->update(t)) {  // the labels stand on the blocks
      for (auto& [b, label] : labels_) {
        osg::Vec3 p = label->getPosition();
        p.z() = input_.scene.buildings[b].elevation_m.back() + 3.0f +
                (incidents_->count(b) > 0 ? IncidentLayer::height_m(incidents_->count(b)) : 0.0f);
        label->setPosition(p);
      }
    }
    if (timeline_) timeline_->update(t);
    if (panel_) {
      panel_->set_building(building_);
      panel_->update(t);
    }
  }
  refresh_hud(figures, state_);
}

void ViewerApp::show_people(std::span<const trace::Vec3f> position, std::span<const trace::PersonState> state,
                            float pixels_per_metre, std::span<const trace::Load> on_link) {
  if (heat_) heat_->update(on_link);
  if (!crowd_) {
    std::vector<trace::PersonInfo> info(position.size());
    crowd_ = std::make_unique<CrowdLayer>(position.size(), info);
    clip_->addChild(crowd_->node());
  }
  crowd_->update(position, state);
  crowd_->set_pixels_per_metre(pixels_per_metre);
  trace::Figures f;
  for (const trace::PersonState s : state) f.safe += s == trace::PersonState::Safe ? 1u : 0u;
  refresh_hud(f, state);
}

void ViewerApp::refresh_hud(const trace::Figures& figures, std::span<const trace::PersonState> state) {
  const trace::Scene& sc = input_.scene;
  using dt::say;
  std::string corner;
  if (preset_ == Preset::Site || building_ >= rig_.buildings())
    corner = say(kCameraSite);
  else if (preset_ == Preset::Building)
    corner = say(kCameraBuilding, sc.buildings[static_cast<std::size_t>(building_)].id);
  else
    corner = say(kCameraFloor, sc.buildings[static_cast<std::size_t>(building_)].id, floor_);
  corner += "    " + say(kHelpHint);
  std::string top = input_.title, line2, line3;
  if (playback_) {
    const double t = playback_->time_s();
    const std::string speed = fmt::format("x{:g}  {}", playback_->speed(), say(playback_->playing() ? kPlaying : kPaused));
    top += "    " + elapsed_text(t) + "  (" + clock_text(input_.trace->meta().start_clock_s + t) + ")    " + speed;
    std::array<std::size_t, trace::kPersonStateCount> by{};
    for (const trace::PersonState s : state) ++by[static_cast<std::size_t>(s)];
    if (state.empty() && incidents_) {  // a dispatch trace
      std::size_t reported = 0, late = 0;
      for (std::size_t i = 0; i < events_->applied(); ++i) {
        reported += events_->events()[i].kind == trace::EventKind::ServiceRequest ? 1 : 0;
        late += events_->events()[i].kind == trace::EventKind::ServiceLate ? 1 : 0;
      }
      line2 = say(kIncidentFigures, count_text(reported), count_text(late));
    } else {
    line2 = say(kFigures, count_text(figures.safe), count_text(state.size()),
                count_text(by[static_cast<std::size_t>(trace::PersonState::Moving)]),
                count_text(by[static_cast<std::size_t>(trace::PersonState::Queuing)]),
                count_text(by[static_cast<std::size_t>(trace::PersonState::Waiting)]));
    const std::size_t unaware = by[static_cast<std::size_t>(trace::PersonState::NotAlerted)];
    if (unaware > 0) line2 += say(kNotAlertedYet, count_text(unaware));
    const std::size_t help = by[static_cast<std::size_t>(trace::PersonState::AwaitingAssistance)];
    if (help > 0) line2 += say(kAwaitingHelp, count_text(help));
    line2 += say(kLargestQueue, count_text(figures.largest_queue));
    if (figures.queue_node < sc.nodes.size()) line2 += say(kQueueAt, place_text(sc.nodes[figures.queue_node].label));
    }
    // The event panel: the last kEventPanelLines events with their times, newest last.
    const std::size_t n = events_->applied();
    if (n > 0) {
      line3 = say(kEventsTitle);
      if (events_->active_hazards() > 0) line3 += say(kHazardsInForce, count_text(events_->active_hazards()));
      // Fires in force stay at the top, however many events came after them.
      const auto& ev = events_->events();
      std::vector<std::size_t> fires;
      for (std::size_t i = 0; i < n; ++i) {
        if (ev[i].kind == trace::EventKind::Incident) fires.push_back(i);
        if (ev[i].kind == trace::EventKind::IncidentCleared)
          std::erase_if(fires, [&](std::size_t f) { return ev[f].subject == ev[i].subject; });
      }
      std::vector<std::size_t> shown(fires.begin(), fires.end());
      std::vector<std::size_t> latest;
      for (std::size_t i = n; i-- > 0 && latest.size() + shown.size() < kEventPanelLines;)
        if (std::find(fires.begin(), fires.end(), i) == fires.end()) latest.push_back(i);
      shown.insert(shown.end(), latest.rbegin(), latest.rend());
      for (const std::size_t i : shown) line3 += "\n" + elapsed_text(ev[i].t_s) + "  " + event_text(ev[i], sc);
    }
  } else if (crowd_) {
    line2 = say(kBenchmarkLine, count_text(state.size()));
  } else {
    line2 = say(kLayoutLine, count_text(sc.buildings.size()), count_text(sc.nodes.size()), count_text(sc.links.size()),
                count_text(sc.sensors.size()));
    std::size_t errors = 0;
    for (const std::string& f : input_.findings) errors += f.find(": error:") != std::string::npos ? 1 : 0;
    if (!input_.findings.empty())
      line3 = say(kLayoutChecks, count_text(errors), count_text(input_.findings.size() - errors));
  }
  hud_->set_lines(top, line2, line3, corner);
  hud_lines_ = {top, line2, line3, corner};
}

}  // namespace dtv
