#include "engine/output/access_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernel/lang.h"
#include "engine/output/readable.h"
#include "engine/output/svg_chart.h"

namespace dt {

namespace {
DT_PHRASE(kAccessTitle, "15-minute service circle — {}", "15分钟生活圈 — {}");
DT_PHRASE(kAccessIntro,
          "Walking time on the network from each of the {} households to the nearest service of each kind, for "
          "each group at its own speed. Buildings on the maps are coloured by the worst flat of the {} group.",
          "沿步行网络计算 {} 户中每户到各类最近服务设施的步行时间，各人群按各自步速计。图中楼栋按{}人群最远一户的时间着色。");
DT_PHRASE(kAccessAtTime, "Only services open at {} are counted.", "只计入 {} 营业的服务设施。");
DT_PHRASE(kAccessKindLine, "{}: {} of households within 5 min, {} within 10 min, {} within 15 min ({} group); worst: {} ({})",
          "{}：{} 的住户 5 分钟内可达，{} 10 分钟内，{} 15 分钟内（{}人群）；最差：{}（{}）");
DT_PHRASE(kAccessKindNone, "{}: no service of this kind is open then; no household is served",
          "{}：此时没有该类服务设施营业，没有住户被覆盖");
DT_PHRASE(kAccessWhatIfAdd, "What-if, a {} added: best at {} — {} of households within {} min (now {})",
          "假设新增一处{}：最佳位置 {} — {} 的住户 {} 分钟内可达（现为 {}）");
DT_PHRASE(kAccessWhatIfMove, "What-if, {} ({}) moved: best at {} — {} of households within {} min (now {})",
          "假设迁移 {}（{}）：最佳位置 {} — {} 的住户 {} 分钟内可达（现为 {}）");
DT_PHRASE(kAccessUnreachable, "unreachable", "不可达");
DT_PHRASE(kAccessColGroup, "group", "人群");
DT_PHRASE(kAccessColSpeed, "level / stairs speed", "平地 / 楼梯步速");
DT_PHRASE(kAccessColWithin, "within {} min", "{} 分钟内");
DT_PHRASE(kAccessColMean, "mean", "平均");
DT_PHRASE(kAccessColMax, "worst", "最差");
DT_PHRASE(kAccessColBuilding, "building", "楼栋");
DT_PHRASE(kAccessColHouseholds, "households", "户数");
DT_PHRASE(kAccessColCandidate, "candidate", "候选位置");
DT_PHRASE(kAccessServices, "Services counted: {}", "计入的服务设施：{}");
DT_PHRASE(kAccessWorstBuildings, "Worst-served buildings ({} group)", "覆盖最差的楼栋（{}人群）");
DT_PHRASE(kAccessWhatIfTitle, "What-if: {}", "假设分析：{}");
DT_PHRASE(kAccessBaseline, "now", "现状");
DT_PHRASE(kAccessBest, "best", "最佳");
DT_PHRASE(kAccessLegend, "worst flat of the building, minutes on foot", "楼栋最远一户的步行分钟数");
DT_PHRASE(kGroupAdult, "adult", "成年人");
DT_PHRASE(kGroupElderly, "60+", "60岁以上老人");
DT_PHRASE(kGroupChild, "child", "儿童");
DT_PHRASE(kGroupNeedsAssistance, "needs assistance", "行动不便需协助者");
DT_PHRASE(kKindClinic, "clinic", "卫生服务站");
DT_PHRASE(kKindPharmacy, "pharmacy", "药店");
DT_PHRASE(kKindCanteen, "canteen", "社区食堂");
DT_PHRASE(kKindGrocery, "grocery", "生鲜超市");
DT_PHRASE(kKindElderlyCare, "elderly-care station", "养老服务站");
DT_PHRASE(kKindKindergarten, "kindergarten", "幼儿园");
DT_PHRASE(kKindSchool, "school", "学校");
DT_PHRASE(kKindOther, "other service", "其他服务设施");

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string group_words(const std::string& g) {
  if (g == "adult") return say(kGroupAdult);
  if (g == "elderly") return say(kGroupElderly);
  if (g == "child") return say(kGroupChild);
  if (g == "needs_assistance") return say(kGroupNeedsAssistance);
  return g;
}

std::string kind_words(const std::string& k) {
  const std::pair<const char*, const Phrase*> table[] = {
      {"clinic", &kKindClinic},       {"pharmacy", &kKindPharmacy},         {"canteen", &kKindCanteen},
      {"grocery", &kKindGrocery},     {"elderly_care", &kKindElderlyCare}, {"kindergarten", &kKindKindergarten},
      {"school", &kKindSchool},       {"other", &kKindOther}};
  for (const auto& [name, phrase] : table)
    if (k == name) return say(*phrase);
  return k;
}

std::string minutes_text(double m) {
  if (!std::isfinite(m)) return say(kAccessUnreachable);
  return duration_words(m * 60.0);
}

nlohmann::json finite_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

std::string clock_of(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

/// Fill colour for `m` minutes: green within 5, yellow within 10, amber within 15, red beyond,
/// grey when unreachable.
const char* minutes_colour(double m) {
  if (!std::isfinite(m)) return "#9e9e9e";
  if (m <= 5) return "#1a9850";
  if (m <= 10) return "#a6d96a";
  if (m <= 15) return "#fdae61";
  return "#d73027";
}

std::string map_svg(const AccessReport& r, const AccessKindResult& k) {
  double x0 = kInf, y0 = kInf, x1 = -kInf, y1 = -kInf;
  auto grow = [&](const PlanPoint& p) {
    x0 = std::min(x0, p.first);
    y0 = std::min(y0, p.second);
    x1 = std::max(x1, p.first);
    y1 = std::max(y1, p.second);
  };
  for (const PlanPoint& p : r.site) grow(p);
  for (const auto& b : r.buildings)
    for (const PlanPoint& p : b.outline) grow(p);
  for (const auto& l : r.paths)
    for (const PlanPoint& p : l) grow(p);
  for (const auto& s : r.services) grow(s.at);
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  const double width = 640, margin = 10;
  const double scale = (width - 2 * margin) / std::max(x1 - x0, y1 - y0);
  const double height = (y1 - y0) * scale + 2 * margin;
  auto X = [&](double x) { return margin + (x - x0) * scale; };
  auto Y = [&](double y) { return height - margin - (y - y0) * scale; };  // north up
  auto points = [&](const std::vector<PlanPoint>& pts) {
    std::string s;
    for (const PlanPoint& p : pts) s += fmt::format("{:.1f},{:.1f} ", X(p.first), Y(p.second));
    return s;
  };
  std::string svg = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{:.0f}" height="{:.0f}" role="img">)",
                                width, height);
  if (!r.site.empty()) svg += fmt::format(R"(<polygon points="{}" fill="#f7f7f2" stroke="#888"/>)", points(r.site));
  for (const auto& l : r.paths)
    svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="#cccccc" stroke-width="3"/>)", points(l));
  for (const auto& b : r.buildings) {
    double worst = kInf;
    bool has_flats = false;
    for (const AccessBuildingRow& row : k.buildings)
      if (row.building == b.id) {
        worst = row.worst_min;
        has_flats = true;
      }
    const std::string fill = has_flats ? minutes_colour(worst) : "#ffffff";
    svg += fmt::format(R"(<polygon points="{}" fill="{}" stroke="#333"><title>{} {}</title></polygon>)", points(b.outline),
                       fill, xml_escape(b.id), has_flats ? xml_escape(minutes_text(worst)) : "");
  }
  for (const auto& s : r.services) {
    if (s.kind != k.kind) continue;
    const bool counted = std::find(k.services.begin(), k.services.end(), s.id) != k.services.end();
    svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="6" fill="{}" stroke="#000"><title>{}</title></circle>)",
                       X(s.at.first), Y(s.at.second), counted ? "#2c7bb6" : "#ffffff",
                       xml_escape(s.id + (s.name.empty() ? "" : " " + s.name)));
  }
  svg += "</svg>";
  return svg;
}

}  // namespace

