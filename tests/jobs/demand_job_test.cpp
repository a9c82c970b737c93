// engine/jobs/demand_job.cpp called in-process: the scenario fit-demand writes is a scenario the
// loader reads, with each type's fitted hourly rates and service time; forecast scores a held-out
// week; the files appear only when everything succeeded.
#include "engine/jobs/demand_job.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/kernel/civil_date.h"
#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_loader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
const std::string kScenario = DRILLTWIN_SOURCE_DIR "/scenarios/workorders_day.yaml";

std::string write_history(const test::TempDir& tmp, const PreparedScenario& p, uint32_t days, double shape = 0) {
  SynthesisOptions s;
  s.first_day = days_from_civil(2026, 11, 2);
  s.days = days;
  s.seed = 3;
  s.day_gamma_shape = shape;
  const std::string path = tmp / "orders.csv";
  std::ofstream(path) << jobs::synthetic_history_csv(p, s, {1, 1, 1, 1, 1, 1, 1}, {"SYNTHETIC"});
  return path;
}

TEST(DemandJob, TheFittedScenarioLoadsWithTheFittedRatesAndServiceTimes) {
  const PreparedScenario p = prepare_scenario(kScenario);
  test::TempDir tmp;
  jobs::DemandJobOptions o;
  o.history_path = write_history(tmp, p, 28);
  o.out_dir = tmp / "fit";
  const YamlNode doc = load_yaml_file(kScenario);
  const jobs::FitDemandResult r = jobs::fit_demand_job(p, doc, o);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  for (const char* f : {"summary.json", "report.html", "rates_by_hour.csv", "place_shares.csv", "fitted_scenario.yaml"})
    EXPECT_TRUE(fs::exists(tmp / ("fit/" + std::string(f)))) << f;

  const ScenarioConfig fitted = load_scenario(tmp / "fit/fitted_scenario.yaml");
  ASSERT_TRUE(fitted.dispatch.has_value());
  const DispatchConfig& d = *fitted.dispatch;
  ASSERT_EQ(d.types.size(), r.history.types.size());
  for (std::size_t t = 0; t < d.types.size(); ++t) {
    if (r.fit.type_count[t] == 0) continue;
    for (std::size_t h = 0; h < 24; ++h)
      EXPECT_NEAR(d.types[t].arrivals.rate_per_h[h], r.fit.model.rate_per_h[t][h],
                  1e-5 * (1 + r.fit.model.rate_per_h[t][h]))
          << d.types[t].name << " " << h;
    const ServiceFit& s = r.fit.service[t];
    if (s.fitted()) {
      EXPECT_NEAR(d.types[t].service_time.mean(), s.candidates[s.chosen].dist.mean(), 1.0) << d.types[t].name;
    }
  }
  // Everything else is the scenario as written.
  const ScenarioConfig original = load_scenario(kScenario);
  EXPECT_EQ(fitted.run.seed, original.run.seed);
  EXPECT_EQ(d.roster.size(), original.dispatch->roster.size());

  // --weekday: the rates of that weekday, a · f[weekday].
  o.weekday = 5;
  o.out_dir = tmp / "saturday";
  const jobs::FitDemandResult sat = jobs::fit_demand_job(p, doc, o);
  const ScenarioConfig saturday = load_scenario(tmp / "saturday/fitted_scenario.yaml");
  for (std::size_t t = 0; t < d.types.size(); ++t)
    if (sat.fit.type_count[t] > 0) {
      EXPECT_NEAR(saturday.dispatch->types[t].arrivals.rate_per_h[12],
                  sat.fit.model.rate_per_h[t][12] * sat.fit.model.weekday_factor[5], 1e-5);
    }

  const nlohmann::json j = nlohmann::json::parse(std::ifstream(tmp / "fit/summary.json"));
  EXPECT_EQ(j["command"], "fit-demand");
  EXPECT_EQ(j["fit"]["days"], 28);
  EXPECT_FALSE(j["fit"]["dispersion"]["overdispersed"].get<bool>());
}

TEST(DemandJob, ForecastScoresTheHeldOutWeekAndForecastsTheNext) {
  const PreparedScenario p = prepare_scenario(kScenario);
  test::TempDir tmp;
  jobs::DemandJobOptions o;
  o.history_path = write_history(tmp, p, 35);
  o.out_dir = tmp / "fc";
  const jobs::ForecastResult r = jobs::forecast_job(p, o);
  EXPECT_EQ(r.training.days, 28u);
  EXPECT_EQ(r.held_out.days, 7u);
  EXPECT_EQ(r.next.first_day, days_from_civil(2026, 11, 2) + 35);
  EXPECT_GT(r.accuracy.coverage, 0.93);
  // At hour of day over the whole site a week holds ≈ 15 orders a cell: 1 − WAPE of a good forecast
  // is near the Poisson ceiling 1 − E|N − μ|/μ ≈ 1 − 0.8 √(1/15) ≈ 0.8.
  EXPECT_GT(r.accuracy.accuracy_hour, 0.6);
  EXPECT_TRUE(fs::exists(tmp / "fc/forecast.csv"));
  EXPECT_TRUE(fs::exists(tmp / "fc/report.html"));

  // A history no longer than the held-out days: an input error, nothing written.
  test::TempDir tmp2;
  jobs::DemandJobOptions short_o;
  short_o.history_path = write_history(tmp2, p, 10);
  short_o.out_dir = tmp2 / "fc";
  EXPECT_THROW((void)jobs::forecast_job(p, short_o), InputError);
  EXPECT_FALSE(fs::exists(tmp2 / "fc"));
}

TEST(DemandJob, AScenarioWithoutIncidentTypesOnALayoutIsRefused) {
  const PreparedScenario p = prepare_scenario(DRILLTWIN_SOURCE_DIR "/scenarios/desk_mmc.yaml");
  jobs::DemandJobOptions o;
  o.history_path = DRILLTWIN_SOURCE_DIR "/tests/malformed_histories/header_only.csv";
  EXPECT_THROW((void)jobs::forecast_job(p, o), InputError);
}

}  // namespace
}  // namespace dt
