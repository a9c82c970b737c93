#pragma once
// MapData → a layout YAML (docs/layout-reference.md) in local metres. What the map does not say
// (floors, floor height, flats per floor, stairs, lifts, exit widths, an assembly point) comes
// from the defaults of docs/import.md by building type and height (GB 50016-2014, GB 50096-2011),
// and every such value carries a `# assumed: ...` comment for the planner to check.

#include <string>
#include <vector>

#include "engine/import/map_data.h"

namespace dt::import {

struct ImportedLayout {
  std::string yaml;                 ///< the layout file's text
  std::size_t buildings = 0, flats = 0, paths = 0, gates = 0, services = 0;
  std::size_t assumed = 0;          ///< values marked `# assumed:`
  std::vector<std::string> notes;   ///< the readers' notes and what was left out
};

/// Projects `map` and writes the layout called `name`. Throws InputError (every problem, each
/// "FILE: error: way 123: ...") for absurd tag values: building:levels not a whole number in
/// [1, 300], height not a number in (0, 1000] m, footprints under 1 m².
[[nodiscard]] ImportedLayout write_layout(const MapData& map, const std::string& name);

}  // namespace dt::import