std::string access_summary_json(const AccessReport& r) {
  nlohmann::ordered_json j;
  j["command"] = "access";
  j["layout"] = r.layout;
  j["source_file"] = r.source_file;
  j["households"] = r.households;
  j["reference_group"] = r.reference_group;
  j["open_at"] = r.at_minute < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(clock_of(r.at_minute));
  j["circles_min"] = kAccessCircles_min;
  j["headline"] = access_headline(r);
  nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
  for (const AccessKindResult& k : r.kinds) {
    nlohmann::ordered_json kj;
    kj["kind"] = k.kind;
    kj["services"] = k.services;
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const AccessGroupResult& g : k.groups) {
      nlohmann::ordered_json gj;
      gj["group"] = g.group;
      gj["level_speed_mps"] = g.level_mps;
      gj["stairs_speed_mps"] = g.stairs_mps;
      gj["share_within"] = g.share_within;
      gj["mean_min"] = finite_or_null(g.mean_min);
      gj["max_min"] = finite_or_null(g.max_min);
      gj["unreachable"] = g.unreachable;
      groups.push_back(gj);
    }
    kj["groups"] = groups;
    nlohmann::ordered_json bj = nlohmann::ordered_json::array();
    for (const AccessBuildingRow& b : k.buildings)
      bj.push_back({{"building", b.building}, {"households", b.households}, {"mean_min", finite_or_null(b.mean_min)},
                    {"worst_min", finite_or_null(b.worst_min)}});
    kj["buildings"] = bj;
    kinds.push_back(kj);
  }
  j["kinds"] = kinds;
  nlohmann::ordered_json what_ifs = nlohmann::ordered_json::array();
  for (const AccessWhatIf& w : r.what_ifs) {
    nlohmann::ordered_json wj;
    wj["kind"] = w.kind;
    wj["action"] = w.moved.empty() ? "add" : "move";
    wj["moved"] = w.moved.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(w.moved);
    wj["circle_min"] = w.circle_min;
    wj["baseline"] = {{"share_within", w.baseline_share}, {"mean_min", finite_or_null(w.baseline_mean_min)}};
    nlohmann::ordered_json cj = nlohmann::ordered_json::array();
    for (const AccessCandidate& c : w.candidates)
      cj.push_back({{"label", c.label}, {"at", {c.at.first, c.at.second}}, {"share_within", c.share_within},
                    {"mean_min", finite_or_null(c.mean_min)}});
    wj["candidates"] = cj;
    wj["best"] = w.candidates.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(w.candidates[w.best].label);
    what_ifs.push_back(wj);
  }
  j["what_ifs"] = what_ifs;
  return j.dump(2) + "\n";
}

