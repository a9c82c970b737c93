#pragma once
// Reads an OpenStreetMap file (.osm XML or .pbf, by its name) with libosmium into MapData.
// Throws InputError "FILE: error: way 123: ..." for broken XML (with its line and column), ways
// that name nodes missing from the file, unclosed building outlines and coordinates that are not
// longitude/latitude.

#include <string>

#include "engine/import/map_data.h"

namespace dt::import {

[[nodiscard]] MapData read_osm(const std::string& path);

}  // namespace dt::import
