// engine/jobs/sweep_job.cpp called in-process: a whole sweep, shards that end Partial, resume,
// and refusal of an existing results.sqlite without resume.
#include "engine/jobs/sweep_job.h"
#include "engine/scenario/scenario_loader.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

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

// Issue 13 item 3: a resume used the file's replication count and silently rewrote the stored one.
TEST(SweepJob, ResumeKeepsTheStoredReplicationCountAndNeverShrinksIt) {
  test::TempDir tmp;
  jobs::SweepOptions options;
  options.out_dir = tmp / "o";
  options.replications = 3;
  options.shard = Shard{1, 2};
  options.shard_text = "1/2";
  ASSERT_EQ(jobs::sweep(staffing(2), options).status, jobs::JobStatus::Partial);

  options.resume = true;
  options.shard = Shard{};
  options.shard_text.clear();
  options.replications = 2;  // fewer than stored
  const jobs::SweepResult shrink = jobs::sweep(staffing(2), options);
  EXPECT_EQ(shrink.status, jobs::JobStatus::Refused);
  EXPECT_NE(shrink.message.find("cannot shrink it to 2"), std::string::npos) << shrink.message;

  options.replications.reset();  // no -r: the stored 3, not the plan's 2
  const jobs::SweepResult resumed = jobs::sweep(staffing(2), options);
  ASSERT_EQ(resumed.status, jobs::JobStatus::Completed) << resumed.message;
  EXPECT_EQ(resumed.replications, 3u);
  EXPECT_EQ(resumed.done, 36u);
}

TEST(SweepJob, TheResumeCommandCarriesEveryFlagThatShapedTheSweep) {
  SweepDescription d;
  d.source_file = "scenarios/staffing sweep.yaml";
  d.overrides = {"incidents.service_time.max=5 h", "dispatch.strategy=fifo", "name=it's"};
  d.replications = 20000;
  EXPECT_EQ(jobs::resume_command(d, "out dir", "3/8"),
            "drilltwin sweep 'scenarios/staffing sweep.yaml' --set 'incidents.service_time.max=5 h' "
            "--set dispatch.strategy=fifo --set 'name=it'\\''s' --replications 20000 --shard 3/8 --resume "
            "--out 'out dir'");
}

// A --drill-add step comes back as --drill-add, in its place among the overrides.
TEST(SweepJob, TheResumeCommandGivesDrillStepsBackAsDrillAdd) {
  SweepDescription d;
  d.source_file = "scenarios/night_sweep.yaml";
  d.overrides = {drill_add_override("{at: 10 min, close: C3/S1}"), "drill.fire.at=1 min"};
  d.replications = 20;
  EXPECT_EQ(jobs::resume_command(d, "o", ""),
            "drilltwin sweep scenarios/night_sweep.yaml --drill-add '{at: 10 min, close: C3/S1}' "
            "--set 'drill.fire.at=1 min' --replications 20 --resume --out o");
}

// Issue 13 item 1: a failure to write results.sqlite inside the sweep ended the process with
// "terminate called without an active exception" (exit 134). Here another connection holds the
// write lock for longer than the sweep waits (10 s).
TEST(SweepJob, ALockedDatabaseEndsTheSweepAsFailedWithItsWorkKept) {
  test::TempDir tmp;
  jobs::SweepOptions options;
  options.out_dir = tmp / "o";
  options.replications = 2;
  options.shard = Shard{1, 2};
  options.shard_text = "1/2";
  ASSERT_EQ(jobs::sweep(staffing(2), options).status, jobs::JobStatus::Partial);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((tmp / "o/results.sqlite").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr), SQLITE_OK);
  options.resume = true;
  options.shard = Shard{};
  options.shard_text.clear();
  const jobs::SweepResult r = jobs::sweep(staffing(2), options);
  sqlite3_exec(other, "ROLLBACK;", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(r.status, jobs::JobStatus::Failed);
  EXPECT_NE(r.message.find("locked"), std::string::npos) << r.message;
  // Nothing was lost: the shard's 12 replications are there, and a resume finishes the sweep.
  const jobs::SweepResult again = jobs::sweep(staffing(2), options);
  ASSERT_EQ(again.status, jobs::JobStatus::Completed) << again.message;
  EXPECT_EQ(again.done, 24u);
}

}  // namespace
}  // namespace dt
