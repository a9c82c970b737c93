#include "engine/jobs/outputs.h"

namespace dt::jobs {

Summary summary_header(const ScenarioConfig& scenario) {
  Summary s;
  s.version = DRILLTWIN_VERSION;
  s.scenario = scenario.name;
  s.seed = scenario.run.seed;
  s.replications = scenario.run.replications;
  return s;
}

ReportInput report_header(std::string kind, const ScenarioConfig& scenario) {
  ReportInput r;
  r.kind = std::move(kind);
  r.scenario = scenario.name;
  r.description = scenario.description;
  r.version = DRILLTWIN_VERSION;
  r.seed = scenario.run.seed;
  r.replications = scenario.run.replications;
  return r;
}

OutputRun output_run(std::string command, const ScenarioConfig& scenario) {
  return OutputRun{std::move(command), scenario.name, scenario.run.seed, scenario.run.replications, {}};
}

KpiTarget kpi_target(const KpiGoal& g) {
  KpiTarget t{g.kpi, g.at_least ? KpiTarget::Sense::AtLeast : KpiTarget::Sense::AtMost, g.value};
  switch (g.on) {
    case GoalStatistic::Mean: t.on = KpiTarget::On::Mean; break;
    case GoalStatistic::P50: t.on = KpiTarget::On::P50; break;
    case GoalStatistic::P90: t.on = KpiTarget::On::P90; break;
    case GoalStatistic::P95: t.on = KpiTarget::On::P95; break;
    case GoalStatistic::Min: t.on = KpiTarget::On::Min; break;
    case GoalStatistic::Max: t.on = KpiTarget::On::Max; break;
  }
  t.confident = g.confident;
  return t;
}

}  // namespace dt::jobs
