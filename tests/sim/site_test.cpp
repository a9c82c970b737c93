// engine/sim/site.cpp: the site (network, evacuation network, travel model) is built once per run
// and shared read-only; every name the scenario refers to is resolved there and reported at the
// position the reader stored.
#include "engine/sim/site.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/people/evacuation.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"

namespace dt {
namespace {

const std::string kSource = DRILLTWIN_SOURCE_DIR;

TEST(Site, EvacuationRoutesAndDrillAllUseTheOneGeneratedNetwork) {
  const PreparedScenario p = prepare_scenario(kSource + "/scenarios/tower_smoke_stair.yaml");
  const Site& site = *p.site;
  ASSERT_TRUE(site.network && site.evacuation_network && site.emergency && site.layout);
  // The routes are prepared on the generated graph itself, not on a copy of it.
  EXPECT_EQ(&site.evacuation_network->graph(), &site.network->graph);
  // The hazards see the same network object.
  EXPECT_EQ(site.emergency->site.get(), site.network.get());
  // The config as read holds no network; the bound copy does.
  EXPECT_EQ(p.config.emergency->site, nullptr);
}

TEST(Site, DispatchTravelModelIsBuiltOnTheSitesNetwork) {
  const PreparedScenario p = prepare_scenario(kSource + "/scenarios/workorders_day.yaml");
  const Site& site = *p.site;
  ASSERT_TRUE(site.network && site.travel && site.dispatch);
  EXPECT_EQ(&site.travel->network(), site.network.get());
  EXPECT_EQ(site.dispatch->travel.get(), site.travel.get());
  EXPECT_EQ(p.config.dispatch->travel, nullptr) << "the reader builds no travel model";
  EXPECT_TRUE(p.config.dispatch->staff.empty()) << "the reader keeps the roster; the site expands it";
  EXPECT_FALSE(site.dispatch->staff.empty());
}

TEST(Site, ReplicationsOnOneSiteMatchTheConvenienceThatBuildsItsOwn) {
  ScenarioConfig sc = load_scenario(kSource + "/scenarios/tower_smoke_stair.yaml");
  sc.run.replications = 3;
  sc.run.threads = 2;
  const Site site = build_site(sc);
  const KpiTable shared = run_replications(site, sc);
  const KpiTable own = run_replications(sc);
  ASSERT_EQ(shared.kpis().size(), own.kpis().size());
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t k = 0; k < shared.kpis().size(); ++k) {
      const double a = shared.row(r)[k], b = own.row(r)[k];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << shared.kpis()[k].name;
    }
}

TEST(Site, ReaderKeepsNamesAndTheSiteReportsAnUnknownOneAtItsStoredPosition) {
  const std::string file = kSource + "/tests/malformed_drills/unknown_sensor.yaml";
  const ScenarioConfig sc = load_scenario(file);  // reading alone succeeds: nothing is resolved yet
  ASSERT_TRUE(sc.emergency);
  try {
    (void)build_site(sc);
    FAIL() << "an unknown sensor must not bind";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].pos.str(), file + ":8:28");
    EXPECT_NE(e.diagnostics()[0].message.find("unknown sensor 'smoke_detector@T/S1/F3' in 'drill.1.fail_sensor'"),
              std::string::npos)
        << e.diagnostics()[0].message;
  }
}

TEST(Site, UnknownEvacuationBuildingIsReportedAtTheBuildingsKey) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "drilltwin_site_test";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "unknown_building.yaml").string();
  {
    std::ofstream out(file);
    out << "name: s\nrun: {replications: 1}\nlayout: !include " << kSource
        << "/assets/verification/two_stair_tower.yaml\nevacuation:\n  buildings: [Q]\n";
  }
  // The layout is in the source tree, outside the temporary folder: allowed explicitly.
  const ScenarioConfig sc = load_scenario(file, {}, IncludeRules::outside_allowed(true));
  try {
    (void)build_site(sc);
    FAIL() << "an unknown building must not bind";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].pos.str(), file + ":5:14");
    EXPECT_NE(e.diagnostics()[0].message.find("unknown building 'Q' in 'evacuation.buildings'"), std::string::npos);
  }
}

TEST(Site, LayoutErrorIsReportedOnceAndNothingIsBoundAgainstABrokenNetwork) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "drilltwin_site_test";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "narrow_exit_scenario.yaml").string();
  {
    std::ofstream out(file);
    out << "name: s\nrun: {replications: 1}\nlayout: !include " << kSource
        << "/tests/malformed_layouts/narrow_exit.yaml\nevacuation:\n  buildings: [nope]\n"
           "drill:\n  - {at: 0 s, start_fire: nowhere}\n";
  }
  const ScenarioConfig sc = load_scenario(file, {}, IncludeRules::outside_allowed(true));
  try {
    (void)prepare_scenario(sc);
    FAIL() << "a layout error must stop the run";
  } catch (const InputError& e) {
    const auto& d = e.diagnostics();
    const auto narrow = std::count_if(d.begin(), d.end(), [](const Diagnostic& x) {
      return x.message.find("exit 'E1' in building 'B1' is 0.8 m wide") != std::string::npos;
    });
    EXPECT_EQ(narrow, 1) << e.what();
    // The names are not resolved against a network that failed its checks.
    for (const Diagnostic& x : d) EXPECT_EQ(x.message.find("unknown"), std::string::npos) << x.str();
  }
}

}  // namespace
}  // namespace dt
