// engine/jobs/run_job.cpp called in-process: results without files, the files it writes, the
// same numbers as run_replications, cancellation, and no state left behind between calls.
#include "engine/jobs/run_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/runner.h"
#include "tests/support/csv_reader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

ScenarioConfig desk(uint64_t replications) {
  ScenarioConfig sc = load_scenario(DRILLTWIN_SOURCE_DIR "/scenarios/desk_mmc.yaml");
  sc.run.replications = replications;
  return sc;
}

TEST(RunJob, WithoutAnOutputDirectoryItOnlyReturnsResults) {
  const ScenarioConfig sc = desk(4);
  jobs::RunOptions options;
  options.threads = 2;
  const jobs::RunResult r = jobs::run(sc, options);
  EXPECT_EQ(r.status, jobs::JobStatus::Completed);
  EXPECT_EQ(r.completed, 4u);
  EXPECT_EQ(r.threads, 2u);
  ASSERT_EQ(r.kpis.replications(), 4u);
  // The same numbers as the replications run directly.
  const KpiTable direct = run_replications(sc);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto a = r.kpis.row(i), b = direct.row(i);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      if (!std::isnan(a[k]) || !std::isnan(b[k])) EXPECT_EQ(a[k], b[k]) << i << " " << k;
  }
}

TEST(RunJob, CalledTwiceInOneProcessGivesTheSameResults) {
  const ScenarioConfig sc = desk(3);
  const jobs::RunResult a = jobs::run(sc), b = jobs::run(sc);
  ASSERT_EQ(a.kpis.replications(), b.kpis.replications());
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t k = 0; k < a.kpis.row(i).size(); ++k)
      if (!std::isnan(a.kpis.row(i)[k])) EXPECT_EQ(a.kpis.row(i)[k], b.kpis.row(i)[k]);
}

TEST(RunJob, WritesSummaryReplicationsAndReportAndCountsProgress) {
  test::TempDir tmp;
  jobs::RunOptions options;
  options.out_dir = tmp / "o";
  jobs::JobProgress progress;
  options.progress = &progress;
  const jobs::RunResult r = jobs::run(desk(5), options);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  EXPECT_EQ(progress.done.load(), 5u);
  EXPECT_EQ(progress.total.load(), 5u);
  for (const char* f : {"summary.json", "replications.csv", "report.html"})
    EXPECT_TRUE(fs::exists(tmp / (std::string("o/") + f))) << f;
  const auto summary = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"));
  EXPECT_EQ(summary["scenario"], "desk_mmc");
  EXPECT_EQ(summary["replications"], 5);
  EXPECT_TRUE(summary["kpis"].contains("dispatch.response_time_s"));
  const test::CsvRecords csv = test::parse_csv(test::read_file(tmp / "o/replications.csv"));
  ASSERT_EQ(csv.size(), 6u);
  EXPECT_EQ(csv[0][0], "replication");
  EXPECT_EQ(csv[0].size(), r.kpis.kpis().size() + 1);
}

TEST(RunJob, ARaisedCancelFlagStopsTheRunAndWritesNothing) {
  test::TempDir tmp;
  std::atomic<bool> cancel{true};
  jobs::RunOptions options;
  options.out_dir = tmp / "o";
  options.cancel = &cancel;
  const jobs::RunResult r = jobs::run(desk(50), options);
  EXPECT_EQ(r.status, jobs::JobStatus::Interrupted);
  EXPECT_LT(r.completed, 50u);
  EXPECT_FALSE(fs::exists(tmp / "o"));
}

TEST(RunJob, TraceOfAScenarioWithoutPeopleIsAnInputError) {
  jobs::RunOptions options;
  options.trace = TraceOptions{};
  EXPECT_THROW((void)jobs::run(desk(2), options), InputError);
}

}  // namespace
}  // namespace dt
