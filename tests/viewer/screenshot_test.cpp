// drilltwin-view's offscreen screenshots, checked as pictures: run under `xvfb-run -a` (Mesa's
// llvmpipe), each test reads the PNG back and checks its size, how much of it is not background,
// and the colour where a person stands whose position at that time is known by hand. The camera's
// matrices come from --camera-json, so the test projects the hand-worked position itself.
#include <gtest/gtest.h>
#include <osg/Image>
#include <osg/Matrixd>
#include <osgDB/ReadFile>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/output/trace.h"
#include "engine/people/crowd_model.h"
#include "engine/scenario/layout_loader.h"
#include "engine/sim/layout_scene.h"
#include "engine/sim/trace_recorder.h"
#include "engine/world/generator.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::TempDir;

struct Rgb {
  int r = 0, g = 0, b = 0;
};

// docs/viewer.md: the background and the people's colours by state.
constexpr Rgb kBackground{18, 20, 28};
constexpr Rgb kMoving{40, 210, 70};
constexpr Rgb kWaiting{70, 130, 255};
constexpr Rgb kQueuing{255, 150, 20};
constexpr Rgb kSafe{235, 235, 235};
constexpr float kPersonLift_m = 0.35f;

bool near(Rgb a, Rgb b, int tol) { return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol; }

/// Runs drilltwin-view under xvfb-run (or on $DISPLAY when there is no xvfb-run).
ProcessResult view(std::vector<std::string> args) {
  const std::string xvfb = DRILLTWIN_XVFB_RUN;
  if (!xvfb.empty() && xvfb.find("NOTFOUND") == std::string::npos) {
    args.insert(args.begin(), {"-a", "-s", "-screen 0 1280x1024x24", DRILLTWIN_VIEW_BINARY});
    return test::run_process(xvfb, args);
  }
  return test::run_process(DRILLTWIN_VIEW_BINARY, args);
}

bool can_render() {
  const std::string xvfb = DRILLTWIN_XVFB_RUN;
  return (!xvfb.empty() && xvfb.find("NOTFOUND") == std::string::npos) || std::getenv("DISPLAY") != nullptr;
}

#define SKIP_WITHOUT_X()                                                  \
  if (!can_render()) GTEST_SKIP() << "neither xvfb-run nor a DISPLAY"

/// A PNG read back, pixels addressed from the top-left corner. With DRILLTWIN_TEST_PICTURES=DIR
/// in the environment the pictures are also copied there, to look at.
class Picture {
 public:
  explicit Picture(const std::string& path) : image_(osgDB::readRefImageFile(path)) {
    if (const char* keep = std::getenv("DRILLTWIN_TEST_PICTURES")) {
      std::error_code ec;
      const std::string name = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
                               fs::path(path).filename().string();
      fs::copy_file(path, fs::path(keep) / name, fs::copy_options::overwrite_existing, ec);
    }
  }
  [[nodiscard]] bool valid() const { return image_.valid() && image_->data() != nullptr; }
  [[nodiscard]] int width() const { return image_->s(); }
  [[nodiscard]] int height() const { return image_->t(); }
  [[nodiscard]] Rgb at(int col, int row_from_top) const {
    const int row = image_->getOrigin() == osg::Image::BOTTOM_LEFT ? height() - 1 - row_from_top : row_from_top;
    const unsigned char* p = image_->data(static_cast<unsigned>(col), static_cast<unsigned>(row));
    if (p == nullptr) return {-1, -1, -1};
    return {p[0], p[1], p[2]};
  }
  /// Share of pixels that are not the background.
  [[nodiscard]] double drawn_share() const {
    long drawn = 0;
    for (int y = 0; y < height(); ++y)
      for (int x = 0; x < width(); ++x) drawn += near(at(x, y), kBackground, 3) ? 0 : 1;
    return static_cast<double>(drawn) / (static_cast<double>(width()) * height());
  }
  /// Pixels within `radius` of (col, row) of colour `c` (± tol).
  [[nodiscard]] int count_near(int col, int row, int radius, Rgb c, int tol = 12) const {
    int n = 0;
    for (int y = std::max(0, row - radius); y <= std::min(height() - 1, row + radius); ++y)
      for (int x = std::max(0, col - radius); x <= std::min(width() - 1, col + radius); ++x) n += near(at(x, y), c, tol) ? 1 : 0;
    return n;
  }
  [[nodiscard]] int count(Rgb c, int tol = 12) const { return count_near(0, 0, std::max(width(), height()), c, tol); }

 private:
  osg::ref_ptr<osg::Image> image_;
};

/// Where a point lands in the picture, with the camera --camera-json wrote.
struct Projector {
  osg::Matrixd view, projection;
  int width = 0, height = 0;
  explicit Projector(const std::string& json_path) {
    std::ifstream in(json_path);
    const nlohmann::json j = nlohmann::json::parse(in);
    width = j.at("width");
    height = j.at("height");
    for (int i = 0; i < 16; ++i) {
      view(i / 4, i % 4) = j.at("view")[i].get<double>();
      projection(i / 4, i % 4) = j.at("projection")[i].get<double>();
    }
  }
  [[nodiscard]] std::pair<int, int> pixel(double x, double y, double z) const {
    const osg::Vec4d clip = osg::Vec4d(x, y, z, 1.0) * view * projection;
    const double nx = clip.x() / clip.w(), ny = clip.y() / clip.w();
    return {static_cast<int>(std::floor((nx + 1) / 2 * width)), static_cast<int>(std::floor((1 - ny) / 2 * height))};
  }
};

/// The trace of one person walking assets/verification/corridor.yaml at 1 m/s from its west end
/// (x = 0, y = 1) at t = 0, and of a second waiting (pre-movement until t = 1000 s) in the same
/// place: by hand, the walker stands at (t, 1, 0) for t <= 40 s (tests/sim/trace_recorder_test.cpp).
void corridor_trace(const fs::path& path) {
  const LayoutConfig layout = load_layout(std::string(DRILLTWIN_SOURCE_DIR) + "/assets/verification/corridor.yaml");
  Diagnostics diag;
  Network net = generate_network(layout, diag);
  trace::Scene scene = make_scene(layout, net);
  const NodeId west = net.graph.find_node("corridor/F1/C1");
  const EvacuationNetwork en(std::make_shared<const NavGraph>(std::move(net.graph)), MovementParams{});
  Crowd crowd;
  crowd.add(west, 0.0, 1.0, 1.0, 1.0);
  crowd.add(west, 1000.0, 1.0, 1.0, 1.0);
  trace::Meta meta;
  meta.scenario = "corridor walk";
  TraceRecorder recorder(std::move(scene), meta, path);
  (void)simulate_movement(en, crowd, 1e4, nullptr, &recorder);
  recorder.close();
}

