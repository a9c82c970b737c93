// The figures a planner reads first about a layout (engine/world/layout_summary.h), on the one-floor
// slab of tests/world/generator_test.cpp whose network is worked out there by hand.
#include "engine/world/layout_summary.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/world/layout_fixture.h"

namespace dt {
namespace {

// 20 m × 10 m, one floor 3 m high, 2 flats (share 0.6 → 60 m² each), one exit at (10, 0);
// 2.5 persons per household; two assembly points of 10 and 30 places.
constexpr const char* kSlab = R"(
persons_per_household: 2.5
buildings:
  - id: S
    footprint: {width_m: 20, depth_m: 10}
    floors: 1
    floor_height_m: 3
    corridor: {kind: corridor, width_m: 2}
    units: {per_floor: 2, share: 0.6}
    exits: [{at: [10, 0], width_m: 1.2}]
assembly_points: [{id: a, at: [10, -10], capacity_persons: 10}, {id: b, at: [0, -10], capacity_persons: 30}]
)";

TEST(LayoutSummary, CountsBuildingsFlatsAndResidents) {
  const LayoutConfig layout = test::layout_from_yaml(kSlab);
  const Network net = test::network_of(layout);
  const LayoutSummary s = summarize_layout(layout, net);
  EXPECT_EQ(s.buildings, 1u);
  EXPECT_EQ(s.floors, 1u);
  EXPECT_EQ(s.units, 2u);
  EXPECT_DOUBLE_EQ(s.persons_per_household, 2.5);
  EXPECT_DOUBLE_EQ(s.residents, 5.0);  // 2 flats × 2.5
  EXPECT_EQ(s.assembly_points, 2u);
  EXPECT_DOUBLE_EQ(s.assembly_capacity, 40.0);
  EXPECT_EQ(s.gates, 0u);
  EXPECT_EQ(s.stores, 0u);
  EXPECT_EQ(s.nodes, net.graph.node_count());
  EXPECT_EQ(s.links, net.graph.link_count());
  ASSERT_EQ(s.rows.size(), 1u);
  const BuildingSummary& b = s.rows[0];
  EXPECT_EQ(b.id, "S");
  EXPECT_EQ(b.floors, 1);
  EXPECT_DOUBLE_EQ(b.height_m, 3.0);
  EXPECT_EQ(b.units, 2u);
  EXPECT_DOUBLE_EQ(b.residents, 5.0);
  EXPECT_EQ(b.stairs, 0u);
  EXPECT_EQ(b.elevators, 0u);
  EXPECT_EQ(b.exits, 1u);
}

// Flat centre √60/2 beyond its door, door 1 m off the spine, the exit 5 m off the spine plus 1 m to
// the outdoor node: √60/2 + 1 + 6 = 10.873 m, the same for both flats (the first one is named).
// The GB 50016 door-to-exit measure is 1 + 5 = 6 m.
TEST(LayoutSummary, LongestWalksFromAFlat) {
  const LayoutConfig layout = test::layout_from_yaml(kSlab);
  const LayoutSummary s = summarize_layout(layout, test::network_of(layout));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_NEAR(s.rows[0].longest_unit_to_exit_m, std::sqrt(60.0) / 2 + 7.0, 1e-9);
  EXPECT_EQ(s.rows[0].farthest_unit, "S/F1/U1");
  EXPECT_NEAR(s.rows[0].longest_door_to_stair_m, 6.0, 1e-9);
}

}  // namespace
}  // namespace dt
