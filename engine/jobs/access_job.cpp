#include "engine/jobs/access_job.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/suggest.h"
#include "engine/output/staged_dir.h"
#include "engine/world/layout_checks.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kAccessUnknownGroup, "unknown group '{}'{}; choose one of: {}", "未知的人群 '{}'{}；可选：{}");
DT_PHRASE(kAccessUnknownKind, "unknown service kind '{}'{}; choose one of: {}", "未知的服务设施类型 '{}'{}；可选：{}");
DT_PHRASE(kAccessUnknownService, "unknown service '{}'{}; the layout has: {}", "未知的服务设施 '{}'{}；布局中有：{}");
DT_PHRASE(kAccessNoServices, "the layout has no services", "布局中没有服务设施");
DT_PHRASE(kAccessDidYouMean, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kAccessNoOutdoor, "the network has no outdoor node to join a service at a point to",
          "网络中没有室外节点，无法连接按位置给出的服务设施");

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string suggestion(const std::string& word, const std::vector<std::string>& names) {
  const auto guess = closest_match(word, names);
  return guess ? say(kAccessDidYouMean, *guess) : std::string();
}

double middle(double lo, double hi) { return 0.5 * (lo + hi); }

/// The households: every flat node, with its building's index.
struct Household {
  NodeId node;
  std::size_t building = 0;
};

struct Spread {
  std::array<double, 3> share{};
  double share_circle = 0;  // within the what-if's circle
  double mean_min = 0, max_min = 0;
  std::size_t unreachable = 0;
};

Spread spread(const std::vector<Household>& households, const std::vector<double>& time_s, double circle_min = 15) {
  Spread s;
  double sum = 0;
  std::size_t reached = 0;
  for (const Household& h : households) {
    const double t = time_s[h.node.index()];
    if (!(t < kInf)) {
      ++s.unreachable;
      continue;
    }
    const double m = t / 60.0;
    ++reached;
    sum += m;
    s.max_min = std::max(s.max_min, m);
    for (std::size_t c = 0; c < kAccessCircles_min.size(); ++c)
      if (m <= kAccessCircles_min[c]) s.share[c] += 1;
    if (m <= circle_min) s.share_circle += 1;
  }
  const double n = households.empty() ? 1.0 : static_cast<double>(households.size());
  for (double& v : s.share) v /= n;
  s.share_circle /= n;
  s.mean_min = reached > 0 ? sum / static_cast<double>(reached) : kInf;
  if (s.unreachable > 0) s.max_min = kInf;
  return s;
}

}  // namespace

std::vector<AccessGroup> access_groups(const PopulationConfig& population, bool use_lifts) {
  const char* names[kResidentClassCount] = {"adult", "elderly", "child", "needs_assistance"};
  std::vector<AccessGroup> out;
  for (std::size_t c = 0; c < kResidentClassCount; ++c) {
    const auto& f = population.speeds[c][0];
    const auto& m = population.speeds[c][1];
    AccessGroup g;
    g.name = names[c];
    g.speeds.level_mps = 0.5 * (middle(f.level_min_mps, f.level_max_mps) + middle(m.level_min_mps, m.level_max_mps));
    g.speeds.stairs_mps = 0.5 * (middle(f.down_min_mps, f.down_max_mps) + middle(m.down_min_mps, m.down_max_mps));
    g.speeds.use_lifts = use_lifts;
    out.push_back(g);
  }
  // The scenario's own groups (evacuation.population.groups) walk at the means of their speed
  // distributions; one named like a class takes that class's place.
  for (const PopulationGroup& pg : population.groups) {
    AccessGroup g;
    g.name = pg.name;
    g.speeds.level_mps = pg.speed_level.mean();
    g.speeds.stairs_mps = pg.speed_down.mean();
    g.speeds.use_lifts = use_lifts;
    auto same = std::find_if(out.begin(), out.end(), [&](const AccessGroup& x) { return x.name == g.name; });
    if (same != out.end()) *same = g;
    else out.push_back(g);
  }
  return out;
}