TEST(ViewerScreenshot, AKnownPersonHasTheColourOfHisState) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  corridor_trace(tmp / "trace.bin");
  const ProcessResult r = view({tmp.path(), "--screenshot", tmp / "t20.png", "--at", "20", "--camera", "floor",
                                "--size", "640x400", "--camera-json", tmp / "cam.json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(tmp / "t20.png");
  ASSERT_TRUE(pic.valid());
  EXPECT_EQ(pic.width(), 640);
  EXPECT_EQ(pic.height(), 400);
  const Projector cam(tmp / "cam.json");
  const auto [col, row] = cam.pixel(20, 1, kPersonLift_m);
  ASSERT_TRUE(col > 5 && col < 635 && row > 5 && row < 395) << col << "," << row;
  EXPECT_TRUE(near(pic.at(col, row), kMoving, 12)) << "at " << col << "," << row << ": " << pic.at(col, row).r << " "
                                                   << pic.at(col, row).g << " " << pic.at(col, row).b;
  EXPECT_GE(pic.count_near(col, row, 3, kMoving), 9) << "a person is a dot several pixels wide";
  // Ten metres on, nobody: the corridor's floor, not a person.
  const auto [col30, row30] = cam.pixel(30, 1, kPersonLift_m);
  EXPECT_EQ(pic.count_near(col30, row30, 2, kMoving), 0);
  // The one still waiting stands in the west half of the corridor: blue somewhere there (without
  // the HUD, whose legend has a blue swatch).
  const ProcessResult bare = view({tmp.path(), "--screenshot", tmp / "bare.png", "--at", "20", "--camera", "floor",
                                   "--size", "640x400", "--no-hud"});
  ASSERT_EQ(bare.exit_status, 0) << bare.err;
  const Picture no_hud(tmp / "bare.png");
  int west = 0;
  for (int y = 0; y < no_hud.height(); ++y)
    for (int x = 0; x < col; ++x) west += near(no_hud.at(x, y), kWaiting, 12) ? 1 : 0;
  EXPECT_GT(west, 4);

  // At t = 30 s the walker has moved on by 10 m.
  const ProcessResult r30 = view({tmp.path(), "--screenshot", tmp / "t30.png", "--at", "30", "--camera", "floor",
                                  "--size", "640x400"});
  ASSERT_EQ(r30.exit_status, 0) << r30.err;
  const Picture later(tmp / "t30.png");
  EXPECT_TRUE(near(later.at(col30, row30), kMoving, 12));
  EXPECT_EQ(later.count_near(col, row, 2, kMoving), 0);
}

TEST(ViewerScreenshot, ALayoutAloneShowsTheCompound) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult r = view({"assets/compound.yaml", "--screenshot", tmp / "a.png", "--size", "480x300"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(tmp / "a.png");
  ASSERT_TRUE(pic.valid());
  EXPECT_EQ(pic.width(), 480);
  EXPECT_EQ(pic.height(), 300);
  // The site (460 m × 380 m, seen from 48° up) fills about half of the picture.
  const double share = pic.drawn_share();
  EXPECT_GT(share, 0.25);
  EXPECT_LT(share, 0.95);
  EXPECT_EQ(pic.count(kMoving, 6), 0) << "no people without a trace";
  // Identical runs give identical pictures (the same Mesa).
  const ProcessResult again = view({"assets/compound.yaml", "--screenshot", tmp / "b.png", "--size", "480x300"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(test::read_file(tmp / "a.png"), test::read_file(tmp / "b.png"));
}

// The viewer shows a layout YAML through the scene file `drilltwin layout --export scene` writes:
// opening that scene file gives the same picture as opening the YAML.
TEST(ViewerScreenshot, ASceneFileShowsTheSameAsItsLayout) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult exported =
      test::run_drilltwin({"layout", "assets/compound.yaml", "--export", "scene", tmp / "compound.scene", "-q"});
  ASSERT_EQ(exported.exit_status, 0) << exported.err;
  const ProcessResult a = view({"assets/compound.yaml", "--screenshot", tmp / "yaml.png", "--size", "480x300"});
  const ProcessResult b = view({tmp / "compound.scene", "--screenshot", tmp / "scene.png", "--size", "480x300"});
  ASSERT_EQ(a.exit_status, 0) << a.err;
  ASSERT_EQ(b.exit_status, 0) << b.err;
  EXPECT_EQ(test::read_file(tmp / "yaml.png"), test::read_file(tmp / "scene.png"));
}

// A layout drilltwin rejects: its FILE:LINE:COL diagnostics reach the user, exit status 2.
TEST(ViewerScreenshot, ARejectedLayoutPassesOnDrilltwinsDiagnostics) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult r = view({std::string("tests/malformed_layouts/misspelled_building_key.yaml"), "--screenshot", tmp / "x.png"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find(".yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "x.png"));
}

TEST(ViewerScreenshot, ShowsTheTraceOfARun) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  {
    std::ofstream s(tmp / "stair.yaml");
    s << "name: stair_drill\n"
         "run: {replications: 1, seed: 3, start_time: \"02:00\"}\n"
         "layout: !include " << DRILLTWIN_SOURCE_DIR << "/assets/verification/single_stair.yaml\n"
         "evacuation:\n"
         "  max_duration: 1 h\n"
         "  population: {households_per_unit: 30, share_needs_assistance: 0}\n"
         "  premovement:\n"
         "    night: {dist: lognormal, mean: 40 s, sd: 20 s, max: 5 min}\n";
  }
  // The layout is in the source tree, outside the temporary folder: allowed explicitly.
  const ProcessResult run = test::run_drilltwin(
      {"run", tmp / "stair.yaml", "--trace", "--out", tmp / "out", "-q", "--allow-include-outside"});
  ASSERT_EQ(run.exit_status, 0) << run.err;
  trace::TraceReader tr(tmp / "out/trace.bin");
  ASSERT_GT(tr.people().size(), 20u);
  const ProcessResult r = view({tmp / "out", "--screenshot", tmp / "s.png", "--at", "45", "--camera", "building",
                                "--size", "480x360"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(tmp / "s.png");
  ASSERT_TRUE(pic.valid());
  EXPECT_EQ(pic.width(), 480);
  EXPECT_EQ(pic.height(), 360);
  EXPECT_GT(pic.drawn_share(), 0.2);
  // At 45 s some have set off and some have not: people in at least two states' colours.
  int states = 0;
  for (const Rgb c : {kMoving, kWaiting, kQueuing, kSafe}) states += pic.count(c, 6) > 6 ? 1 : 0;
  EXPECT_GE(states, 2);
}

// The keys of the window, pressed in --screenshot mode: "3" (floor camera) and Up twice give the
// camera of --camera floor --floor 3; "h" puts the help panel (dark, with text) over the middle.
TEST(ViewerScreenshot, KeysChooseTheCameraAndShowTheHelp) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const std::vector<std::string> common = {"assets/compound.yaml", "--size", "480x300", "--building", "C1"};
  auto shot = [&](const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args = common;
    args.insert(args.end(), {"--screenshot", tmp / (name + ".png"), "--camera-json", tmp / (name + ".json")});
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
  };
  shot("keys", {"--keys", "3{Up}{Up}"});
  shot("flag", {"--camera", "floor", "--floor", "3"});
  shot("site", {});
  EXPECT_EQ(test::read_file(tmp / "keys.json"), test::read_file(tmp / "flag.json"));
  EXPECT_NE(test::read_file(tmp / "keys.json"), test::read_file(tmp / "site.json"));
  shot("help", {"--keys", "h"});
  const Picture plain(tmp / "site.png"), help(tmp / "help.png");
  auto dark_centre = [](const Picture& p) {
    int n = 0;
    for (int y = 120; y < 180; ++y)
      for (int x = 180; x < 300; ++x) n += near(p.at(x, y), kBackground, 14) || p.at(x, y).r < 12 ? 1 : 0;
    return n;
  };
  EXPECT_GT(dark_centre(help), dark_centre(plain) + 1000) << "the help panel covers the middle of the picture";
}

TEST(ViewerScreenshot, BadInputExitsWithStatus2) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  EXPECT_EQ(view({tmp / "absent", "--screenshot", tmp / "x.png"}).exit_status, 2);
  EXPECT_EQ(view({tmp.path(), "--screenshot", tmp / "x.png"}).exit_status, 2);  // a directory without trace.bin
  EXPECT_EQ(view({"tests/malformed/binary_garbage.yaml", "--screenshot", tmp / "x.png"}).exit_status, 2);
  EXPECT_EQ(view({"assets/compound.yaml", "--screenshot", tmp / "x.png", "--size", "big"}).exit_status, 2);
  EXPECT_EQ(view({"assets/compound.yaml", "--screenshot", tmp / "x.png", "--camera", "drone"}).exit_status, 2);
  EXPECT_EQ(view({"assets/compound.yaml", "--screenshot", tmp / "x.png", "--building", "Z9"}).exit_status, 2);
  EXPECT_EQ(view({"assets/compound.yaml", "--screenshot", tmp / "x.png", "--keys", "{Warp}"}).exit_status, 2);
  EXPECT_FALSE(fs::exists(tmp / "x.png"));
}

TEST(ViewerScreenshot, NumberFlagsAreReadStrictly) {
  // CLI11 alone read --floor 0x2 as 2, --people 010 as 8 and let --speed nan through its range.
  SKIP_WITHOUT_X();
  TempDir tmp;
  const std::vector<std::vector<std::string>> bad{
      {"--floor", "0x2"},     {"--floor", "+2"},     {"--floor", " 2"},  {"--floor", "2.0"},
      {"--floor", "1001"},    {"--frames", "1e2"},   {"--people", "0x10"}, {"--people", "-1"},
      {"--speed", "nan"},     {"--speed", "0x1p2"},  {"--at", "nan"},    {"--at", "-inf"},
      {"--at", "-1"},         {"--size", "+200x200"}, {"--size", " 200x200"}, {"--size", "99999999999x200"},
      {"--size", "200x200x"}};
  for (const auto& flag : bad) {
    std::vector<std::string> args{"assets/compound.yaml", "--screenshot", tmp / "x.png", "--camera", "floor"};
    args.insert(args.end(), flag.begin(), flag.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 2) << flag[0] << " " << flag[1] << "\n" << r.err;
    EXPECT_NE(r.err.find(flag[0]), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "x.png")) << flag[0] << " " << flag[1];
  }
  // A leading zero is decimal.
  const ProcessResult ok = view({"assets/compound.yaml", "--screenshot", tmp / "y.png", "--camera", "floor", "--floor",
                                 "02", "--size", "160x120"});
  EXPECT_EQ(ok.exit_status, 0) << ok.err;
}


// Pixels in rows [row0, row1) × columns [col0, col1) where two pictures of the same size differ.
int differing(const Picture& a, const Picture& b, int col0, int col1, int row0, int row1) {
  int n = 0;
  for (int y = row0; y < row1; ++y)
    for (int x = col0; x < col1; ++x) n += near(a.at(x, y), b.at(x, y), 24) ? 0 : 1;
  return n;
}

// Whether fontconfig knows a font with Simplified Chinese (fonts-noto-cjk, scripts/install-deps.sh).
bool chinese_font_installed() {
  const ProcessResult r = test::run_process("/bin/sh", {"-c", "fc-list :lang=zh-cn file"});
  return r.exit_status == 0 && r.out.find('/') != std::string::npos;
}

// With --lang zh-CN (or DRILLTWIN_LANG=zh-CN) the HUD, the legend and the key help are in Chinese,
// drawn with the font fontconfig finds for zh-cn: text appears where the HUD's lines and the legend
// are (compared with the same picture without HUD), it is not the English text, and the picture
// is the same every time.
TEST(ViewerScreenshot, TheHudSpeaksChineseWithLangZhCN) {
  SKIP_WITHOUT_X();
  if (!chinese_font_installed()) {
    // Without a Chinese font the viewer still runs, in its English font, and says what to install.
    TempDir tmp;
    const ProcessResult r = view({"assets/compound.yaml", "--lang", "zh-CN", "--screenshot", tmp / "x.png", "--size", "320x200"});
    EXPECT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.err.find("fonts-noto-cjk"), std::string::npos) << r.err;
    GTEST_SKIP() << "no font with Simplified Chinese (apt-get install fonts-noto-cjk)";
  }
  TempDir tmp;
  corridor_trace(tmp / "trace.bin");
  auto shot = [&](const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args = {tmp.path(), "--screenshot", tmp / (name + ".png"), "--at", "20", "--camera", "floor",
                                     "--size", "640x400"};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << "the Chinese font was found and read:\n" << r.err;
  };
  shot("zh", {"--lang", "zh-CN"});
  shot("zh_again", {"--lang", "zh-CN"});
  shot("en", {"--lang", "en"});
  shot("bare", {"--no-hud"});
  ::setenv("DRILLTWIN_LANG", "zh-CN", 1);
  shot("zh_env", {});
  ::unsetenv("DRILLTWIN_LANG");
  const Picture zh(tmp / "zh.png"), en(tmp / "en.png"), bare(tmp / "bare.png");
  ASSERT_TRUE(zh.valid() && en.valid() && bare.valid());
  // The HUD (hud.cpp, 640×400): three lines in the top 75 rows; the legend in the bottom-left
  // corner, 150 pixels wide, and the camera and "h" in the bottom-right, both above the timeline
  // bar's strip (the bottom 40 rows).
  EXPECT_GT(differing(zh, bare, 0, 640, 0, 75), 800) << "the HUD's lines are drawn";
  EXPECT_GT(differing(zh, bare, 0, 150, 220, 356), 300) << "the legend's words are drawn";
  EXPECT_GT(differing(zh, bare, 440, 640, 328, 356), 100) << "the camera and help hint are drawn";
  EXPECT_GT(differing(zh, en, 0, 640, 0, 75), 400) << "not the English text";
  EXPECT_GT(differing(zh, en, 0, 150, 220, 356), 200) << "not the English legend";
  EXPECT_GT(differing(zh, en, 440, 640, 328, 356), 50) << "not the English camera line";
  // The same every time, and the same from the environment as from the flag.
  EXPECT_EQ(test::read_file(tmp / "zh.png"), test::read_file(tmp / "zh_again.png"));
  EXPECT_EQ(test::read_file(tmp / "zh.png"), test::read_file(tmp / "zh_env.png"));
  // The key help in Chinese: the dark panel with text over the middle, as in English.
  shot("help_zh", {"--lang", "zh-CN", "--keys", "h"});
  const Picture help(tmp / "help_zh.png");
  EXPECT_GT(differing(help, zh, 160, 480, 120, 280), 10000) << "the help panel covers the middle";
}

// A machine without a Chinese font (here: fontconfig given a configuration with no font folders):
// the viewer still draws its picture, in its English font, and says on stderr what to install.
TEST(ViewerScreenshot, WithoutAChineseFontTheHudFallsBackAndSaysWhatToInstall) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  {
    std::ofstream conf(tmp / "fonts.conf");
    conf << "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><cachedir>"
         << tmp / "fontcache" << "</cachedir></fontconfig>\n";
  }
  ::setenv("FONTCONFIG_FILE", (tmp / "fonts.conf").c_str(), 1);
  const ProcessResult r = view({"assets/compound.yaml", "--lang", "zh-CN", "--screenshot", tmp / "x.png", "--size", "320x200"});
  ::unsetenv("FONTCONFIG_FILE");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.err.find("fonts-noto-cjk"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fc-match"), std::string::npos) << r.err;
  EXPECT_TRUE(Picture(tmp / "x.png").valid());
}

TEST(ViewerScreenshot, AnUnknownLanguageIsAnInputError) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult r = view({"assets/compound.yaml", "--lang", "tlh", "--screenshot", tmp / "x.png"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("--lang tlh"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "x.png"));
}


// --- the viewer as a planning tool ---------------------------------------------------------------

struct PlanningDrill {
  TempDir tmp;
  fs::path out;
  PlanningDrill() : out(tmp / "out") {}
};

/// scenarios/tower_smoke_stair.yaml, one replication traced (a fire at t = 0 in flat C1/F12/U2,
/// smoke in stair S2): shared by the tests below.
const PlanningDrill& smoke_drill() {
  static PlanningDrill d;  // removed at exit
  static const bool ran = [] {
    const ProcessResult run = test::run_drilltwin(
        {"run", "scenarios/tower_smoke_stair.yaml", "--replications", "1", "--trace", "--out", d.out.string(), "-q"});
    EXPECT_EQ(run.exit_status, 0) << run.err;
    return run.exit_status == 0;
  }();
  EXPECT_TRUE(ran);
  return d;
}

constexpr Rgb kFire{255, 115, 0};       // palette.h kFire
constexpr Rgb kIdleStair{95, 95, 105};  // palette.h kIdleStairRgb
// palette.h kHeatRgb: Fruin's stairway levels A-F.
constexpr Rgb kHeat[6] = {{40, 120, 255}, {0, 200, 200}, {120, 220, 60}, {250, 220, 40}, {255, 130, 0}, {230, 0, 60}};
// Fruin (1971), stairway levels of service: upper bounds of A-E [persons/m²].
constexpr double kFruin[5] = {0.53, 0.72, 1.08, 1.54, 2.69};

std::vector<std::string> hud_of(const fs::path& camera_json) {
  std::ifstream in(camera_json);
  return nlohmann::json::parse(in).at("hud").get<std::vector<std::string>>();
}

// Ten minutes into the fire: the fire is drawn over the towers in the site view (orange where the
// flame's top projects), and the event panel still names it, with its place as a planner reads it.
TEST(ViewerScreenshot, TheFireShowsInTheSiteViewAndTheEventPanelNamesIt) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  const trace::Event* fire = nullptr;
  for (const trace::Event& e : tr.events())
    if (e.kind == trace::EventKind::Incident) fire = &e;
  ASSERT_NE(fire, nullptr);
  EXPECT_EQ(fire->text, "fire in C1/F12/U2");
  const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "site.png", "--at", "10min", "--size", "960x600",
                                "--camera-json", d.tmp / "site.json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(d.tmp / "site.png");
  const Projector cam(d.tmp / "site.json");
  // The flame reaches 30 m above the fire (event_overlay.h kFlameTop_m); 3 m below its top it is
  // 2.5 m wide: orange pixels there, whatever stands in front.
  const auto [col, row] = cam.pixel(fire->position.x, fire->position.y, fire->position.z + 27.0);
  ASSERT_TRUE(col > 5 && col < 955 && row > 5 && row < 595) << col << "," << row;
  EXPECT_GE(pic.count_near(col, row, 2, kFire, 20), 3) << "no fire colour at " << col << "," << row;
  const std::vector<std::string> hud = hud_of(d.tmp / "site.json");
  ASSERT_EQ(hud.size(), 4u);
  EXPECT_NE(hud[2].find("T+00:00  fire in C1 floor 12 flat 2"), std::string::npos) << hud[2];
  EXPECT_NE(hud[0].find("T+10:00"), std::string::npos) << hud[0];
  // In Chinese too.
  const ProcessResult zh = view({d.out.string(), "--screenshot", d.tmp / "zh.png", "--at", "600", "--size", "320x200",
                                 "--camera-json", d.tmp / "zh.json", "--lang", "zh-CN"});
  ASSERT_EQ(zh.exit_status, 0) << zh.err;
  EXPECT_NE(hud_of(d.tmp / "zh.json")[2].find("C1 12 层 2 号房 起火"), std::string::npos) << hud_of(d.tmp / "zh.json")[2];
}

// At ten minutes, the stair with the most people per m² in the trace's frame is drawn in the heat
// colour of its Fruin level, and a stair nobody is on in idle grey (building camera on C1).
TEST(ViewerScreenshot, ACongestedStairIsColouredDifferentlyFromAnIdleOne) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  trace::Frame f;
  const std::size_t k = static_cast<std::size_t>(std::llround(600 / tr.meta().frame_interval_s));
  ASSERT_LT(k, tr.frame_count());
  tr.read_frame(k, f);
  const trace::Scene& sc = tr.scene();
  std::vector<uint32_t> people(sc.links.size(), 0);
  for (const trace::Load& x : f.on_link) people[x.index] = x.people;
  int busiest = -1, idle = -1;
  double most = 0;
  for (uint32_t l = 0; l < sc.links.size(); ++l) {
    const trace::Link& link = sc.links[l];
    if (link.kind != trace::LinkKind::Stair || link.building < 0 || sc.buildings[link.building].id != "C1") continue;
    const double density = people[l] / std::max(0.5, static_cast<double>(link.length_m) * link.width_m);
    if (density > most) {
      most = density;
      busiest = static_cast<int>(l);
    }
    // An idle one: a high flight of stair S1 (the smoke-free stair; S2's lower flights are closed and marked).
    if (people[l] == 0 && link.label.find("S1") != std::string::npos && sc.nodes[link.a].floor >= 20 && idle < 0)
      idle = static_cast<int>(l);
  }
  ASSERT_GE(busiest, 0) << "somebody is on a stair of C1 at ten minutes";
  ASSERT_GE(idle, 0);
  int level = 0;
  while (level < 5 && most >= kFruin[level]) ++level;
  ASSERT_GE(level, 1) << "the busiest stair is above level A (" << most << " p/m²)";
  const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "b.png", "--at", "600", "--camera", "building",
                                "--building", "C1", "--size", "1280x800", "--no-hud", "--camera-json", d.tmp / "b.json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(d.tmp / "b.png");
  const Projector cam(d.tmp / "b.json");
  auto centre_of = [&](int l, float u) {
    const trace::Vec3f p = trace::link_point(sc, sc.links[static_cast<std::size_t>(l)], u, 0.0f);
    return cam.pixel(p.x, p.y, p.z + 0.6);  // heat_layer.cpp: 0.6 m above the flight
  };
  int hot = 0, grey = 0;
  for (const float u : {0.12f, 0.37f, 0.62f, 0.87f}) {
    const auto [c1, r1] = centre_of(busiest, u);
    hot += pic.count_near(c1, r1, 1, kHeat[level], 16) > 0 ? 1 : 0;
    const auto [c2, r2] = centre_of(idle, u);
    grey += pic.count_near(c2, r2, 1, kIdleStair, 16) > 0 ? 1 : 0;
  }
  EXPECT_GE(hot, 3) << "the busiest stair (" << sc.links[static_cast<std::size_t>(busiest)].label << ", " << most
                    << " p/m², level " << "ABCDEF"[level] << ") in its heat colour";
  EXPECT_GE(grey, 3) << "an idle stair (" << sc.links[static_cast<std::size_t>(idle)].label << ") in grey";
  // Without the heat colouring that stair is not drawn in its heat colour.
  const ProcessResult off = view({d.out.string(), "--screenshot", d.tmp / "off.png", "--at", "600", "--camera", "building",
                                  "--building", "C1", "--size", "1280x800", "--no-hud", "--no-heat"});
  ASSERT_EQ(off.exit_status, 0) << off.err;
  const Picture plain(d.tmp / "off.png");
  int hot_off = 0;
  for (const float u : {0.12f, 0.37f, 0.62f, 0.87f}) {
    const auto [c1, r1] = centre_of(busiest, u);
    hot_off += plain.count_near(c1, r1, 1, kHeat[level], 16) > 0 ? 1 : 0;
  }
  EXPECT_LT(hot_off, hot);
}

