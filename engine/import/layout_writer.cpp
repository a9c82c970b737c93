#include "engine/import/layout_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <set>

#include "engine/import/projection.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt::import {

namespace {
DT_PHRASE(kImpBadLevels, "{}: building:levels '{}' must be a whole number of storeys from 1 to 300",
          "{}：building:levels '{}' 必须是 1 到 300 之间的整数层数");
DT_PHRASE(kImpBadHeight, "{}: height '{}' must be a number of metres above 0 and at most 1000",
          "{}：height '{}' 必须是大于 0、不超过 1000 的米数");
DT_PHRASE(kImpTinyFootprint, "{}: the footprint covers {:.2f} m², less than 1 m²", "{}：楼栋轮廓面积为 {:.2f} m²，小于 1 m²");
DT_PHRASE(kImpCrossing, "{}: the footprint crosses itself", "{}：楼栋轮廓自相交");
DT_PHRASE(kImpEntranceDropped, "{}: entrance {} is within 5 m of entrance {} of the same building (GB 50016-2014 5.5.2); left out",
          "{}：入口 {} 与同一楼栋的入口 {} 相距不足 5 m（GB 50016-2014 5.5.2），未导入");
DT_PHRASE(kImpNotService, "amenities that are not daily services (benches, parking, ...) were left out: {}",
          "未导入不属于日常服务的 amenity（长椅、停车场等）：{} 个");

constexpr double kStoreyFromHeight_m = 3.0;   // storey height assumed to count floors from `height`
constexpr double kFlatArea_m2 = 90.0;          // typical flat, assumed (docs/import.md)
constexpr double kFlatShare = 0.7;             // layout default share of a floor taken by flats
constexpr double kPersonsPerHousehold = 2.62;  // China 7th census 2020 (the layout default)

struct XY {
  double x = 0, y = 0;
};

std::string num(double v) {
  if (std::fabs(v) < 0.005) v = 0;
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string point(XY p) { return "[" + num(p.x) + ", " + num(p.y) + "]"; }

/// A YAML double-quoted string (JSON escaping is valid YAML).
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string tag(const Tags& t, const char* k) {
  const auto it = t.find(k);
  return it == t.end() ? std::string() : it->second;
}

/// A layout id from `ref`: 1-64 of [A-Za-z0-9_.-], unique in `used`.
std::string make_id(std::string ref, std::set<std::string>& used) {
  for (char& c : ref)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) c = '_';
  if (ref.empty()) ref = "x";
  if (ref.size() > 56) ref.resize(56);
  std::string id = ref;
  for (int k = 2; used.count(id) != 0; ++k) id = ref + "_" + std::to_string(k);
  used.insert(id);
  return id;
}

double area(const std::vector<XY>& p) {
  double a = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const XY& u = p[i];
    const XY& v = p[(i + 1) % p.size()];
    a += u.x * v.y - v.x * u.y;
  }
  return a / 2;
}

bool segments_cross(XY a, XY b, XY c, XY d) {
  auto orient = [](XY p, XY q, XY r) { return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x); };
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

bool self_crossing(const std::vector<XY>& p) {
  const std::size_t n = p.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;
      if (segments_cross(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n])) return true;
    }
  return false;
}