AccessReport access(const LayoutConfig& layout, const PopulationConfig& population, const AccessOptions& options) {
  const SourcePos flag_pos{"--group", 0, 0};
  const std::vector<AccessGroup> groups = access_groups(population, options.use_lifts);
  std::vector<std::string> group_names;
  for (const AccessGroup& g : groups) group_names.push_back(g.name);
  const auto ref_it = std::find(group_names.begin(), group_names.end(), options.reference_group);
  if (ref_it == group_names.end())
    throw InputError(flag_pos, say(kAccessUnknownGroup, options.reference_group,
                                   suggestion(options.reference_group, group_names), joined(group_names)));
  const std::size_t ref = static_cast<std::size_t>(ref_it - group_names.begin());
  if (layout.services.empty()) throw InputError(layout.pos.file.empty() ? SourcePos{layout.source_file, 0, 0} : layout.pos, say(kAccessNoServices));

  Diagnostics diag;
  const Network net = build_network(layout, diag);

  AccessReport report;
  report.layout = layout.name;
  report.source_file = layout.source_file;
  report.reference_group = options.reference_group;
  report.at_minute = options.at_minute;

  std::vector<Household> households;
  for (std::size_t b = 0; b < net.buildings.size(); ++b)
    for (const NodeId u : net.buildings[b].units) households.push_back({u, b});
  report.households = households.size();

  // Where each service joins the network.
  std::vector<std::vector<ServiceEntry>> entries(layout.services.size());
  for (std::size_t s = 0; s < layout.services.size(); ++s) {
    entries[s] = service_entries(layout, net, layout.services[s]);
    if (entries[s].empty()) throw InputError(layout.services[s].pos, say(kAccessNoOutdoor));
  }
  auto open = [&](const ServiceConfig& s) { return options.at_minute < 0 || s.open_at(options.at_minute); };

  ShortestPaths sp;
  std::vector<double> time_s;
  for (std::size_t k = 0; k < kServiceKindCount; ++k) {
    const auto kind = static_cast<ServiceKind>(k);
    std::vector<ServiceEntry> sources;
    AccessKindResult kr;
    kr.kind = std::string(to_string(kind));
    bool any = false;
    for (std::size_t s = 0; s < layout.services.size(); ++s) {
      if (layout.services[s].kind != kind) continue;
      any = true;
      if (!open(layout.services[s])) continue;
      kr.services.push_back(layout.services[s].id);
      sources.insert(sources.end(), entries[s].begin(), entries[s].end());
    }
    if (!any) continue;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      access_times(layout, net, sources, groups[g].speeds, sp, time_s);
      const Spread sp_g = spread(households, time_s);
      AccessGroupResult r;
      r.group = groups[g].name;
      r.level_mps = groups[g].speeds.level_mps;
      r.stairs_mps = groups[g].speeds.stairs_mps;
      r.share_within = sp_g.share;
      r.mean_min = sp_g.mean_min;
      r.max_min = sp_g.max_min;
      r.unreachable = sp_g.unreachable;
      kr.groups.push_back(r);
      if (g != ref) continue;
      for (std::size_t b = 0; b < net.buildings.size(); ++b) {
        if (net.buildings[b].units.empty()) continue;
        AccessBuildingRow row;
        row.building = layout.buildings[b].id;
        double sum = 0;
        for (const NodeId u : net.buildings[b].units) {
          const double m = time_s[u.index()] / 60.0;
          sum += m;
          row.worst_min = std::max(row.worst_min, m);
        }
        row.households = net.buildings[b].units.size();
        row.mean_min = sum / static_cast<double>(row.households);
        kr.buildings.push_back(row);
      }
      std::stable_sort(kr.buildings.begin(), kr.buildings.end(), [](const AccessBuildingRow& a, const AccessBuildingRow& b) {
        return a.worst_min != b.worst_min ? a.worst_min > b.worst_min : a.mean_min > b.mean_min;
      });
    }
    report.kinds.push_back(std::move(kr));
  }

  if (options.what_if) {
    const AccessWhatIfRequest& w = *options.what_if;
    AccessWhatIf out;
    out.circle_min = w.circle_min;
    std::size_t moved = layout.services.size();
    if (!w.move.empty()) {
      std::vector<std::string> ids;
      for (std::size_t s = 0; s < layout.services.size(); ++s) {
        ids.push_back(layout.services[s].id);
        if (layout.services[s].id == w.move) moved = s;
      }
      if (moved == layout.services.size())
        throw InputError(w.pos, say(kAccessUnknownService, w.move, suggestion(w.move, ids), joined(ids)));
      out.moved = w.move;
      out.kind = std::string(to_string(layout.services[moved].kind));
    } else {
      const auto& names = service_kind_names();
      if (std::find(names.begin(), names.end(), w.kind) == names.end())
        throw InputError(w.pos, say(kAccessUnknownKind, w.kind, suggestion(w.kind, names), joined(names)));
      out.kind = w.kind;
    }
    std::vector<ServiceEntry> base;
    for (std::size_t s = 0; s < layout.services.size(); ++s)
      if (s != moved && std::string(to_string(layout.services[s].kind)) == out.kind && open(layout.services[s]))
        base.insert(base.end(), entries[s].begin(), entries[s].end());
    {
      std::vector<ServiceEntry> baseline = base;
      if (moved < layout.services.size() && open(layout.services[moved]))
        baseline.insert(baseline.end(), entries[moved].begin(), entries[moved].end());
      access_times(layout, net, baseline, groups[ref].speeds, sp, time_s);
      const Spread s0 = spread(households, time_s, w.circle_min);
      out.baseline_share = s0.share_circle;
      out.baseline_mean_min = s0.mean_min;
    }
    for (const auto& [label, point] : w.candidates) {
      ServiceConfig probe;
      probe.at = point;
      std::vector<ServiceEntry> trial = base;
      // A moved service keeps its opening hours (closed then: it serves nobody wherever it stands).
      if (moved == layout.services.size() || open(layout.services[moved])) {
        const std::vector<ServiceEntry> e = service_entries(layout, net, probe);
        trial.insert(trial.end(), e.begin(), e.end());
      }
      access_times(layout, net, trial, groups[ref].speeds, sp, time_s);
      const Spread s = spread(households, time_s, w.circle_min);
      out.candidates.push_back({{point.x, point.y}, label, s.share_circle, s.mean_min});
    }
    for (std::size_t i = 1; i < out.candidates.size(); ++i) {
      const AccessCandidate& c = out.candidates[i];
      const AccessCandidate& b = out.candidates[out.best];
      if (c.share_within > b.share_within || (c.share_within == b.share_within && c.mean_min < b.mean_min)) out.best = i;
    }
    report.what_ifs.push_back(std::move(out));
  }

  // The map.
  for (const Vec2& p : layout.site_boundary) report.site.push_back({p.x, p.y});
  for (const SitePathConfig& p : layout.paths) {
    std::vector<PlanPoint> line;
    for (const Vec2& q : p.points) line.push_back({q.x, q.y});
    report.paths.push_back(std::move(line));
  }
  for (const BuildingConfig& b : layout.buildings) {
    AccessMapBuilding mb;
    mb.id = b.id;
    for (const Vec2& q : b.footprint) {
      const Vec2 s = b.to_site(q);
      mb.outline.push_back({s.x, s.y});
    }
    report.buildings.push_back(std::move(mb));
  }
  for (const ServiceConfig& s : layout.services) {
    AccessMapService ms{s.id, std::string(to_string(s.kind)), s.name, {}};
    if (s.at) {
      ms.at = {s.at->x, s.at->y};
    } else {
      for (const AccessMapBuilding& mb : report.buildings)
        if (mb.id == s.building) {
          for (const PlanPoint& q : mb.outline) {
            ms.at.first += q.first / static_cast<double>(mb.outline.size());
            ms.at.second += q.second / static_cast<double>(mb.outline.size());
          }
        }
    }
    report.services.push_back(std::move(ms));
  }

  if (!options.out_dir.empty()) {
    StagedDirectory dir(options.out_dir, OutputRun{"access", layout.name, 0, 0, ""});
    dir.write("summary.json", access_summary_json(report));
    dir.write("report.html", access_report_html(report));
    dir.commit();
  }
  return report;
}

}  // namespace dt::jobs
