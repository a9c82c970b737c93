#include "engine/import/geojson_reader.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt::import {

namespace {
DT_PHRASE(kGjNoFile, "cannot open the GeoJSON file", "无法打开 GeoJSON 文件");
DT_PHRASE(kGjBroken, "broken JSON: {}", "JSON 格式错误：{}");
DT_PHRASE(kGjNotCollection, "the file is not a GeoJSON FeatureCollection", "文件不是 GeoJSON FeatureCollection");
DT_PHRASE(kGjCrs, "the coordinates are in '{}'; export the layer as WGS 84 longitude/latitude (EPSG:4326)",
          "坐标系为 '{}'；请将图层导出为 WGS 84 经纬度（EPSG:4326）");
DT_PHRASE(kGjNotLonLat, "{}: ({}, {}) is not a longitude/latitude: export the layer as WGS 84 (EPSG:4326)",
          "{}：({}, {}) 不是经纬度：请将图层导出为 WGS 84（EPSG:4326）");
DT_PHRASE(kGjBadGeometry, "{}: a {} needs {}", "{}：{} 需要 {}");
DT_PHRASE(kGjNoGeometry, "{}: the feature has no geometry", "{}：该要素没有几何形状");
DT_PHRASE(kGjNotClosed, "{}: the polygon ring is not closed (its first and last positions differ)",
          "{}：多边形的环未闭合（首末坐标不同）");
DT_PHRASE(kGjOtherGeometry, "{}: geometry type '{}' is not imported", "{}：不导入几何类型 '{}'");
DT_PHRASE(kGjLargestPart, "{}: a MultiPolygon; only its largest polygon is imported", "{}：MultiPolygon，只导入其中最大的多边形");
DT_PHRASE(kGjNothing, "the layer has no building footprint (no Polygon feature)", "图层中没有楼栋轮廓（没有 Polygon 要素）");

/// "FILE:LINE:COL" of a byte offset into `text` (1-based).
SourcePos pos_of(const std::string& path, const std::string& text, std::size_t byte) {
  SourcePos p{path, 1, 1};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  return p;
}

std::string scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) {
    std::ostringstream s;
    s << v.get<double>();
    return s.str();
  }
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return {};
}

double ring_area(const std::vector<LonLat>& r) {
  double a = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const LonLat& p = r[i];
    const LonLat& q = r[(i + 1) % r.size()];
    a += p.lon * q.lat - q.lon * p.lat;
  }
  return std::fabs(a) / 2;
}

}  // namespace