// --at takes durations; times after the trace's end and floors the building lacks are errors
// that give the valid range.
TEST(ViewerScreenshot, TimesTakeDurationsAndRangesAreChecked) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  const std::string o = d.out.string();
  const std::vector<std::string> ats = {"600", "10min", "0:10:00", "10:00"};
  for (std::size_t i = 0; i < ats.size(); ++i) {
    const ProcessResult r = view({o, "--screenshot", d.tmp / ("at" + std::to_string(i) + ".png"), "--at", ats[i],
                                  "--size", "160x100"});
    ASSERT_EQ(r.exit_status, 0) << ats[i] << ": " << r.err;
  }
  // All four are 600 s: the same picture.
  for (const char* other : {"at1.png", "at2.png", "at3.png"})
    EXPECT_EQ(test::read_file(d.tmp / "at0.png"), test::read_file(d.tmp / other)) << other;
  const ProcessResult late = view({o, "--screenshot", d.tmp / "late.png", "--at", "99h"});
  EXPECT_EQ(late.exit_status, 2);
  EXPECT_NE(late.err.find("choose a time from 0 to"), std::string::npos) << late.err;
  EXPECT_EQ(late.err.find("e+"), std::string::npos) << "no 300-digit or exponent numbers: " << late.err;
  const ProcessResult floor = view({o, "--screenshot", d.tmp / "f.png", "--camera", "floor", "--building", "C1", "--floor", "40"});
  EXPECT_EQ(floor.exit_status, 2);
  EXPECT_NE(floor.err.find("building C1 has floors 1 to 33"), std::string::npos) << floor.err;
  const ProcessResult bad = view({o, "--screenshot", d.tmp / "x.png", "--at", "10 minutes"});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("1:30:00"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(d.tmp / "late.png"));
  EXPECT_FALSE(fs::exists(d.tmp / "f.png"));
}

