// Tests for engine/world/network_export.cpp: the GeoJSON export parses back as a valid
// FeatureCollection with every node and link, and the dot export names every node and link.

#include "engine/world/network_export.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "tests/world/layout_fixture.h"

namespace dt {
namespace {

using nlohmann::json;

bool is_position(const json& p) {
  return p.is_array() && (p.size() == 2 || p.size() == 3) && p[0].is_number() && p[1].is_number();
}

TEST(NetworkExport, GeoJsonOfTheCompoundParsesBackFeatureForFeature) {
  const LayoutConfig layout = test::layout_from_asset("assets/compound.yaml");
  const Network net = test::network_of(layout);
  const json doc = json::parse(network_geojson(layout, net));
  EXPECT_EQ(doc.at("type"), "FeatureCollection");
  EXPECT_EQ(doc.at("name"), "compound");
  EXPECT_NE(doc.at("drilltwin").at("coordinates").get<std::string>().find("local metres"), std::string::npos);
  std::map<std::string, std::size_t> per_feature;
  for (const json& f : doc.at("features")) {
    ASSERT_EQ(f.at("type"), "Feature");
    const json& g = f.at("geometry");
    const std::string type = g.at("type");
    const json& c = g.at("coordinates");
    if (type == "Point") {
      EXPECT_TRUE(is_position(c)) << f.dump();
    } else if (type == "LineString") {
      ASSERT_GE(c.size(), 2u);
      for (const json& p : c) EXPECT_TRUE(is_position(p));
    } else {
      ASSERT_EQ(type, "Polygon");
      ASSERT_EQ(c.size(), 1u);
      const json& ring = c[0];
      ASSERT_GE(ring.size(), 4u);
      EXPECT_EQ(ring.front(), ring.back()) << "rings are closed (RFC 7946 3.1.6)";
      double twice_area = 0;  // counter-clockwise exterior ring
      for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        twice_area += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                      ring[i + 1][0].get<double>() * ring[i][1].get<double>();
      EXPECT_GT(twice_area, 0);
    }
    ++per_feature[f.at("properties").at("feature").get<std::string>()];
  }
  EXPECT_EQ(per_feature["site"], 1u);
  EXPECT_EQ(per_feature["building"], 29u);
  EXPECT_EQ(per_feature["node"], net.graph.node_count());
  EXPECT_EQ(per_feature["link"], net.graph.link_count());
  EXPECT_EQ(per_feature["sensor"], net.sensors.size());

  // One node and one link, property by property.
  const NodeId flat = net.graph.find_node("C3/F33/U4");
  ASSERT_TRUE(flat.valid());
  for (const json& f : doc.at("features")) {
    const json& p = f.at("properties");
    if (p.at("feature") == "node" && p.at("label") == "C3/F33/U4") {
      EXPECT_EQ(p.at("kind"), "unit");
      EXPECT_EQ(p.at("building"), "C3");
      EXPECT_EQ(p.at("floor"), 33);
      EXPECT_EQ(p.at("index"), flat.value);
      EXPECT_DOUBLE_EQ(p.at("area_m2").get<double>(), net.graph.node(flat).area_m2);
      EXPECT_DOUBLE_EQ(f.at("geometry").at("coordinates")[2].get<double>(), net.graph.node(flat).position.z);
    }
    if (p.at("feature") == "link" && p.at("label") == "C3/S1/F32-F33") {
      EXPECT_EQ(p.at("kind"), "stair");
      EXPECT_EQ(p.at("from"), "C3/S1/F32");
      EXPECT_DOUBLE_EQ(p.at("riser_m").get<double>(), 0.165);
      EXPECT_DOUBLE_EQ(p.at("length_m").get<double>(), stair_flight_length_m(2.9, 0.165, 0.27));
    }
  }
}

TEST(NetworkExport, DotNamesEveryNodeAndLink) {
  const LayoutConfig layout = test::layout_from_asset("assets/verification/single_stair.yaml");
  const Network net = test::network_of(layout);
  const std::string dot = network_dot(layout, net);
  EXPECT_EQ(dot.rfind("graph \"single_stair\" {", dot.find('\n') + 1), dot.find('\n') + 1);
  EXPECT_NE(dot.find("n0 [label=\"tower/F1/C1\", kind=\"ground_lobby\", area_m2=20"), std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"tower/S1/F1-F2\", kind=\"stair\", width_m=2, length_m=6.8"), std::string::npos) << dot;
  std::size_t edges = 0;
  for (std::size_t p = dot.find(" -- "); p != std::string::npos; p = dot.find(" -- ", p + 1)) ++edges;
  EXPECT_EQ(edges, net.graph.link_count());
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

}  // namespace
}  // namespace dt
