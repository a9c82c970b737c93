// `drilltwin sweep` on the real executable: results.sqlite as work completes, the same KPI values
// after SIGKILL + --resume, after Ctrl-C + --resume, as shards + merge and under `mpirun -np 2` as
// in one uninterrupted process; bad input exits 2 before anything is written.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "engine/output/results_db.h"
#include "tests/support/process.h"

extern char** environ;

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

// Four points of an M/M/c queue of 40,000 customers each (a few ms per replication): long enough
// to be stopped part-way, short enough for a test.
std::string write_slow_sweep(const test::TempDir& tmp, int replications) {
  const std::string path = tmp / "slow_sweep.yaml";
  std::ofstream(path) << "name: slow_sweep\n"
                         "run: {replications: " << replications << ", seed: 11, max_incidents: 40000}\n"
                         "incidents:\n"
                         "  arrivals: {rate_per_hour: 3240}\n"
                         "  service_time: {dist: exponential, mean: 1 s}\n"
                         "staff: {count: 1}\n"
                         "sweep:\n"
                         "  grid:\n"
                         "    staff.count: [1, 2]\n"
                         "    incidents.service_time.mean: [0.8 s, 1 s]\n";
  return path;
}

// Every KPI value of every (point, replication), in order, as raw bits.
std::vector<std::vector<double>> all_values(const std::string& dir) {
  const ResultsDb db = ResultsDb::open(fs::path(dir) / "results.sqlite");
  std::vector<std::vector<double>> out;
  for (uint32_t p = 0; p < db.sweep().points.size(); ++p) {
    const KpiTable t = db.point_table(p);
    for (std::size_t r = 0; r < t.replications(); ++r) out.emplace_back(t.row(r).begin(), t.row(r).end());
  }
  return out;
}

void expect_same_results(const std::string& a, const std::string& b) {
  const auto va = all_values(a), vb = all_values(b);
  ASSERT_EQ(va.size(), vb.size());
  for (std::size_t i = 0; i < va.size(); ++i) {
    ASSERT_EQ(va[i].size(), vb[i].size());
    EXPECT_EQ(std::memcmp(va[i].data(), vb[i].data(), va[i].size() * sizeof(double)), 0) << "row " << i;
  }
  for (const char* f : {"summary.json", "points.csv", "report.html"})
    EXPECT_EQ(test::read_file(a + "/" + f), test::read_file(b + "/" + f)) << f << " of " << a << " and " << b;
}

int64_t query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

pid_t spawn_drilltwin(const std::vector<std::string>& args) {
  std::vector<std::string> full(args.size() + 1);
  full[0] = DRILLTWIN_BINARY;
  std::copy(args.begin(), args.end(), full.begin() + 1);
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&fa, DRILLTWIN_SOURCE_DIR);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, DRILLTWIN_BINARY, &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

// Waits until the sweep has committed some replications, then sends `sig`. Returns the wait status.
int stop_part_way(pid_t pid, const std::string& db_path, int sig) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(db_path) && query(db_path, "SELECT count(*) FROM replications") > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(SweepCommand, WritesResultsSummaryPointsAndReport) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "-r", "8", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  for (const char* f : {"results.sqlite", "summary.json", "points.csv", "report.html"})
    EXPECT_TRUE(fs::exists(tmp / (std::string("o/") + f))) << f;
  const std::string db = tmp / "o/results.sqlite";
  EXPECT_EQ(query(db, "SELECT count(*) FROM points"), 12);
  EXPECT_EQ(query(db, "SELECT count(*) FROM replications WHERE status = 'done'"), 96);
  EXPECT_EQ(query(db, "SELECT count(*) FROM kpi_values"), 96 * query(db, "SELECT count(*) FROM kpis"));
  EXPECT_EQ(query(db, "SELECT count(*) FROM point_stats"), 12 * query(db, "SELECT count(*) FROM kpis"));
  EXPECT_EQ(query(db, "SELECT count(*) FROM point_settings WHERE parameter = 'staff.count' AND value = '5'"), 3);
  // The swept values as numbers: staff counts as written, "45 min" as 45 × 60 = 2700 s.
  EXPECT_EQ(query(db, "SELECT count(*) FROM point_values WHERE parameter = 'staff.count' AND number = 5 AND unit = ''"), 3);
  EXPECT_EQ(query(db, "SELECT count(*) FROM point_values WHERE parameter = 'incidents.service_time.mean' AND "
                      "number = 2700 AND unit = 's'"),
            4);
  EXPECT_EQ(query(db, "SELECT count(*) FROM point_values WHERE typeof(number) = 'real'"), 24);
  // …and as columns of the results view, beside its first four: one row per replication and KPI.
  EXPECT_EQ(query(db, "SELECT count(*) FROM results WHERE \"staff.count\" = 5 AND \"incidents.service_time.mean\" = 3600 "
                      "AND point = 'staff.count=5, incidents.service_time.mean=60 min' AND replication = 7 AND "
                      "kpi = 'dispatch.within_30min_fraction' AND typeof(value) = 'real'"),
            1);
  const std::string report = test::read_file(tmp / "o/report.html");
  EXPECT_NE(report.find("data-chart=\"sweep:dispatch.within_30min_fraction\""), std::string::npos);
  // Common random numbers: every point saw the same incidents in replication 0.
  EXPECT_EQ(query(db, "SELECT count(DISTINCT value) FROM kpi_values WHERE replication = 0 AND kpi = 0"), 1);
  // More staff, shorter waits (same service time, 45 min: points 1, 4, 7, 10).
  const std::string summary = test::read_file(tmp / "o/summary.json");
  EXPECT_NE(summary.find("\"label\": \"staff.count=5, incidents.service_time.mean=60 min\""), std::string::npos);
}