// --frames DIR --from --to --every: frames at 60, 80, ..., 180 s are (180 − 60) / 20 + 1 = 7 PNGs;
// --video encodes them into an MP4 that ffprobe reads back with 7 frames (where ffmpeg exists).
TEST(ViewerScreenshot, FramesWriteAPngSequenceAndVideoAPlayableFile) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  const ProcessResult r = view({d.out.string(), "--frames", d.tmp / "seq", "--from", "1min", "--to", "3min", "--every", "20s",
                                "--size", "320x200"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::size_t pngs = 0;
  for (const auto& e : fs::directory_iterator(d.tmp / "seq")) pngs += e.path().extension() == ".png" ? 1 : 0;
  EXPECT_EQ(pngs, 7u);
  EXPECT_TRUE(fs::exists(d.tmp / "seq/frame_00000.png"));
  EXPECT_TRUE(fs::exists(d.tmp / "seq/frame_00006.png"));
  const Picture first(d.tmp / "seq/frame_00000.png");
  EXPECT_EQ(first.width(), 320);
  if (!fs::exists("/usr/bin/ffmpeg") || !fs::exists("/usr/bin/ffprobe"))
    GTEST_SKIP() << "ffmpeg/ffprobe not installed (scripts/install-deps.sh installs ffmpeg): --video not checked";
  const ProcessResult v = view({d.out.string(), "--video", d.tmp / "drill.mp4", "--from", "1min", "--to", "3min", "--every", "20",
                                "--size", "320x200"});
  ASSERT_EQ(v.exit_status, 0) << v.err;
  const ProcessResult probe = test::run_process(
      "/usr/bin/ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames",
                  "-of", "csv=p=0", d.tmp / "drill.mp4"});
  ASSERT_EQ(probe.exit_status, 0) << probe.err;
  EXPECT_EQ(std::stoi(probe.out), 7) << probe.out;
}

}  // namespace
}  // namespace dt

