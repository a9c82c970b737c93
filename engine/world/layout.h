#pragma once
// What a planner writes about a community: the site, its buildings and what is around them.
//
// Plain config structs, filled from YAML by engine/scenario/layout_loader.cpp (schema:
// docs/layout-reference.md) and turned into a navigation network by generate_network()
// (engine/world/generator.h). Every element keeps the SourcePos of the text that made it, so
// that the generator and the checks can point at the line a planner has to edit.
//
// Coordinates are metres on a flat site: x east, y north. A building's own coordinates
// (footprint, stairs, exits, ...) are relative to its `at` point and turned by `rotation_deg`.
// Floors are numbered from 1 (the ground floor). Every default below names its source; the model
// reference (docs/model.md, "Geometry and the navigation network") lists them again.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/world/nav_graph.h"

namespace dt {

struct Vec2 {
  double x = 0, y = 0;  ///< [m]
};

/// A set of floors: "all", or ranges [first, last] (a single floor is a range of one).
struct FloorSet {
  bool all = true;
  std::vector<std::pair<int, int>> ranges;  ///< [1-based floor, inclusive]
  std::vector<SourcePos> range_pos;         ///< where each range is written
  SourcePos pos;                            ///< the whole value

  [[nodiscard]] bool contains(int floor) const;
};

/// Layout-wide constants with their sources.
namespace layout_defaults {
inline constexpr double kFloorHeight_m = 2.9;        ///< typical recent Chinese blocks; GB 50096-2011 5.5.1 recommends 2.80 m (recalled)
inline constexpr double kStairWidth_m = 1.2;         ///< >= 1.10 m (GB 50016-2014 5.5.30)
inline constexpr double kRiser_m = 0.175;            ///< the steepest step GB 50096-2011 6.3.2 allows (riser <= 0.175 m)
inline constexpr double kTread_m = 0.26;             ///< ... with tread >= 0.26 m
inline constexpr double kUnitDoorWidth_m = 0.9;      ///< flat door >= 0.90 m (GB 50016-2014 5.5.30)
inline constexpr double kExitWidth_m = 1.2;          ///< ground exit door >= 1.10 m (GB 50016-2014 5.5.30)
inline constexpr double kCorridorWidth_m = 1.5;      ///< corridor >= 1.10 m (GB 50016-2014 5.5.30)
inline constexpr double kUnitShare = 0.7;            ///< share of a floor's footprint taken by flats (assumption)
inline constexpr double kPersonsPerHousehold = 2.62; ///< China 7th census 2020
inline constexpr double kElevatorCapacity_kg = 1000; ///< common residential car (EN 81-20 / GB/T 7025.1: 1000 kg, 13 persons)
inline constexpr int kElevatorCapacity_persons = 13;
inline constexpr double kElevatorSpeed_mps = 1.75;   ///< typical residential lift (assumption)
inline constexpr double kElevatorAccel_mps2 = 0.8;   ///< ride-comfort range 0.6-1.0 m/s² (assumption)
inline constexpr double kElevatorDoorOpen_s = 2.5;   ///< typical 900-1100 mm centre-opening doors (assumption)
inline constexpr double kElevatorDoorClose_s = 3.0;
inline constexpr double kElevatorDoorWidth_m = 0.9;
inline constexpr double kPathWidth_m = 3.0;          ///< site footpath (assumption)
inline constexpr double kGateWidth_m = 4.0;
inline constexpr double kOpenGroundWidth_m = 3.0;    ///< width of a straight walk over open ground (no paths)
inline constexpr double kAssemblyArea_m2_per_person = 1.0;  ///< assumption, see docs/model.md
inline constexpr double kStoreArea_m2 = 20.0;
}  // namespace layout_defaults

enum class BuildingUse : uint8_t {
  Residential,  ///< GB 50016 住宅 rules (5.5.25-5.5.30)
  Office,       ///< GB 50016 public-building rules (5.5.17, 5.5.18)
  Other,        ///< no use-specific code checks
};

enum class CorridorKind : uint8_t {
  Lobby,     ///< one node per floor (a point tower's central lobby)
  Corridor,  ///< a spine split into nodes at every door along it
};

struct UnitsConfig {
  int per_floor = 0;                    ///< flats on each floor that has flats [>= 0]
  std::vector<double> shares;           ///< per flat: share of the footprint area; empty = share/per_floor each
  double share = layout_defaults::kUnitShare;  ///< all flats of a floor together [0, 1]
  double door_width_m = layout_defaults::kUnitDoorWidth_m;  ///< [m, > 0]
  FloorSet floors;                      ///< floors that have flats (default all)
  std::vector<Vec2> doors;              ///< optional door points (building coordinates), one per flat
  std::vector<SourcePos> door_pos;
  SourcePos pos, share_pos, door_width_pos;
};

struct CorridorConfig {
  CorridorKind kind = CorridorKind::Lobby;
  double width_m = layout_defaults::kCorridorWidth_m;  ///< [m, > 0]
  std::vector<Vec2> path;                ///< spine (building coordinates); empty = the footprint's long axis
  std::optional<Vec2> at;                ///< lobby: where the lobby node stands (default: the spine's middle)
  std::optional<double> area_m2;         ///< lobby: area of every floor's lobby (default spine length × width)
  std::optional<double> ground_area_m2;  ///< lobby: area of the ground-floor lobby
  SourcePos pos, width_pos, path_pos;
};

struct StairConfig {
  std::string id;                        ///< "S1", unique in the building
  std::optional<Vec2> at;                ///< stair door on the corridor side (building coordinates)
  double width_m = layout_defaults::kStairWidth_m;  ///< clear width of the flights [m, > 0]
  double riser_m = layout_defaults::kRiser_m;       ///< step rise R [m]
  double tread_m = layout_defaults::kTread_m;       ///< step going T [m]
  std::optional<double> door_width_m;    ///< stair door (default: the flight width)
  std::optional<double> landing_area_m2; ///< floor landing (default 2·w × w: both flights of a dog-leg)
  SourcePos pos, at_pos, width_pos, step_pos, door_width_pos;
};

struct ElevatorConfig {
  std::string id;                        ///< "L1", unique in the building
  std::optional<Vec2> at;                ///< landing door (building coordinates)
  int capacity_persons = layout_defaults::kElevatorCapacity_persons;
  double capacity_kg = layout_defaults::kElevatorCapacity_kg;
  double speed_mps = layout_defaults::kElevatorSpeed_mps;          ///< rated speed [m/s, > 0]
  double acceleration_mps2 = layout_defaults::kElevatorAccel_mps2;  ///< [m/s², > 0]
  double door_open_s = layout_defaults::kElevatorDoorOpen_s;        ///< [s, >= 0]
  double door_close_s = layout_defaults::kElevatorDoorClose_s;      ///< [s, >= 0]
  double door_width_m = layout_defaults::kElevatorDoorWidth_m;      ///< [m, > 0]
  FloorSet floors;                       ///< floors served (default all)
  bool fire_service = false;             ///< a firefighting lift (GB 50016-2014 7.3)
  SourcePos pos, at_pos, speed_pos;
};

struct ExitConfig {
  std::string id;                        ///< "E1", unique in the building
  std::optional<Vec2> at;                ///< door point on the footprint outline (building coordinates)
  double width_m = layout_defaults::kExitWidth_m;  ///< clear width [m, > 0]
  DoorType door = DoorType::Swing;
  std::string via_stair;                 ///< empty: from the ground lobby; else the stair it discharges
  /// The building's usual entrance (at most one per building): residents who know only it leave by
  /// it under `evacuation.exit_choice.model: familiar`. None marked: the first exit without via_stair.
  bool usual = false;
  SourcePos pos, at_pos, width_pos, via_pos, usual_pos;
};

struct BuildingConfig {
  std::string id;                        ///< unique; letters, digits, '_', '-', '.'
  std::string type;                      ///< the building_types entry it started from ("" = none)
  BuildingUse use = BuildingUse::Residential;
  Vec2 at;                               ///< where the building's origin stands on the site [m]
  double rotation_deg = 0.0;             ///< counter-clockwise about `at`
  std::vector<Vec2> footprint;           ///< outline in building coordinates, >= 3 points
  int floors = 0;                        ///< storeys above ground [>= 1]
  double floor_height_m = layout_defaults::kFloorHeight_m;  ///< floor to floor [m, > 0]
  std::optional<double> ground_floor_height_m;              ///< floor 1 to floor 2 (default floor_height_m)
  bool sprinklered = false;              ///< GB 50016-2014 5.5.29 note: travel limits +25 %
  UnitsConfig units;
  CorridorConfig corridor;
  std::vector<StairConfig> stairs;
  std::vector<ElevatorConfig> elevators;
  std::vector<ExitConfig> exits;
  SourcePos pos, type_pos, footprint_pos, floors_pos, height_pos, at_pos;