TEST(SweepCommand, ResumeAfterSigkillGivesTheSameNumbers) {
  test::TempDir tmp;
  const std::string file = write_slow_sweep(tmp, 150);
  ASSERT_EQ(run_drilltwin({"sweep", file, "--out", tmp / "whole"}).exit_status, 0);

  const std::string db = tmp / "killed/results.sqlite";
  const int status = stop_part_way(spawn_drilltwin({"sweep", file, "--out", tmp / "killed"}), db, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  const int64_t kept = query(db, "SELECT count(*) FROM replications");
  ASSERT_GT(kept, 0);
  ASSERT_LT(kept, 600) << "the sweep finished before it could be killed";
  EXPECT_FALSE(fs::exists(tmp / "killed/summary.json"));

  const auto again = run_drilltwin({"sweep", file, "--out", tmp / "killed"});
  EXPECT_EQ(again.exit_status, 2) << "an existing sweep is not overwritten without --resume";
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;

  const auto resumed = run_drilltwin({"sweep", file, "--resume", "--out", tmp / "killed", "--threads", "1"});
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  // Finished replications were not run again: they still belong to the first run.
  EXPECT_EQ(query(db, "SELECT count(*) FROM replications WHERE run = 1"), kept);
  EXPECT_EQ(query(db, "SELECT count(*) FROM replications WHERE run = 2"), 600 - kept);
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE status = 'completed'"), 1);
  expect_same_results(tmp / "whole", tmp / "killed");
}

TEST(SweepCommand, CtrlCCommitsWhatIsDoneAndResumes) {
  test::TempDir tmp;
  const std::string file = write_slow_sweep(tmp, 150);
  const std::string db = tmp / "o/results.sqlite";
  const int status = stop_part_way(spawn_drilltwin({"sweep", file, "--out", tmp / "o"}), db, SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << "stopped cleanly, not killed";
  EXPECT_EQ(WEXITSTATUS(status), 1);
  const int64_t kept = query(db, "SELECT count(*) FROM replications");
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, 600);
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE status = 'interrupted'"), 1);
  ASSERT_EQ(run_drilltwin({"sweep", file, "--resume", "--out", tmp / "o"}).exit_status, 0);
  ASSERT_EQ(run_drilltwin({"sweep", file, "--out", tmp / "whole", "--threads", "1"}).exit_status, 0);
  expect_same_results(tmp / "whole", tmp / "o");
}

TEST(SweepCommand, ShardsMpiAndOneProcessGiveTheSameNumbers) {
  test::TempDir tmp;
  const std::string file = "scenarios/staffing_sweep.yaml";
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "15", "--out", tmp / "one", "--threads", "2"}).exit_status, 0);

  const auto s1 = run_drilltwin({"sweep", file, "-r", "15", "--shard", "1/2", "--out", tmp / "s1"});
  ASSERT_EQ(s1.exit_status, 0) << s1.err;
  EXPECT_FALSE(fs::exists(tmp / "s1/summary.json")) << "a shard alone is not the sweep";
  ASSERT_EQ(run_drilltwin({"sweep", file, "-r", "15", "--shard", "2/2", "--out", tmp / "s2"}).exit_status, 0);
  EXPECT_EQ(query(tmp / "s1/results.sqlite", "SELECT count(*) FROM replications") +
                query(tmp / "s2/results.sqlite", "SELECT count(*) FROM replications"),
            180);
  const auto partial = run_drilltwin({"merge", tmp / "s1", "--out", tmp / "partial"});
  EXPECT_EQ(partial.exit_status, 1) << "half the replications are missing";
  EXPECT_NE(partial.err.find("still missing"), std::string::npos) << partial.err;
  const auto merged = run_drilltwin({"merge", tmp / "s1", tmp / "s2", "--out", tmp / "merged"});
  ASSERT_EQ(merged.exit_status, 0) << merged.err;
  expect_same_results(tmp / "one", tmp / "merged");

