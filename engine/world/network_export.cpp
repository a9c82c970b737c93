#include "engine/world/network_export.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "engine/world/geometry.h"

namespace dt {

namespace {

using nlohmann::json;

json point3(const Vec3& p) { return json::array({p.x, p.y, p.z}); }

/// A closed counter-clockwise ring, as RFC 7946 asks of exterior rings.
json ring(std::vector<Vec2> pts) {
  if (geo::signed_area(pts) < 0) std::reverse(pts.begin(), pts.end());
  json r = json::array();
  for (const Vec2& p : pts) r.push_back(json::array({p.x, p.y}));
  if (!pts.empty()) r.push_back(json::array({pts.front().x, pts.front().y}));
  return r;
}

json building_ref(const LayoutConfig& layout, int32_t b) {
  return b >= 0 && static_cast<std::size_t>(b) < layout.buildings.size() ? json(layout.buildings[static_cast<std::size_t>(b)].id)
                                                                         : json(nullptr);
}

std::string_view use_name(BuildingUse u) {
  switch (u) {
    case BuildingUse::Residential: return "residential";
    case BuildingUse::Office: return "office";
    case BuildingUse::Other: return "other";
  }
  return "?";
}

/// Shortest text that reads back to the same double.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string network_geojson(const LayoutConfig& layout, const Network& net) {
  const NavGraph& g = net.graph;
  json features = json::array();
  if (layout.site_boundary.size() >= 3)
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", json::array({ring(layout.site_boundary)})}}},
                        {"properties", {{"feature", "site"}, {"name", layout.name}}}});
  for (const BuildingConfig& b : layout.buildings) {
    if (b.footprint.size() < 3) continue;
    std::vector<Vec2> pts;
    for (const Vec2& p : b.footprint) pts.push_back(b.to_site(p));
    features.push_back({{"type", "Feature"},
                        {"id", b.id},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", json::array({ring(pts)})}}},
                        {"properties",
                         {{"feature", "building"},
                          {"id", b.id},
                          {"type", b.type},
                          {"use", use_name(b.use)},
                          {"floors", b.floors},
                          {"height_m", b.height_m()}}}});
  }
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    const NavNode& n = g.nodes()[i];
    features.push_back({{"type", "Feature"},
                        {"id", n.label},
                        {"geometry", {{"type", "Point"}, {"coordinates", point3(n.position)}}},
                        {"properties",
                         {{"feature", "node"},
                          {"index", i},
                          {"label", n.label},
                          {"kind", to_string(n.kind)},
                          {"area_m2", n.area_m2},
                          {"building", building_ref(layout, n.building)},
                          {"floor", n.floor}}}});
  }
  for (std::size_t i = 0; i < g.link_count(); ++i) {
    const NavLink& l = g.links()[i];
    json props = {{"feature", "link"},
                  {"index", i},
                  {"label", l.label},
                  {"kind", to_string(l.kind)},
                  {"from", g.node(l.a).label},
                  {"to", g.node(l.b).label},
                  {"width_m", l.width_m},
                  {"length_m", l.length_m},
                  {"building", building_ref(layout, l.building)}};
    if (l.door != DoorType::Unspecified) props["door"] = to_string(l.door);
    if (l.kind == LinkKind::Stair) {
      props["riser_m"] = l.riser_m;
      props["tread_m"] = l.tread_m;
    }
    features.push_back({{"type", "Feature"},
                        {"id", l.label},
                        {"geometry",
                         {{"type", "LineString"},
                          {"coordinates", json::array({point3(g.node(l.a).position), point3(g.node(l.b).position)})}}},
                        {"properties", std::move(props)}});
  }
  for (const SensorPlacement& s : net.sensors)
    features.push_back({{"type", "Feature"},
                        {"id", s.id},
                        {"geometry", {{"type", "Point"}, {"coordinates", point3(s.position)}}},
                        {"properties",
                         {{"feature", "sensor"}, {"id", s.id}, {"kind", to_string(s.kind)}, {"node", g.node(s.node).label}}}});

  json doc = {{"type", "FeatureCollection"},
              {"name", layout.name},
              {"drilltwin",
               {{"version", DRILLTWIN_VERSION},
                {"layout", layout.source_file},
                {"coordinates", "local metres: x east, y north, z up from the ground (not WGS 84)"}}},
              {"features", std::move(features)}};
  return doc.dump(1) + "\n";
}

std::string network_dot(const LayoutConfig& layout, const Network& net) {
  const NavGraph& g = net.graph;
  std::string out;
  out += "// drilltwin navigation network of " + layout.name + "; pos = plan position in metres (neato -n)\n";
  out += "graph " + dot_quote(layout.name) + " {\n";
  out += "  graph [overlap=true, splines=false];\n  node [shape=point];\n";
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    const NavNode& n = g.nodes()[i];
    out += "  n" + std::to_string(i) + " [label=" + dot_quote(n.label) + ", kind=" + dot_quote(to_string(n.kind)) +
           ", area_m2=" + num(n.area_m2) + ", floor=" + std::to_string(n.floor) + ", z=" + num(n.position.z) +
           ", pos=" + dot_quote(num(n.position.x) + "," + num(n.position.y)) + "];\n";
  }
  for (const NavLink& l : g.links()) {
    out += "  n" + std::to_string(l.a.value) + " -- n" + std::to_string(l.b.value) + " [label=" + dot_quote(l.label) +
           ", kind=" + dot_quote(to_string(l.kind)) + ", width_m=" + num(l.width_m) + ", length_m=" + num(l.length_m) + "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace dt