namespace dt {
namespace {

// The floor camera shows its floor only: residents on lower floors of the same tower, seen
// through the translucent slabs before, are clipped away (their projected pixels are not their
// colour), while those on the floor itself show in theirs.
TEST(ViewerScreenshot, TheFloorCameraHidesTheFloorsBelow) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  trace::Frame f;
  const auto k = static_cast<std::size_t>(std::llround(600 / tr.meta().frame_interval_s));
  tr.read_frame(k, f);
  const trace::Scene& sc = tr.scene();
  int c1 = -1;
  for (std::size_t b = 0; b < sc.buildings.size(); ++b) c1 = sc.buildings[b].id == "C1" ? static_cast<int>(b) : c1;
  ASSERT_GE(c1, 0);
  const auto& elevation = sc.buildings[static_cast<std::size_t>(c1)].elevation_m;
  const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "f.png", "--at", "600", "--camera", "floor",
                                "--building", "C1", "--floor", "20", "--size", "960x600", "--no-hud", "--no-heat",
                                "--camera-json", d.tmp / "f.json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(d.tmp / "f.png");
  const Projector cam(d.tmp / "f.json");
  constexpr Rgb kAwaiting{230, 40, 230};
  int below = 0, shown_below = 0, on = 0, shown_on = 0;
  for (std::size_t p = 0; p < f.state.size(); ++p) {
    const bool waiting = f.state[p] == trace::PersonState::Waiting;
    if (!waiting && f.state[p] != trace::PersonState::AwaitingAssistance) continue;
    const trace::Vec3f& x = f.position[p];
    const bool lower = x.z > elevation[1] - 0.1f && x.z < elevation[17];   // floors 2 to 17
    const bool floor20 = std::abs(x.z - elevation[19]) < 0.1f;
    if (!lower && !floor20) continue;
    const auto [col, row] = cam.pixel(x.x, x.y, x.z + kPersonLift_m);
    if (col < 3 || col > 956 || row < 3 || row > 596) continue;
    const bool seen = pic.count_near(col, row, 1, waiting ? kWaiting : kAwaiting, 12) > 0;
    (lower ? below : on) += 1;
    (lower ? shown_below : shown_on) += seen ? 1 : 0;
  }
  ASSERT_GT(below, 5) << "residents waiting below floor 20 project into the picture";
  EXPECT_LE(shown_below * 10, below) << shown_below << " of " << below << " residents below floor 20 show through it";
  if (on > 0) EXPECT_GE(shown_on * 2, on) << "those on floor 20 show: " << shown_on << " of " << on;
}

// `]` jumps to the next event of the trace, `[` back to the previous one: from t = 0 (the fire),
// "]" lands on the first event more than half a second later, "]][" on the same one.
TEST(ViewerScreenshot, KeysJumpFromEventToEvent) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  std::vector<double> times;
  for (const trace::Event& e : tr.events()) times.push_back(e.t_s);
  std::sort(times.begin(), times.end());
  const auto first = std::upper_bound(times.begin(), times.end(), 0.5);
  ASSERT_NE(first, times.end());
  const auto s = static_cast<long>(std::floor(*first));
  ASSERT_LT(s, 3600);
  char expected[32];
  std::snprintf(expected, sizeof expected, "T+%02ld:%02ld", s / 60, s % 60);
  for (const std::string keys : {"]", "]][", "]]]]]]]]]]]]][[[[[[[[[[[["}) {
    const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "k.png", "--at", "0", "--keys", keys,
                                  "--size", "160x100", "--camera-json", d.tmp / "k.json"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(hud_of(d.tmp / "k.json")[0].find(expected), std::string::npos) << keys << ": " << hud_of(d.tmp / "k.json")[0];
  }
}

// The building camera fades every other building's shell: along the roof outlines (drawn in
// kRoofLine at alpha 0.75 over the background), the chosen tower's show in that colour and the
// other towers' (faded to alpha 0.025) do not.
TEST(ViewerScreenshot, TheBuildingCameraFadesTheOtherBuildings) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  const trace::Scene& sc = tr.scene();
  const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "bc.png", "--at", "0", "--camera", "building",
                                "--building", "C3", "--size", "960x600", "--no-hud", "--no-heat", "--camera-json", d.tmp / "bc.json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const Picture pic(d.tmp / "bc.png");
  const Projector cam(d.tmp / "bc.json");
  // palette.h kRoofLine (0.75, 0.82, 0.95) at alpha 0.75 over the background (18, 20, 28).
  const Rgb line{static_cast<int>(18 + 0.75 * (0.75 * 255 - 18)), static_cast<int>(20 + 0.75 * (0.82 * 255 - 20)),
                 static_cast<int>(28 + 0.75 * (0.95 * 255 - 28))};
  int chosen = 0, chosen_seen = 0, others = 0, others_seen = 0;
  for (const trace::Building& b : sc.buildings) {
    const float roof = b.elevation_m.back() + 0.02f;
    for (std::size_t i = 0; i < b.outline.size(); ++i) {
      const trace::Vec2f p = b.outline[i], q = b.outline[(i + 1) % b.outline.size()];
      for (const float u : {0.3f, 0.5f, 0.7f}) {
        const auto [col, row] = cam.pixel(p.x + u * (q.x - p.x), p.y + u * (q.y - p.y), roof);
        if (col < 3 || col > 956 || row < 3 || row > 596) continue;
        const bool seen = pic.count_near(col, row, 1, line, 45) > 0;
        if (b.id == "C3") {
          ++chosen;
          chosen_seen += seen ? 1 : 0;
        } else {
          ++others;
          others_seen += seen ? 1 : 0;
        }
      }
    }
  }
  ASSERT_GT(chosen, 6);
  ASSERT_GT(others, 6);
  EXPECT_GE(chosen_seen * 2, chosen) << chosen_seen << " of " << chosen << " points on C3's roof outline";
  EXPECT_LE(others_seen * 10, others) << others_seen << " of " << others << " points on the other roofs' outlines";
}