  /// Height of floor `f`'s slab above ground [m].
  [[nodiscard]] double elevation_m(int floor) const;
  /// Floor-to-floor height from `floor` to the next [m].
  [[nodiscard]] double storey_height_m(int floor) const;
  /// Building height as GB 50016 measures it (ground to roof) [m].
  [[nodiscard]] double height_m() const { return elevation_m(floors + 1); }
  /// Site coordinates of a point given in building coordinates.
  [[nodiscard]] Vec2 to_site(Vec2 local) const;
};

struct SitePathConfig {
  std::string id;
  std::vector<Vec2> points;              ///< polyline, site coordinates, >= 2 points
  double width_m = layout_defaults::kPathWidth_m;
  SourcePos pos;
  std::vector<SourcePos> point_pos;
};

struct GateConfig {
  std::string id;
  Vec2 at;
  double width_m = layout_defaults::kGateWidth_m;
  SourcePos pos, at_pos;
};

struct AssemblyPointConfig {
  std::string id;
  Vec2 at;
  double capacity_persons = 0;           ///< [persons, > 0]
  double area_m2 = 0;                    ///< [m², > 0]
  SourcePos pos, at_pos, capacity_pos;
};

enum class StoreKind : uint8_t { DailyNecessities, Medical, Energy };

struct StoreConfig {
  std::string id;
  Vec2 at;
  std::vector<StoreKind> kinds;          ///< what it keeps (DESIGN §1: three kinds)
  double area_m2 = layout_defaults::kStoreArea_m2;
  SourcePos pos, at_pos;
};

/// What a service of the 15-minute life circle (15分钟生活圈) offers (docs/access.md).
enum class ServiceKind : uint8_t { Clinic, Pharmacy, Canteen, Grocery, ElderlyCare, Kindergarten, School, Other };
inline constexpr std::size_t kServiceKindCount = 8;

/// A daily service residents walk to: a clinic, a canteen, a grocery, an elderly-care station...
/// It stands at a point of the site (`at`, joined to the nearest outdoor node of the network) or in
/// a building (`building`: reached at any of that building's exits).
struct ServiceConfig {
  std::string id;                        ///< unique among services
  ServiceKind kind = ServiceKind::Other;
  std::string name;                      ///< as people call it ("" = none)
  std::optional<Vec2> at;                ///< site coordinates [m]
  std::string building;                  ///< a building id ("" = none); exactly one of at / building
  int open_from_min = 0;                 ///< opening hours: minutes after midnight [0, 1440)
  int open_until_min = 24 * 60;          ///< closing [1, 1440]; before open_from_min = past midnight
  std::optional<double> capacity_persons;  ///< persons it serves at once (reported, not modelled)
  SourcePos pos, at_pos, building_pos, hours_pos;