namespace {

MapData read_geojson_document(const std::string& path) {
  const SourcePos file{path, 0, 0};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(file, say(kGjNoFile));
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    if (const auto c = what.find("; last read"); c != std::string::npos) what = what.substr(what.find("syntax error"));
    throw InputError(pos_of(path, text, e.byte == 0 ? 0 : e.byte - 1), say(kGjBroken, what));
  }  // a number too large for a double (out_of_range) is caught by read_geojson
  if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" || !doc.contains("features") ||
      !doc["features"].is_array())
    throw InputError(file, say(kGjNotCollection));
  if (doc.contains("crs")) {
    std::string name;
    if (doc["crs"].is_object() && doc["crs"].contains("properties") && doc["crs"]["properties"].is_object())
      name = doc["crs"]["properties"].value("name", "");
    const bool wgs84 = name.find("CRS84") != std::string::npos || name.find("4326") != std::string::npos;
    if (!wgs84) throw InputError(file, say(kGjCrs, name.empty() ? std::string("?") : name));
  }

  MapData out;
  out.source = path;
  Diagnostics diag;
  std::size_t index = 0;
  for (const nlohmann::json& f : doc["features"]) {
    const std::size_t i = index++;
    std::string own_id;
    if (f.is_object() && f.contains("id")) own_id = scalar_text(f["id"]);
    const std::string element = "feature " + (own_id.empty() ? std::to_string(i) : own_id);
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) {
      diag.error(file, say(kGjNoGeometry, element));
      continue;
    }
    Tags tags;
    if (f.contains("properties") && f["properties"].is_object())
      for (const auto& [k, v] : f["properties"].items()) {
        const std::string s = scalar_text(v);
        if (!s.empty()) tags[k] = s;
      }
    if (own_id.empty() && tags.count("id") != 0) own_id = tags["id"];
    const std::string ref = own_id.empty() ? "f" + std::to_string(i) : own_id;
    const nlohmann::json& g = f["geometry"];
    const std::string type = g.value("type", "");
    bool bad = false;
    auto position = [&](const nlohmann::json& c) -> LonLat {
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) {
        if (!bad) diag.error(file, say(kGjBadGeometry, element, type, "[lon, lat] positions"));
        bad = true;
        return {};
      }
      const LonLat p{c[0].get<double>(), c[1].get<double>()};
      if (!(std::fabs(p.lon) <= 180 && std::fabs(p.lat) <= 90)) {
        if (!bad) diag.error(file, say(kGjNotLonLat, element, p.lon, p.lat));
        bad = true;
      }
      return p;
    };
    auto ring = [&](const nlohmann::json& r) {
      std::vector<LonLat> pts;
      if (!r.is_array() || r.size() < 4) {
        if (!bad) diag.error(file, say(kGjBadGeometry, element, type, "rings of at least 4 positions"));
        bad = true;
        return pts;
      }
      for (const auto& c : r) pts.push_back(position(c));
      if (!bad && (pts.front().lon != pts.back().lon || pts.front().lat != pts.back().lat)) {
        diag.error(file, say(kGjNotClosed, element));
        bad = true;
      }
      if (!pts.empty()) pts.pop_back();
      return pts;
    };
    const nlohmann::json coords = g.contains("coordinates") ? g["coordinates"] : nlohmann::json();
    auto tag = [&](const char* k) { const auto it = tags.find(k); return it == tags.end() ? std::string() : it->second; };
    if (type == "Polygon" || type == "MultiPolygon") {
      std::vector<LonLat> outline;
      if (type == "Polygon") {
        if (coords.is_array() && !coords.empty()) outline = ring(coords[0]);
        else diag.error(file, say(kGjBadGeometry, element, type, "rings of at least 4 positions")), bad = true;
      } else if (coords.is_array() && !coords.empty()) {
        double best = -1;
        for (const auto& poly : coords) {
          if (!poly.is_array() || poly.empty()) continue;
          std::vector<LonLat> r = ring(poly[0]);
          if (!bad && ring_area(r) > best) {
            best = ring_area(r);
            outline = r;
          }
        }
        if (coords.size() > 1) out.notes.push_back(say(kGjLargestPart, element));
      }
      if (bad) continue;
      MapWay w{element, ref, outline, {}, tags};
      const bool building = !tag("building").empty() && tag("building") != "no";
      if (!building && (tag("landuse") == "residential" || !tag("boundary").empty() || tag("place") == "neighbourhood"))
        out.areas.push_back(std::move(w));
      else if (!building && !tag("highway").empty())
        out.paths.push_back(std::move(w));
      else if (!building && (!tag("amenity").empty() || !tag("shop").empty())) {
        MapPoint p{element, ref, {}, tags, 0};
        for (const LonLat& q : outline) {
          p.at.lon += q.lon / static_cast<double>(outline.size());
          p.at.lat += q.lat / static_cast<double>(outline.size());
        }
        out.points.push_back(std::move(p));
      } else {
        out.buildings.push_back(std::move(w));  // a footprint layer: every other polygon is a building
      }
    } else if (type == "LineString") {
      std::vector<LonLat> pts;
      if (!coords.is_array() || coords.size() < 2) {
        diag.error(file, say(kGjBadGeometry, element, type, "at least 2 positions"));
        continue;
      }
      for (const auto& c : coords) pts.push_back(position(c));
      if (bad) continue;
      if (!tag("highway").empty()) out.paths.push_back({element, ref, pts, {}, tags});
    } else if (type == "Point") {
      const LonLat p = position(coords);
      if (bad) continue;
      if (!tags.empty()) out.points.push_back({element, ref, p, tags, 0});
    } else {
      out.notes.push_back(say(kGjOtherGeometry, element, type));
    }
  }
  if (!diag.has_errors() && out.buildings.empty()) diag.error(file, say(kGjNothing));
  diag.throw_if_errors();
  return out;
}

}  // namespace

MapData read_geojson(const std::string& path) {
  // Valid JSON of the wrong shape or with numbers out of range (a value of another type where a
  // number or text is expected, 1e400) is an input error too, never an escaping exception.
  try {
    return read_geojson_document(path);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourcePos{path, 0, 0}, say(kGjBroken, e.what()));
  }
}

}  // namespace dt::import
