#pragma once
// Map data read from OpenStreetMap (.osm XML, .pbf) or GeoJSON, before projection: what the
// importer understands of a map, with each element's id for messages ("way 123", "feature 7").
// Readers: osm_reader.h, geojson_reader.h. Writer: layout_writer.h (docs/import.md).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dt::import {

/// Longitude and latitude on WGS 84 [degrees].
struct LonLat {
  double lon = 0, lat = 0;
};

using Tags = std::map<std::string, std::string>;

/// A point of interest: an entrance, a gate, an assembly point, an amenity or shop.
struct MapPoint {
  std::string element;  ///< "node 42", "feature 3"
  std::string ref;      ///< short id used in the layout ("n42", or the feature's own id)
  LonLat at;
  Tags tags;
  int64_t node_id = 0;  ///< OSM node id (0 for GeoJSON)
};

/// A closed outline (building, boundary) or an open line (path).
struct MapWay {
  std::string element;  ///< "way 123", "feature 5"
  std::string ref;      ///< "w123" or the feature's own id
  std::vector<LonLat> points;  ///< closed outlines: first point not repeated at the end
  std::vector<int64_t> node_ids;  ///< OSM node ids aligned with points (empty for GeoJSON)
  Tags tags;
};

struct MapData {
  std::string source;            ///< the file as given
  std::vector<MapWay> buildings;
  std::vector<MapWay> paths;
  std::vector<MapWay> areas;     ///< closed ways that may be the site (landuse=residential, boundary)
  std::vector<MapPoint> points;  ///< tagged nodes / point features
  std::optional<std::pair<LonLat, LonLat>> bounds;  ///< the file's own bounding box (south-west, north-east)
  std::vector<std::string> notes;  ///< what was skipped, and why (printed by the command)
};

}  // namespace dt::import