bool inside(const std::vector<XY>& poly, XY q) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const XY& a = poly[i];
    const XY& b = poly[j];
    if ((a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

double distance_to_outline(const std::vector<XY>& poly, XY q) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const XY a = poly[i], b = poly[(i + 1) % poly.size()];
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((q.x - a.x) * dx + (q.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    best = std::min(best, std::hypot(a.x + t * dx - q.x, a.y + t * dy - q.y));
  }
  return best;
}

/// "12", "12 m", "12.5m" → metres.
std::optional<double> metres(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (s.size() > 1 && s.back() == 'm') s.pop_back();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

/// The orientation of the smallest rectangle around `p` whose side lies along an edge [rad].
double orientation(const std::vector<XY>& p) {
  double best_area = std::numeric_limits<double>::infinity(), best = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const XY a = p[i], b = p[(i + 1) % p.size()];
    if (std::hypot(b.x - a.x, b.y - a.y) < 1e-6) continue;
    double th = std::atan2(b.y - a.y, b.x - a.x);
    // Fold into [-45°, 45°): the long side then lies nearer x for most blocks, as the compound writes them.
    while (th >= std::numbers::pi / 4) th -= std::numbers::pi / 2;
    while (th < -std::numbers::pi / 4) th += std::numbers::pi / 2;
    const double c = std::cos(th), s = std::sin(th);
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const XY& q : p) {
      const double u = c * q.x + s * q.y, v = -s * q.x + c * q.y;
      x0 = std::min(x0, u), x1 = std::max(x1, u), y0 = std::min(y0, v), y1 = std::max(y1, v);
    }
    const double a2 = (x1 - x0) * (y1 - y0);
    if (a2 < best_area - 1e-9) {
      best_area = a2;
      best = th;
    }
  }
  return best;
}

std::string service_kind(const Tags& t) {
  const std::string a = tag(t, "amenity"), s = tag(t, "shop");
  if (a == "clinic" || a == "doctors" || a == "hospital" || a == "health_post" || tag(t, "healthcare") == "clinic") return "clinic";
  if (a == "pharmacy") return "pharmacy";
  if (a == "restaurant" || a == "fast_food" || a == "food_court" || a == "canteen" || a == "cafe") return "canteen";
  if (a == "kindergarten" || a == "childcare") return "kindergarten";
  if (a == "school") return "school";
  if (a == "nursing_home") return "elderly_care";
  if (a == "social_facility") {
    const std::string f = tag(t, "social_facility:for");
    return f == "senior" || f == "elderly" ? "elderly_care" : "other";
  }
  if (s == "supermarket" || s == "convenience" || s == "greengrocer" || s == "grocery" || s == "butcher" ||
      s == "bakery" || s == "general" || s == "department_store")
    return "grocery";
  if (!s.empty()) return "other";
  return "";
}

bool residential_type(const std::string& b) {
  for (const char* k : {"apartments", "residential", "dormitory", "house", "detached", "terrace", "semidetached_house"})
    if (b == k) return true;
  return false;
}

double path_width(const std::string& highway) {
  if (highway == "footway" || highway == "path" || highway == "pedestrian" || highway == "steps" || highway == "cycleway") return 2.0;
  if (highway == "living_street" || highway == "service") return 4.0;
  if (highway == "residential" || highway == "unclassified" || highway == "track") return 6.0;
  return 7.0;
}

}  // namespace

