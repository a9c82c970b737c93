// report.html rendered by a real browser, offline: Debian's Chromium, headless, loads the page
// from a file with networking disabled and takes a screenshot; the test reads the PNG and checks
// that every chart has data drawn inside its frame (coloured pixels where the marks go).
//
// Chart positions come from the same page with a small probe script appended (run with
// --dump-dom); the report itself has no script. Set DRILLTWIN_SCREENSHOT_DIR to keep the
// screenshots (report-run.png, report-sweep.png) for a look by eye.
//
// Skipped when Chromium or libpng is missing; scripts/install-deps.sh installs both (CI too).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#ifdef DRILLTWIN_HAVE_PNG
#include <png.h>
#endif

#include "engine/output/report_html.h"
#include "tests/output/report_fixture.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(p)) return p;
  return {};
}

std::vector<std::string> chromium_flags(int height) {
  // BUILD-NOTES.md: the flags that keep headless Chromium off the network and quiet.
  return {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
          "--window-size=1280," + std::to_string(height)};
}

constexpr const char* kProbe = R"(<pre id="dt-boxes" style="display:none"></pre><script>
const out = [];
for (const s of document.querySelectorAll('svg.chart')) {
  const r = s.getBoundingClientRect();
  out.push([s.dataset.chart, Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width),
            Math.round(r.height)].join(' '));
}
document.getElementById('dt-boxes').textContent = 'H ' + document.documentElement.scrollHeight + '\n' + out.join('\n');
</script>)";

struct Box {
  std::string id;
  int x = 0, y = 0, w = 0, h = 0;
};

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
};

#ifdef DRILLTWIN_HAVE_PNG
Image read_png(const std::string& path) {
  Image img;
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) return img;
  png.format = PNG_FORMAT_RGBA;
  img.rgba.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, img.rgba.data(), 0, nullptr)) return {};
  img.width = static_cast<int>(png.width);
  img.height = static_cast<int>(png.height);
  return img;
}
#endif

// Pixels inside the box whose colour is clearly not grey: data marks (the palette), not text,
// axes or grid lines, which are grey.
int coloured_pixels(const Image& img, const Box& b) {
  int n = 0;
  for (int y = b.y; y < std::min(b.y + b.h, img.height); ++y)
    for (int x = b.x; x < std::min(b.x + b.w, img.width); ++x) {
      const unsigned char* p = &img.rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) +
                                          static_cast<std::size_t>(x)) * 4];
      const int hi = std::max({p[0], p[1], p[2]}), lo = std::min({p[0], p[1], p[2]});
      if (hi - lo > 40) ++n;
    }
  return n;
}

void check_rendering(const ReportInput& input, const std::string& name) {
#ifndef DRILLTWIN_HAVE_PNG
  GTEST_SKIP() << "built without libpng";
#endif
  const std::string chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "no Chromium (apt-get install chromium)";
  test::TempDir tmp;
  const std::string html = report_html(input);
  std::ofstream(tmp / "report.html") << html;
  std::string probe = html;
  probe.insert(probe.rfind("</body>"), kProbe);
  std::ofstream(tmp / "probe.html") << probe;

  // 1. Where the charts are.
  std::vector<std::string> args = chromium_flags(900);
  args.push_back("--dump-dom");
  args.push_back("file://" + (tmp / "probe.html"));
  const test::ProcessResult dom = test::run_process(chromium, args, tmp.path());
  ASSERT_EQ(dom.exit_status, 0) << dom.err.substr(0, 2000);
  const std::string open_tag = "<pre id=\"dt-boxes\" style=\"display:none\">";
  const std::size_t begin = dom.out.find(open_tag);
  ASSERT_NE(begin, std::string::npos) << dom.out.substr(0, 500);
  const std::size_t from = begin + open_tag.size();
  std::istringstream lines(dom.out.substr(from, dom.out.find("</pre>", from) - from));
  std::string word;
  int page_height = 0;
  lines >> word >> page_height;
  ASSERT_EQ(word, "H");
  std::vector<Box> boxes;
  for (Box b; lines >> b.id >> b.x >> b.y >> b.w >> b.h;) boxes.push_back(b);
  std::size_t charts = 0;
  for (std::size_t at = html.find("data-chart="); at != std::string::npos; at = html.find("data-chart=", at + 1)) ++charts;
  ASSERT_EQ(boxes.size(), charts) << "every chart in the page is laid out";
  ASSERT_GT(charts, 5u);

  // 2. What the page looks like, the whole of it, without the probe.
  args = chromium_flags(page_height + 200);
  args.push_back("--screenshot=" + (tmp / "shot.png"));
  args.push_back("file://" + (tmp / "report.html"));
  const test::ProcessResult shot = test::run_process(chromium, args, tmp.path());
  ASSERT_EQ(shot.exit_status, 0) << shot.err.substr(0, 2000);
#ifdef DRILLTWIN_HAVE_PNG
  const Image img = read_png(tmp / "shot.png");
  ASSERT_GT(img.width, 0) << "screenshot not readable";
  if (const char* keep = std::getenv("DRILLTWIN_SCREENSHOT_DIR"))
    fs::copy_file(tmp / "shot.png", fs::path(keep) / ("report-" + name + ".png"), fs::copy_options::overwrite_existing);
  for (const Box& b : boxes) {
    EXPECT_GT(b.w, 200) << b.id;
    EXPECT_GT(b.h, 150) << b.id;
    EXPECT_LE(b.y + b.h, img.height) << b.id << " lies outside the screenshot";
    // Marks inside the plot area (62 px from the left, 30 from the top; the legend is below it):
    // at least a few hundred coloured pixels (a line across the plot is about 900).
    const Box plot_area{b.id, b.x + 62, b.y + 30, b.w - 76, 150};
    EXPECT_GT(coloured_pixels(img, plot_area), 250) << "chart " << b.id << " has nothing drawn";
  }
  // And the page is not all colour: the frame of an empty chart would still pass the count above
  // if the whole screenshot were one colour.
  EXPECT_LT(coloured_pixels(img, Box{"page", 0, 0, img.width, img.height}), img.width * img.height / 4);
#endif
}

TEST(ReportRender, RunReportDrawsEveryChartInChromium) { check_rendering(test::fixture_report(1), "run"); }

TEST(ReportRender, SweepReportDrawsEveryChartInChromium) { check_rendering(test::fixture_report(4), "sweep"); }

}  // namespace
}  // namespace dt
