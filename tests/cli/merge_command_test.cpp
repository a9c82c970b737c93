// `drilltwin merge` on the real executable: joins shards (the numbers are checked against one
// process in sweep_command_test.cpp), refuses results of different sweeps and missing inputs.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

TEST(MergeCommand, RefusesShardsOfDifferentSweeps) {
  test::TempDir tmp;
  const std::string file = "scenarios/staffing_sweep.yaml";
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "4", "--shard", "1/2", "--out", tmp / "a"}).exit_status, 0);
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "4", "--shard", "2/2", "--set", "run.seed=9", "--out", tmp / "b"})
                .exit_status,
            0);
  const auto r = run_drilltwin({"merge", tmp / "a", tmp / "b", "--out", tmp / "m"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("another sweep"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "m"));
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "5", "--shard", "2/2", "--out", tmp / "c"}).exit_status, 0);
  EXPECT_EQ(run_drilltwin({"merge", tmp / "a", tmp / "c", "--out", tmp / "m"}).exit_status, 2) << "other replication count";
}

TEST(MergeCommand, NeedsResultsInEveryDirectory) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"merge", tmp / "nothing", "--out", tmp / "m"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("has no results.sqlite"), std::string::npos) << r.err;
  EXPECT_EQ(run_drilltwin({"merge", tmp / "nothing"}).exit_status, 2) << "--out is required";
}

TEST(MergeCommand, MergesIntoOneOfTheShards) {
  test::TempDir tmp;
  const std::string file = "scenarios/staffing_sweep.yaml";
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "4", "--shard", "1/2", "--out", tmp / "a"}).exit_status, 0);
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "4", "--shard", "2/2", "--out", tmp / "b"}).exit_status, 0);
  const auto r = run_drilltwin({"merge", tmp / "a", tmp / "b", "--out", tmp / "a"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(fs::exists(tmp / "a/report.html"));
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "4", "--out", tmp / "one"}).exit_status, 0);
  EXPECT_EQ(test::read_file(tmp / "a/summary.json"), test::read_file(tmp / "one/summary.json"));
}

}  // namespace
}  // namespace dt
