// drilltwin-view — shows a community layout and replays a drill in 3D (docs/viewer.md).
//
//   drilltwin-view results/fire_drill_night            the trace.bin of a run (drilltwin run --trace)
//   drilltwin-view assets/compound.yaml                a layout on its own, before any run
//   drilltwin-view DIR --screenshot out.png --at 600 [--camera site|building|floor] [--size WxH]
//   drilltwin-view assets/compound.yaml --benchmark [--people 10000]
//   drilltwin-view DIR --lang zh-CN                    HUD, legend and key help in Chinese (or DRILLTWIN_LANG=zh-CN)
//   drilltwin-view DIR --heat cumulative --panel stairs each stair's use so far; a chart of the stairs over the drill
//   drilltwin-view results/workorders_day              a dispatch day: incidents per building as blocks on the roofs
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <OpenThreads/Thread>
#include <osg/Timer>
#include <osgViewer/Viewer>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"
#include "viewer/access_tint.h"
#include "viewer/key_handler.h"
#include "viewer/offscreen.h"
#include "viewer/palette.h"
#include "viewer/time_arg.h"
#include "viewer/viewer_app.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitInput = 2;

// CLI11 converts with strtoull/strtod ("0x10" is 16, "010" is 8, "nan" passes a range check): a
// number flag first goes through one of these, which take decimal notation only and rewrite a
// whole number without leading zeros before CLI11 converts it.
const CLI::Validator kWholeNumber(
    [](std::string& v) -> std::string {
      const auto n = dt::parse_decimal(v);
      if (!n) return "expected a whole number of decimal digits, got '" + v + "'";
      v = std::to_string(*n);
      return {};
    },
    "");
const CLI::Validator kFiniteNumber(
    [](std::string& v) -> std::string {
      return dt::parse_finite_decimal(v) ? std::string() : "expected a decimal number, got '" + v + "'";
    },
    "");
constexpr double kFrameInterval_s = 1.0 / 60;

DT_PHRASE(kBadTime, "drilltwin-view: error: {} {}: expected seconds (600), a duration (90s, 10min, 1.5h) or h:mm:ss (1:30:00)",
          "drilltwin-view：错误：{} {}：应为秒数（600）、时长（90s、10min、1.5h）或 时:分:秒（1:30:00）");
DT_PHRASE(kAfterEnd, "drilltwin-view: error: {} {}: the trace ends at {} ({:g} s); choose a time from 0 to {:g} s",
          "drilltwin-view：错误：{} {}：回放记录在 {}（{:g} 秒）结束；请选择 0 至 {:g} 秒之间的时间");
DT_PHRASE(kBadRange, "drilltwin-view: error: --from {} is after --to {}", "drilltwin-view：错误：--from {} 晚于 --to {}");
DT_PHRASE(kFramesNeedTrace, "drilltwin-view: error: --frames and --video need a trace to replay",
          "drilltwin-view：错误：--frames 和 --video 需要一个回放记录");
DT_PHRASE(kBenchFrames, "drilltwin-view: error: --frames {}: with --benchmark, a whole number of frames (1 to 100000)",
          "drilltwin-view：错误：--frames {}：与 --benchmark 同用时应为帧数（1 至 100000 的整数）");
DT_PHRASE(kUnknownLang, "drilltwin-view: error: --lang {}: expected en or zh-CN",
          "drilltwin-view：错误：--lang {}：应为 en 或 zh-CN");

bool parse_size(const std::string& text, int& w, int& h) {
  // Two whole numbers in decimal digits (sscanf's %d took signs, spaces and overflowed).
  const std::size_t x = text.find_first_of("xX");
  if (x == std::string::npos) return false;
  const auto a = dt::parse_decimal(std::string_view(text).substr(0, x));
  const auto b = dt::parse_decimal(std::string_view(text).substr(x + 1));
  if (!a || !b || *a < 16 || *b < 16 || *a > 8192 || *b > 8192) return false;
  w = static_cast<int>(*a);
  h = static_cast<int>(*b);
  return true;
}