// `--access`: each building's roof in the band of its worst flat's minutes, the colours of
// report.html. On the two-block street of tests/jobs/access_job_test.cpp for the group that needs
// assistance (0.61 m/s): `near` is 90..115 m from the clinic, 2.5..3.1 min → "≤ 5 min", #1a9850;
// `far` is 590..615 m, 16.1..16.8 min → "> 15 min", #d73027. The roof is drawn at alpha 0.92, so
// the pixel is within a few units of the band's colour. Each building is framed by the building
// camera and its roof sampled at four points between its centre (the label) and its corners.
TEST(ViewerScreenshot, AccessColoursEachRoofByItsWorstFlatsMinutes) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  {
    std::ofstream out(tmp / "two.yaml");
    out << "site: {boundary: [[0, 0], [1000, 0], [1000, 100], [0, 100]]}\n"
           "buildings:\n"
           "  - {id: near, at: [80, 30], floors: 1, footprint: {width_m: 10, depth_m: 10}, units: {per_floor: 2}}\n"
           "  - {id: far, at: [580, 30], floors: 1, footprint: {width_m: 10, depth_m: 10}, units: {per_floor: 3}}\n"
           "paths:\n  - {id: street, points: [[0, 20], [1000, 20]], width_m: 4}\n"
           "assembly_points:\n  - {id: ap, at: [500, 10], capacity_persons: 100}\n"
           "services:\n  - {id: clinic, kind: clinic, at: [0, 20]}\n";
  }
  const ProcessResult acc = test::run_drilltwin(
      {"access", tmp / "two.yaml", "--group", "needs_assistance", "--out", tmp / "acc"});
  ASSERT_EQ(acc.exit_status, 0) << acc.err;
  const LayoutConfig layout = load_layout(tmp / "two.yaml");
  Diagnostics diag;
  const Network net = generate_network(layout, diag);
  const trace::Scene scene = make_scene(layout, net);
  const Rgb green{0x1a, 0x98, 0x50}, red{0xd7, 0x30, 0x27};
  auto roof_hits = [&](const std::string& id, const std::vector<std::string>& extra, Rgb c) {
    std::vector<std::string> args = {tmp / "two.yaml", "--screenshot", tmp / (id + ".png"),
                                     "--camera", "building", "--building", id, "--size", "640x400", "--no-hud",
                                     "--camera-json", tmp / (id + ".json")};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    const Picture pic(tmp / (id + ".png"));
    const Projector cam(tmp / (id + ".json"));
    for (const trace::Building& b : scene.buildings) {
      if (b.id != id) continue;
      trace::Vec2f centre{0, 0};
      for (const trace::Vec2f& p : b.outline) centre.x += p.x / b.outline.size(), centre.y += p.y / b.outline.size();
      int hits = 0;
      for (const trace::Vec2f& corner : b.outline) {
        const auto [col, row] =
            cam.pixel(centre.x + 0.6 * (corner.x - centre.x), centre.y + 0.6 * (corner.y - centre.y), b.elevation_m.back());
        hits += pic.count_near(col, row, 1, c, 30) > 0 ? 1 : 0;
      }
      return hits;
    }
    ADD_FAILURE() << "no building " << id;
    return 0;
  };
  const std::vector<std::string> access = {"--access", tmp / "acc/summary.json"};
  EXPECT_GE(roof_hits("near", access, green), 2) << "near's roof in the ≤ 5 min colour";
  EXPECT_GE(roof_hits("far", access, red), 2) << "far's roof in the > 15 min colour";
  EXPECT_EQ(roof_hits("near", {}, green), 0) << "without --access the roof keeps its own colour";
  EXPECT_EQ(roof_hits("far", {}, red), 0);
  // A kind the file does not have, or a file that is not access output: exit 2, naming it.
  const ProcessResult kind = view({tmp / "two.yaml", "--access", tmp / "acc/summary.json",
                                   "--access-kind", "canteen", "--screenshot", tmp / "x.png"});
  EXPECT_EQ(kind.exit_status, 2);
  EXPECT_NE(kind.err.find("--access-kind canteen: the file has no such kind; it has: clinic"), std::string::npos) << kind.err;
  const ProcessResult other = view({tmp / "two.yaml", "--access", tmp / "two.yaml", "--screenshot",
                                    tmp / "x.png"});
  EXPECT_EQ(other.exit_status, 2);
  EXPECT_NE(other.err.find("cannot read it as the summary.json of `drilltwin access`"), std::string::npos) << other.err;
}


// --- whole-drill views: cumulative heat, incident blocks, stair panel, timeline -------------------

// docs/viewer.md: the cursor of the timeline bar and of the stair panel, and the stair panel's
// first curve (the busiest stair).
constexpr Rgb kCursor{255, 235, 60};
constexpr Rgb kFirstCurve{90, 200, 255};
// docs/viewer.md, --heat cumulative: lower bounds of levels B-F [person-minutes per m²].
constexpr double kCumulative[5] = {1, 2, 5, 10, 20};
// docs/viewer.md, incident blocks: the first count of each band (1, 2, 3-4, 5-7, 8-11, 12+).
constexpr int kIncidentBand[6] = {1, 2, 3, 5, 8, 12};

// A trace on assets/verification/two_stair_tower.yaml whose frames (one a second, t = 0 .. 600 s)
// all have `people` on the flight `busy` and nobody anywhere else; nobody is drawn.
void stair_load_trace(const fs::path& path, const trace::Scene& scene, uint32_t busy, uint32_t people) {
  trace::Meta meta;
  meta.scenario = "one busy flight";
  trace::TraceWriter w(path, meta, scene, {});
  const trace::Load load{busy, people};
  for (uint32_t k = 0; k <= 600; ++k) w.frame(k, {}, {}, trace::Figures{}, std::span<const trace::Load>(&load, 1));
  w.finish(600);
}

