#include "viewer/offscreen.h"

#include <fmt/format.h>

#include <osg/GL>
#include <osg/GLExtensions>
#include <osg/Image>
#include <osgDB/WriteFile>
#include <osgGA/EventQueue>
#include <osgViewer/Viewer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

extern char** environ;

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/kernel/lang.h"
#include "viewer/key_handler.h"
#include "viewer/palette.h"

namespace dtv {

namespace {

constexpr double kPi = 3.14159265358979323846;

osg::ref_ptr<osg::GraphicsContext> make_pbuffer(int width, int height) {
  osg::ref_ptr<osg::GraphicsContext::Traits> t = new osg::GraphicsContext::Traits;
  t->x = 0;
  t->y = 0;
  t->width = width;
  t->height = height;
  t->pbuffer = true;
  t->doubleBuffer = false;
  t->red = t->green = t->blue = 8;
  t->alpha = 0;  // an alpha channel picks a 32-bit visual whose pbuffer Mesa cannot present (X BadMatch)
  t->depth = 24;
  t->readDISPLAY();
  t->setUndefinedScreenDetailsToDefaultScreen();
  osg::ref_ptr<osg::GraphicsContext> gc = osg::GraphicsContext::createGraphicsContext(t.get());
  if (!gc || !gc->valid()) {
    fmt::print(stderr,
               "drilltwin-view: error: cannot create an offscreen OpenGL context; run it under an X server, e.g.\n"
               "  xvfb-run -a drilltwin-view ...\n");
    return nullptr;
  }
  return gc;
}

/// The viewer's camera renders into a framebuffer object of the context (no window).
void setup_camera(osg::Camera* cam, osg::GraphicsContext* gc, int width, int height, osg::Image* image) {
  cam->setGraphicsContext(gc);
  cam->setViewport(0, 0, width, height);
  cam->setClearColor(palette::kBackground);
  cam->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  // Draw and read buffers are left to the FBO render stage: setting them to GL_COLOR_ATTACHMENT0
  // by hand makes Mesa report GL_INVALID_OPERATION from the second frame on (checked, Mesa 22.3).
  cam->setRenderTargetImplementation(osg::Camera::FRAME_BUFFER_OBJECT);
  if (image)
    cam->attach(osg::Camera::COLOR_BUFFER, image);
  else
    cam->attach(osg::Camera::COLOR_BUFFER, GL_RGBA8);
  cam->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
}

float pixels_per_metre(int height) {
  return static_cast<float>(height / (2 * std::tan(CameraRig::kFovY_deg / 2 * kPi / 180)));
}

void place_camera(ViewerApp& app, osg::Camera* cam, int width, int height) {
  const View v = app.view();
  cam->setViewMatrixAsLookAt(v.eye, v.center, v.up);
  cam->setProjectionMatrix(app.rig().projection(v, static_cast<double>(width) / height));
}

std::string matrix_json(const osg::Matrixd& m) {
  std::string s = "[";
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) {
      s += fmt::format("{}{:.17g}", r + c == 0 ? "" : ", ", m(r, c));
    }
  return s + "]";
}

/// glFinish after drawing, so that a frame's time includes the rasterisation; notes the renderer.
struct FinishDraw : osg::Camera::DrawCallback {
  mutable std::string renderer;
  void operator()(osg::RenderInfo&) const override {
    glFinish();
    if (renderer.empty())
      if (const GLubyte* r = glGetString(GL_RENDERER)) renderer = reinterpret_cast<const char*>(r);
  }
};

}  // namespace

