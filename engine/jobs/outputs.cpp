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

}  // namespace dt::jobs