ImportedLayout write_layout(const MapData& map, const std::string& name) {
  const SourcePos file{map.source, 0, 0};
  Diagnostics diag;
  ImportedLayout out;
  out.notes = map.notes;

  // The centre of everything, for the projection.
  double lon0 = 1e300, lon1 = -1e300, lat0 = 1e300, lat1 = -1e300;
  auto grow = [&](const LonLat& p) {
    lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon), lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
  };
  for (const MapWay& w : map.buildings)
    for (const LonLat& p : w.points) grow(p);
  for (const MapWay& w : map.areas)
    for (const LonLat& p : w.points) grow(p);
  for (const MapWay& w : map.paths)
    for (const LonLat& p : w.points) grow(p);
  for (const MapPoint& p : map.points) grow(p.at);
  const LonLat centre{(lon0 + lon1) / 2, (lat0 + lat1) / 2};
  const LocalProjection proj(centre);
  auto xy = [&](const LonLat& p) {
    const PlanXY q = proj.forward(p);
    return XY{q.x, q.y};
  };
  auto ring = [&](const std::vector<LonLat>& pts) {
    std::vector<XY> r;
    for (const LonLat& p : pts) {
      const XY q = xy(p);
      if (r.empty() || std::hypot(q.x - r.back().x, q.y - r.back().y) > 1e-3) r.push_back(q);
    }
    if (r.size() > 1 && std::hypot(r.front().x - r.back().x, r.front().y - r.back().y) <= 1e-3) r.pop_back();
    return r;
  };

  // The site: the largest residential area (or boundary), else the file's bounds, else everything + 10 m.
  std::vector<XY> site;
  std::string site_from;
  {
    double best = 0;
    for (const MapWay& w : map.areas) {
      const std::vector<XY> r = ring(w.points);
      const double a = std::fabs(area(r));
      const bool residential = tag(w.tags, "landuse") == "residential";
      if (r.size() >= 3 && (a + (residential ? 1e12 : 0)) > best) {
        best = a + (residential ? 1e12 : 0);
        site = r;
        site_from = w.element + (tag(w.tags, "name").empty() ? "" : " (" + tag(w.tags, "name") + ")");
      }
    }
  }
  bool site_assumed = false;
  if (site.empty() && map.bounds) {
    const XY a = xy(map.bounds->first), b = xy(map.bounds->second);
    site = {{a.x, a.y}, {b.x, a.y}, {b.x, b.y}, {a.x, b.y}};
    site_from = "the file's <bounds>";
  }
  if (site.empty()) {
    const XY a = xy({lon0, lat0}), b = xy({lon1, lat1});
    site = {{a.x - 10, a.y - 10}, {b.x + 10, a.y - 10}, {b.x + 10, b.y + 10}, {a.x - 10, b.y + 10}};
    site_assumed = true;
  }
  if (area(site) < 0) std::reverse(site.begin(), site.end());
  XY origin{1e300, 1e300};
  for (const XY& p : site) origin.x = std::min(origin.x, p.x), origin.y = std::min(origin.y, p.y);
  auto local = [&](XY p) { return XY{p.x - origin.x, p.y - origin.y}; };
  for (XY& p : site) p = local(p);

  std::set<std::string> used_ids;
  std::string body;
  std::string buildings_yaml;
  struct Placed {
    std::string id;
    std::vector<XY> outline;          // site coordinates
    std::vector<int64_t> node_ids;
    const MapWay* way = nullptr;
  };
  std::vector<Placed> placed;
  double residents = 0;
  auto assumed = [&](const std::string& why) {
    ++out.assumed;
    return "  # assumed: " + why;
  };

  for (const MapWay& w : map.buildings) {
    std::vector<XY> outline = ring(w.points);
    for (XY& p : outline) p = local(p);
    const double a = std::fabs(area(outline));
    bool ok = true;
    if (outline.size() < 3 || a < 1.0) {
      diag.error(file, say(kImpTinyFootprint, w.element, a));
      ok = false;
    } else if (self_crossing(outline)) {
      diag.error(file, say(kImpCrossing, w.element));
      ok = false;
    }
    std::optional<int> levels;
    if (const std::string s = tag(w.tags, "building:levels"); !s.empty()) {
      const auto v = metres(s);
      if (!v || *v != std::floor(*v) || *v < 1 || *v > 300) {
        diag.error(file, say(kImpBadLevels, w.element, s));
        ok = false;
      } else {
        levels = static_cast<int>(*v);
      }
    }
    std::optional<double> height;
    if (const std::string s = tag(w.tags, "height"); !s.empty()) {
      const auto v = metres(s);
      if (!v || *v <= 0 || *v > 1000) {
        diag.error(file, say(kImpBadHeight, w.element, s));
        ok = false;
      } else {
        height = *v;
      }
    }
    if (!ok) continue;
    if (area(outline) < 0) std::reverse(outline.begin(), outline.end());

    const std::string type = tag(w.tags, "building");
    const std::string kind = service_kind(w.tags);
    const bool residential = residential_type(type) || (type == "yes" && kind.empty() && a >= 150);
    const bool office = type == "office" || type == "commercial";
    std::string b;
    const std::string id = make_id(tag(w.tags, "ref").empty() ? w.ref : tag(w.tags, "ref"), used_ids);
    b += "  - id: " + id + "  # " + w.element + (tag(w.tags, "name").empty() ? "" : ", " + tag(w.tags, "name")) +
         ", building=" + type + "\n";
    if (!residential) b += std::string("    use: ") + (office ? "office" : "other") + "\n";
    else if (type == "yes") b += "  " + assumed("residential: building=yes with a footprint of 150 m² or more and no amenity or shop") + "\n";

    // Building coordinates: the footprint turned onto its own axes, origin at its south-west corner.
    double th = orientation(outline);
    if (std::fabs(th) * 180 / std::numbers::pi < 0.01) th = 0;  // drawn square to the grid (within map precision)
    const double c = std::cos(th), s = std::sin(th);
    std::vector<XY> own;
    double u0 = 1e300, v0 = 1e300;
    for (const XY& p : outline) {
      own.push_back({c * p.x + s * p.y, -s * p.x + c * p.y});
      u0 = std::min(u0, own.back().x), v0 = std::min(v0, own.back().y);
    }
    for (XY& p : own) p = {p.x - u0, p.y - v0};
    const XY at{c * u0 - s * v0, s * u0 + c * v0};
    b += "    at: " + point(at) + "\n";
    if (th != 0) b += "    rotation_deg: " + fmt::format("{:.3f}", th * 180 / std::numbers::pi) + "\n";
    b += "    footprint: [";
    for (std::size_t i = 0; i < own.size(); ++i) b += (i ? ", " : "") + point(own[i]);
    b += "]  # " + num(a) + " m²\n";

    // Floors and their height.
    int floors = 1;
    std::string floors_note;
    double floor_h = 0;
    if (levels) {
      floors = *levels;
      if (height && *height / floors >= 2.4 && *height / floors <= 6.0) floor_h = *height / floors;
    } else if (height) {
      floors = std::max(1, static_cast<int>(std::lround(*height / kStoreyFromHeight_m)));
      floor_h = *height / floors;
      floors_note = assumed(fmt::format("no building:levels; height {} m at about {} m a storey", num(*height), num(kStoreyFromHeight_m)));
    } else {
      floors = type == "house" || type == "detached" || type == "semidetached_house" || type == "terrace" ? 2
               : residential ? 6 : 1;
      floors_note = assumed("no building:levels or height in the map: " + std::to_string(floors) + (floors == 1 ? " storey" : " storeys") + " for building=" + type);
    }
    b += "    floors: " + std::to_string(floors) + floors_note + "\n";
    if (floor_h > 0)
      b += "    floor_height_m: " + num(floor_h) + "  # height / storeys\n";
    else if (floors > 1)
      b += "    floor_height_m: 2.9" + assumed("the layout default (typical recent blocks; GB 50096-2011 5.5.1 asks >= 2.80 m)") + "\n";
    const double height_m = (floor_h > 0 ? floor_h : 2.9) * floors;

    std::size_t per_floor = 0;
    if (residential) {
      per_floor = static_cast<std::size_t>(std::clamp(std::lround(kFlatShare * a / kFlatArea_m2), 1L, 16L));
      b += "    units: {per_floor: " + std::to_string(per_floor) + ", share: 0.7}" +
           assumed(fmt::format("flats of about {} m² on {} % of the floor", num(kFlatArea_m2), num(kFlatShare * 100))) + "\n";
      if (per_floor > 4) b += "    corridor: {kind: corridor}" + assumed("more than 4 flats a floor: a corridor, not a lobby") + "\n";
      out.flats += per_floor * static_cast<std::size_t>(floors);
      residents += kPersonsPerHousehold * static_cast<double>(per_floor) * floors;
    }
    if (floors > 1) {
      const int stairs = height_m > 54 || a > 650 ? 2 : 1;
      b += "    stairs: " + std::to_string(stairs) +
           assumed(stairs == 2 ? "two stairs: above 54 m or more than 650 m² a floor (GB 50016-2014 5.5.25)"
                               : "one stair: up to 54 m and at most 650 m² a floor (GB 50016-2014 5.5.25)") + "\n";
    }
    if (floors >= 7) {
      const int lifts = floors >= 12 ? 2 : 1;
      const bool fire = residential ? height_m > 33 : height_m > 50;
      b += "    elevators:" +
           assumed(fmt::format("{} lift{}: one from 7 storeys, two from 12 (GB 50096-2011 6.4.1, 6.4.2){}", lifts, lifts > 1 ? "s" : "",
                               fire ? "; a firefighting lift above 33 m (GB 50016-2014 7.3.1)" : "")) + "\n";
      for (int l = 1; l <= lifts; ++l)
        b += "      - {id: L" + std::to_string(l) + (l == 1 && fire ? ", fire_service: true}" : "}") + "\n";
    }

    // Entrances on the outline (OSM: a node of the way; GeoJSON: within 0.5 m of it).
    std::vector<std::pair<const MapPoint*, XY>> entrances;
    for (const MapPoint& p : map.points) {
      if (tag(p.tags, "entrance").empty() && tag(p.tags, "door").empty()) continue;
      const XY q = local(xy(p.at));
      const bool on_way = p.node_id != 0 && std::find(w.node_ids.begin(), w.node_ids.end(), p.node_id) != w.node_ids.end();
      if (on_way || (p.node_id == 0 && distance_to_outline(outline, q) <= 0.5)) {
        bool close = false;
        for (const auto& [e, eq] : entrances)
          if (std::hypot(eq.x - q.x, eq.y - q.y) < 5.0) {
            out.notes.push_back(say(kImpEntranceDropped, w.element, p.element, e->element));
            close = true;
            break;
          }
        if (!close) entrances.emplace_back(&p, q);
      }
    }
    if (entrances.empty()) {
      b += "  " + assumed("no entrance in the map: one exit on the front (the layout default)") + "\n";
    } else {
      b += "    exits:\n";
      int k = 1;
      for (const auto& [e, q] : entrances) {
        const XY o{c * q.x + s * q.y - u0, -s * q.x + c * q.y - v0};
        const auto width = metres(tag(e->tags, "width"));
        b += "      - {id: E" + std::to_string(k++) + ", at: " + point(o) + ", width_m: " +
             (width && *width > 0 && *width <= 100 ? num(*width) + "}  # " + e->element
                                                  : "1.2}  # " + e->element + ";" + assumed("width 1.2 m (the layout default)").substr(1)) + "\n";
      }
    }
    buildings_yaml += b;
    placed.push_back({id, outline, w.node_ids, &w});
  }
  diag.throw_if_errors();
  out.buildings = placed.size();

  // Paths.
  std::string paths_yaml;
  for (const MapWay& w : map.paths) {
    const std::vector<XY> r = [&] {
      std::vector<XY> v;
      for (const LonLat& p : w.points) {
        const XY q = local(xy(p));
        if (v.empty() || std::hypot(q.x - v.back().x, q.y - v.back().y) > 1e-3) v.push_back(q);
      }
      return v;
    }();
    if (r.size() < 2) continue;
    const std::string id = make_id(w.ref, used_ids);
    paths_yaml += "  - {id: " + id + ", points: [";
    for (std::size_t i = 0; i < r.size(); ++i) paths_yaml += (i ? ", " : "") + point(r[i]);
    const auto width = metres(tag(w.tags, "width"));
    const std::string hw = tag(w.tags, "highway");
    if (width && *width > 0 && *width <= 100)
      paths_yaml += "], width_m: " + num(*width) + "}  # " + w.element + ", highway=" + hw + "\n";
    else
      paths_yaml += "], width_m: " + num(path_width(hw)) + "}  # " + w.element + ", highway=" + hw + ";" +
                    assumed("width for highway=" + hw).substr(1) + "\n";
    ++out.paths;
  }

  // Gates, assembly points, services.
  std::string gates_yaml, assembly_yaml, services_yaml;
  std::size_t not_services = 0;
  for (const MapPoint& p : map.points) {
    const XY q = local(xy(p.at));
    const std::string barrier = tag(p.tags, "barrier");
    if (barrier == "gate" || barrier == "entrance" || barrier == "lift_gate" || barrier == "swing_gate" || barrier == "sliding_gate") {
      const auto width = metres(tag(p.tags, "width"));
      gates_yaml += "  - {id: " + make_id(p.ref, used_ids) + ", at: " + point(q) + ", width_m: " +
                    (width && *width > 0 && *width <= 100 ? num(*width) + "}  # " + p.element
                                                         : "4}  # " + p.element + ";" + assumed("width 4 m (the layout default)").substr(1)) + "\n";
      ++out.gates;
    }
    if (tag(p.tags, "emergency") == "assembly_point") {
      const auto cap = metres(tag(p.tags, "capacity"));
      assembly_yaml += "  - {id: " + make_id(p.ref, used_ids) + ", at: " + point(q) + ", capacity_persons: " +
                       (cap && *cap > 0 ? num(*cap) + "}  # " + p.element
                                        : num(std::max(100.0, std::ceil(residents))) + "}  # " + p.element + ";" +
                                              assumed("capacity: every resident").substr(1)) + "\n";
    }
    const std::string kind = service_kind(p.tags);
    if (kind.empty()) {
      if (!tag(p.tags, "amenity").empty()) ++not_services;
      continue;
    }
    std::string where;
    for (const Placed& b : placed)
      if ((p.node_id != 0 && std::find(b.node_ids.begin(), b.node_ids.end(), p.node_id) != b.node_ids.end()) || inside(b.outline, q)) {
        where = "building: " + b.id;
        break;
      }
    if (where.empty()) where = "at: " + point(q);
    services_yaml += "  - {id: " + make_id(p.ref, used_ids) + ", kind: " + kind + ", " + where;
    if (!tag(p.tags, "name").empty()) services_yaml += ", name: " + quoted(tag(p.tags, "name"));
    std::string note = "  # " + p.element + ", " + (tag(p.tags, "amenity").empty() ? "shop=" + tag(p.tags, "shop") : "amenity=" + tag(p.tags, "amenity"));
    const std::string hours = tag(p.tags, "opening_hours");
    if (!hours.empty()) {
      const std::size_t n = hours.size();
      const bool plain = hours == "24/7" || (n == 11 && hours[2] == ':' && hours[5] == '-' && hours[8] == ':');
      const bool trailing = !plain && n > 11 && hours.find_first_of(";,") == std::string::npos && hours[n - 9] == ':' &&
                            hours[n - 6] == '-' && hours[n - 3] == ':' && hours[n - 12] == ' ';
      if (plain) services_yaml += ", opening_hours: " + quoted(hours);
      else if (trailing) {
        services_yaml += ", opening_hours: " + quoted(hours.substr(n - 11));
        note += ";" + assumed("opening_hours '" + hours + "': the days are dropped").substr(1);
      } else {
        note += ";" + assumed("opening_hours '" + hours + "' is not one daily range: open all day").substr(1);
      }
    }
    if (const auto cap = metres(tag(p.tags, "capacity")); cap && *cap > 0) services_yaml += ", capacity_persons: " + num(*cap);
    services_yaml += "}" + note + "\n";
    ++out.services;
  }
  // Buildings tagged as services (a clinic in its own building).
  for (const Placed& b : placed) {
    const std::string kind = service_kind(b.way->tags);
    if (kind.empty()) continue;
    services_yaml += "  - {id: " + make_id("svc_" + b.id, used_ids) + ", kind: " + kind + ", building: " + b.id;
    if (!tag(b.way->tags, "name").empty()) services_yaml += ", name: " + quoted(tag(b.way->tags, "name"));
    services_yaml += "}  # " + b.way->element + "\n";
    ++out.services;
  }
  if (not_services > 0) out.notes.push_back(say(kImpNotService, not_services));

  if (assembly_yaml.empty()) {
    // Nowhere safe in the map: the first gate, else 5 m inside the site's first corner.
    XY at{site[0].x + 5, site[0].y + 5};
    std::string why = "no emergency=assembly_point in the map: 5 m inside the site's south-west corner";
    if (!gates_yaml.empty()) {
      const std::size_t a = gates_yaml.find("at: [") + 5;
      const std::size_t e = gates_yaml.find(']', a);
      const std::string xyz = gates_yaml.substr(a, e - a);
      const std::size_t comma = xyz.find(',');
      at = {std::stod(xyz.substr(0, comma)), std::stod(xyz.substr(comma + 1))};
      why = "no emergency=assembly_point in the map: at the first gate";
    }
    const double cap = std::max(100.0, std::ceil(residents));
    assembly_yaml = "  - {id: assembly, at: " + point(at) + ", capacity_persons: " + num(cap) + ", area_m2: " + num(cap) + "}" +
                    assumed(why + "; room for every resident at 1 m² each") + "\n";
  }

  std::string y;
  y += "# " + name + " — imported by `drilltwin import` from " + map.source + ".\n";
  y += "# Coordinates: metres, x east, y north, from a transverse Mercator centred at lon " +
       fmt::format("{:.7f}", centre.lon) + ", lat " + fmt::format("{:.7f}", centre.lat) + "\n";
  y += "# (" + proj.definition() + "),\n# shifted so that the site's south-west corner is [0, 0]: add [" + num(origin.x) + ", " +
       num(origin.y) + "] to get the projection's metres.\n";
  y += "# Values the map does not give are defaults by building type and height (docs/import.md); each is\n"
       "# marked by a comment that starts 'assumed:' — check them against the drawings.\n# Schema: docs/layout-reference.md.\n";
  y += "name: " + name + "\n";
  y += "description: " + quoted("imported from " + map.source + "; check every '# assumed' value") + "\n\n";
  y += "site:\n  boundary: [";
  for (std::size_t i = 0; i < site.size(); ++i) y += (i ? ", " : "") + point(site[i]);
  y += "]";
  if (site_assumed) y += assumed("no landuse=residential area or bounds in the map: everything + 10 m");
  else y += "  # " + site_from;
  y += "\n\nbuildings:\n" + buildings_yaml;
  if (!paths_yaml.empty()) y += "\npaths:\n" + paths_yaml;
  if (!gates_yaml.empty()) y += "\ngates:\n" + gates_yaml;
  y += "\nassembly_points:\n" + assembly_yaml;
  if (!services_yaml.empty()) y += "\nservices:\n" + services_yaml;
  out.yaml = std::move(y);
  return out;
}

}  // namespace dt::import
