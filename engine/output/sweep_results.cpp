#include "engine/output/sweep_results.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/kernel/statistics.h"
#include "engine/output/csv_writer.h"
#include "engine/output/report_html.h"
#include "engine/output/staged_dir.h"
#include "engine/output/summary.h"

namespace dt {

namespace {

// points.csv numbers: the shortest form that reads back to the same double, as JSON writes it
// (integral values keep ".0"); an undefined value is an empty field.
std::string csv_number(double x) {
  if (!std::isfinite(x)) return {};
  return nlohmann::json(x).dump();
}

}  // namespace

std::vector<std::string> write_sweep_outputs(ResultsDb& db, const std::filesystem::path& out_dir, const std::string& command) {
  const SweepDescription& sw = db.sweep();
  ReportInput report;
  report.kind = "sweep";
  report.scenario = sw.scenario;
  report.description = sw.description;
  report.version = DRILLTWIN_VERSION;
  report.seed = sw.seed;
  report.replications = sw.replications;
  report.parameters = sw.parameters;
  report.targets = sw.targets;
  for (uint32_t p = 0; p < sw.points.size(); ++p)
    report.variants.push_back({sw.points[p].label, sw.points[p].settings, db.point_table(p), db.point_series(p)});

  Summary summary;
  summary.version = DRILLTWIN_VERSION;
  summary.scenario = sw.scenario;
  summary.seed = sw.seed;
  summary.replications = sw.replications;
  summary.fingerprint = sw.fingerprint;
  summary.parameters = sw.parameters;
  summary.targets = sw.targets;

  CsvWriter csv;
  csv.field("point");
  for (const std::string& p : sw.parameters) csv.field(p);
  for (const KpiDefinition& k : sw.kpis)
    for (const char* stat : {".mean", ".ci95_low", ".ci95_high", ".n"}) csv.field(k.name + stat);
  csv.end_row();

  std::vector<std::vector<SampleSummary>> stats;
  for (uint32_t p = 0; p < sw.points.size(); ++p) {
    const ReportVariant& v = report.variants[p];
    summary.points.push_back({v.label, v.settings, &v.kpis});
    csv.field(std::to_string(p));
    for (const auto& setting : v.settings) csv.field(setting.second);
    stats.emplace_back();
    for (std::size_t k = 0; k < sw.kpis.size(); ++k) {
      const SampleSummary s = v.kpis.summary(k);
      stats.back().push_back(s);
      csv.field(csv_number(s.mean)).field(csv_number(s.ci95_low)).field(csv_number(s.ci95_high)).field(std::to_string(s.n));
    }
    csv.end_row();
  }
  db.write_point_stats(stats);
  StagedDirectory out(out_dir, OutputRun{command, sw.scenario, sw.seed, sw.replications, sw.fingerprint});
  out.write("summary.json", summary_json(summary));
  out.write("points.csv", csv.str());
  out.write("report.html", report_html(report));
  out.keep("results.sqlite");
  out.commit();
  return summary_headline(summary).lines;
}

}  // namespace dt
