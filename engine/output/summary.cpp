#include "engine/output/summary.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/kernel/statistics.h"
#include "engine/output/bottleneck.h"
#include "engine/output/headline.h"
#include "engine/output/kpi_targets.h"
#include "engine/output/run_results.h"

namespace dt {

namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

// {KPI: {"n","mean","ci95_low","ci95_high","significant"}}: the paired difference of every KPI of
// the baseline that `variant` also has.
Json differences(const KpiTable& baseline, const KpiTable& variant) {
  Json diffs = Json::object();
  for (std::size_t k = 0; k < baseline.kpis().size(); ++k) {
    const std::size_t kv = variant.find(baseline.kpis()[k].name);
    if (kv == KpiTable::npos) continue;
    const PairedDifference d = paired_difference(baseline.column(k), variant.column(kv));
    diffs[baseline.kpis()[k].name] = {{"n", d.n},
                                      {"mean", number_or_null(d.mean)},
                                      {"ci95_low", number_or_null(d.ci95_low)},
                                      {"ci95_high", number_or_null(d.ci95_high)},
                                      {"significant", d.significant}};
  }
  return diffs;
}

}  // namespace

Headline summary_headline(const Summary& s) {
  if (s.vary) {
    std::vector<HeadlineVariant> variants;
    for (const SummaryVariant& v : s.variants) variants.push_back({v.label, v.kpis});
    return compare_headline(*s.vary, variants, s.targets);
  }
  if (s.fingerprint) {
    std::vector<HeadlineVariant> points;
    for (const SummaryPoint& p : s.points) points.push_back({p.label, p.kpis});
    return sweep_headline(points, s.targets);
  }
  return s.kpis != nullptr ? run_headline(*s.kpis, s.targets, s.series) : Headline{};
}

std::string summary_json(const Summary& s) {
  Json j;
  j["drilltwin_version"] = s.version;
  j["scenario"] = s.scenario;
  j["seed"] = s.seed;
  j["replications"] = s.replications;
  if (s.threads) j["threads"] = *s.threads;
  if (s.kpis != nullptr) {
    j["kpis"] = kpi_statistics_json(*s.kpis);
    if (!s.vary && !s.targets.empty()) j["targets"] = targets_json(*s.kpis, s.targets);
    if (const BottleneckAnalysis b = analyse_bottlenecks(*s.kpis); !s.vary && !b.empty()) j["bottleneck"] = bottleneck_json(b);
  }
  if (s.vary) {
    j["vary"] = *s.vary;
    Json variants = Json::array();
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
      const KpiTable& table = *s.variants[v].kpis;
      Json e;
      e["label"] = s.variants[v].label;
      e["kpis"] = kpi_statistics_json(table);
      e["difference_to_first"] = v == 0 ? Json::object() : differences(*s.variants.front().kpis, table);
      e["targets"] = targets_json(table, s.targets);
      variants.push_back(std::move(e));
    }
    j["variants"] = std::move(variants);
  }
  if (s.fingerprint) {
    j["fingerprint"] = *s.fingerprint;
    j["parameters"] = s.parameters;
    Json points = Json::array();
    for (std::size_t p = 0; p < s.points.size(); ++p) {
      Json e;
      e["point"] = p;
      e["label"] = s.points[p].label;
      Json settings = Json::object();
      for (const auto& [key, value] : s.points[p].settings) settings[key] = value;
      e["settings"] = std::move(settings);
      e["kpis"] = kpi_statistics_json(*s.points[p].kpis);
      if (!s.targets.empty()) e["targets"] = targets_json(*s.points[p].kpis, s.targets);
      points.push_back(std::move(e));
    }
    j["points"] = std::move(points);
  }
  j["headline"] = summary_headline(s).json;
  return j.dump(2) + "\n";
}

}  // namespace dt
