// `drilltwin run --trace` on the real executable: trace.bin appears beside the other files, is the
// same byte for byte for 1 and 2 threads, tracing leaves every KPI as it was, and the flags are
// checked (exit status 2 for a replication that is not run or a scenario without people).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/output/trace.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_drilltwin;

std::string without_threads(const std::string& summary) {
  nlohmann::json j = nlohmann::json::parse(summary);
  j.erase("threads");
  return j.dump();
}

TEST(RunTrace, WritesTheSameTraceForAnyThreadCountAndLeavesTheKpisAlone) {
  test::TempDir tmp;
  const std::string scenario = "scenarios/tower_day.yaml";
  const auto one = run_drilltwin({"run", scenario, "-r", "3", "--threads", "1", "--trace", "--trace-replication", "2",
                                  "--trace-interval", "2", "--out", tmp / "one", "-q"});
  ASSERT_EQ(one.exit_status, 0) << one.err;
  const auto two = run_drilltwin({"run", scenario, "-r", "3", "--threads", "2", "--trace", "--trace-replication", "2",
                                  "--trace-interval", "2", "--out", tmp / "two", "-q"});
  ASSERT_EQ(two.exit_status, 0) << two.err;
  const auto plain = run_drilltwin({"run", scenario, "-r", "3", "--threads", "2", "--out", tmp / "plain", "-q"});
  ASSERT_EQ(plain.exit_status, 0) << plain.err;

  ASSERT_TRUE(fs::exists(tmp / "one/trace.bin"));
  EXPECT_FALSE(fs::exists(tmp / "plain/trace.bin"));
  EXPECT_EQ(read_file(tmp / "one/trace.bin"), read_file(tmp / "two/trace.bin"));
  EXPECT_EQ(read_file(tmp / "one/replications.csv"), read_file(tmp / "plain/replications.csv"));
  EXPECT_EQ(without_threads(read_file(tmp / "one/summary.json")), without_threads(read_file(tmp / "plain/summary.json")));

  trace::TraceReader r(tmp / "one/trace.bin");
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.meta().scenario, "tower_day");
  EXPECT_EQ(r.meta().replication, 2u);
  EXPECT_DOUBLE_EQ(r.meta().frame_interval_s, 2.0);
  EXPECT_GT(r.frame_count(), 10u);
}

TEST(RunTrace, RefusesWhatItCannotTrace) {
  test::TempDir tmp;
  const auto beyond = run_drilltwin({"run", "scenarios/tower_day.yaml", "-r", "2", "--trace", "--trace-replication", "2",
                                     "--out", tmp / "a", "-q"});
  EXPECT_EQ(beyond.exit_status, 2);
  EXPECT_NE(beyond.err.find("--trace-replication"), std::string::npos) << beyond.err;
  EXPECT_FALSE(fs::exists(tmp / "a"));
  const auto desk = run_drilltwin({"run", "scenarios/mm1_benchmark.yaml", "--trace", "--out", tmp / "b", "-q"});
  EXPECT_EQ(desk.exit_status, 2);
  EXPECT_NE(desk.err.find("evacuation"), std::string::npos) << desk.err;
  EXPECT_FALSE(fs::exists(tmp / "b"));
  const auto no_flag = run_drilltwin({"run", "scenarios/tower_day.yaml", "--trace-interval", "2", "--out", tmp / "c"});
  EXPECT_EQ(no_flag.exit_status, 2);  // --trace-interval needs --trace
  const auto zero = run_drilltwin({"run", "scenarios/tower_day.yaml", "--trace", "--trace-interval", "0", "--out", tmp / "d"});
  EXPECT_EQ(zero.exit_status, 2);
}

}  // namespace
}  // namespace dt
