#pragma once
// Rendering without a window (a pbuffer context, drawing into a framebuffer object): the
// screenshot mode that tests check under Xvfb, and the frame-time benchmark.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "viewer/key_handler.h"
#include "viewer/viewer_app.h"

namespace dtv {

struct ScreenshotRequest {
  std::filesystem::path png;
  double at_s = 0;                 ///< trace time [s]
  int width = 1280, height = 800;  ///< [px]
  std::string camera_json;         ///< also write the camera's matrices here ("" = no)
  std::vector<InputAction> keys;   ///< keys pressed and mouse events before the picture (parse_keys)
};

/// Renders `app` at `at_s` and writes the PNG. Returns the process exit status (1: no OpenGL
/// context, or the file could not be written).
int take_screenshot(ViewerApp& app, const ScreenshotRequest& request);

struct FramesRequest {
  std::filesystem::path dir;       ///< PNGs frame_00000.png ... here ("" with a video: a temporary directory)
  std::filesystem::path video;     ///< also encode them into this MP4 with ffmpeg ("" = no)
  double from_s = 0, to_s = 0, every_s = 10;  ///< trace times [s]: from, from + every, ... up to to
  double fps = 10;                 ///< video frames a second
  int width = 1280, height = 800;  ///< [px]
};

/// Number of frames of a sequence: from, from + every, ... not after to.
[[nodiscard]] std::size_t frame_count(double from_s, double to_s, double every_s);

/// Renders the frames of `request` and writes them (and the video). Returns the exit status
/// (1: no OpenGL context, a file that cannot be written, ffmpeg missing or failing).
int take_frames(ViewerApp& app, const FramesRequest& request);

struct BenchmarkRequest {
  int width = 1280, height = 720;  ///< [px]
  uint32_t people = 10000;         ///< moving people, walking the scene's links
  int frames = 300;                ///< measured frames (after 30 warm-up frames)
};

/// Draws `people` people walking the network of `app`'s scene, one new position each frame, and
/// prints frame-time statistics. Returns the exit status.
int run_benchmark(ViewerApp& app, const BenchmarkRequest& request);

}  // namespace dtv
