// engine/jobs/sweep_job.cpp called in-process: a whole sweep, shards that end Partial, resume,
// and refusal of an existing results.sqlite without resume.
#include "engine/jobs/sweep_job.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/csv_reader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

SweepPlan staffing(uint64_t replications) {
  SweepPlan plan = load_sweep(DRILLTWIN_SOURCE_DIR "/scenarios/staffing_sweep.yaml");
  plan.base.run.replications = replications;
  return plan;
}

TEST(SweepJob, RunsEveryPointAndWritesItsFiles) {
  test::TempDir tmp;
  jobs::SweepOptions options;
  options.out_dir = tmp / "o";
  options.threads = 2;
  std::size_t started_with = 0;
  options.on_start = [&](const jobs::SweepStart& s) { started_with = s.pending; };
  const jobs::SweepResult r = jobs::sweep(staffing(2), options);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed) << r.message;
  EXPECT_EQ(started_with, 24u);
  EXPECT_EQ(r.total, 24u);
  EXPECT_EQ(r.done, 24u);
  for (const char* f : {"results.sqlite", "summary.json", "points.csv", "report.html"})
    EXPECT_TRUE(fs::exists(tmp / (std::string("o/") + f))) << f;
  const test::CsvRecords points = test::parse_csv(test::read_file(tmp / "o/points.csv"));
  ASSERT_EQ(points.size(), 13u);
  for (const auto& row : points) EXPECT_EQ(row.size(), points[0].size());
}

TEST(SweepJob, ShardsArePartialUntilTheLastAndAnExistingDatabaseNeedsResume) {
  test::TempDir tmp;
  jobs::SweepOptions options;
  options.out_dir = tmp / "o";
  options.shard = Shard{1, 2};
  options.shard_text = "1/2";
  const jobs::SweepResult first = jobs::sweep(staffing(2), options);
  ASSERT_EQ(first.status, jobs::JobStatus::Partial) << first.message;
  EXPECT_EQ(first.done, 12u);
  EXPECT_FALSE(fs::exists(tmp / "o/summary.json"));

  options.shard = Shard{2, 2};
  options.shard_text = "2/2";
  EXPECT_EQ(jobs::sweep(staffing(2), options).status, jobs::JobStatus::Refused);  // no --resume
  options.resume = true;
  const jobs::SweepResult second = jobs::sweep(staffing(2), options);
  ASSERT_EQ(second.status, jobs::JobStatus::Completed) << second.message;
  EXPECT_EQ(second.done, 24u);
  EXPECT_TRUE(fs::exists(tmp / "o/summary.json"));
}

}  // namespace
}  // namespace dt
