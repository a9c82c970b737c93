// The command-line contract of DESIGN.md §8, checked on the real executable: exit statuses,
// summary.json's shape, replications.csv, bit-identical results for any thread count, overrides,
// and atomic output (nothing half-written after an error or Ctrl-C).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/support/process.h"

extern char** environ;

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

TEST(Cli, HelpExitsZeroForEveryCommand) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"run", "--help"}, {"validate", "--help"}}) {
    const auto r = run_drilltwin(args);
    EXPECT_EQ(r.exit_status, 0) << args[0];
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  }
  EXPECT_NE(run_drilltwin({"run", "--help"}).out.find("--replications"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithStatus2) {
  EXPECT_EQ(run_drilltwin({}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"no-such-command"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"run"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"run", "scenarios/desk_mmc.yaml", "--replications", "0"}).exit_status, 2);
  EXPECT_EQ(run_drilltwin({"run", "scenarios/desk_mmc.yaml", "--threads", "many"}).exit_status, 2);
  const auto missing = run_drilltwin({"run", "/nonexistent/scenario.yaml"});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_NE(missing.err.find("/nonexistent/scenario.yaml"), std::string::npos) << missing.err;
  EXPECT_EQ(run_drilltwin({"validate", "/nonexistent/x.yaml"}).exit_status, 2);
}

TEST(Cli, ValidateAcceptsEveryShippedScenario) {
  for (const auto& e : fs::directory_iterator(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    const auto r = run_drilltwin({"validate", "scenarios/" + e.path().filename().string()});
    EXPECT_EQ(r.exit_status, 0) << e.path() << "\n" << r.err;
  }
}

nlohmann::json read_json(const std::string& path) { return nlohmann::json::parse(test::read_file(path)); }

TEST(Cli, RunWritesSummaryInTheDocumentedShape) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"run", "scenarios/desk_mmc.yaml", "--replications", "12", "--seed", "5", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const std::string text = test::read_file(tmp / "o/summary.json");
  // Top-level keys in the documented order.
  std::size_t at = 0;
  for (const char* key : {"drilltwin_version", "scenario", "seed", "replications", "threads", "kpis"}) {
    const std::size_t found = text.find(std::string("\"") + key + "\"", at);
    ASSERT_NE(found, std::string::npos) << key;
    at = found;
  }
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["scenario"], "desk_mmc");
  EXPECT_EQ(j["seed"], 5);
  EXPECT_EQ(j["replications"], 12);
  ASSERT_TRUE(j["kpis"].contains("dispatch.response_time_s"));
  for (const char* k : {"dispatch.response_time_s", "dispatch.within_15min_fraction", "dispatch.within_30min_fraction",
                        "dispatch.staff_utilization"})
    EXPECT_TRUE(j["kpis"].contains(k)) << k;
  for (const auto& [name, s] : j["kpis"].items()) {
    // The ten statistics, and "ci95_method" only where the interval is not the plain Student-t one.
    ASSERT_EQ(s.size(), s.contains("ci95_method") ? 11u : 10u) << name;
    if (s.contains("ci95_method")) EXPECT_TRUE(s["ci95_method"] == "wilson" || s["ci95_method"] == "t-clamped") << name;
    EXPECT_EQ(s["n"], 12) << name;
    const double mn = s["min"], p50 = s["p50"], p90 = s["p90"], p95 = s["p95"], mx = s["max"];
    EXPECT_TRUE(mn <= p50 && p50 <= p90 && p90 <= p95 && p95 <= mx) << name;
    EXPECT_LE(s["ci95_low"].get<double>(), s["mean"].get<double>()) << name;
    EXPECT_LE(s["mean"].get<double>(), s["ci95_high"].get<double>()) << name;
  }
  // replications.csv: a header and one row per replication, as many fields as KPIs + 1.
  std::istringstream csv(test::read_file(tmp / "o/replications.csv"));
  std::string line;
  int rows = 0;
  std::getline(csv, line);
  EXPECT_EQ(line.rfind("replication,dispatch.", 0), 0u) << line;
  const auto fields = std::count(line.begin(), line.end(), ',');
  while (std::getline(csv, line)) {
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), fields);
    ++rows;
  }
  EXPECT_EQ(rows, 12);
  // The headline on stdout: the share within 15 and 30 min as summary.json has it, in per cent.
  const int within30 = static_cast<int>(std::lround(100 * j["kpis"]["dispatch.within_30min_fraction"]["mean"].get<double>()));
  EXPECT_NE(r.out.find(std::to_string(within30) + " % within 30 min"), std::string::npos) << r.out;
}

TEST(Cli, ResultsAreBitIdenticalForOneAndTwoThreads) {
  test::TempDir tmp;
  for (const char* t : {"1", "2"}) {
    const auto r = run_drilltwin({"run", "scenarios/desk_mmc.yaml", "--replications", "120", "--seed", "77",
                                  "--threads", t, "--out", tmp / (std::string("t") + t)});
    ASSERT_EQ(r.exit_status, 0) << r.err;
  }
  EXPECT_EQ(test::read_file(tmp / "t1/replications.csv"), test::read_file(tmp / "t2/replications.csv"));
  nlohmann::json a = read_json(tmp / "t1/summary.json"), b = read_json(tmp / "t2/summary.json");
  EXPECT_EQ(a["threads"], 1);
  EXPECT_EQ(b["threads"], 2);
  a.erase("threads");
  b.erase("threads");
  EXPECT_EQ(a.dump(), b.dump());
}