  /// Whether it is open at `minute` after midnight [0, 1440).
  [[nodiscard]] bool open_at(int minute) const noexcept;
};

enum class SensorKind : uint8_t { SmokeDetector, HeatDetector, Camera, WaterLeak, ElevatorFault, ManualCallPoint };
inline constexpr std::size_t kSensorKindCount = 6;

/// Where a placement rule puts one sensor each.
enum class SensorSite : uint8_t {
  Unit,          ///< every flat
  Corridor,      ///< every corridor / lobby node (not the ground lobby)
  GroundLobby,   ///< every ground-floor lobby node
  Floor,         ///< one per floor of a building (its first corridor node)
  StairLanding,  ///< every stair landing
  Exit,          ///< every building exit (on the outdoor side)
  Elevator,      ///< one per elevator (at its lowest landing)
  Gate,
  AssemblyPoint,
  Store,
};

struct SensorRuleConfig {
  SensorKind kind = SensorKind::SmokeDetector;
  SensorSite per = SensorSite::Corridor;
  std::vector<std::string> buildings;    ///< empty = all
  std::vector<SourcePos> building_pos;
  FloorSet floors;
  SourcePos pos;
};

struct SensorConfig {
  std::string id;
  SensorKind kind = SensorKind::SmokeDetector;
  std::string node;                      ///< label of the node it watches
  std::optional<Vec3> at;                ///< position (default: the node's)
  SourcePos pos, node_pos;
};

/// Adds a node or changes a generated one (found by label).
struct NodeOverride {
  std::string id;                        ///< label
  std::optional<NodeKind> kind;
  std::optional<Vec3> at;
  std::optional<double> area_m2;
  std::optional<std::string> building;   ///< building id
  std::optional<int> floor;
  SourcePos pos, id_pos;
};

/// Adds a link, changes the generated link(s) between two nodes, or removes them.
struct LinkOverride {
  std::string from, to;                  ///< node labels
  std::optional<LinkKind> kind;
  std::optional<double> width_m;
  std::optional<double> length_m;        ///< new links: default the straight distance
  std::optional<DoorType> door;
  std::optional<std::string> label;
  bool remove = false;
  SourcePos pos, from_pos, to_pos;
};

struct LayoutConfig {
  std::string source_file;
  std::string name;
  std::string description;
  std::vector<Vec2> site_boundary;       ///< empty = none
  SourcePos site_pos;
  double open_ground_width_m = layout_defaults::kOpenGroundWidth_m;
  double persons_per_household = layout_defaults::kPersonsPerHousehold;
  std::vector<BuildingConfig> buildings;
  std::vector<SitePathConfig> paths;
  std::vector<GateConfig> gates;
  std::vector<AssemblyPointConfig> assembly_points;
  std::vector<StoreConfig> stores;
  std::vector<ServiceConfig> services;   ///< daily services (docs/access.md); not part of the network
  std::vector<SensorRuleConfig> sensor_rules;
  std::vector<SensorConfig> sensors;
  std::vector<NodeOverride> nodes;
  std::vector<LinkOverride> links;
  SourcePos pos, buildings_pos;
};

[[nodiscard]] std::string_view to_string(SensorKind kind) noexcept;
[[nodiscard]] std::string_view to_string(StoreKind kind) noexcept;
[[nodiscard]] std::string_view to_string(ServiceKind kind) noexcept;
/// "clinic", "pharmacy", ... in ServiceKind order (the layout file's spelling).
[[nodiscard]] const std::vector<std::string>& service_kind_names();

}  // namespace dt
