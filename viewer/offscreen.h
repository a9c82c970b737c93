#pragma once
// Rendering without a window (a pbuffer context, drawing into a framebuffer object): the
// screenshot mode that tests check under Xvfb, and the frame-time benchmark.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "viewer/viewer_app.h"

namespace dtv {

struct ScreenshotRequest {
  std::filesystem::path png;
  double at_s = 0;                 ///< trace time [s]
  int width = 1280, height = 800;  ///< [px]
  std::string camera_json;         ///< also write the camera's matrices here ("" = no)
  std::vector<int> keys;           ///< keys pressed before the picture (parse_keys)
};

/// Renders `app` at `at_s` and writes the PNG. Returns the process exit status (1: no OpenGL
/// context, or the file could not be written).
int take_screenshot(ViewerApp& app, const ScreenshotRequest& request);

struct BenchmarkRequest {
  int width = 1280, height = 720;  ///< [px]
  uint32_t people = 10000;         ///< moving people, walking the scene's links
  int frames = 300;                ///< measured frames (after 30 warm-up frames)
};

/// Draws `people` people walking the network of `app`'s scene, one new position each frame, and
/// prints frame-time statistics. Returns the exit status.
int run_benchmark(ViewerApp& app, const BenchmarkRequest& request);

}  // namespace dtv
