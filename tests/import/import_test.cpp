// The map importer (engine/import/) on small files written for the purpose (tests/import/data):
// three buildings, a residential boundary, footways, a gate, an entrance, a clinic and a shop.
//
// Expectations are worked by hand in local metres on the WGS 84 ellipsoid (a = 6 378 137 m,
// e² = 0.00669438): a step of Δλ degrees of longitude is N·cos φ·Δλ·π/180 metres east and a step of
// Δφ degrees of latitude is M·Δφ·π/180 metres north, with N = a / √(1 − e² sin²φ) and
// M = a (1 − e²) / (1 − e² sin²φ)^{3/2}. Near φ = 31.2°: sin φ = 0.51803, N = 6 383 874 m,
// M = 6 352 550 m, cos φ = 0.85536, so 0.0001° of longitude = 9.5304 m and 0.0001° of latitude =
// 11.0873 m. Over a few hundred metres a transverse Mercator differs from this by far less than a
// millimetre, so the layout's metres must match to 1 m and areas to 1 %.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/import/geojson_reader.h"
#include "engine/import/layout_writer.h"
#include "engine/import/osm_reader.h"
#include "engine/scenario/layout_loader.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/world/generator.h"
#include "engine/world/geometry.h"
#include "engine/world/layout_checks.h"

