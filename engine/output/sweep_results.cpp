#include "engine/output/sweep_results.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/output/csv_writer.h"
#include "engine/output/report_html.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"

namespace dt {


void write_sweep_outputs(ResultsDb& db, const std::filesystem::path& out_dir) {
  const SweepDescription& sw = db.sweep();
  ReportInput report;
  report.kind = "sweep";
  report.scenario = sw.scenario;
  report.description = sw.description;
  report.version = DRILLTWIN_VERSION;
  report.seed = sw.seed;
  report.replications = sw.replications;
  report.parameters = sw.parameters;

  nlohmann::ordered_json j;
  j["drilltwin_version"] = DRILLTWIN_VERSION;
  j["scenario"] = sw.scenario;
  j["seed"] = sw.seed;
  j["replications"] = sw.replications;
  j["fingerprint"] = sw.fingerprint;
  j["parameters"] = sw.parameters;
  j["points"] = nlohmann::ordered_json::array();

  CsvWriter csv;
  csv.text("point");
  for (const std::string& p : sw.parameters) csv.text(p);
  for (const KpiDefinition& k : sw.kpis)
    for (const char* stat : {".mean", ".ci95_low", ".ci95_high", ".n"}) csv.text(k.name + stat);
  csv.end_row();

  std::vector<std::vector<SampleSummary>> stats;
  for (uint32_t p = 0; p < sw.points.size(); ++p) {
    const PointRecord& point = sw.points[p];
    ReportVariant v;
    v.label = point.label;
    v.settings = point.settings;
    v.kpis = db.point_table(p);
    v.series = db.point_series(p);

    nlohmann::ordered_json pj;
    pj["point"] = p;
    pj["label"] = point.label;
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    for (const auto& [key, value] : point.settings) settings[key] = value;
    pj["settings"] = std::move(settings);
    pj["kpis"] = kpi_statistics_json(v.kpis);
    j["points"].push_back(std::move(pj));

    csv.integer(p);
    for (const auto& [key, value] : point.settings) csv.text(value);
    stats.emplace_back();
    for (std::size_t k = 0; k < sw.kpis.size(); ++k) {
      const SampleSummary s = summarize(v.kpis.column(k));
      stats.back().push_back(s);
      csv.number(s.mean).number(s.ci95_low).number(s.ci95_high).integer(s.n);
    }
    csv.end_row();
    report.variants.push_back(std::move(v));
  }
  db.write_point_stats(stats);
  write_file_atomically(out_dir / "summary.json", j.dump(2) + "\n");
  write_file_atomically(out_dir / "points.csv", csv.str());
  write_file_atomically(out_dir / "report.html", report_html(report));
}

}  // namespace dt