std::vector<std::string> access_headline(const AccessReport& r) {
  std::vector<std::string> lines;
  for (const AccessKindResult& k : r.kinds) {
    const AccessGroupResult* g = nullptr;
    for (const AccessGroupResult& x : k.groups)
      if (x.group == r.reference_group) g = &x;
    if (g == nullptr) continue;
    if (k.services.empty()) {
      lines.push_back(say(kAccessKindNone, kind_words(k.kind)));
      continue;
    }
    const std::string worst = k.buildings.empty() ? "-" : k.buildings.front().building;
    const double worst_min = k.buildings.empty() ? 0.0 : k.buildings.front().worst_min;
    lines.push_back(say(kAccessKindLine, kind_words(k.kind), percent_text(g->share_within[0]),
                        percent_text(g->share_within[1]), percent_text(g->share_within[2]), group_words(g->group), worst,
                        minutes_text(worst_min)));
  }
  for (const AccessWhatIf& w : r.what_ifs) {
    if (w.candidates.empty()) continue;
    const AccessCandidate& b = w.candidates[w.best];
    const std::string circle = plain_number(w.circle_min);
    if (w.moved.empty())
      lines.push_back(say(kAccessWhatIfAdd, kind_words(w.kind), b.label, percent_text(b.share_within), circle,
                          percent_text(w.baseline_share)));
    else
      lines.push_back(say(kAccessWhatIfMove, w.moved, kind_words(w.kind), b.label, percent_text(b.share_within), circle,
                          percent_text(w.baseline_share)));
  }
  return lines;
}