// `--heat cumulative`: a flight with a constant crowd of P = ⌈3 A⌉ people (A its length × width)
// has, by hand, P × t / 60 / A person-minutes per m² at t: about 3 at one minute (level C, 2-5),
// about 30 at ten minutes (level F, ≥ 20) — while the live colouring shows the same density P / A
// ≈ 3 p/m² (Fruin's F) at both times. A flight of the other stair that nobody used stays grey.
TEST(ViewerScreenshot, TheCumulativeHeatMapColoursAStairByItsUseSoFar) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const LayoutConfig layout = load_layout(std::string(DRILLTWIN_SOURCE_DIR) + "/assets/verification/two_stair_tower.yaml");
  Diagnostics diag;
  const Network net = generate_network(layout, diag);
  const trace::Scene scene = make_scene(layout, net);
  int busy = -1, idle = -1;
  for (uint32_t l = 0; l < scene.links.size(); ++l) {
    const trace::Link& link = scene.links[l];
    if (link.kind != trace::LinkKind::Stair) continue;
    if (busy < 0 && link.label.find("/S1/F3-F4") != std::string::npos) busy = static_cast<int>(l);
    if (idle < 0 && link.label.find("/S2/F3-F4") != std::string::npos) idle = static_cast<int>(l);
  }
  ASSERT_GE(busy, 0);
  ASSERT_GE(idle, 0);
  const trace::Link& b = scene.links[static_cast<std::size_t>(busy)];
  const double area = static_cast<double>(b.length_m) * b.width_m;
  const auto people = static_cast<uint32_t>(std::ceil(3 * area));
  auto level_of = [](double x, const double* bounds) {
    int k = 0;
    while (k < 5 && x >= bounds[k]) ++k;
    return k;
  };
  const int at_1min = level_of(people * 60.0 / 60 / area, kCumulative), at_10min = level_of(people * 600.0 / 60 / area, kCumulative);
  ASSERT_EQ(at_1min, 2) << "level C at one minute";
  ASSERT_EQ(at_10min, 5) << "level F at ten minutes";
  const int live = level_of(people / area, kFruin);
  ASSERT_EQ(live, 5);
  stair_load_trace(tmp / "trace.bin", scene, static_cast<uint32_t>(busy), people);

  auto hits = [&](const std::string& name, const std::vector<std::string>& extra, int link, Rgb c) {
    std::vector<std::string> args = {tmp.path(), "--screenshot", tmp / (name + ".png"), "--camera", "building",
                                     "--size", "960x600", "--no-hud", "--camera-json", tmp / (name + ".json")};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    const Picture pic(tmp / (name + ".png"));
    const Projector cam(tmp / (name + ".json"));
    int n = 0;
    for (const float u : {0.12f, 0.37f, 0.62f, 0.87f}) {
      const trace::Vec3f p = trace::link_point(scene, scene.links[static_cast<std::size_t>(link)], u, 0.0f);
      const auto [col, row] = cam.pixel(p.x, p.y, p.z + 0.6);  // heat_layer.cpp: 0.6 m above the flight
      n += pic.count_near(col, row, 1, c, 16) > 0 ? 1 : 0;
    }
    return n;
  };
  EXPECT_GE(hits("cum1", {"--heat", "cumulative", "--at", "60"}, busy, kHeat[at_1min]), 3) << "level C after one minute";
  EXPECT_GE(hits("cum10", {"--heat", "cumulative", "--at", "600"}, busy, kHeat[at_10min]), 3) << "level F after ten";
  EXPECT_EQ(hits("cum1b", {"--heat", "cumulative", "--at", "60"}, busy, kHeat[at_10min]), 0) << "not yet F";
  EXPECT_GE(hits("idle", {"--heat", "cumulative", "--at", "600"}, idle, kIdleStair), 3) << "the unused stair stays grey";
  EXPECT_GE(hits("live1", {"--at", "60"}, busy, kHeat[live]), 3) << "the live colouring: Fruin's F already";
}

// A dispatch run traced (`drilltwin run scenarios/workorders_day.yaml --trace`): per building a
// block on the roof whose top is in the colour of the band of the incidents reported there so far,
// counted by hand from the trace's ServiceRequest events; the block's top is 3 m + 1.5 m per
// incident above the roof, half as wide as the smaller side of the building (site camera).
TEST(ViewerScreenshot, IncidentBlocksShowTheBuildingsWithMostIncidents) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult run = test::run_drilltwin(
      {"run", "scenarios/workorders_day.yaml", "--replications", "1", "--trace", "--out", tmp / "out"});
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("incidents reported"), std::string::npos) << run.out;
  trace::TraceReader tr(tmp / "out/trace.bin");
  EXPECT_EQ(tr.version(), 3u);
  EXPECT_TRUE(tr.people().empty());
  const trace::Scene& sc = tr.scene();
  const double at = 18 * 3600.0;  // 18:00 (the scenario's clock starts at 00:00)
  std::vector<int> count(sc.buildings.size(), 0);
  int requests = 0;
  for (const trace::Event& e : tr.events())
    if (e.kind == trace::EventKind::ServiceRequest && e.t_s <= at) {
      ++requests;
      if (e.subject < sc.buildings.size()) ++count[e.subject];
    }
  ASSERT_GT(requests, 10);
  const auto most = static_cast<std::size_t>(std::max_element(count.begin(), count.end()) - count.begin());
  ASSERT_GE(count[most], 2);
  int band = 0;
  while (band < 5 && count[most] >= kIncidentBand[band + 1]) ++band;
  const trace::Building& bl = sc.buildings[most];
  float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f, cx = 0, cy = 0;
  for (const trace::Vec2f& p : bl.outline) {
    x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    cx += p.x / bl.outline.size(), cy += p.y / bl.outline.size();
  }
  const float side = 0.5f * std::min(x1 - x0, y1 - y0);
  const float top = bl.elevation_m.back() + 3.0f + 1.5f * count[most];
  auto top_hits = [&](const std::string& name, const std::vector<std::string>& extra, Rgb c) {
    std::vector<std::string> args = {tmp / "out", "--screenshot", tmp / (name + ".png"), "--at", "18h",
                                     "--size", "1280x800", "--no-hud", "--camera-json", tmp / (name + ".json")};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = view(args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    const Picture pic(tmp / (name + ".png"));
    const Projector cam(tmp / (name + ".json"));
    int n = 0;
    for (const auto& [dx, dy] : {std::pair{-0.3f, -0.3f}, {0.3f, -0.3f}, {0.3f, 0.3f}, {-0.3f, 0.3f}}) {
      const auto [col, row] = cam.pixel(cx + dx * side, cy + dy * side, top);
      n += pic.count_near(col, row, 1, c, 10) > 0 ? 1 : 0;
    }
    return n;
  };
  EXPECT_GE(top_hits("blocks", {}, kHeat[band]), 3) << bl.id << ": " << count[most] << " incidents, band " << band;
  EXPECT_EQ(top_hits("none", {"--incidents", "off"}, kHeat[band]), 0) << "no blocks with --incidents off";
  // The event panel names the latest requests; the figures count them.
  const ProcessResult hud = view({tmp / "out", "--screenshot", tmp / "h.png", "--at", "18h", "--size", "320x200",
                                  "--camera-json", tmp / "h.json"});
  ASSERT_EQ(hud.exit_status, 0) << hud.err;
  EXPECT_NE(hud_of(tmp / "h.json")[1].find("incidents reported " + std::to_string(requests)), std::string::npos)
      << hud_of(tmp / "h.json")[1];
  EXPECT_NE(hud_of(tmp / "h.json")[2].find(" reported in "), std::string::npos) << hud_of(tmp / "h.json")[2];
}

// Pixels of `c` in the columns col-1 .. col+1 between rows r0 and r1.
int column_hits(const Picture& pic, int col, int r0, int r1, Rgb c) {
  int n = 0;
  for (int y = r0; y <= r1; ++y)
    for (int x = col - 1; x <= col + 1; ++x) n += near(pic.at(x, y), c, 12) ? 1 : 0;
  return n;
}

