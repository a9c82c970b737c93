#pragma once
// The navigation network as text other tools read: GeoJSON (QGIS, geojson.io, any GeoJSON
// reader) and Graphviz dot. docs/layout-reference.md ("Exports") describes both.
//
// GeoJSON coordinates are the layout's local metres (x east, y north, z up), not WGS 84
// longitude/latitude: RFC 7946 readers parse the file, but a web map would place it near
// (0°, 0°). The FeatureCollection says so in its "drilltwin" member.

#include <string>

#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

/// A FeatureCollection: the site boundary and building footprints (Polygons), every node
/// (Point), every link (LineString) and every sensor (Point), each with its properties.
[[nodiscard]] std::string network_geojson(const LayoutConfig& layout, const Network& net);

/// An undirected Graphviz graph: one vertex per node at its plan position (`pos`, metres; draw
/// with `neato -n`), one edge per link, attributes named as in the GeoJSON properties.
[[nodiscard]] std::string network_dot(const LayoutConfig& layout, const Network& net);

}  // namespace dt
