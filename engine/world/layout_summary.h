#pragma once
// Figures a planner reads first about a layout: per building its floors, flats, resident capacity
// and the longest walk from a flat to the building's exits.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

struct BuildingSummary {
  std::string id;
  std::string type;
  int floors = 0;
  double height_m = 0;                ///< ground to roof [m]
  std::size_t units = 0;              ///< flats (households)
  double residents = 0;               ///< flats × persons per household
  std::size_t stairs = 0, elevators = 0, exits = 0;
  /// Longest walk from a flat (its node) to the nearest exit of the building, on foot [m];
  /// 0 without flats, +inf when a flat cannot reach an exit.
  double longest_unit_to_exit_m = 0;
  std::string farthest_unit;          ///< label of that flat
  double longest_door_to_stair_m = 0; ///< GB 50016 5.5.29 measure, the worst flat door [m]
};

struct LayoutSummary {
  std::string name;
  std::size_t buildings = 0, floors = 0, units = 0;
  double residents = 0;
  double persons_per_household = 0;
  std::size_t nodes = 0, links = 0, sensors = 0;
  std::size_t gates = 0, assembly_points = 0, stores = 0, paths = 0;
  double assembly_capacity = 0;       ///< [persons]
  std::vector<BuildingSummary> rows;
};

[[nodiscard]] LayoutSummary summarize_layout(const LayoutConfig& layout, const Network& net);

}  // namespace dt
