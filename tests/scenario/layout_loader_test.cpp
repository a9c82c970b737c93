// Tests for engine/scenario/layout_loader.cpp: the layout schema, its defaults, building types and
// anchors, and errors that name the place and the fix.

#include "engine/scenario/layout_loader.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace dt {
namespace {

LayoutConfig read(std::string_view text) { return read_layout(parse_yaml_string(text, "l.yaml"), "l.yaml"); }

/// Every error message of reading `text`, "line:col: message", one per line.
std::string errors_of(std::string_view text) {
  try {
    (void)read(text);
  } catch (const InputError& e) {
    std::string out;
    for (const Diagnostic& d : e.diagnostics())
      out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message + "\n";
    return out;
  }
  return "";
}

constexpr std::string_view kMinimal = R"(
buildings:
  - {id: B1, footprint: {width_m: 30, depth_m: 12}, floors: 6}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)";

TEST(LayoutLoader, AMinimalLayoutGetsTheDocumentedDefaults) {
  const LayoutConfig l = read(kMinimal);
  EXPECT_EQ(l.name, "l");
  ASSERT_EQ(l.buildings.size(), 1u);
  const BuildingConfig& b = l.buildings[0];
  EXPECT_EQ(b.id, "B1");
  EXPECT_EQ(b.use, BuildingUse::Residential);
  EXPECT_EQ(b.floors, 6);
  EXPECT_DOUBLE_EQ(b.floor_height_m, 2.9);
  EXPECT_DOUBLE_EQ(b.height_m(), 6 * 2.9);
  ASSERT_EQ(b.footprint.size(), 4u);  // the rectangle shorthand, from the building's origin
  EXPECT_DOUBLE_EQ(b.footprint[2].x, 30);
  EXPECT_DOUBLE_EQ(b.footprint[2].y, 12);
  ASSERT_EQ(b.stairs.size(), 1u);  // a default stair, as the building has upper floors
  EXPECT_EQ(b.stairs[0].id, "S1");
  EXPECT_DOUBLE_EQ(b.stairs[0].width_m, 1.2);
  EXPECT_DOUBLE_EQ(b.stairs[0].riser_m, 0.175);
  EXPECT_DOUBLE_EQ(b.stairs[0].tread_m, 0.26);
  ASSERT_EQ(b.exits.size(), 1u);
  EXPECT_DOUBLE_EQ(b.exits[0].width_m, 1.2);
  EXPECT_EQ(b.exits[0].door, DoorType::Swing);
  EXPECT_TRUE(b.elevators.empty());
  EXPECT_EQ(b.units.per_floor, 0);
  EXPECT_EQ(b.corridor.kind, CorridorKind::Lobby);
  EXPECT_DOUBLE_EQ(l.persons_per_household, 2.62);
  ASSERT_EQ(l.assembly_points.size(), 1u);
  EXPECT_DOUBLE_EQ(l.assembly_points[0].area_m2, 200);  // 1 m² per person
  EXPECT_EQ(l.assembly_points[0].pos.line, 4);
}

