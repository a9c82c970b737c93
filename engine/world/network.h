#pragma once
// The navigation network generated from a layout, with what the other parts need to find their
// way in it: which nodes are flats, exits, assembly points; which links are whose elevator;
// where the sensors are.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/world/layout.h"
#include "engine/world/nav_graph.h"

namespace dt {

/// GB 50016-2014 5.5.29: the walk from a flat's door to the nearest safe exit on its floor.
struct UnitDoorDistance {
  NodeId unit;
  double to_exit_m = 0;             ///< door → nearest stair door (or ground exit on floor 1) [m]
  bool between_two_exits = false;   ///< the door has a safe exit on either side (else: a dead end)
};

struct BuildingNet {
  std::string id;
  int32_t index = -1;                          ///< into LayoutConfig::buildings
  int floors = 0;
  double height_m = 0;                         ///< ground to roof [m]
  std::vector<NodeId> units;                   ///< floor by floor, flat by flat
  std::vector<UnitDoorDistance> unit_doors;    ///< aligned with `units`
  std::vector<std::vector<NodeId>> corridors;  ///< [floor - 1]: corridor / lobby nodes along the spine
  std::vector<std::vector<NodeId>> landings;   ///< [stair][floor - 1]
  std::vector<NodeId> exits;                   ///< outdoor node outside each exit (aligned with config exits)
  std::vector<LinkId> exit_links;              ///< the exit doors (aligned with config exits)
  std::vector<std::size_t> elevators;          ///< into Network::elevators
};

struct ElevatorNet {
  int32_t building = -1;                       ///< into Network::buildings
  int32_t index = -1;                          ///< into the building's elevators
  std::string id;                              ///< "B3/L1"
  std::vector<int> floors;                     ///< floors served, ascending
  std::vector<NodeId> stops;                   ///< corridor node at each served floor (aligned with floors)
  std::vector<LinkId> links;                   ///< shaft links between consecutive stops
  int capacity_persons = 0;
  double capacity_kg = 0;
  double speed_mps = 0;                        ///< [m/s]
  double acceleration_mps2 = 0;                ///< [m/s²]
  double door_open_s = 0, door_close_s = 0;    ///< [s]
  bool fire_service = false;
  SourcePos origin;
};

struct SensorPlacement {
  std::string id;                              ///< explicit id, or "<kind>@<node label>"
  SensorKind kind = SensorKind::SmokeDetector;
  NodeId node;                                 ///< the place it watches
  Vec3 position;                               ///< [m]
  SourcePos origin;                            ///< the rule or entry that placed it
};

struct Network {
  NavGraph graph;                              ///< finalized
  std::vector<BuildingNet> buildings;          ///< aligned with LayoutConfig::buildings
  std::vector<ElevatorNet> elevators;
  std::vector<NodeId> assembly_points;         ///< aligned with LayoutConfig::assembly_points
  std::vector<NodeId> gates;                   ///< aligned with LayoutConfig::gates
  std::vector<NodeId> stores;                  ///< aligned with LayoutConfig::stores
  std::vector<SensorPlacement> sensors;
};

}  // namespace dt
