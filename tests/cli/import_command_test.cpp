// `drilltwin import` and `drilltwin access` on the real executable: a map imported end to end,
// checked by `drilltwin layout`, a drill run on it, malformed maps refused with nothing written, and
// the 15-minute circle of the compound with a what-if.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

TEST(ImportCommand, ImportsAMapThatLayoutAcceptsAndADrillRunsOn) {
  test::TempDir tmp;
  const std::string layout = tmp / "imported.yaml";
  auto r = run_drilltwin({"import", "osm", "tests/import/data/small.osm", "--out", layout});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("3 buildings, 94 flats"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("passes `drilltwin layout` checks"), std::string::npos) << r.out;
  r = run_drilltwin({"layout", layout});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("3 buildings, 30 floors, 94 flats"), std::string::npos) << r.out;
  {
    std::ofstream s(tmp / "drill.yaml");
    s << "name: imported_drill\nrun: {replications: 3, seed: 1, start_time: \"10:30\"}\n"
         "layout: !include imported.yaml\nevacuation: {max_duration: 2 h}\n";
  }
  r = run_drilltwin({"run", tmp / "drill.yaml", "--out", tmp / "run"});
  ASSERT_EQ(r.exit_status, 0) << r.err << r.out;
  const auto summary = nlohmann::json::parse(test::read_file(tmp / "run/summary.json"));
  EXPECT_TRUE(summary.contains("kpis"));
  // The imported services give the 15-minute circle straight away.
  r = run_drilltwin({"access", layout});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("clinic:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("grocery:"), std::string::npos) << r.out;
}

TEST(ImportCommand, GeoJsonFootprintsImportToo) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"import", "geojson", "tests/import/data/small.geojson", "--out", tmp / "g.yaml"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(run_drilltwin({"layout", tmp / "g.yaml"}).exit_status, 0);
}

TEST(ImportCommand, AMalformedMapExitsTwoNamingFileAndElementAndWritesNothing) {
  test::TempDir tmp;
  const std::pair<const char*, const char*> cases[] = {
      {"osm", "unclosed_way.osm: error: way 123: the building outline is not closed"},
      {"osm", "missing_node.osm: error: way 77: node 9 is not in the file"},
      {"osm", "absurd_height.osm: error: way 55: height '2500'"},
      {"osm", "broken.osm:4:"},
      {"osm", "no_buildings.osm: error: the map has no building"},
      {"geojson", "projected_crs.geojson: error: the coordinates are in 'urn:ogc:def:crs:EPSG::32651'"},
      {"geojson", "metres_as_degrees.geojson: error: feature tower-7:"},
      {"geojson", "unclosed_ring.geojson: error: feature 12:"},
      {"geojson", "broken.geojson:4:"},
  };
  for (const auto& [format, expected] : cases) {
    const std::string file = std::string(expected).substr(0, std::string(expected).find(':'));
    const std::string out = tmp / (file + ".yaml");
    const auto r = run_drilltwin({"import", format, "tests/import/malformed/" + file, "--out", out});
    EXPECT_EQ(r.exit_status, 2) << file;
    EXPECT_NE(r.err.find(expected), std::string::npos) << file << ": " << r.err;
    EXPECT_FALSE(fs::exists(out)) << file;
  }
}

TEST(AccessCommand, TheCompoundsCircleAndAWhatIfThatAddsAClinic) {
  test::TempDir tmp;
  auto r = run_drilltwin({"access", "assets/compound.yaml", "--out", tmp / "a"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto s = nlohmann::json::parse(test::read_file(tmp / "a/summary.json"));
  EXPECT_EQ(s.at("households"), 2484);
  EXPECT_EQ(s.at("kinds").size(), 2u);  // the clinic and the canteen
  EXPECT_NE(test::read_file(tmp / "a/report.html").find("<svg"), std::string::npos);
  // A second clinic in the north (the first stands at [190, 45]) brings more households within
  // 5 min of one than the one clinic does.
  r = run_drilltwin({"access", "assets/compound.yaml", "--add", "clinic", "--try", "215,300", "--try", "190,50",
                     "--within", "5", "--out", tmp / "b"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto w = nlohmann::json::parse(test::read_file(tmp / "b/summary.json")).at("what_ifs").at(0);
  EXPECT_EQ(w.at("best"), "215,300");
  EXPECT_GT(w.at("candidates").at(0).at("share_within").get<double>(), w.at("baseline").at("share_within").get<double>());
  EXPECT_NE(r.out.find("best at 215,300"), std::string::npos) << r.out;
}

TEST(AccessCommand, AScenarioFileAndSetMoveAService) {
  // The clinic moved from [190, 45] to [215, 300] (among the towers) through the scenario's layout:
  // the tower rows come nearer, the south row farther; the layout read either way gives the same.
  const auto a = run_drilltwin({"access", "scenarios/tower_day.yaml", "--set", "layout.services.0.at=[215,300]"});
  const auto b = run_drilltwin({"access", "assets/compound.yaml", "--set", "services.0.at=[215,300]"});
  ASSERT_EQ(a.exit_status, 0) << a.err;
  ASSERT_EQ(b.exit_status, 0) << b.err;
  const auto line = [](const std::string& out) { return out.substr(out.find("clinic:"), out.find('\n', out.find("clinic:")) - out.find("clinic:")); };
  EXPECT_EQ(line(a.out), line(b.out));
  EXPECT_NE(line(b.out), line(run_drilltwin({"access", "assets/compound.yaml"}).out));
}

TEST(AccessCommand, ChineseHeadlines) {
  const auto r = run_drilltwin({"access", "assets/compound.yaml", "--lang", "zh-CN"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("卫生服务站："), std::string::npos) << r.out;
}

TEST(AccessCommand, BadFlagsAndAnUnknownServiceExitTwo) {
  EXPECT_EQ(run_drilltwin({"access", "assets/compound.yaml", "--try", "1,2"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"access", "assets/compound.yaml", "--add", "clinic", "--try", "x"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"access", "assets/compound.yaml", "--at", "25:00"}).exit_status, 2);
  const auto r = run_drilltwin({"access", "assets/compound.yaml", "--move", "cantene", "--try", "1,2"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("did you mean 'canteen'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dt