TEST(LayoutLoader, EveryKeyIsRead) {
  const LayoutConfig l = read(R"(
name: full
description: every key once
persons_per_household: 3
site: {boundary: [[0, 0], [200, 0], [200, 200], [0, 200]], open_ground_width_m: 4}
buildings:
  - id: T
    use: office
    at: [10, 20]
    rotation_deg: 30
    footprint: [[0, 0], [20, 0], [20, 10], [0, 10]]
    floors: 12
    floor_height_m: 3
    ground_floor_height_m: 4.5
    sprinklered: true
    units: {per_floor: 2, shares: [0.3, 0.4], door_width_m: 1, floors: [2-12], doors: [[5, 6], [15, 4]]}
    corridor: {kind: corridor, width_m: 1.8, path: [[0, 5], [20, 5]]}
    stairs:
      - {id: A, at: [2, 4], width_m: 1.3, riser_m: 0.16, tread_m: 0.28, door_width_m: 1.1, landing_area_m2: 6}
    elevators:
      - {id: L, at: [10, 6], capacity_persons: 8, capacity_kg: 630, speed_mps: 1, acceleration_mps2: 0.6,
         door_open: 2 s, door_close: 3 s, door_width_m: 0.8, floors: all, fire_service: yes}
    exits:
      - {id: main, at: [10, 0], width_m: 1.6, door: sliding}
      - {id: back, width_m: 1.0, door: opening, via_stair: A}
paths: [{id: p, points: [[0, 0], [50, 0]], width_m: 2}]
gates: [{id: g, at: [0, 0], width_m: 6}]
assembly_points: [{id: a, at: [5, 5], area_m2: 50}]
stores: [{id: s, at: [1, 1], kinds: [medical], area_m2: 8}]
sensors:
  rules: [{kind: camera, per: gate}, {kind: smoke_detector, per: unit, buildings: [T], floors: 3-4}]
  placed: [{id: x, kind: heat_detector, node: "T/F1/C1", at: [1, 2, 3]}]
nodes: [{id: n, kind: outdoor, at: [1, 1], area_m2: 3, building: T, floor: 0}]
links: [{from: n, to: "gate:g", kind: path, width_m: 2, length_m: 3, door: opening, label: lk}]
)");
  EXPECT_EQ(l.name, "full");
  EXPECT_DOUBLE_EQ(l.persons_per_household, 3);
  EXPECT_EQ(l.site_boundary.size(), 4u);
  EXPECT_DOUBLE_EQ(l.open_ground_width_m, 4);
  const BuildingConfig& b = l.buildings.at(0);
  EXPECT_EQ(b.use, BuildingUse::Office);
  EXPECT_DOUBLE_EQ(b.rotation_deg, 30);
  EXPECT_DOUBLE_EQ(*b.ground_floor_height_m, 4.5);
  EXPECT_TRUE(b.sprinklered);
  EXPECT_EQ(b.units.shares, (std::vector<double>{0.3, 0.4}));
  EXPECT_FALSE(b.units.floors.contains(1));
  EXPECT_TRUE(b.units.floors.contains(12));
  EXPECT_EQ(b.units.doors.size(), 2u);
  EXPECT_EQ(b.corridor.kind, CorridorKind::Corridor);
  EXPECT_EQ(b.corridor.path.size(), 2u);
  EXPECT_DOUBLE_EQ(*b.stairs.at(0).landing_area_m2, 6);
  const ElevatorConfig& e = b.elevators.at(0);
  EXPECT_EQ(e.capacity_persons, 8);
  EXPECT_DOUBLE_EQ(e.door_open_s, 2);
  EXPECT_TRUE(e.fire_service);
  EXPECT_TRUE(e.floors.all);
  EXPECT_EQ(b.exits.at(0).door, DoorType::Sliding);
  EXPECT_EQ(b.exits.at(1).via_stair, "A");
  EXPECT_EQ(l.stores.at(0).kinds, (std::vector<StoreKind>{StoreKind::Medical}));
  EXPECT_DOUBLE_EQ(l.assembly_points.at(0).capacity_persons, 50);
  EXPECT_EQ(l.sensor_rules.at(1).per, SensorSite::Unit);
  EXPECT_EQ(l.sensor_rules.at(1).buildings, (std::vector<std::string>{"T"}));
  EXPECT_EQ(l.sensors.at(0).kind, SensorKind::HeatDetector);
  EXPECT_DOUBLE_EQ(l.sensors.at(0).at->z, 3);
  EXPECT_EQ(*l.nodes.at(0).kind, NodeKind::Outdoor);
  EXPECT_EQ(*l.links.at(0).label, "lk");
}

TEST(LayoutLoader, BuildingTypesAreTemplatesMergedKeyByKey) {
  const LayoutConfig l = read(R"(
building_types:
  tower:
    floors: 33
    footprint: {width_m: 36, depth_m: 16}
    units: {per_floor: 4, share: 0.72, floors: 2-33}
    stairs: 2
    elevators: 3
buildings:
  - {id: T1, type: tower}
  - {id: T2, type: tower, floors: 18, units: {per_floor: 3}, stairs: [{width_m: 1.4}]}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)");
  const BuildingConfig& t1 = l.buildings.at(0);
  const BuildingConfig& t2 = l.buildings.at(1);
  EXPECT_EQ(t1.type, "tower");
  EXPECT_EQ(t1.floors, 33);
  EXPECT_EQ(t1.stairs.size(), 2u);
  EXPECT_EQ(t1.stairs[1].id, "S2");
  EXPECT_EQ(t1.elevators.size(), 3u);
  // Scalars and mappings merge key by key ...
  EXPECT_EQ(t2.floors, 18);
  EXPECT_EQ(t2.units.per_floor, 3);
  EXPECT_DOUBLE_EQ(t2.units.share, 0.72);
  EXPECT_FALSE(t2.units.floors.contains(1));
  // ... lists replace the type's.
  ASSERT_EQ(t2.stairs.size(), 1u);
  EXPECT_DOUBLE_EQ(t2.stairs[0].width_m, 1.4);
  EXPECT_EQ(t2.elevators.size(), 3u);
}

TEST(LayoutLoader, AnchorsAndMergeKeysWorkToo) {
  const LayoutConfig l = read(R"(
buildings:
  - &slab {id: A, footprint: {width_m: 30, depth_m: 12}, floors: 6, stairs: 2}
  - {<<: *slab, id: B, at: [50, 0]}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)");
  EXPECT_EQ(l.buildings.at(1).id, "B");
  EXPECT_EQ(l.buildings.at(1).stairs.size(), 2u);
  EXPECT_DOUBLE_EQ(l.buildings.at(1).at.x, 50);
}