int take_screenshot(ViewerApp& app, const ScreenshotRequest& r) {
  osg::ref_ptr<osg::GraphicsContext> gc = make_pbuffer(r.width, r.height);
  if (!gc) return 1;
  osgViewer::Viewer viewer;
  viewer.setThreadingModel(osgViewer::Viewer::SingleThreaded);
  osg::ref_ptr<osg::Image> image = new osg::Image;
  image->allocateImage(r.width, r.height, 1, GL_RGB, GL_UNSIGNED_BYTE);
  osg::Camera* cam = viewer.getCamera();
  setup_camera(cam, gc.get(), r.width, r.height, image.get());
  viewer.setSceneData(app.root());
  viewer.realize();
  if (Playback* pb = app.playback()) pb->seek(r.at_s);
  // The keys and mouse events go through the viewer's event queue to the handlers, as in the window.
  viewer.addEventHandler(new KeyHandler(app));
  osgGA::EventQueue* queue = viewer.getEventQueue();
  queue->getCurrentEventState()->setInputRange(0, 0, static_cast<float>(r.width), static_cast<float>(r.height));
  queue->getCurrentEventState()->setMouseYOrientation(osgGA::GUIEventAdapter::Y_INCREASING_DOWNWARDS);
  for (const InputAction& a : r.keys) {
    switch (a.kind) {
      case InputAction::Key: queue->keyPress(a.key); break;
      case InputAction::Press: queue->mouseButtonPress(a.x, a.y, 1); break;
      case InputAction::Drag: queue->mouseMotion(a.x, a.y); break;
      case InputAction::Release: queue->mouseButtonRelease(a.x, a.y, 1); break;
    }
    viewer.eventTraversal();  // one at a time: each sees the state the previous one left
  }
  app.update(0, pixels_per_metre(r.height), r.width, r.height);
  place_camera(app, cam, r.width, r.height);
  for (int i = 0; i < 2; ++i) viewer.frame();  // the first frame compiles the scene's GL objects
  if (!osgDB::writeImageFile(*image, r.png.string())) {
    fmt::print(stderr, "drilltwin-view: error: cannot write {} (is OpenSceneGraph's png plugin installed?)\n",
               r.png.string());
    return 1;
  }
  if (!r.camera_json.empty()) {
    std::ofstream out(r.camera_json);
    out << "{\"width\": " << r.width << ", \"height\": " << r.height << ",\n"
        << " \"convention\": \"OpenSceneGraph row vectors: clip = [x y z 1] * view * projection; "
           "column = (ndc_x + 1) / 2 * width, row from the top = (1 - ndc_y) / 2 * height\",\n"
        << " \"person_lift_m\": " << kPersonLift_m << ",\n"
        << " \"view\": " << matrix_json(cam->getViewMatrix()) << ",\n"
        << " \"projection\": " << matrix_json(cam->getProjectionMatrix()) << ",\n"
        << " \"hud\": " << nlohmann::json(app.hud_lines()).dump();
    // The time shown, and where the timeline bar and the stair panel's plot are: [left column,
    // top row, right column, bottom row] in pixels from the top-left.
    auto rect = [&](const PixelRect& p) {
      return fmt::format("[{:g}, {:g}, {:g}, {:g}]", p.x0, r.height - p.y1, p.x1, r.height - p.y0);
    };
    if (const Playback* pb = app.playback()) out << ",\n \"time_s\": " << fmt::format("{:.17g}", pb->time_s());
    if (const Timeline* tl = app.timeline()) out << ",\n \"timeline\": " << rect(tl->bar());
    if (const StairPanel* sp = app.stair_panel(); sp && sp->visible()) out << ",\n \"stair_panel\": " << rect(sp->plot());
    out << "}\n";
    if (!out) {
      fmt::print(stderr, "drilltwin-view: error: cannot write {}\n", r.camera_json);
      return 1;
    }
  }
  return 0;
}

namespace {
DT_PHRASE(kNoFfmpeg, "drilltwin-view: error: --video needs ffmpeg (Debian: apt-get install ffmpeg); the frames are in {}",
          "drilltwin-view：错误：--video 需要 ffmpeg（Debian：apt-get install ffmpeg）；各帧图片在 {}");
DT_PHRASE(kFfmpegFailed, "drilltwin-view: error: ffmpeg could not write {} (exit status {})",
          "drilltwin-view：错误：ffmpeg 无法写出 {}（退出状态 {}）");
DT_PHRASE(kFramesWritten, "{} frames written to {}", "已写出 {} 帧到 {}");
DT_PHRASE(kVideoWritten, "video written to {} ({} frames, {:g} frames a second)", "视频已写出到 {}（{} 帧，每秒 {:g} 帧）");

// The ffmpeg on PATH, or "".
std::string find_program(const char* name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t colon = dirs.find(':', start);
    const std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}
}  // namespace

std::size_t frame_count(double from_s, double to_s, double every_s) {
  if (!(every_s > 0) || to_s < from_s) return 0;
  return static_cast<std::size_t>(std::floor((to_s - from_s) / every_s + 1e-9)) + 1;
}