std::string access_report_html(const AccessReport& r) {
  std::string h;
  const std::string title = say(kAccessTitle, r.layout);
  h += "<!DOCTYPE html>\n<html lang=\"" + std::string(lang() == Lang::ZhCN ? "zh-CN" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>" + xml_escape(title) + "</title>\n";
  h += "<style>body{font-family:sans-serif;max-width:960px;margin:1em auto;padding:0 1em;color:#222}"
       "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
       "td:first-child,th:first-child{text-align:left}.best{font-weight:bold}.legend span{display:inline-block;"
       "width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}</style>\n</head>\n<body>\n";
  h += "<h1>" + xml_escape(title) + "</h1>\n";
  h += "<p>" + xml_escape(say(kAccessIntro, r.households, group_words(r.reference_group))) + "</p>\n";
  if (r.at_minute >= 0) h += "<p>" + xml_escape(say(kAccessAtTime, clock_of(r.at_minute))) + "</p>\n";
  h += "<ul>\n";
  for (const std::string& line : access_headline(r)) h += "<li>" + xml_escape(line) + "</li>\n";
  h += "</ul>\n";
  h += "<p class=\"legend\">" + xml_escape(say(kAccessLegend)) + ":<span style=\"background:#1a9850\"></span>≤ 5"
       "<span style=\"background:#a6d96a\"></span>≤ 10<span style=\"background:#fdae61\"></span>≤ 15"
       "<span style=\"background:#d73027\"></span>&gt; 15<span style=\"background:#9e9e9e\"></span>" +
       xml_escape(say(kAccessUnreachable)) + "</p>\n";
  for (const AccessKindResult& k : r.kinds) {
    h += "<h2>" + xml_escape(kind_words(k.kind)) + "</h2>\n";
    std::string ids;
    for (const std::string& s : k.services) ids += (ids.empty() ? "" : ", ") + s;
    h += "<p>" + xml_escape(say(kAccessServices, ids.empty() ? "-" : ids)) + "</p>\n";
    h += map_svg(r, k) + "\n";
    h += "<table><tr><th>" + xml_escape(say(kAccessColGroup)) + "</th><th>" + xml_escape(say(kAccessColSpeed)) + "</th>";
    for (double c : kAccessCircles_min) h += "<th>" + xml_escape(say(kAccessColWithin, plain_number(c))) + "</th>";
    h += "<th>" + xml_escape(say(kAccessColMean)) + "</th><th>" + xml_escape(say(kAccessColMax)) + "</th></tr>\n";
    for (const AccessGroupResult& g : k.groups) {
      h += "<tr><td>" + xml_escape(group_words(g.group)) + "</td><td>" +
           fmt::format("{:.2f} / {:.2f} m/s", g.level_mps, g.stairs_mps) + "</td>";
      for (double s : g.share_within) h += "<td>" + xml_escape(percent_text(s)) + "</td>";
      h += "<td>" + xml_escape(minutes_text(g.mean_min)) + "</td><td>" + xml_escape(minutes_text(g.max_min)) + "</td></tr>\n";
    }
    h += "</table>\n<h3>" + xml_escape(say(kAccessWorstBuildings, group_words(r.reference_group))) + "</h3>\n";
    h += "<table><tr><th>" + xml_escape(say(kAccessColBuilding)) + "</th><th>" + xml_escape(say(kAccessColHouseholds)) +
         "</th><th>" + xml_escape(say(kAccessColMean)) + "</th><th>" + xml_escape(say(kAccessColMax)) + "</th></tr>\n";
    for (std::size_t i = 0; i < k.buildings.size() && i < 10; ++i) {
      const AccessBuildingRow& b = k.buildings[i];
      h += "<tr><td>" + xml_escape(b.building) + "</td><td>" + std::to_string(b.households) + "</td><td>" +
           xml_escape(minutes_text(b.mean_min)) + "</td><td>" + xml_escape(minutes_text(b.worst_min)) + "</td></tr>\n";
    }
    h += "</table>\n";
  }
  for (const AccessWhatIf& w : r.what_ifs) {
    h += "<h2>" + xml_escape(say(kAccessWhatIfTitle, kind_words(w.kind) + (w.moved.empty() ? "" : " (" + w.moved + ")"))) +
         "</h2>\n<table><tr><th>" + xml_escape(say(kAccessColCandidate)) + "</th><th>" +
         xml_escape(say(kAccessColWithin, plain_number(w.circle_min))) + "</th><th>" + xml_escape(say(kAccessColMean)) +
         "</th></tr>\n";
    h += "<tr><td>" + xml_escape(say(kAccessBaseline)) + "</td><td>" + xml_escape(percent_text(w.baseline_share)) +
         "</td><td>" + xml_escape(minutes_text(w.baseline_mean_min)) + "</td></tr>\n";
    for (std::size_t i = 0; i < w.candidates.size(); ++i) {
      const AccessCandidate& c = w.candidates[i];
      const bool best = i == w.best;
      h += std::string(best ? "<tr class=\"best\">" : "<tr>") + "<td>" + xml_escape(c.label) +
           (best ? " (" + xml_escape(say(kAccessBest)) + ")" : "") + "</td><td>" + xml_escape(percent_text(c.share_within)) +
           "</td><td>" + xml_escape(minutes_text(c.mean_min)) + "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace dt
