#include "viewer/access_tint.h"

#include <cmath>
#include <fstream>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/kernel/lang.h"
#include "viewer/input.h"

namespace dtv {

namespace {
DT_PHRASE(kAccessUnreadable, "--access {}: cannot read it as the summary.json of `drilltwin access` ({})",
          "--access {}：无法作为 `drilltwin access` 的 summary.json 读取（{}）");
DT_PHRASE(kAccessUnknownKind, "--access-kind {}: the file has no such kind; it has: {}",
          "--access-kind {}：文件中没有该服务类型；已有：{}");
DT_PHRASE(kAccessLegendTitle, "walk to the nearest {} (worst flat):", "步行到最近的{}（最远住户）：");
DT_PHRASE(kAccessBand5, "≤ 5 min", "≤ 5 分钟");
DT_PHRASE(kAccessBand10, "5–10 min", "5–10 分钟");
DT_PHRASE(kAccessBand15, "10–15 min", "10–15 分钟");
DT_PHRASE(kAccessBandMore, "> 15 min", "> 15 分钟");
DT_PHRASE(kAccessBandNone, "not reachable", "无法到达");

osg::Vec4 hex(unsigned rgb) {
  return {static_cast<float>((rgb >> 16) & 0xFF) / 255.0f, static_cast<float>((rgb >> 8) & 0xFF) / 255.0f,
          static_cast<float>(rgb & 0xFF) / 255.0f, 1.0f};
}
}  // namespace

osg::Vec4 access_band_color(double minutes) {
  // engine/output/access_report.cpp minutes_colour: the same bands as report.html's map.
  if (!std::isfinite(minutes)) return hex(0x9e9e9e);
  if (minutes <= 5) return hex(0x1a9850);
  if (minutes <= 10) return hex(0xa6d96a);
  if (minutes <= 15) return hex(0xfdae61);
  return hex(0xd73027);
}

namespace {
AccessTint read_access_document(const std::string& summary_path, const std::string& kind, const dt::trace::Scene& scene) {
  nlohmann::json j;
  try {
    std::ifstream in(summary_path);
    if (!in) throw std::runtime_error("no such file");
    j = nlohmann::json::parse(in);
    if (!j.is_object() || j.value("command", "") != "access" || !j.contains("kinds") || !j["kinds"].is_array() ||
        j["kinds"].empty())
      throw std::runtime_error("no \"command\": \"access\" with kinds");
  } catch (const std::exception& e) {
    throw UsageError(dt::say(kAccessUnreadable, summary_path, e.what()));
  }
  const nlohmann::json* chosen = nullptr;
  std::string kinds;
  for (const nlohmann::json& k : j["kinds"]) {
    const std::string name = k.value("kind", "");
    kinds += (kinds.empty() ? "" : ", ") + name;
    if (chosen == nullptr && (kind.empty() || name == kind)) chosen = &k;
  }
  if (chosen == nullptr) throw UsageError(dt::say(kAccessUnknownKind, kind, kinds));

  AccessTint t;
  t.kind = chosen->value("kind", "");
  t.roofs.assign(scene.buildings.size(), std::nullopt);
  if (chosen->contains("buildings") && (*chosen)["buildings"].is_array())
    for (const nlohmann::json& b : (*chosen)["buildings"]) {
      const std::string id = b.value("building", "");
      const nlohmann::json& w = b.contains("worst_min") ? b["worst_min"] : nlohmann::json();
      const double minutes = w.is_number() ? w.get<double>() : std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < scene.buildings.size(); ++i)
        if (scene.buildings[i].id == id) t.roofs[i] = access_band_color(minutes);
    }
  const double inf = std::numeric_limits<double>::infinity();
  t.legend = {{dt::say(kAccessLegendTitle, t.kind), osg::Vec4(0, 0, 0, 0)},
              {dt::say(kAccessBand5), access_band_color(5)},
              {dt::say(kAccessBand10), access_band_color(10)},
              {dt::say(kAccessBand15), access_band_color(15)},
              {dt::say(kAccessBandMore), access_band_color(16)},
              {dt::say(kAccessBandNone), access_band_color(inf)}};
  return t;
}
}  // namespace

AccessTint read_access_tint(const std::string& summary_path, const std::string& kind, const dt::trace::Scene& scene) {
  try {
    return read_access_document(summary_path, kind, scene);
  } catch (const nlohmann::json::exception& e) {  // a field of another type than access writes
    throw UsageError(dt::say(kAccessUnreadable, summary_path, e.what()));
  }
}

}  // namespace dtv