int take_frames(ViewerApp& app, const FramesRequest& r) {
  namespace fs = std::filesystem;
  fs::path dir = r.dir;
  bool temporary = false;
  if (dir.empty()) {
    char tmpl[] = "/tmp/drilltwin-view-frames.XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      fmt::print(stderr, "drilltwin-view: error: cannot create a temporary directory\n");
      return 1;
    }
    dir = tmpl;
    temporary = true;
  }
  struct Cleanup {
    fs::path dir;
    bool on;
    ~Cleanup() {
      std::error_code ec;
      if (on) fs::remove_all(dir, ec);
    }
  } cleanup{dir, temporary};
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "drilltwin-view: error: cannot create {}: {}\n", dir.string(), ec.message());
    return 1;
  }
  osg::ref_ptr<osg::GraphicsContext> gc = make_pbuffer(r.width, r.height);
  if (!gc) return 1;
  osgViewer::Viewer viewer;
  viewer.setThreadingModel(osgViewer::Viewer::SingleThreaded);
  osg::ref_ptr<osg::Image> image = new osg::Image;
  image->allocateImage(r.width, r.height, 1, GL_RGB, GL_UNSIGNED_BYTE);
  osg::Camera* cam = viewer.getCamera();
  setup_camera(cam, gc.get(), r.width, r.height, image.get());
  viewer.setSceneData(app.root());
  viewer.realize();
  const std::size_t n = frame_count(r.from_s, r.to_s, r.every_s);
  for (std::size_t k = 0; k < n; ++k) {
    if (Playback* pb = app.playback()) pb->seek(r.from_s + static_cast<double>(k) * r.every_s);
    app.update(0, pixels_per_metre(r.height), r.width, r.height);
    place_camera(app, cam, r.width, r.height);
    for (int i = 0; i < (k == 0 ? 2 : 1); ++i) viewer.frame();
    const fs::path png = dir / fmt::format("frame_{:05}.png", k);
    if (!osgDB::writeImageFile(*image, png.string())) {
      fmt::print(stderr, "drilltwin-view: error: cannot write {}\n", png.string());
      return 1;
    }
  }
  if (!temporary) fmt::print("{}\n", dt::say(kFramesWritten, n, dir.string()));
  if (r.video.empty()) return 0;
  const std::string ffmpeg = find_program("ffmpeg");
  if (ffmpeg.empty()) {
    cleanup.on = false;
    fmt::print(stderr, "{}\n", dt::say(kNoFfmpeg, dir.string()));
    return 1;
  }
  // H.264 needs even sizes: scale down by a pixel where odd.
  std::vector<std::string> args = {ffmpeg, "-y", "-loglevel", "error", "-framerate", fmt::format("{:g}", r.fps),
                                   "-i", (dir / "frame_%05d.png").string(), "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                                   "-c:v", "libx264", "-pix_fmt", "yuv420p", r.video.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, ffmpeg.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    fmt::print(stderr, "{}\n", dt::say(kFfmpegFailed, r.video.string(), -1));
    return 1;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "{}\n", dt::say(kFfmpegFailed, r.video.string(), WIFEXITED(status) ? WEXITSTATUS(status) : -1));
    return 1;
  }
  fmt::print("{}\n", dt::say(kVideoWritten, r.video.string(), n, r.fps));
  return 0;
}