namespace dt {
namespace {

constexpr double kLon_m = 9.5304;   // metres per 0.0001° of longitude at 31.2° N (above)
constexpr double kLat_m = 11.0873;  // metres per 0.0001° of latitude

std::string data(const std::string& name) { return std::string(DRILLTWIN_SOURCE_DIR) + "/tests/import/data/" + name; }

LayoutConfig imported(const import::MapData& map) {
  const import::ImportedLayout out = import::write_layout(map, "small");
  return read_layout(parse_yaml_string(out.yaml, "small.yaml"), "small.yaml");
}

const BuildingConfig& building(const LayoutConfig& l, const std::string& id) {
  for (const BuildingConfig& b : l.buildings)
    if (b.id == id) return b;
  throw std::runtime_error("no building " + id);
}

double footprint_area(const BuildingConfig& b) {
  double a = 0;
  for (std::size_t i = 0; i < b.footprint.size(); ++i) {
    const Vec2 p = b.footprint[i], q = b.footprint[(i + 1) % b.footprint.size()];
    a += p.x * q.y - q.x * p.y;
  }
  return std::fabs(a) / 2;
}

double distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

TEST(ImportOsm, BuildingsFloorsAndFootprintAreasMatchTheHandCalculation) {
  const LayoutConfig l = imported(import::read_osm(data("small.osm")));
  ASSERT_EQ(l.buildings.size(), 3u);
  const BuildingConfig& a = building(l, "w101");
  const BuildingConfig& b = building(l, "w102");
  const BuildingConfig& c = building(l, "w103");
  EXPECT_EQ(a.floors, 11);   // building:levels=11
  EXPECT_EQ(b.floors, 18);   // height=54 at 3 m a storey
  EXPECT_NEAR(b.floor_height_m, 3.0, 1e-9);
  EXPECT_EQ(c.floors, 1);    // nothing in the map: one storey for a small building=yes
  EXPECT_EQ(c.use, BuildingUse::Other);
  // A: 0.0003° × 0.0001° = 28.591 m × 11.087 m = 317.0 m²; B: 28.591 × 16.631 = 475.5 m²;
  // C: 0.0001° × 0.00007° = 9.530 × 7.761 = 73.97 m².
  EXPECT_NEAR(footprint_area(a), 3 * kLon_m * kLat_m, 0.01 * 317.0);
  EXPECT_NEAR(footprint_area(b), 3 * kLon_m * 1.5 * kLat_m, 0.01 * 475.5);
  EXPECT_NEAR(footprint_area(c), kLon_m * 0.7 * kLat_m, 0.01 * 73.97);
  // Flats: round(0.7 × area / 90 m²): A 2 a floor, B 4 a floor (docs/import.md).
  EXPECT_EQ(a.units.per_floor, 2);
  EXPECT_EQ(b.units.per_floor, 4);
  // Lifts from 7 storeys, two from 12; B (54 m) has a firefighting lift (above 33 m).
  EXPECT_EQ(a.elevators.size(), 1u);
  ASSERT_EQ(b.elevators.size(), 2u);
  EXPECT_TRUE(b.elevators[0].fire_service);
}

TEST(ImportOsm, PositionsAndDistancesMatchTheHandCalculationInProjectedMetres) {
  const LayoutConfig l = imported(import::read_osm(data("small.osm")));
  // The site (landuse=residential): 0.0020° × 0.0013° = 190.61 m × 144.13 m, its south-west corner
  // at [0, 0].
  ASSERT_EQ(l.site_boundary.size(), 4u);
  EXPECT_NEAR(l.site_boundary[2].x, 20 * kLon_m, 1.0);
  EXPECT_NEAR(l.site_boundary[2].y, 13 * kLat_m, 1.0);
  // Building A's south-west corner: 0.0003° east, 0.0003° north of the site's corner.
  const BuildingConfig& a = building(l, "w101");
  EXPECT_NEAR(a.at.x, 3 * kLon_m, 1.0);
  EXPECT_NEAR(a.at.y, 3 * kLat_m, 1.0);
  // Its entrance (node 15) is an exit 0.00015° east of the corner: 14.30 m, 1.5 m wide.
  ASSERT_EQ(a.exits.size(), 1u);
  ASSERT_TRUE(a.exits[0].at.has_value());
  EXPECT_NEAR(a.exits[0].at->x, 1.5 * kLon_m, 1.0);
  EXPECT_NEAR(a.exits[0].at->y, 0.0, 1.0);
  EXPECT_DOUBLE_EQ(a.exits[0].width_m, 1.5);
  // The gate (node 41) to the clinic (node 44): 0.00085° east and 0.0009° north:
  // √(81.008² + 99.786²) = 128.53 m.
  ASSERT_EQ(l.gates.size(), 1u);
  ASSERT_EQ(l.services.size(), 2u);
  const ServiceConfig& clinic = l.services[1];
  EXPECT_EQ(clinic.kind, ServiceKind::Clinic);
  ASSERT_TRUE(clinic.at.has_value());
  EXPECT_NEAR(distance(l.gates[0].at, *clinic.at), std::hypot(8.5 * kLon_m, 9 * kLat_m), 1.0);
  EXPECT_EQ(clinic.open_from_min, 8 * 60);  // "Mo-Fr 08:00-17:00": the days are dropped (assumed)
  EXPECT_EQ(clinic.open_until_min, 17 * 60);
  EXPECT_EQ(l.services[0].kind, ServiceKind::Grocery);  // shop=supermarket
  // The south footway: 4 points, 0.0018° long = 171.55 m, 3 m wide (width=3).
  ASSERT_EQ(l.paths.size(), 3u);
  EXPECT_NEAR(distance(l.paths[0].points.front(), l.paths[0].points.back()), 18 * kLon_m, 1.0);
  EXPECT_DOUBLE_EQ(l.paths[0].width_m, 3.0);
}

TEST(ImportOsm, EveryDefaultedValueIsMarkedAssumed) {
  const import::ImportedLayout out = import::write_layout(import::read_osm(data("small.osm")), "small");
  std::size_t marks = 0;
  for (std::size_t p = out.yaml.find("# assumed:"); p != std::string::npos; p = out.yaml.find("# assumed:", p + 1)) ++marks;
  EXPECT_EQ(marks, out.assumed);
  // What the map does not say and the layout needs: floors of C, flats and stairs of A and B,
  // floor height of A, the lifts, no entrance on B and C, the assembly point.
  for (const char* s : {"floors: 1  # assumed:", "units: {per_floor: 2, share: 0.7}  # assumed:",
                        "floor_height_m: 2.9  # assumed:", "# assumed: no entrance in the map",
                        "# assumed: no emergency=assembly_point in the map"})
    EXPECT_NE(out.yaml.find(s), std::string::npos) << s << "\n" << out.yaml;
}

TEST(ImportOsm, APbfFileGivesTheSameLayoutAsItsXml) {
  // small.osm.pbf is small.osm written as PBF by libosmium (tests/import/data).
  const import::ImportedLayout xml = import::write_layout(import::read_osm(data("small.osm")), "small");
  const import::ImportedLayout pbf = import::write_layout(import::read_osm(data("small.osm.pbf")), "small");
  const auto body = [](const std::string& y) { return y.substr(y.find("\nsite:")); };  // past the lines naming the file
  EXPECT_EQ(body(pbf.yaml), body(xml.yaml));
  EXPECT_EQ(pbf.buildings, 3u);
}

TEST(ImportGeoJson, AFootprintLayerGivesTheSameBuildingsAsTheMap) {
  const LayoutConfig l = imported(import::read_geojson(data("small.geojson")));
  ASSERT_EQ(l.buildings.size(), 3u);
  const BuildingConfig& a = building(l, "A");
  EXPECT_EQ(a.floors, 11);
  EXPECT_NEAR(footprint_area(a), 3 * kLon_m * kLat_m, 0.01 * 317.0);
  EXPECT_EQ(building(l, "B").floors, 18);  // height "54 m"
  EXPECT_NEAR(footprint_area(building(l, "C")), kLon_m * 0.7 * kLat_m, 0.01 * 73.97);
  ASSERT_EQ(a.exits.size(), 1u);  // the entrance point lies on A's outline
  EXPECT_NEAR(a.exits[0].at->x, 1.5 * kLon_m, 1.0);
  ASSERT_EQ(l.gates.size(), 1u);
  ASSERT_EQ(l.services.size(), 2u);
  EXPECT_NEAR(distance(l.gates[0].at, *l.services[0].at), std::hypot(8.5 * kLon_m, 9 * kLat_m), 1.0);
  EXPECT_NEAR(l.site_boundary[2].x, 20 * kLon_m, 1.0);
}

TEST(ImportGeoJson, ATurnedBlockIsWrittenOnItsOwnAxesWithItsRotation) {
  // rotated.geojson: a 36 m × 16 m block turned 30° counter-clockwise and an L of 30 m × 30 m arms
  // 12 m wide turned −10°, drawn in metres and converted to degrees with the factors above.
  const LayoutConfig l = imported(import::read_geojson(data("rotated.geojson")));
  const BuildingConfig& r = building(l, "R30");
  EXPECT_NEAR(r.rotation_deg, 30.0, 0.01);
  ASSERT_EQ(r.footprint.size(), 4u);
  EXPECT_NEAR(r.footprint[2].x, 36.0, 0.05);
  EXPECT_NEAR(r.footprint[2].y, 16.0, 0.05);
  const BuildingConfig& L = building(l, "L");
  EXPECT_NEAR(L.rotation_deg, -10.0, 0.01);
  EXPECT_NEAR(footprint_area(L), 30 * 12 + 18 * 12, 0.01 * 576);  // 576 m²
  // The generator's defaults fall inside both: the layout has no errors.
  Diagnostics diag;
  const Network net = generate_network(l, diag);
  check_layout(l, net, diag);
  EXPECT_FALSE(diag.has_errors());
}

void expect_error(const std::string& file, bool osm, const std::string& message) {
  try {
    const import::MapData m = osm ? import::read_osm(data("../malformed/" + file)) : import::read_geojson(data("../malformed/" + file));
    (void)import::write_layout(m, "x");
    ADD_FAILURE() << file << ": no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << file << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

TEST(ImportMalformed, EachProblemNamesTheFileAndTheElement) {
  expect_error("unclosed_way.osm", true, "way 123: the building outline is not closed (first node 1, last node 4)");
  expect_error("missing_node.osm", true, "way 77: node 9 is not in the file");
  expect_error("absurd_height.osm", true, "way 55: height '2500' must be a number of metres above 0 and at most 1000");
  expect_error("absurd_height.osm", true, "way 56: building:levels 'eleven' must be a whole number");
  expect_error("broken.osm", true, "broken.osm:4:");  // the line where the XML breaks
  expect_error("no_buildings.osm", true, "the map has no building");
  expect_error("projected_crs.geojson", false, "urn:ogc:def:crs:EPSG::32651");
  expect_error("metres_as_degrees.geojson", false, "feature tower-7: (357000, 3453000) is not a longitude/latitude");
  expect_error("unclosed_ring.geojson", false, "feature 12: the polygon ring is not closed");
  expect_error("broken.geojson", false, "broken.geojson:4:");
  // Valid JSON that is not what a GeoJSON layer holds: a number beyond a double (found by
  // fuzz_geojson: fuzz/regressions/geojson/) and a CRS name that is a number.
  expect_error("number_overflow.geojson", false, "number overflow");
  expect_error("wrong_types.geojson", false, "type must be string");
}

}  // namespace
}  // namespace dt