TEST(Cli, OverridesChangeTheScenario) {
  test::TempDir tmp;
  ASSERT_EQ(run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "30", "--out", tmp / "three"}).exit_status, 0);
  ASSERT_EQ(run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "30", "--set", "staff.count=6", "--out", tmp / "six"})
                .exit_status,
            0);
  const double three = read_json(tmp / "three/summary.json")["kpis"]["dispatch.response_time_s"]["mean"];
  const double six = read_json(tmp / "six/summary.json")["kpis"]["dispatch.response_time_s"]["mean"];
  EXPECT_LT(six, three / 2) << "doubling the staff must cut waiting sharply";
}

TEST(Cli, AFailedRunLeavesAnExistingOutputDirectoryAsItWas) {
  test::TempDir tmp;
  ASSERT_EQ(run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "3", "--out", tmp / "o"}).exit_status, 0);
  const std::string before = test::read_file(tmp / "o/summary.json");
  const auto r = run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "5", "--set", "staff.count=zero", "--out", tmp / "o"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(test::read_file(tmp / "o/summary.json"), before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "a staging directory was left behind";
}

TEST(Cli, CtrlCStopsTheRunAndWritesNothing) {
  test::TempDir tmp;
  const std::string out = tmp / "o";
  // 400 replications of a million customers each: far longer than the 0.5 s before the signal.
  std::vector<std::string> args{DRILLTWIN_BINARY, "run", "scenarios/mm1_benchmark.yaml", "--replications", "400",
                                "--out", out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&fa, DRILLTWIN_SOURCE_DIR);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, DRILLTWIN_BINARY, &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal instead of stopping cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(fs::is_empty(tmp.path())) << "staging files were left behind";
}

}  // namespace
}  // namespace dt

namespace dt {
namespace {

std::size_t lines_of(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// The night drill answers first: its headline, targets and key figures in at most 25 lines; --all
// adds every KPI (the per-building ones too); report.html and summary.json open with the same words.
TEST(Cli, RunPrintsTheHeadlineInAtMost25LinesAndEverythingWithAll) {
  test::TempDir tmp;
  const auto r = test::run_drilltwin({"run", "scenarios/fire_drill_night.yaml", "-r", "4", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_LE(lines_of(r.out), 25u) << r.out;
  EXPECT_NE(r.out.find("All residents safe after"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("evacuation.building.A1.total_time_s"), std::string::npos) << "per-building KPIs only with --all";
  const nlohmann::json summary = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"));
  const std::string first = summary["headline"]["text"][0].get<std::string>();
  EXPECT_NE(r.out.find(first), std::string::npos) << "console and summary.json say the same";
  const std::string report = test::read_file(tmp / "o/report.html");
  const std::size_t answer = report.find("id=\"answer\"");
  ASSERT_NE(answer, std::string::npos);
  EXPECT_LT(answer, report.find("<h2>")) << "report.html opens with the headline";
  std::string escaped = first;  // the report escapes nothing in these words but '&'
  EXPECT_NE(report.find(escaped.substr(0, 40)), std::string::npos);

  const auto all = test::run_drilltwin({"run", "scenarios/fire_drill_night.yaml", "-r", "4", "--all", "--out", tmp / "a"});
  ASSERT_EQ(all.exit_status, 0) << all.err;
  EXPECT_NE(all.out.find("evacuation.building.A1.total_time_s"), std::string::npos);
  EXPECT_GT(lines_of(all.out), 200u);
}

}  // namespace
}  // namespace dt

namespace dt {
namespace {

// A target on a misspelt KPI would never be judged: validate and run refuse it at its position.
TEST(Cli, ATargetOnAnUnknownKpiIsAnInputError) {
  test::TempDir tmp;
  const std::string file = tmp / "t.yaml";
  const std::string base = test::read_file(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/desk_mmc.yaml");
  std::ofstream(file) << base << "targets:\n  dispatch.within_15min_fractoin: {at_least: 0.9}\n";
  const auto line = std::count(base.begin(), base.end(), '\n') + 2;
  for (const char* cmd : {"validate", "run"}) {
    std::vector<std::string> args{cmd, file};
    if (std::string(cmd) == "run") args.insert(args.end(), {"-r", "2", "--out", tmp / "o"});
    const auto r = test::run_drilltwin(args);
    EXPECT_EQ(r.exit_status, 2) << cmd << r.err;
    EXPECT_NE(r.err.find("t.yaml:" + std::to_string(line) + ":3: error: target 'dispatch.within_15min_fractoin' names no "
                         "KPI this scenario reports (did you mean 'dispatch.within_15min_fraction'?)"),
              std::string::npos)
        << r.err;
  }
  EXPECT_FALSE(fs::exists(tmp / "o"));
}

}  // namespace
}  // namespace dt
