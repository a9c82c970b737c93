// Tests for engine/world/generator.cpp: the networks of the verification layouts against hand
// counts of their nodes, links, areas and lengths, and the generator's rules one by one.

#include "engine/world/generator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "tests/world/layout_fixture.h"

namespace dt {
namespace {

using test::layout_from_asset;
using test::layout_from_yaml;
using test::link_between;
using test::network_of;
using test::node;

constexpr double kEps = 1e-9;

std::size_t count_kind(const Network& net, LinkKind kind) {
  std::size_t n = 0;
  for (const NavLink& l : net.graph.links()) n += l.kind == kind ? 1 : 0;
  return n;
}

// --- the stair flight formula ---------------------------------------------------------------------

TEST(StairFlight, LengthIsMeasuredAlongTheIncline) {
  // L = H·√(1 + (T/R)²): 3.2 m storey, 0.16/0.30 steps → 3.2 × √4.515625 = 3.2 × 2.125 = 6.8 m.
  EXPECT_NEAR(stair_flight_length_m(3.2, 0.16, 0.30), 6.8, kEps);
  // 7/11 in steps, 12 ft storey: 3.6576 × √(1 + (11/7)²) = 3.6576 × √170 / 7 = 6.81275 m, about
  // 16 % more than the horizontal run 3.6576 × 11/7 = 5.7477 m.
  EXPECT_NEAR(stair_flight_length_m(3.6576, 0.1778, 0.2794), 3.6576 * std::sqrt(170.0) / 7.0, 1e-9);
  EXPECT_NEAR(stair_flight_length_m(3.6576, 0.1778, 0.2794), 6.81275, 1e-5);
}

// --- verification layouts --------------------------------------------------------------------------

TEST(VerificationLayouts, CorridorIsTwoHalvesOfFortyMetres) {
  // 40 m × 2 m corridor, exit at its east end: corridor nodes at both ends, each standing for half
  // the corridor (20 m × 2 m = 40 m²), joined by one 40 m opening; the exit merges into the east node.
  const Network net = network_of(layout_from_asset("assets/verification/corridor.yaml"));
  EXPECT_EQ(net.graph.node_count(), 4u);
  EXPECT_EQ(net.graph.link_count(), 3u);
  const NavNode& west = node(net, "corridor/F1/C1");
  const NavNode& east = node(net, "corridor/F1/C2");
  EXPECT_EQ(west.kind, NodeKind::GroundLobby);
  EXPECT_NEAR(west.area_m2, 40.0, kEps);
  EXPECT_NEAR(east.area_m2, 40.0, kEps);
  EXPECT_NEAR(west.position.x, 0.0, kEps);
  EXPECT_NEAR(east.position.x, 40.0, kEps);
  const NavLink& corridor = link_between(net, "corridor/F1/C1", "corridor/F1/C2");
  EXPECT_EQ(corridor.kind, LinkKind::Opening);
  EXPECT_NEAR(corridor.length_m, 40.0, kEps);
  EXPECT_NEAR(corridor.width_m, 2.0, kEps);
  // Exit: the door is at the east node (0 m) + 1 m to the outdoor node; apron (2 + 2) × 2 = 8 m².
  const NavLink& exit = link_between(net, "corridor/F1/C2", "corridor/E1/out");
  EXPECT_EQ(exit.kind, LinkKind::Exit);
  EXPECT_EQ(exit.door, DoorType::Opening);
  EXPECT_NEAR(exit.length_m, 1.0, kEps);
  EXPECT_NEAR(exit.width_m, 2.0, kEps);
  EXPECT_NEAR(node(net, "corridor/E1/out").area_m2, 8.0, kEps);
  EXPECT_NEAR(node(net, "corridor/E1/out").position.x, 41.0, kEps);
  // No site paths: a straight walk over open ground, 3 m wide, from x = 41 to the yard at x = 60.
  const NavLink& walk = link_between(net, "corridor/E1/out", "ap:yard");
  EXPECT_EQ(walk.kind, LinkKind::Path);
  EXPECT_NEAR(walk.length_m, 19.0, kEps);
  EXPECT_NEAR(walk.width_m, 3.0, kEps);
  EXPECT_NEAR(node(net, "ap:yard").area_m2, 100.0, kEps);  // capacity 100 at 1 m² per person
}

TEST(VerificationLayouts, RoomWithOneDoorIsOneNodeOfFortySquareMetres) {
  // 8 m × 5 m room = one lobby node of 40 m² at the room's centre (4, 2.5); the 1 m exit in the
  // east wall is 4 m from it, + 1 m to the outdoor node at (9, 2.5); 11 m on to the assembly point.
  const Network net = network_of(layout_from_asset("assets/verification/room_one_door.yaml"));
  EXPECT_EQ(net.graph.node_count(), 3u);
  EXPECT_EQ(net.graph.link_count(), 2u);
  const NavNode& room = node(net, "room/F1/C1");
  EXPECT_EQ(room.kind, NodeKind::GroundLobby);
  EXPECT_NEAR(room.area_m2, 40.0, kEps);
  EXPECT_NEAR(room.position.x, 4.0, kEps);
  EXPECT_NEAR(room.position.y, 2.5, kEps);
  const NavLink& exit = link_between(net, "room/F1/C1", "room/E1/out");
  EXPECT_NEAR(exit.width_m, 1.0, kEps);
  EXPECT_NEAR(exit.length_m, 5.0, kEps);
  EXPECT_EQ(exit.door, DoorType::Swing);
  EXPECT_NEAR(node(net, "room/E1/out").area_m2, 6.0, kEps);  // (1 + 2) × 2
  EXPECT_NEAR(link_between(net, "room/E1/out", "ap:outside").length_m, 11.0, kEps);
}

TEST(VerificationLayouts, SingleStairHasOneFlightOfSixPointEightMetres) {
  // Hand count in the header of assets/verification/single_stair.yaml.
  const Network net = network_of(layout_from_asset("assets/verification/single_stair.yaml"));
  EXPECT_EQ(net.graph.node_count(), 7u);
  EXPECT_EQ(net.graph.link_count(), 6u);
  const NavLink& flight = link_between(net, "tower/S1/F1", "tower/S1/F2");
  EXPECT_EQ(flight.kind, LinkKind::Stair);
  EXPECT_NEAR(flight.length_m, 6.8, kEps);  // 3.2 × √(1 + (0.30/0.16)²)
  EXPECT_NEAR(flight.width_m, 2.0, kEps);
  EXPECT_NEAR(flight.riser_m, 0.16, kEps);
  EXPECT_NEAR(flight.tread_m, 0.30, kEps);
  EXPECT_EQ(flight.stair, 0);
  // Landings: 2·w × w = 8 m², at the stair door (8, 3.2), one per floor, 3.2 m apart vertically.
  EXPECT_NEAR(node(net, "tower/S1/F1").area_m2, 8.0, kEps);
  EXPECT_NEAR(node(net, "tower/S1/F2").position.z, 3.2, kEps);
  EXPECT_NEAR(link_between(net, "tower/S1/F2", "tower/F2/C1").length_m, 3.0, kEps);  // (8,3.2) to (5,3.2)
  // The flat: 0.25 × (10 × 6.4) = 16 m²; its centre √16/2 = 2 m inside its door at (2, 3.2).
  const NavNode& flat = node(net, "tower/F2/U1");
  EXPECT_EQ(flat.kind, NodeKind::Unit);
  EXPECT_EQ(flat.floor, 2);
  EXPECT_NEAR(flat.area_m2, 16.0, kEps);
  EXPECT_NEAR(flat.position.x, 2.0, kEps);
  EXPECT_NEAR(flat.position.y, 5.2, kEps);
  const NavLink& door = link_between(net, "tower/F2/U1", "tower/F2/C1");
  EXPECT_NEAR(door.length_m, 5.0, kEps);  // 2 m in the flat + 3 m from the door to the lobby node
  EXPECT_NEAR(door.width_m, 0.9, kEps);
  // Lobbies: 10 m spine × 2 m = 20 m²; the ground one is the ground lobby.
  EXPECT_EQ(node(net, "tower/F1/C1").kind, NodeKind::GroundLobby);
  EXPECT_EQ(node(net, "tower/F2/C1").kind, NodeKind::Corridor);
  EXPECT_NEAR(node(net, "tower/F2/C1").area_m2, 20.0, kEps);
  EXPECT_NEAR(link_between(net, "tower/F1/C1", "tower/E1/out").length_m, 4.2, kEps);  // 3.2 + 1
  EXPECT_NEAR(node(net, "tower/E1/out").area_m2, 6.4, kEps);                          // (1.2 + 2) × 2
  EXPECT_NEAR(link_between(net, "tower/E1/out", "ap:street").length_m, 19.0, kEps);
  ASSERT_EQ(net.buildings.size(), 1u);
  EXPECT_EQ(net.buildings[0].units.size(), 1u);
  ASSERT_EQ(net.buildings[0].unit_doors.size(), 1u);
  EXPECT_NEAR(net.buildings[0].unit_doors[0].to_exit_m, 6.0, kEps);  // door (2) → lobby (5) → stair door (8)
}

TEST(VerificationLayouts, NineStoreyOfficeHasTwoStairsOfEightFlightsEach) {
  // 9 floor nodes + 2 stairs × 9 landings + 2 outdoor nodes + 1 assembly point = 30 nodes;
  // 18 stair doors + 2 × 8 flights + 2 exits + 2 walks to the assembly point = 38 links.
  const Network net = network_of(layout_from_asset("assets/verification/nine_storey_office.yaml"));
  EXPECT_EQ(net.graph.node_count(), 30u);
  EXPECT_EQ(net.graph.link_count(), 38u);
  EXPECT_EQ(count_kind(net, LinkKind::Stair), 16u);
  EXPECT_EQ(count_kind(net, LinkKind::Exit), 2u);
  const double flight = 3.6576 * std::sqrt(170.0) / 7.0;  // 6.81275 m along the incline
  for (int f = 1; f < 9; ++f)
    for (const char* s : {"S1", "S2"}) {
      const std::string a = std::string("office/") + s + "/F" + std::to_string(f);
      const std::string b = std::string("office/") + s + "/F" + std::to_string(f + 1);
      const NavLink& l = link_between(net, a, b);
      EXPECT_NEAR(l.length_m, flight, 1e-9) << a;
      EXPECT_NEAR(l.width_m, 1.1176, kEps);
    }
  // Floors 12 ft apart: floor 9 stands 8 × 3.6576 = 29.2608 m up.
  EXPECT_NEAR(node(net, "office/S2/F9").position.z, 29.2608, 1e-9);
  // Each open floor is one node of 1300 m²; its stair doors are 23 m from its centre (25, 15).
  EXPECT_NEAR(node(net, "office/F5/C1").area_m2, 1300.0, kEps);
  EXPECT_NEAR(link_between(net, "office/F5/C1", "office/S1/F5").length_m, 23.0, kEps);
  // Landings 2 × 1.1176² = 2.49806 m².
  EXPECT_NEAR(node(net, "office/S1/F3").area_m2, 2 * 1.1176 * 1.1176, kEps);
  // Each stair discharges outside through its own 36 in door: from the landing at (2, 15) to the
  // west wall at (0, 15), 2 m, + 1 m to the outdoor node at (-1, 15).
  const NavLink& e1 = link_between(net, "office/S1/F1", "office/E1/out");
  EXPECT_EQ(e1.kind, LinkKind::Exit);
  EXPECT_NEAR(e1.width_m, 0.9144, kEps);
  EXPECT_NEAR(e1.length_m, 3.0, kEps);
  EXPECT_NEAR(node(net, "office/E1/out").position.x, -1.0, kEps);
  EXPECT_NEAR(node(net, "office/E2/out").position.x, 51.0, kEps);
}

// --- corridors, flats, elevators, exits ------------------------------------------------------------------

constexpr const char* kSlab = R"(
buildings:
  - id: S
    footprint: {width_m: 20, depth_m: 10}
    floors: 1
    corridor: {kind: corridor, width_m: 2}
    units: {per_floor: 2, share: 0.6}
    exits: [{at: [10, 0], width_m: 1.2}]
assembly_points: [{id: a, at: [10, -10], capacity_persons: 10}]
)";

TEST(Generator, CorridorIsSplitAtDoorsAndEnds) {
  // Spine (0,5)-(20,5). Flat doors at s = 10 on both sides, the exit's projection at s = 10:
  // corridor nodes at s = 0, 10, 20 standing for [0,5], [5,15], [15,20] × 2 m = 10, 20, 10 m².
  const Network net = network_of(layout_from_yaml(kSlab));
  EXPECT_EQ(net.graph.node_count(), 7u);  // 3 corridor + 2 flats + outdoor + assembly point
  EXPECT_EQ(net.graph.link_count(), 6u);  // 2 openings + 2 flat doors + exit + walk
  EXPECT_NEAR(node(net, "S/F1/C1").area_m2, 10.0, kEps);
  EXPECT_NEAR(node(net, "S/F1/C2").area_m2, 20.0, kEps);
  EXPECT_NEAR(node(net, "S/F1/C3").area_m2, 10.0, kEps);
  EXPECT_NEAR(link_between(net, "S/F1/C1", "S/F1/C2").length_m, 10.0, kEps);
  EXPECT_NEAR(link_between(net, "S/F1/C2", "S/F1/C3").length_m, 10.0, kEps);
  // Flats: 0.6 × 200 / 2 = 60 m² each; door 1 m off the spine, centre √60/2 beyond it.
  EXPECT_NEAR(node(net, "S/F1/U1").area_m2, 60.0, kEps);
  EXPECT_NEAR(node(net, "S/F1/U1").position.y, 6.0 + std::sqrt(60.0) / 2, kEps);
  EXPECT_NEAR(node(net, "S/F1/U2").position.y, 4.0 - std::sqrt(60.0) / 2, kEps);
  EXPECT_NEAR(link_between(net, "S/F1/U1", "S/F1/C2").length_m, std::sqrt(60.0) / 2 + 1.0, kEps);
  // Exit door 5 m off the spine at s = 10: 5 + 1 m.
  EXPECT_NEAR(link_between(net, "S/F1/C2", "S/E1/out").length_m, 6.0, kEps);
  // GB 50016 5.5.29 walk from a flat door to the only exit: 1 (to the spine) + 0 + 5 m.
  EXPECT_NEAR(net.buildings[0].unit_doors[0].to_exit_m, 6.0, kEps);
  EXPECT_FALSE(net.buildings[0].unit_doors[0].between_two_exits);
}

TEST(Generator, ElevatorsLinkTheFloorsTheyServe) {
  const Network net = network_of(layout_from_yaml(R"(
buildings:
  - id: T
    footprint: {width_m: 20, depth_m: 10}
    floors: 5
    floor_height_m: 3
    stairs: 1
    elevators:
      - {id: L1, floors: [1, 3-5], speed_mps: 2, fire_service: true}
assembly_points: [{id: a, at: [10, -10], capacity_persons: 10}]
)"));
  ASSERT_EQ(net.elevators.size(), 1u);
  const ElevatorNet& lift = net.elevators[0];
  EXPECT_EQ(lift.id, "T/L1");
  EXPECT_EQ(lift.floors, (std::vector<int>{1, 3, 4, 5}));
  ASSERT_EQ(lift.links.size(), 3u);  // F1-F3 (express past floor 2), F3-F4, F4-F5
  EXPECT_EQ(net.graph.link(lift.links[0]).kind, LinkKind::Elevator);
  EXPECT_NEAR(net.graph.link(lift.links[0]).length_m, 6.0, kEps);
  EXPECT_NEAR(net.graph.link(lift.links[1]).length_m, 3.0, kEps);
  EXPECT_EQ(net.graph.link(lift.links[0]).label, "T/L1/F1-F3");
  EXPECT_TRUE(lift.fire_service);
  EXPECT_NEAR(lift.speed_mps, 2.0, kEps);
  EXPECT_EQ(count_kind(net, LinkKind::Elevator), 3u);
  // The default stair reaches every floor: 4 flights.
  EXPECT_EQ(count_kind(net, LinkKind::Stair), 4u);
}

TEST(Generator, DefaultsGiveOneStairAndOneExitOnTheFront) {
  const Network net = network_of(layout_from_yaml(R"(
buildings:
  - {id: B, footprint: {width_m: 30, depth_m: 10}, floors: 3}
assembly_points: [{id: a, at: [15, -20], capacity_persons: 10}]
)"));
  EXPECT_EQ(count_kind(net, LinkKind::Stair), 2u);
  EXPECT_EQ(count_kind(net, LinkKind::Exit), 1u);
  // The exit sits in the middle of the front (south) side, its outdoor node 1 m outside.
  const NavNode& out = node(net, "B/E1/out");
  EXPECT_NEAR(out.position.x, 15.0, kEps);
  EXPECT_NEAR(out.position.y, -1.0, kEps);
}

TEST(Generator, BuildingCoordinatesAreTurnedAndMoved) {
  // Rotated 90° about its origin at (100, 50): local (x, y) → (100 − y, 50 + x).
  const Network net = network_of(layout_from_yaml(R"(
buildings:
  - id: R
    at: [100, 50]
    rotation_deg: 90
    footprint: {width_m: 20, depth_m: 10}
    floors: 1
    exits: [{at: [10, 0]}]
assembly_points: [{id: a, at: [120, 60], capacity_persons: 10}]
)"));
  const NavNode& lobby = node(net, "R/F1/C1");  // local (10, 5)
  EXPECT_NEAR(lobby.position.x, 95.0, 1e-9);
  EXPECT_NEAR(lobby.position.y, 60.0, 1e-9);
  const NavNode& out = node(net, "R/E1/out");  // door local (10, 0), 1 m outside: (10, -1)
  EXPECT_NEAR(out.position.x, 101.0, 1e-9);
  EXPECT_NEAR(out.position.y, 60.0, 1e-9);
}

TEST(Generator, GroundFloorHeightMovesTheFloorsAbove) {
  const LayoutConfig l = layout_from_yaml(R"(
buildings:
  - {id: H, footprint: {width_m: 20, depth_m: 10}, floors: 3, floor_height_m: 3, ground_floor_height_m: 4.5}
assembly_points: [{id: a, at: [10, -10], capacity_persons: 10}]
)");
  const Network net = network_of(l);
  EXPECT_NEAR(node(net, "H/S1/F2").position.z, 4.5, kEps);
  EXPECT_NEAR(node(net, "H/S1/F3").position.z, 7.5, kEps);
  EXPECT_NEAR(l.buildings[0].height_m(), 10.5, kEps);
  EXPECT_NEAR(link_between(net, "H/S1/F1", "H/S1/F2").length_m,
              stair_flight_length_m(4.5, layout_defaults::kRiser_m, layout_defaults::kTread_m), kEps);
}

// --- the site -----------------------------------------------------------------------------------------------

TEST(Generator, PathsMeetWhereTheyCrossOrTouch) {
  // ew crosses ns at (50, 0); spur starts on ew at (80, 0); the building's exit apron at (25, 9)
  // joins ew at (25, 0). ew becomes 0 → 25 → 50 → 80 → 100 (4 links), ns 2 links, spur 1.
  const Network net = network_of(layout_from_yaml(R"(
buildings:
  - {id: B, at: [20, 10], footprint: {width_m: 10, depth_m: 10}, floors: 1}
paths:
  - {id: ew, points: [[0, 0], [100, 0]], width_m: 4}
  - {id: ns, points: [[50, -50], [50, 50]], width_m: 2}
  - {id: spur, points: [[80, 0], [80, 30]], width_m: 3}
gates: [{id: g, at: [0, 10], width_m: 5}]
assembly_points: [{id: a, at: [50, 60], capacity_persons: 10}]
)"));
  std::size_t path_links = 0;
  for (const NavLink& l : net.graph.links())
    path_links += l.kind == LinkKind::Path && l.building < 0 ? 1 : 0;
  EXPECT_EQ(path_links, 7u + 3u);  // path segments + apron, gate and assembly point joins
  EXPECT_NEAR(link_between(net, "path:ew/0.1", "path:ew/0.2").length_m, 25.0, kEps);  // (25,0)-(50,0)
  EXPECT_NEAR(link_between(net, "path:ew/0.2", "path:spur/0").length_m, 30.0, kEps);  // (50,0)-(80,0)
  EXPECT_NEAR(link_between(net, "path:ew/0.2", "path:ns/0").length_m, 50.0, kEps);   // the crossing joins ns
  EXPECT_NEAR(link_between(net, "B/E1/out", "path:ew/0.1").length_m, 9.0, kEps);
  EXPECT_NEAR(link_between(net, "B/E1/out", "path:ew/0.1").width_m, 4.0, kEps);  // the width of the path joined
  const NavLink& gate = link_between(net, "gate:g", "path:ew/0");
  EXPECT_NEAR(gate.length_m, 10.0, kEps);
  EXPECT_NEAR(gate.width_m, 5.0, kEps);  // a gate joins at its own width
  EXPECT_NEAR(link_between(net, "ap:a", "path:ns/1").length_m, 10.0, kEps);
  // A path node stands for half of each path stretch it touches: the crossing (50, 0) has
  // 25 + 30 m of ew (4 m wide) and 50 + 50 m of ns (2 m wide): (12.5 + 15) × 4 + (25 + 25) × 2.
  EXPECT_NEAR(node(net, "path:ew/0.2").area_m2, 27.5 * 4 + 50 * 2, kEps);
}

// --- explicit nodes and links, sensors -----------------------------------------------------------------------

constexpr const char* kTwoFloors = R"(
buildings:
  - {id: T, footprint: {width_m: 10, depth_m: 6}, floors: 2, units: {per_floor: 1, share: 0.5}}
assembly_points: [{id: a, at: [5, -20], capacity_persons: 10}]
)";

TEST(Generator, ExplicitNodesAndLinksAddChangeAndRemove) {
  const std::string yaml = std::string(kTwoFloors) + R"(
nodes:
  - {id: "T/F1/C1", area_m2: 99}
  - {id: kiosk, kind: outdoor, at: [5, -10, 0], area_m2: 12}
links:
  - {from: kiosk, to: "ap:a", kind: path, width_m: 2}
  - {from: "T/F2/U1", to: "T/F2/C1", width_m: 1.2}
  - {from: "T/F1/U1", to: "T/F1/C1", remove: true}
)";
  const Network plain = network_of(layout_from_yaml(kTwoFloors));
  const Network net = network_of(layout_from_yaml(yaml));
  EXPECT_EQ(net.graph.node_count(), plain.graph.node_count() + 1);
  EXPECT_EQ(net.graph.link_count(), plain.graph.link_count());  // one added, one removed
  EXPECT_NEAR(node(net, "T/F1/C1").area_m2, 99.0, kEps);
  const NavLink& walk = link_between(net, "kiosk", "ap:a");
  EXPECT_NEAR(walk.length_m, 10.0, kEps);  // default: the straight distance from (5, -10) to (5, -20)
  EXPECT_NEAR(link_between(net, "T/F2/U1", "T/F2/C1").width_m, 1.2, kEps);
  const NodeId flat = net.graph.find_node("T/F1/U1");
  EXPECT_TRUE(net.graph.links_of(flat).empty());
}

TEST(Generator, ExplicitLinkToAnUnknownNodeIsAnErrorWithASuggestion) {
  const LayoutConfig l = layout_from_yaml(std::string(kTwoFloors) + "links:\n  - {from: \"T/F2/U1\", to: \"T/F2/C2\", width_m: 1}\n");
  Diagnostics diag;
  (void)generate_network(l, diag);
  ASSERT_EQ(diag.error_count(), 1);
  EXPECT_EQ(diag.all()[0].str(), "l.yaml:6:27: error: unknown node 'T/F2/C2' (did you mean 'T/F2/C1'?)");
}

TEST(Generator, NewNodeNeedsKindPlaceAndArea) {
  const LayoutConfig l = layout_from_yaml(std::string(kTwoFloors) + "nodes:\n  - {id: shed, area_m2: 5}\n");
  Diagnostics diag;
  (void)generate_network(l, diag);
  ASSERT_EQ(diag.error_count(), 1);
  EXPECT_NE(diag.all()[0].message.find("give its kind, at and area_m2"), std::string::npos);
  EXPECT_EQ(diag.all()[0].pos.line, 6);
}

TEST(Generator, SensorsArePlacedByRuleAndByName) {
  const Network net = network_of(layout_from_yaml(std::string(kTwoFloors) + R"(
sensors:
  rules:
    - {kind: smoke_detector, per: corridor}
    - {kind: smoke_detector, per: corridor}
    - {kind: heat_detector, per: stair_landing, floors: 1}
    - {kind: camera, per: exit}
    - {kind: camera, per: assembly_point}
  placed:
    - {id: leak, kind: water_leak, node: "T/F1/U1", at: [1, 2, 0]}
)"));
  std::set<std::string> ids;
  for (const SensorPlacement& s : net.sensors) ids.insert(s.id);
  // Corridor = floors above the ground lobby: one; the repeated rule places nothing new.
  EXPECT_EQ(ids, (std::set<std::string>{"smoke_detector@T/F2/C1", "heat_detector@T/S1/F1", "camera@T/E1/out",
                                        "camera@ap:a", "leak"}));
  for (const SensorPlacement& s : net.sensors)
    if (s.id == "leak") {
      EXPECT_NEAR(s.position.y, 2.0, kEps);
      EXPECT_EQ(s.kind, SensorKind::WaterLeak);
    }
}

// --- the compound ---------------------------------------------------------------------------------------------

TEST(Generator, CompoundIsDeterministicAndCountsItsFlats) {
  const LayoutConfig l = layout_from_asset("assets/compound.yaml");
  const Network a = network_of(l);
  const Network b = network_of(l);
  ASSERT_EQ(a.graph.node_count(), b.graph.node_count());
  ASSERT_EQ(a.graph.link_count(), b.graph.link_count());
  for (std::size_t i = 0; i < a.graph.node_count(); ++i) {
    const NavNode& x = a.graph.nodes()[i];
    const NavNode& y = b.graph.nodes()[i];
    ASSERT_EQ(x.label, y.label);
    ASSERT_EQ(x.position.x, y.position.x);
    ASSERT_EQ(x.area_m2, y.area_m2);
  }
  for (std::size_t i = 0; i < a.graph.link_count(); ++i) {
    ASSERT_EQ(a.graph.links()[i].a, b.graph.links()[i].a);
    ASSERT_EQ(a.graph.links()[i].length_m, b.graph.links()[i].length_m);
  }
  // 15 towers × 4 flats × 32 floors + 8 slabs × 3 × 18 + 6 blocks × 2 × 11 = 1920 + 432 + 132.
  std::size_t flats = 0;
  for (const BuildingNet& bn : a.buildings) flats += bn.units.size();
  EXPECT_EQ(flats, 2484u);
  // Every tower (type tower33, 33 storeys): 2 stairs × 32 flights (floor 1 to 33) with a landing on
  // each of the 33 floors, 3 lifts; L3 stops at floors 1 and 3–33 (32 stops, 31 shaft links).
  std::size_t towers = 0;
  for (std::size_t b = 0; b < l.buildings.size(); ++b) {
    if (l.buildings[b].type != "tower33") continue;
    ++towers;
    const BuildingNet& bn = a.buildings[b];
    ASSERT_EQ(bn.landings.size(), 2u) << bn.id;
    std::size_t flights[2] = {0, 0};
    for (const NavLink& lk : a.graph.links())
      if (lk.kind == LinkKind::Stair && lk.building == static_cast<int32_t>(b)) {
        ASSERT_TRUE(lk.stair == 0 || lk.stair == 1) << bn.id << " " << lk.label;
        ++flights[lk.stair];
      }
    for (int s = 0; s < 2; ++s) {
      EXPECT_EQ(flights[s], 32u) << bn.id << " stair " << s + 1;
      EXPECT_EQ(bn.landings[s].size(), 33u) << bn.id << " stair " << s + 1;
    }
    ASSERT_EQ(bn.elevators.size(), 3u) << bn.id;
    const ElevatorNet& l3 = a.elevators[bn.elevators[2]];
    EXPECT_EQ(l3.stops.size(), 32u) << l3.id;
    EXPECT_EQ(l3.links.size(), 31u) << l3.id;
    EXPECT_EQ(l3.floors.front(), 1) << l3.id;
    EXPECT_EQ(l3.floors[1], 3) << l3.id;
  }
  EXPECT_EQ(towers, 15u);
  // Labels unique.
  std::set<std::string> labels;
  for (const NavNode& n : a.graph.nodes()) EXPECT_TRUE(labels.insert(n.label).second) << n.label;
  std::set<std::string> link_labels;
  for (const NavLink& lk : a.graph.links()) EXPECT_TRUE(link_labels.insert(lk.label).second) << lk.label;
}

}  // namespace
}  // namespace dt