int run_window(dtv::ViewerApp& app, int width, int height, double speed) {
  osgViewer::Viewer viewer;
  viewer.setUpViewInWindow(40, 40, width, height);
  viewer.setSceneData(app.root());
  osg::ref_ptr<dtv::OrbitCamera> manipulator = new dtv::OrbitCamera;
  viewer.setCameraManipulator(manipulator.get(), false);
  viewer.addEventHandler(new dtv::KeyHandler(app));
  viewer.getCamera()->setClearColor(dtv::palette::kBackground);
  viewer.realize();
  if (!viewer.isRealized()) {
    fmt::print(stderr, "drilltwin-view: error: cannot open a window (is DISPLAY set?)\n");
    return kExitRuntime;
  }
  osgViewer::Viewer::Windows windows;
  viewer.getWindows(windows);
  for (osgViewer::GraphicsWindow* w : windows) w->setWindowName("drilltwin-view  " + app.input().title);
  if (dtv::Playback* pb = app.playback()) {
    pb->set_speed(speed);
    pb->set_playing(true);
  }
  osg::Timer_t last = osg::Timer::instance()->tick();
  while (!viewer.done()) {
    const osg::Timer_t now = osg::Timer::instance()->tick();
    const double dt = osg::Timer::instance()->delta_s(last, now);
    last = now;
    osg::Camera* cam = viewer.getCamera();
    const osg::Viewport* vp = cam->getViewport();
    const int w = vp ? static_cast<int>(vp->width()) : width, h = vp ? static_cast<int>(vp->height()) : height;
    cam->setProjectionMatrixAsPerspective(dtv::CameraRig::kFovY_deg, static_cast<double>(w) / std::max(1, h), 1.0, 1e5);
    const float ppm = static_cast<float>(cam->getProjectionMatrix()(1, 1) * h / 2);
    app.update(dt, ppm, w, h);
    if (dt < kFrameInterval_s)  // at most 60 frames a second: leave the CPU to others
      OpenThreads::Thread::microSleep(static_cast<unsigned>((kFrameInterval_s - dt) * 1e6));
    if (app.take_view_change()) {
      const dtv::View v = app.view();
      manipulator->setHomePosition(v.eye, v.center, v.up);
      manipulator->setTransformation(v.eye, v.center, v.up);
    }
    viewer.frame();
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"drilltwin-view — shows a community layout and replays a drill in 3D (OpenSceneGraph).\n"
               "INPUT is a run's output directory (with trace.bin from `drilltwin run --trace`), a trace.bin,\n"
               "or a layout file (YAML) to look at before any run.",
               "drilltwin-view"};
  std::string input, screenshot, camera = "site", building, size = "1280x800", camera_json, keys, language;
  std::string at_text = "0", from_text, to_text, every_text = "10", frames_text, video;
  double at_s = 0, speed = 8, fps = 10;
  int floor = 1;
  bool network = false, no_network = false, sensors = false, no_hud = false, no_shells = false, benchmark = false;
  uint32_t people = 10000;
  int frames = 300;
  bool no_heat = false;
  std::string heat_mode = "live", incidents_mode = "all", panel;
  std::string access, access_kind;
  cli.add_option("INPUT", input, "Run directory, trace.bin or layout YAML")->required();
  cli.add_option("--screenshot", screenshot, "Render offscreen into this PNG and exit");
  cli.add_option("--at", at_text, "Trace time of the screenshot: 600, 10min, 1:30:00 (default 0)");
  cli.add_option("--from", from_text, "With --frames/--video: first frame's trace time (default 0)");
  cli.add_option("--to", to_text, "With --frames/--video: last frame's trace time (default: the trace's end)");
  cli.add_option("--every", every_text, "With --frames/--video: trace time between frames (default 10 s)");
  cli.add_option("--video", video, "Also encode the frames into this MP4 with ffmpeg");
  cli.add_option("--fps", fps, "With --video: frames a second of video (default 10)")
      ->transform(kFiniteNumber)
      ->check(CLI::Range(1.0, 60.0));
  cli.add_flag("--no-heat", no_heat, "Do not colour the stairs by density");
  cli.add_option("--heat", heat_mode,
                 "Stair colours: live (people per m² now, Fruin's levels; default) or cumulative (person-minutes per m² "
                 "spent on each flight since t = 0)")
      ->check(CLI::IsMember({"live", "cumulative"}));
  cli.add_option("--incidents", incidents_mode,
                 "Dispatch traces: a block on each roof coloured by the incidents reported there so far (all; default), "
                 "by those past their response target (late), or none (off)")
      ->check(CLI::IsMember({"all", "late", "off"}));
  cli.add_option("--panel", panel,
                 "stairs: a chart of the people on each stair of the camera's building over the drill, with a cursor at "
                 "the current time (key g toggles it)")
      ->check(CLI::IsMember({"stairs"}));
  cli.add_option("--access", access,
                 "Colour each building's roof by walking time to a service: the summary.json of `drilltwin access`");
  cli.add_option("--access-kind", access_kind, "With --access: the service kind to show (default: the file's first)");
  cli.add_option("--camera", camera, "Camera preset: site, building or floor (default site)")
      ->check(CLI::IsMember({"site", "building", "floor"}));
  cli.add_option("--building", building, "Building id for the building and floor cameras (default: the tallest)");
  cli.add_option("--floor", floor, "Floor for the floor camera, 1 = ground (default 1)")
      ->transform(kWholeNumber)
      ->check(CLI::Range(1, 1000));
  cli.add_option("--size", size, "Window or picture size WxH in pixels (default 1280x800)");
  cli.add_option("--speed", speed, "Replay speed at the start, x1 to x64 (default 8)")
      ->transform(kFiniteNumber)
      ->check(CLI::Range(1.0, 64.0));
  cli.add_flag("--network", network, "Show the navigation network (default: on for a layout, off for a trace)");
  cli.add_flag("--no-network", no_network, "Hide the navigation network");
  cli.add_flag("--sensors", sensors, "Show the sensors");
  cli.add_flag("--no-hud", no_hud, "No text over the picture");
  cli.add_flag("--no-shells", no_shells, "Hide the building shells (walls and floor slabs)");
  cli.add_option("--camera-json", camera_json, "With --screenshot: also write the camera's view and projection matrices");
  cli.add_option("--keys", keys,
                 "With --screenshot: press these keys first, e.g. \"3{Up}{Up}\"; the mouse on the timeline bar: "
                 "{Press:X,Y} {Drag:X,Y} {Release:X,Y} (docs/viewer.md)");
  cli.add_option("--lang", language,
                 "Language of the HUD, legend and key help: en or zh-CN (default: DRILLTWIN_LANG, else en)");
  cli.add_flag("--benchmark", benchmark, "Render moving people offscreen and print frame times");
  cli.add_option("--people", people, "With --benchmark: how many people (default 10000)")
      ->transform(kWholeNumber)
      ->check(CLI::Range(1u, 10'000'000u));
  cli.add_option("--frames", frames_text,
                 "Write a PNG sequence into this directory (--from, --to, --every); with --benchmark: frames measured (default 300)");
  cli.footer("Keys: press h in the window (docs/viewer.md lists them). Exit status: 0 success, 1 runtime failure\n"
             "(no OpenGL context, unwritable file), 2 invalid input.");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitInput;
  }
  // The language first: the HUD's texts are made in it from the title on.
  if (language.empty()) {
    dt::set_lang(dt::lang_from_environment());
  } else if (const std::optional<dt::Lang> l = dt::parse_lang(language)) {
    dt::set_lang(*l);
  } else {
    fmt::print(stderr, "{}\n", dt::say(kUnknownLang, language));
    return kExitInput;
  }
  // Times: seconds, durations or h:mm:ss.
  auto time_arg = [](const char* flag, const std::string& text, double& out) {
    if (text.empty()) return true;
    const std::optional<double> t = dtv::parse_time_arg(text);
    if (!t) {
      fmt::print(stderr, "{}\n", dt::say(kBadTime, flag, text));
      return false;
    }
    out = *t;
    return true;
  };
  double from_s = 0, to_s = -1, every_s = 10;
  if (!time_arg("--at", at_text, at_s) || !time_arg("--from", from_text, from_s) || !time_arg("--to", to_text, to_s) ||
      !time_arg("--every", every_text, every_s))
    return kExitInput;
  if (every_s <= 0) {
    fmt::print(stderr, "{}\n", dt::say(kBadTime, "--every", every_text));
    return kExitInput;
  }
  if (benchmark && !frames_text.empty()) {
    const auto n = dt::parse_decimal(frames_text);
    if (!n || *n < 1 || *n > 100000) {
      fmt::print(stderr, "{}\n", dt::say(kBenchFrames, frames_text));
      return kExitInput;
    }
    frames = static_cast<int>(*n);
  }
  int width = 0, height = 0;
  if (!parse_size(size, width, height)) {
    fmt::print(stderr, "drilltwin-view: error: --size {}: expected WxH, e.g. 1280x800 (16 to 8192 pixels)\n", size);
    return kExitInput;
  }
  try {
    dtv::Input in = dtv::open_input(input);
    for (const std::string& f : in.findings) fmt::print(stderr, "{}\n", f);
    dtv::ViewOptions options;
    options.preset = camera == "floor" ? dtv::Preset::Floor : camera == "building" ? dtv::Preset::Building : dtv::Preset::Site;
    options.building = building;
    options.floor = floor;
    if (network || no_network) options.network = network && !no_network;
    if (benchmark && !network) options.network = false;  // a replay's default
    options.sensors = sensors;
    options.hud = !no_hud;
    options.shells = !no_shells;
    options.heat = !no_heat;
    options.heat_cumulative = heat_mode == "cumulative";
    options.incidents = incidents_mode == "off"    ? dtv::IncidentMode::Off
                        : incidents_mode == "late" ? dtv::IncidentMode::Late
                                                   : dtv::IncidentMode::All;
    options.stair_panel = panel == "stairs";
    if (!access.empty()) {
      dtv::AccessTint tint = dtv::read_access_tint(access, access_kind, in.scene);
      options.roof_tints = std::move(tint.roofs);
      options.legend_extra = std::move(tint.legend);
    } else if (!access_kind.empty()) {
      throw dtv::UsageError("--access-kind needs --access FILE (the summary.json of `drilltwin access`)");
    }
    if (benchmark) {
      in.trace.reset();  // the benchmark's people walk the scene on their own
      dtv::ViewerApp app(std::move(in), width, height, options);
      return dtv::run_benchmark(app, dtv::BenchmarkRequest{width, height, people, frames});
    }
    dtv::ViewerApp app(std::move(in), width, height, options);
    const double end_s = app.playback() ? app.playback()->duration_s() : 0;
    auto in_range = [&](const char* flag, const std::string& text, double t) {
      if (!app.playback() || t <= end_s + 1e-9) return true;
      fmt::print(stderr, "{}\n", dt::say(kAfterEnd, flag, text, dtv::elapsed_text(end_s), end_s, end_s));
      return false;
    };
    if (!frames_text.empty() || !video.empty()) {
      if (!app.playback()) {
        fmt::print(stderr, "{}\n", dt::say(kFramesNeedTrace));
        return kExitInput;
      }
      if (to_s < 0) to_s = end_s;
      if (!in_range("--from", from_text, from_s) || !in_range("--to", to_text, to_s)) return kExitInput;
      if (from_s > to_s) {
        fmt::print(stderr, "{}\n", dt::say(kBadRange, from_text, to_text));
        return kExitInput;
      }
      return dtv::take_frames(app, dtv::FramesRequest{frames_text, video, from_s, to_s, every_s, fps, width, height});
    }
    if (!screenshot.empty()) {
      if (!in_range("--at", at_text, at_s)) return kExitInput;
      return dtv::take_screenshot(app,
                                  dtv::ScreenshotRequest{screenshot, at_s, width, height, camera_json, dtv::parse_keys(keys)});
    }
    return run_window(app, width, height, speed);
  } catch (const dtv::UsageError& e) {
    fmt::print(stderr, "drilltwin-view: error: {}\n", e.what());
    return kExitInput;
  } catch (const dtv::LayoutRejected& e) {  // drilltwin's FILE:LINE:COL diagnostics, as it printed them
    fmt::print(stderr, "{}\n", e.what());
    return kExitInput;
  } catch (const dt::trace::TraceError& e) {
    fmt::print(stderr, "drilltwin-view: error: {}\n", e.what());
    return kExitInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "drilltwin-view: error: {}\n", e.what());
    return kExitRuntime;
  }
}
