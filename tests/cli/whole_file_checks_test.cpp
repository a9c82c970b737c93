// Every command checks the whole file it is given — its sweep: section too — before --set, --vary
// or a command's own choices replace anything in it (issue 13): an override can change a valid
// file, not hide a mistake in it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

const char* const kDesk =
    "name: desk\n"                                          // 1
    "run: {replications: 2, seed: 1e400}\n"                 // 2: the seed is too large
    "staff: {count: 2}\n"                                   // 3
    "incidents:\n"                                          // 4
    "  arrivals: {rate_per_hour: 1}\n"                      // 5
    "  service_time: {dist: exponential, mean: 30 min}\n";  // 6

const char* const kSweepWithZeroStaff =
    "name: desk\n"                                          // 1
    "run: {replications: 2, seed: 3}\n"                     // 2
    "staff: {count: 2}\n"                                   // 3
    "incidents:\n"                                          // 4
    "  arrivals: {rate_per_hour: 1}\n"                      // 5
    "  service_time: {dist: exponential, mean: 30 min}\n"   // 6
    "sweep:\n"                                              // 7
    "  grid:\n"                                             // 8
    "    staff.count: [0, 3]\n";                            // 9: no staff is not a point

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
  return dir / name;
}

struct Expect {
  std::string position;  // "FILE:L:C"
  std::string fragment;
};

// `args` (with --out OUT_DIR when one is given) is refused at e.position, and OUT_DIR not created.
void expect_input_error(std::vector<std::string> args, const Expect& e, const std::string& out_dir) {
  if (!out_dir.empty()) args.insert(args.end(), {"--out", out_dir});
  const auto r = run_drilltwin(args);
  std::string what;
  for (const std::string& a : args) what += a + " ";
  EXPECT_EQ(r.exit_status, 2) << what << "\n" << r.out << r.err;
  EXPECT_NE(r.err.find(e.position + ": error: "), std::string::npos) << what << "\n" << r.err;
  EXPECT_NE(r.err.find(e.fragment), std::string::npos) << what << "\n" << r.err;
  if (!out_dir.empty()) {
    EXPECT_FALSE(fs::exists(out_dir)) << what;
  }
}

TEST(WholeFileChecks, CompareChecksTheSweepSection) {
  test::TempDir tmp;
  const std::string file = write(tmp, "sweep.yaml", kSweepWithZeroStaff);
  const Expect zero{file + ":9:19", "'staff.count' must be between 1 and 65535 (got 0)"};
  expect_input_error({"compare", file, "--vary", "staff.count=2,3", "-r", "2"}, zero, tmp / "c1");
  expect_input_error({"compare", file, "--vary", "dispatch.strategy=fifo,manual", "-r", "2"}, zero,
                     tmp / "c2");
  // The other commands already did.
  expect_input_error({"run", file, "-r", "2"}, zero, tmp / "r3");
  expect_input_error({"validate", file}, zero, "");
  expect_input_error({"sweep", file, "-r", "2"}, zero, tmp / "s4");
}

TEST(WholeFileChecks, AnOverrideDoesNotHideTheFilesOwnMistake) {
  test::TempDir tmp;
  const std::string file = write(tmp, "desk.yaml", kDesk);
  const Expect seed{file + ":2:30", "'run.seed' is too large (got 1e400"};
  expect_input_error({"validate", file, "--set", "run.seed=3"}, seed, "");
  expect_input_error({"run", file, "--set", "run.seed=3"}, seed, tmp / "r5");
  expect_input_error({"run", file, "--set", "run={replications: 2, seed: 3}"}, seed, tmp / "r6");
  expect_input_error({"sweep", file, "--set", "run.seed=3"}, seed, tmp / "s7");
  expect_input_error({"compare", file, "--set", "run.seed=3", "--vary", "staff.count=2,3"}, seed,
                     tmp / "c8");
  expect_input_error({"compare", file, "--vary", "run.seed=3,4"}, seed, tmp / "c9");
  // --seed replaces run.seed too, after the file was read: the file's own value is still checked.
  expect_input_error({"run", file, "--seed", "3"}, seed, tmp / "r10");

  // The same in a sweep's points: a grid value the override replaces is still checked.
  const std::string sweep = write(tmp, "sweep.yaml", kSweepWithZeroStaff);
  const Expect zero{sweep + ":9:19", "(got 0)"};
  expect_input_error({"validate", sweep, "--set", "sweep={grid: {staff.count: [2, 3]}}"}, zero, "");
  expect_input_error({"sweep", sweep, "--set", "sweep={grid: {staff.count: [2, 3]}}"}, zero,
                     tmp / "s11");
}

TEST(WholeFileChecks, ALayoutOverrideDoesNotHideTheFilesOwnMistake) {
  const std::string file = "tests/malformed_layouts/zero_floors.yaml";
  expect_input_error({"layout", file, "--set", "buildings.0.floors=3"},
                     {file + ":5:13", "'buildings.0.floors' must be between 1 and 300 (got 0)"}, "");
}

TEST(WholeFileChecks, AValidFileStillTakesItsOverrides) {
  test::TempDir tmp;
  const auto r = run_drilltwin({"validate", "scenarios/staffing_sweep.yaml", "--set", "run.seed=5", "--set",
                                "sweep={grid: {staff.count: [1, 2]}}"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("seed 5"), std::string::npos) << r.out;
  // An override that breaks a valid file is an error at the override.
  const auto bad = run_drilltwin({"validate", "scenarios/desk_mmc.yaml", "--set", "staff.count=0"});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("--set:1:13: error:"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace dt
