// `drilltwin layout` on the real executable: the summary, exit statuses, warnings on stderr and
// the GeoJSON / dot exports (written atomically, read back).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

TEST(LayoutCommand, PrintsTheCompoundSummary) {
  const auto r = run_drilltwin({"layout", "assets/compound.yaml"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;  // the compound is clean: no warnings
  for (const char* s : {"compound (assets/compound.yaml)", "29 buildings, 705 floors, 2,484 flats, 6,508 residents at 2.62 persons per household",
                        "2 assembly points (capacity 7,000)", "flat_to_exit_max_m", "No warnings."})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  // One row per building: C3 is a 33-storey tower with 128 flats.
  EXPECT_NE(r.out.find("  C3        tower33      33      97.0    128"), std::string::npos) << r.out;
}

TEST(LayoutCommand, WarningsGoToStderrAndDoNotFail) {
  const auto r = run_drilltwin({"layout", "assets/verification/nine_storey_office.yaml"});
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_NE(r.err.find("assets/verification/nine_storey_office.yaml:29:40: warning: stair 'S1'"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("4 warnings (on stderr)."), std::string::npos) << r.out;
}

TEST(LayoutCommand, ExportsGeoJsonThatReadsBack) {
  test::TempDir tmp;
  const std::string out = tmp / "compound.geojson";
  const auto r = run_drilltwin({"layout", "assets/compound.yaml", "--export", "geojson", out});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(test::read_file(out));
  EXPECT_EQ(doc.at("type"), "FeatureCollection");
  EXPECT_GT(doc.at("features").size(), 5000u);
  // Nothing but the file itself is left in the directory (the temporary was renamed).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(LayoutCommand, ExportsDot) {
  test::TempDir tmp;
  const std::string out = tmp / "stair.dot";
  ASSERT_EQ(run_drilltwin({"layout", "assets/verification/single_stair.yaml", "--export", "dot", out}).exit_status, 0);
  const std::string dot = test::read_file(out);
  EXPECT_EQ(dot.rfind("// drilltwin navigation network", 0), 0u) << dot;
  EXPECT_NE(dot.find("kind=\"stair\""), std::string::npos);
}

TEST(LayoutCommand, BadFlagsAndFilesExitWithStatus2WriteFailuresWith1) {
  test::TempDir tmp;
  EXPECT_EQ(run_drilltwin({"layout"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"layout", "/nonexistent/layout.yaml"}).exit_status, 2);
  const auto bad_format = run_drilltwin({"layout", "assets/compound.yaml", "--export", "kml", tmp / "x"});
  EXPECT_EQ(bad_format.exit_status, 2);
  EXPECT_NE(bad_format.err.find("unknown format 'kml'"), std::string::npos) << bad_format.err;
  EXPECT_FALSE(fs::exists(tmp / "x"));
  EXPECT_EQ(run_drilltwin({"layout", "assets/compound.yaml", "--export", "geojson"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"layout", "assets/compound.yaml", "--export", "geojson", tmp / "no/such/dir/x.geojson"})
                .exit_status,
            1);
  // An invalid layout writes no export.
  const auto invalid = run_drilltwin({"layout", "tests/malformed_layouts/narrow_stair.yaml", "--export", "dot", tmp / "y"});
  EXPECT_EQ(invalid.exit_status, 2);
  EXPECT_FALSE(fs::exists(tmp / "y"));
}

TEST(LayoutCommand, OverridesAndHelp) {
  const auto r = run_drilltwin({"layout", "assets/verification/single_stair.yaml", "--set", "buildings.0.stairs.0.width_m=1.0"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("--set:1:"), std::string::npos) << r.err;
  const auto help = run_drilltwin({"layout", "--help"});
  EXPECT_EQ(help.exit_status, 0);
  for (const char* s : {"--export", "geojson", "dot", "--set", "Exit status"})
    EXPECT_NE(help.out.find(s), std::string::npos) << s << "\n" << help.out;
}

}  // namespace
}  // namespace dt