#ifdef DRILLTWIN_MPIEXEC
  // OpenMPI's runtime leaks a little at MPI_Finalize (outside the project): keep LeakSanitizer
  // quiet in the ranks of sanitizer builds; harmless elsewhere.
  const auto mpi = test::run_process(DRILLTWIN_MPIEXEC, {"--allow-run-as-root", "--oversubscribe", "-np", "2",
                                                         "-x", "ASAN_OPTIONS=detect_leaks=0", DRILLTWIN_BINARY, "sweep", file, "-r", "15", "--out",
                                                         tmp / "mpi"});
  ASSERT_EQ(mpi.exit_status, 0) << mpi.out << mpi.err;
  EXPECT_EQ(query(tmp / "mpi/results.sqlite", "SELECT ranks FROM runs"), 2) << "two ranks shared the work";
  expect_same_results(tmp / "one", tmp / "mpi");
#else
  GTEST_SKIP() << "built without MPI (-DDRILLTWIN_MPI=OFF): the mpirun part did not run";
#endif
}

TEST(SweepCommand, ResumeRefusesResultsOfAnotherSweep) {
  test::TempDir tmp;
  ASSERT_EQ(run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "-r", "2", "--out", tmp / "o"}).exit_status, 0);
  const auto r = run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "-r", "2", "--set", "run.seed=5", "--resume",
                                "--out", tmp / "o"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("another sweep"), std::string::npos) << r.err;
  // More replications on resume: only the new ones run.
  const auto more = run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "-r", "3", "--resume", "--out", tmp / "o"});
  ASSERT_EQ(more.exit_status, 0) << more.err;
  EXPECT_EQ(query(tmp / "o/results.sqlite", "SELECT count(*) FROM replications WHERE run = 2"), 12);
}

TEST(SweepCommand, BadInputExitsTwoAndWritesNothing) {
  test::TempDir tmp;
  const std::string file = tmp / "bad.yaml";
  const std::string base = test::read_file(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/staffing_sweep.yaml");
  std::ofstream(file) << base << "    dispatch.strategy: [fifo, neerest]\n";
  const auto line = std::count(base.begin(), base.end(), '\n') + 1;  // the appended line
  const auto r = run_drilltwin({"sweep", file, "--out", tmp / "o"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("bad.yaml:" + std::to_string(line) + ":31: error: unknown strategy 'neerest'"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(tmp / "o"));
  // `run` checks the sweep too, and writes nothing.
  EXPECT_EQ(run_drilltwin({"run", file, "-r", "2", "--out", tmp / "o"}).exit_status, 2);
  EXPECT_FALSE(fs::exists(tmp / "o"));
  for (const char* shard : {"0/2", "3/2", "1", "a/b", "1/2x"})
    EXPECT_EQ(run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "--shard", shard, "--out", tmp / "o"}).exit_status,
              2)
        << shard;
  EXPECT_FALSE(fs::exists(tmp / "o"));
}

TEST(SweepCommand, RunOnASweepFileRunsItsBaseScenario) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"run", "scenarios/staffing_sweep.yaml", "-r", "3", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(fs::exists(tmp / "o/summary.json"));
  EXPECT_TRUE(fs::exists(tmp / "o/report.html"));
}

}  // namespace
}  // namespace dt
