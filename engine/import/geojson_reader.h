#pragma once
// Reads a GeoJSON FeatureCollection (RFC 7946, as QGIS exports a layer) into MapData: polygons
// are building footprints (unless their properties say highway, landuse or amenity without
// building), lines with `highway` are paths, points are entrances, gates, assembly points and
// services by their properties (the OSM tag names). Coordinates must be WGS 84 longitude/latitude:
// a `crs` member naming another system, or numbers outside ±180/±90, is an error naming the
// feature. Throws InputError "FILE:LINE:COL: error: ..." for broken JSON.

#include <string>

#include "engine/import/map_data.h"

namespace dt::import {

[[nodiscard]] MapData read_geojson(const std::string& path);

}  // namespace dt::import