TEST(LayoutLoader, FloorSetsAcceptAllNumbersRangesAndLists) {
  const LayoutConfig l = read(R"(
buildings:
  - id: B
    footprint: {width_m: 30, depth_m: 12}
    floors: 20
    elevators: [{floors: all}, {floors: 7}, {floors: 2-5}, {floors: [1, 3-4, 9]}]
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)");
  const auto& e = l.buildings.at(0).elevators;
  EXPECT_TRUE(e[0].floors.contains(20));
  EXPECT_TRUE(e[1].floors.contains(7));
  EXPECT_FALSE(e[1].floors.contains(6));
  EXPECT_TRUE(e[2].floors.contains(5));
  EXPECT_FALSE(e[2].floors.contains(1));
  EXPECT_TRUE(e[3].floors.contains(4));
  EXPECT_FALSE(e[3].floors.contains(5));
  EXPECT_TRUE(e[3].floors.contains(9));
  EXPECT_EQ(e[3].floors.range_pos.size(), 3u);
  EXPECT_EQ(e[1].id, "L2");
}

TEST(LayoutLoader, MistakesAreReportedWhereTheyAreWithAFix) {
  EXPECT_EQ(errors_of(R"(
buildings:
  - {id: B1, footprint: {width_m: 30, depth_m: 12}, flors: 6}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)"),
            "3:5: missing floors in building 'B1' (give it here or in its type)\n"
            "3:53: unknown key 'flors' in 'buildings.0' (did you mean 'floors'?)\n");
  EXPECT_EQ(errors_of(R"(
building_types:
  tower33: {floors: 33, footprint: {width_m: 36, depth_m: 16}}
buildings:
  - {id: B1, type: towr33}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)"),
            "5:20: unknown building type 'towr33' (did you mean 'tower33'?)\n");  // and nothing it would have given
  EXPECT_EQ(errors_of(R"(
buildings:
  - {id: B1, footprint: {width_m: 30, depth_m: 12}, floors: 0, floor_height_m: -3}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)"),
            "3:61: 'buildings.0.floors' must be between 1 and 300 (got 0)\n"
            "3:80: 'buildings.0.floor_height_m' must be > 0 and <= 20 (got -3)\n");
  EXPECT_EQ(errors_of(R"(
buildings:
  - {id: "B/1", footprint: [[0, 0], [10, 10], [10, 0], [0, 10]], floors: 2}
assembly_points: [{id: yard, at: [15, -30]}]
)"),
            "3:10: building id 'B/1' must be 1-64 letters, digits, '_', '-' or '.'\n"
            "3:28: the footprint of building 'B/1' crosses itself or repeats a point\n"
            "4:19: assembly point 'yard' needs capacity_persons or area_m2 (or both)\n");
}

TEST(LayoutLoader, IdsAreUnique) {
  const std::string e = errors_of(R"(
buildings:
  - {id: B1, footprint: {width_m: 30, depth_m: 12}, floors: 2, stairs: [{id: S}, {id: S}]}
  - {id: B1, at: [50, 0], footprint: {width_m: 30, depth_m: 12}, floors: 1}
gates: [{id: g, at: [0, 0]}, {id: g, at: [1, 0]}]
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)");
  EXPECT_NE(e.find("stair, elevator or exit id 'S' is used twice"), std::string::npos) << e;
  EXPECT_NE(e.find("4:5: building id 'B1' is used twice (first at line 3)"), std::string::npos) << e;
  EXPECT_NE(e.find("gate id 'g' is used twice"), std::string::npos) << e;
}

TEST(LayoutLoader, FlatSharesMustFitTheFootprint) {
  const std::string e = errors_of(R"(
buildings:
  - {id: B1, footprint: {width_m: 30, depth_m: 12}, floors: 2, units: {per_floor: 2, shares: [0.6, 0.5]}}
assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)");
  EXPECT_NE(e.find("3:94: units.shares of building 'B1' add up to 1.1, more than the whole footprint"), std::string::npos) << e;
}

TEST(LayoutLoader, OverridesFromTheCommandLineApply) {
  const LayoutConfig l = load_layout(std::string(DRILLTWIN_SOURCE_DIR) + "/assets/verification/single_stair.yaml",
                                     {"buildings.0.floors=3", "buildings.0.stairs.0.width_m=1.5"});
  EXPECT_EQ(l.buildings.at(0).floors, 3);
  EXPECT_DOUBLE_EQ(l.buildings.at(0).stairs.at(0).width_m, 1.5);
}

TEST(LayoutLoader, ReadsAnInlineLayoutIntoAnotherReader) {
  const YamlNode doc = parse_yaml_string(std::string("layout:\n") + R"(
  buildings:
    - {id: B1, footprint: {width_m: 30, depth_m: 12}, floors: 2}
  assembly_points: [{id: yard, at: [15, -30], capacity_persons: 200}]
)",
                                         "scenario.yaml");
  Diagnostics diag;
  MapReader root(doc, diag, "scenario");
  MapReader layout = root.map("layout");
  LayoutConfig out;
  read_layout_into(layout, out);
  root.finish();
  EXPECT_FALSE(diag.has_errors());
  EXPECT_EQ(out.buildings.at(0).id, "B1");
}

}  // namespace
}  // namespace dt
