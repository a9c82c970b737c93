#include "engine/import/osm_reader.h"

#include <osmium/io/any_input.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>

#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt::import {

namespace {
DT_PHRASE(kOsmCannotRead, "cannot read the map: {}", "无法读取地图：{}");
DT_PHRASE(kOsmBrokenXml, "broken XML: {}", "XML 格式错误：{}");
DT_PHRASE(kOsmMissingNode, "{}: node {} is not in the file", "{}：文件中没有节点 {}");
DT_PHRASE(kOsmNotClosed, "{}: the building outline is not closed (first node {}, last node {})",
          "{}：楼栋轮廓未闭合（首节点 {}，末节点 {}）");
DT_PHRASE(kOsmTooFewNodes, "{}: a building outline needs at least 3 different nodes (found {})",
          "{}：楼栋轮廓至少需要 3 个不同的节点（实际为 {} 个）");
DT_PHRASE(kOsmBadLocation, "{}: ({}, {}) is not a longitude/latitude on WGS 84", "{}：({}, {}) 不是 WGS 84 经纬度");
DT_PHRASE(kOsmRelationSkipped, "{}: multipolygon relations are not imported; draw the outline as a closed way",
          "{}：不导入多边形关系（multipolygon），请以闭合的 way 绘制轮廓");
DT_PHRASE(kOsmNothing, "the map has no building (no closed way tagged building=*)", "地图中没有楼栋（没有标注 building=* 的闭合 way）");
DT_PHRASE(kOsmNoFile, "cannot open the map file", "无法打开地图文件");

Tags tags_of(const osmium::TagList& list) {
  Tags t;
  for (const osmium::Tag& tag : list) t.emplace(tag.key(), tag.value());
  return t;
}

bool is_path_highway(const std::string& v) {
  for (const char* k : {"footway", "path", "pedestrian", "service", "residential", "living_street", "steps", "cycleway",
                        "track", "unclassified", "tertiary", "secondary", "primary", "road"})
    if (v == k) return true;
  return false;
}

struct NodeRecord {
  LonLat at;
  bool valid = false;
};

bool wgs84(const LonLat& p) { return std::isfinite(p.lon) && std::isfinite(p.lat) && std::fabs(p.lon) <= 180 && std::fabs(p.lat) <= 90; }

}  // namespace

MapData read_osm(const std::string& path) {
  const SourcePos file{path, 0, 0};
  if (!std::filesystem::is_regular_file(path)) throw InputError(file, say(kOsmNoFile));
  MapData out;
  out.source = path;
  Diagnostics diag;
  std::unordered_map<int64_t, NodeRecord> nodes;  // looked up only; results follow file order
  std::vector<MapWay> raw_ways;
  try {
    osmium::io::Reader reader{osmium::io::File{path},
                              osmium::osm_entity_bits::node | osmium::osm_entity_bits::way | osmium::osm_entity_bits::relation};
    const osmium::io::Header header = reader.header();
    if (header.box().valid())
      out.bounds = std::pair{LonLat{header.box().bottom_left().lon(), header.box().bottom_left().lat()},
                             LonLat{header.box().top_right().lon(), header.box().top_right().lat()}};
    while (osmium::memory::Buffer buffer = reader.read()) {
      for (const osmium::OSMObject& obj : buffer.select<osmium::OSMObject>()) {
        if (obj.type() == osmium::item_type::node) {
          const auto& n = static_cast<const osmium::Node&>(obj);
          NodeRecord rec;
          const std::string element = "node " + std::to_string(n.id());
          if (n.location().valid()) {
            rec.at = {n.location().lon_without_check(), n.location().lat_without_check()};
            rec.valid = true;
          }
          if (!rec.valid || !wgs84(rec.at)) {
            diag.error(file, say(kOsmBadLocation, element, n.location().lon_without_check(), n.location().lat_without_check()));
            rec.valid = false;
          }
          nodes[n.id()] = rec;
          if (!n.tags().empty() && rec.valid) {
            MapPoint p;
            p.element = element;
            p.ref = "n" + std::to_string(n.id());
            p.at = rec.at;
            p.tags = tags_of(n.tags());
            p.node_id = n.id();
            out.points.push_back(std::move(p));
          }
        } else if (obj.type() == osmium::item_type::way) {
          const auto& w = static_cast<const osmium::Way&>(obj);
          MapWay mw;
          mw.element = "way " + std::to_string(w.id());
          mw.ref = "w" + std::to_string(w.id());
          mw.tags = tags_of(w.tags());
          for (const osmium::NodeRef& r : w.nodes()) mw.node_ids.push_back(r.ref());
          raw_ways.push_back(std::move(mw));
        } else if (obj.type() == osmium::item_type::relation) {
          const auto& r = static_cast<const osmium::Relation&>(obj);
          const char* type = r.tags()["type"];
          if (type != nullptr && std::string(type) == "multipolygon" && r.tags()["building"] != nullptr)
            out.notes.push_back(say(kOsmRelationSkipped, "relation " + std::to_string(r.id())));
        }
      }
    }
    reader.close();
  } catch (const osmium::xml_error& e) {
    throw InputError(SourcePos{path, static_cast<int>(e.line), static_cast<int>(e.column) + 1}, say(kOsmBrokenXml, e.error_string));
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(file, say(kOsmCannotRead, e.what()));
  }

  for (MapWay& w : raw_ways) {
    bool ok = true;
    for (const int64_t id : w.node_ids) {
      const auto it = nodes.find(id);
      if (it == nodes.end()) {
        diag.error(file, say(kOsmMissingNode, w.element, id));
        ok = false;
        break;
      }
      if (!it->second.valid) ok = false;
      w.points.push_back(it->second.at);
    }
    if (!ok) continue;
    const bool closed = w.node_ids.size() >= 2 && w.node_ids.front() == w.node_ids.back();
    const auto tag = [&](const char* k) { const auto it = w.tags.find(k); return it == w.tags.end() ? std::string() : it->second; };
    const std::string building = tag("building");
    if (!building.empty() && building != "no") {
      if (!closed) {
        diag.error(file, say(kOsmNotClosed, w.element, w.node_ids.front(), w.node_ids.back()));
        continue;
      }
      w.points.pop_back();
      w.node_ids.pop_back();
      std::vector<int64_t> distinct = w.node_ids;
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      if (distinct.size() < 3) {
        diag.error(file, say(kOsmTooFewNodes, w.element, distinct.size()));
        continue;
      }
      out.buildings.push_back(std::move(w));
    } else if (!tag("highway").empty() && is_path_highway(tag("highway"))) {
      out.paths.push_back(std::move(w));
    } else if (closed && (tag("landuse") == "residential" || !tag("boundary").empty() || tag("place") == "neighbourhood")) {
      w.points.pop_back();
      w.node_ids.pop_back();
      out.areas.push_back(std::move(w));
    } else if (closed && (!tag("amenity").empty() || !tag("shop").empty())) {
      // An amenity drawn as an area that is not a building: a point at its vertex average.
      MapPoint p;
      p.element = w.element;
      p.ref = w.ref;
      p.tags = w.tags;
      const std::size_t n = w.points.size() - 1;
      for (std::size_t i = 0; i < n; ++i) {
        p.at.lon += w.points[i].lon / static_cast<double>(n);
        p.at.lat += w.points[i].lat / static_cast<double>(n);
      }
      out.points.push_back(std::move(p));
    }
  }
  if (!diag.has_errors() && out.buildings.empty()) diag.error(file, say(kOsmNothing));
  diag.throw_if_errors();
  return out;
}

}  // namespace dt::import