int run_benchmark(ViewerApp& app, const BenchmarkRequest& r) {
  const trace::Scene& scene = app.input().scene;
  std::vector<uint32_t> walkable;
  for (uint32_t l = 0; l < scene.links.size(); ++l)
    if (scene.links[l].kind != trace::LinkKind::Elevator && scene.links[l].length_m > 0.5f) walkable.push_back(l);
  if (walkable.empty()) {
    fmt::print(stderr, "drilltwin-view: error: --benchmark needs a scene with walkable links\n");
    return 2;
  }
  osg::ref_ptr<osg::GraphicsContext> gc = make_pbuffer(r.width, r.height);
  if (!gc) return 1;
  osgViewer::Viewer viewer;
  viewer.setThreadingModel(osgViewer::Viewer::SingleThreaded);
  osg::Camera* cam = viewer.getCamera();
  setup_camera(cam, gc.get(), r.width, r.height, nullptr);
  osg::ref_ptr<FinishDraw> finish = new FinishDraw;
  cam->setFinalDrawCallback(finish.get());
  viewer.setSceneData(app.root());
  viewer.realize();

  // Walkers: each on a link, going at 0.8-1.4 m/s; at the end of a link a new one (a fixed LCG).
  struct Walker {
    uint32_t link;
    float u, du_per_s;
  };
  uint64_t rng = 0x2545F4914F6CDD1DULL;
  auto uniform = [&rng] {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<float>((rng >> 40) & 0xFFFFFF) / 16777216.0f;
  };
  auto pick = [&](Walker& w) {
    w.link = walkable[static_cast<std::size_t>(uniform() * static_cast<float>(walkable.size())) % walkable.size()];
    w.du_per_s = (0.8f + 0.6f * uniform()) / std::max(scene.links[w.link].length_m, 0.5f);
  };
  std::vector<Walker> walkers(r.people);
  for (Walker& w : walkers) {
    pick(w);
    w.u = uniform();
  }
  std::vector<trace::Vec3f> pos(r.people);
  std::vector<trace::PersonState> state(r.people, trace::PersonState::Moving);
  for (uint32_t p = 0; p < r.people; p += 7) state[p] = trace::PersonState::Queuing;
  const float ppm = pixels_per_metre(r.height);
  // The heat colouring's input, as a trace frame carries it: people per link (sparse, ascending).
  std::vector<uint32_t> per_link(scene.links.size(), 0);
  std::vector<trace::Load> on_link;
  constexpr float kSimStep_s = 0.5f;  // trace time per frame (×30 at 60 fps)

  using clock = std::chrono::steady_clock;
  std::vector<double> total_ms, update_ms, cpu_ms;
  const int warmup = 30;
  for (int f = 0; f < warmup + r.frames; ++f) {
    const auto t0 = clock::now();
    const std::clock_t c0 = std::clock();
    for (uint32_t p = 0; p < r.people; ++p) {
      Walker& w = walkers[p];
      w.u += w.du_per_s * kSimStep_s;
      if (w.u >= 1.0f) {
        pick(w);
        w.u = 0;
      }
      const trace::Link& l = scene.links[w.link];
      pos[p] = trace::link_point(scene, l, w.u, (trace::spread(p, 0.6180339887) - 0.5f) * 0.5f * l.width_m);
      ++per_link[w.link];
    }
    on_link.clear();
    for (uint32_t l = 0; l < per_link.size(); ++l)
      if (per_link[l] > 0) {
        on_link.push_back({l, per_link[l]});
        per_link[l] = 0;
      }
    app.show_people(pos, state, ppm, on_link);
    place_camera(app, cam, r.width, r.height);
    const auto t1 = clock::now();
    viewer.frame();
    const auto t2 = clock::now();
    const std::clock_t c2 = std::clock();
    if (f >= warmup) {
      cpu_ms.push_back(1000.0 * static_cast<double>(c2 - c0) / CLOCKS_PER_SEC);
      total_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
      update_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
  }
  auto quantile = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
  };
  double mean = 0;
  for (const double x : total_ms) mean += x / static_cast<double>(total_ms.size());
  const double median = quantile(total_ms, 0.5);
  fmt::print("drilltwin-view benchmark: {} moving people, {} scene ({} buildings, {} links), {}x{}, site camera, stair heat colouring {}\n",
              r.people, scene.name, scene.buildings.size(), scene.links.size(), r.width, r.height, app.heat() ? "on" : "off");
  fmt::print("renderer: {}\n", finish->renderer);
  fmt::print("frames measured: {} (after {} warm-up)\n", r.frames, warmup);
  fmt::print("frame time: median {:.2f} ms, p90 {:.2f} ms, mean {:.2f} ms  ({:.1f} frames/s at the median)\n", median,
              quantile(total_ms, 0.9), mean, 1000.0 / median);
  fmt::print("of which updating the people's arrays: median {:.2f} ms\n", quantile(update_ms, 0.5));
  fmt::print("CPU time per frame (all threads, Mesa's included): median {:.2f} ms\n", quantile(cpu_ms, 0.5));
  return 0;
}

}  // namespace dtv