// `--panel stairs`: the chart of C1's stairs is drawn (its first curve's colour in the plot) and its
// cursor stands at x0 + (x1 − x0) × t / T (T the trace's end): at two minutes and at ten it is in
// a different column, each where the formula puts it; the timeline bar's cursor likewise.
TEST(ViewerScreenshot, TheStairPanelsCursorFollowsTheTime) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  const double end = tr.duration_s();
  struct Shot {
    double t;
    std::vector<double> panel, bar;
    std::unique_ptr<Picture> pic;
  };
  std::vector<Shot> shots;
  for (const double t : {120.0, 600.0}) {
    const std::string name = "panel" + std::to_string(static_cast<int>(t));
    const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / (name + ".png"), "--at", std::to_string(t),
                                  "--camera", "building", "--building", "C1", "--panel", "stairs", "--size", "1280x800",
                                  "--camera-json", d.tmp / (name + ".json")});
    ASSERT_EQ(r.exit_status, 0) << r.err;
    std::ifstream in(d.tmp / (name + ".json"));
    const nlohmann::json j = nlohmann::json::parse(in);
    ASSERT_TRUE(j.contains("stair_panel")) << j.dump();
    EXPECT_DOUBLE_EQ(j.at("time_s").get<double>(), t);
    shots.push_back({t, j.at("stair_panel").get<std::vector<double>>(), j.at("timeline").get<std::vector<double>>(),
                     std::make_unique<Picture>(d.tmp / (name + ".png"))});
  }
  auto column = [&](const std::vector<double>& rect, double t) {
    return static_cast<int>(std::floor(rect[0] + (rect[2] - rect[0]) * t / end));
  };
  for (std::size_t i = 0; i < shots.size(); ++i) {
    const Shot& s = shots[i];
    const Shot& other = shots[1 - i];
    const int r0 = static_cast<int>(s.panel[1]) + 2, r1 = static_cast<int>(s.panel[3]) - 2;
    const int here = column(s.panel, s.t), there = column(s.panel, other.t);
    ASSERT_GT(there - here != 0 ? std::abs(there - here) : 0, 4) << "the two times are columns apart";
    EXPECT_GE(column_hits(*s.pic, here, r0, r1, kCursor), (r1 - r0) / 2) << "the cursor at t = " << s.t << " in column " << here;
    EXPECT_LE(column_hits(*s.pic, there, r0, r1, kCursor), (r1 - r0) / 10) << "no cursor where the other time is";
    // The timeline bar's cursor: over the bar's rows, in the column of the time.
    const int b0 = static_cast<int>(s.bar[1]), b1 = static_cast<int>(s.bar[3]);
    EXPECT_GE(column_hits(*s.pic, column(s.bar, s.t), b0, b1, kCursor), (b1 - b0) / 2) << "timeline cursor at t = " << s.t;
    // The chart itself: the busiest stair's curve.
    int curve = 0;
    for (int y = static_cast<int>(s.panel[1]); y <= static_cast<int>(s.panel[3]); ++y)
      for (int x = static_cast<int>(s.panel[0]); x <= static_cast<int>(s.panel[2]); ++x) curve += near(s.pic->at(x, y), kFirstCurve, 16);
    EXPECT_GT(curve, 100) << "the first stair's curve is drawn";
  }
}

// The timeline bar scrubs: mouse events sent through the viewer's event queue (--keys {Press:X,Y}
// ...) seek to duration × (X − x0) / (x1 − x0) where the bar spans columns x0 .. x1 (12 pixels
// from each side, docs/viewer.md); a press elsewhere does not; the keys step by 10 s and 60 s.
TEST(ViewerScreenshot, TheTimelineBarAndKeysScrubTheTime) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  trace::TraceReader tr(d.out / "trace.bin");
  const double end = tr.duration_s();
  auto time_after = [&](const std::string& at, const std::string& keys) {
    const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / "s.png", "--at", at, "--keys", keys, "--size",
                                  "960x600", "--camera-json", d.tmp / "s.json"});
    EXPECT_EQ(r.exit_status, 0) << r.err;
    std::ifstream in(d.tmp / "s.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const std::vector<double> bar = j.at("timeline").get<std::vector<double>>();
    EXPECT_EQ(bar, (std::vector<double>{12, 578, 948, 592})) << "the bar: columns 12 to 948, rows 578 to 592";
    return j.at("time_s").get<double>();
  };
  const double per_px = end / (948 - 12);
  EXPECT_NEAR(time_after("0", "{Press:246,585}{Release:246,585}"), (246 - 12) * per_px, 1e-6 * end);
  EXPECT_NEAR(time_after("0", "{Press:100,585}{Drag:400,590}{Drag:714,590}{Release:714,590}"), (714 - 12) * per_px, 1e-6 * end);
  EXPECT_NEAR(time_after("0", "{Press:948,585}"), end, 1e-6 * end);
  EXPECT_DOUBLE_EQ(time_after("100", "{Press:480,300}{Drag:700,300}{Release:700,300}"), 100) << "a drag off the bar orbits";
  EXPECT_DOUBLE_EQ(time_after("100", "{Right}{Right}{PgUp}{Left}"), 100 + 10 + 10 + 60 - 10);
  EXPECT_DOUBLE_EQ(time_after("30", "{PgDn}"), 0);
  EXPECT_DOUBLE_EQ(time_after("30", "{End}"), end);
  EXPECT_DOUBLE_EQ(time_after("300", "{Home}"), 0);
  // A bad mouse token is an input error.
  const ProcessResult bad = view({d.out.string(), "--screenshot", d.tmp / "x.png", "--keys", "{Press:12}"});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("{Press:12}"), std::string::npos) << bad.err;
}


// The floor camera draws the fires of its storey only: on floor 12 of C1 (the fire's flat) the flame
// is there, in the fire's colour; on floor 14 nothing is (it used to stand in floor 14's plan,
// drawn over everything). Heat colours off: level E's orange is close to the fire's.
TEST(ViewerScreenshot, TheFloorCameraShowsOnlyTheFiresOfItsFloor) {
  SKIP_WITHOUT_X();
  const PlanningDrill& d = smoke_drill();
  auto fire_pixels = [&](const std::string& floor) {
    const ProcessResult r = view({d.out.string(), "--screenshot", d.tmp / ("f" + floor + ".png"), "--at", "600", "--camera",
                                  "floor", "--building", "C1", "--floor", floor, "--size", "800x500", "--no-hud", "--no-heat"});
    EXPECT_EQ(r.exit_status, 0) << r.err;
    return Picture(d.tmp / ("f" + floor + ".png")).count(kFire, 20);
  };
  EXPECT_GT(fire_pixels("12"), 50) << "the fire's own floor shows its flame";
  EXPECT_EQ(fire_pixels("14"), 0) << "two floors up, no flame";
}

// A lift car stopped by the power cut of scenarios/entrapment_power_outage.yaml is marked at the
// height where it stopped, between its lowest and highest stop, not at its ground-floor stop; the
// rescue and release events are at the same place.
TEST(ViewerScreenshot, ATrappedCarIsMarkedWhereItStopped) {
  SKIP_WITHOUT_X();
  TempDir tmp;
  const ProcessResult run = test::run_drilltwin({"run", "scenarios/entrapment_power_outage.yaml", "--replications", "1",
                                                 "--trace", "--out", tmp / "out", "-q"});
  ASSERT_EQ(run.exit_status, 0) << run.err;
  trace::TraceReader tr(tmp / "out/trace.bin");
  const trace::Scene& sc = tr.scene();
  int trapped = 0, above_ground = 0;
  for (const trace::Event& e : tr.events()) {
    if (e.kind != trace::EventKind::Entrapment) continue;
    ++trapped;
    const std::string id = e.text.substr(0, e.text.find(' '));  // "C3/L2 stopped: 4 trapped"
    const std::string building = id.substr(0, id.find('/')), lift = id.substr(id.find('/') + 1);
    bool found = false;
    for (const trace::Building& b : sc.buildings)
      for (const trace::ElevatorShaft& s : b.elevators)
        if (b.id == building && s.id == lift) {
          found = true;
          EXPECT_GE(e.position.z, b.elevation_m[static_cast<std::size_t>(s.lowest - 1)] - 1e-3) << e.text;
          EXPECT_LE(e.position.z, b.elevation_m[static_cast<std::size_t>(s.highest - 1)] + 1e-3) << e.text;
          above_ground += e.position.z > b.elevation_m[static_cast<std::size_t>(s.lowest - 1)] + 0.5 ? 1 : 0;
        }
    EXPECT_TRUE(found) << e.text;
    for (const trace::Event& r : tr.events())
      if ((r.kind == trace::EventKind::RescuerOnSite || r.kind == trace::EventKind::EntrapmentReleased) && r.subject == e.subject)
        EXPECT_FLOAT_EQ(r.position.z, e.position.z);
  }
  ASSERT_GT(trapped, 0) << "the power cut traps riders";
  EXPECT_GT(above_ground, 0) << "the cars stopped between floors, not at the ground stop";
}

}  // namespace
}  // namespace dt
