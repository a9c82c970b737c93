// The values of command-line flags are read strictly (issue 13): a number flag takes decimal
// digits only and its whole range, nothing that a C library would bend into a number ("-1" wrapping
// to 2^64 - 1, "0x10" read as hex, "010" as octal, NaN slipping through a range check), and an empty
// --out is not the default directory. Every mistake is exit status 2 with the flag's name, and
// nothing runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

// A wrong value for `flag` of `command`: exit 2, the flag named on stderr, nothing written.
void expect_refused(const std::vector<std::string>& command, const std::string& flag, const std::string& value,
                    const std::string& fragment) {
  test::TempDir tmp;
  std::vector<std::string> args = command;
  args.insert(args.end(), {flag, value, "--out", tmp / "o"});
  test::ProcessOptions options;
  options.timeout_s = 120;  // --trace-interval nan used to trace forever, deaf to Ctrl-C
  const auto r = test::run_process(DRILLTWIN_BINARY, args, options);
  const std::string what = command[0] + " " + flag + " '" + value + "'";
  EXPECT_FALSE(r.timed_out) << what;
  EXPECT_EQ(r.exit_status, 2) << what << "\n" << r.out << r.err;
  EXPECT_NE(r.err.find(flag), std::string::npos) << what << "\n" << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << what << ": expected '" << fragment << "' in\n" << r.err;
  EXPECT_FALSE(fs::exists(tmp / "o")) << what;
}

TEST(FlagValues, SeedTakesDecimalDigitsOnly) {
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"run", "scenarios/desk_mmc.yaml", "-r", "2"},
        std::vector<std::string>{"compare", "scenarios/desk_mmc.yaml", "--vary", "staff.count=2,3", "-r", "2"}}) {
    for (const char* v : {"-1", "1e23", "0x10", "+5", " 5", "5 ", "5.0", "1_000", "", "seven"})
      expect_refused(cmd, "--seed", v, "expected a whole number of decimal digits (0 to 18446744073709551615)");
    expect_refused(cmd, "--seed", "18446744073709551616", "too large");
    expect_refused(cmd, "--seed", "99999999999999999999999", "too large");
  }
}

TEST(FlagValues, SeedKeepsEveryValueOfItsRangeExactly) {
  test::TempDir tmp;
  for (const auto& [given, seed] : std::vector<std::pair<std::string, std::string>>{
           {"18446744073709551615", "18446744073709551615"}, {"010", "10"}, {"0", "0"}}) {
    const std::string out = tmp / ("s" + seed);
    const auto r = run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "2", "-q", "--seed", given, "--out", out});
    ASSERT_EQ(r.exit_status, 0) << given << "\n" << r.err;
    const auto j = nlohmann::json::parse(test::read_file(out + "/summary.json"));
    EXPECT_EQ(j["seed"].dump(), seed) << "--seed " << given;
  }
}

TEST(FlagValues, CountsAndThreadsAreStrictToo) {
  const std::vector<std::vector<std::string>> commands{
      {"run", "scenarios/desk_mmc.yaml"},
      {"compare", "scenarios/desk_mmc.yaml", "--vary", "staff.count=2,3"},
      {"sweep", "scenarios/staffing_sweep.yaml"}};
  for (const auto& cmd : commands) {
    for (const char* flag : {"--replications", "--threads"}) {
      for (const char* v : {"0x10", "+4", " 4", "4.0", "1e1", "-1"})
        expect_refused(cmd, flag, v, "expected a whole number of decimal digits");
      expect_refused(cmd, flag, "18446744073709551616", "too large");
    }
    expect_refused(cmd, "--threads", "4097", "out of range: allowed are 0 to 4096");
    expect_refused(cmd, "-r", "100000001", "out of range");
  }
  // 0x10 passed as 16 replications, 010 as 8: a leading zero is decimal.
  test::TempDir tmp;
  const auto r = run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "010", "-j", "02", "-q", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(test::read_file(tmp / "o/summary.json"))["replications"], 10);
}

TEST(FlagValues, TraceFlagsAreStrict) {
  const std::vector<std::string> cmd{"run", "scenarios/tower_day.yaml", "-r", "1", "--trace"};
  for (const char* v : {"-1", "0x1", "1e0", "+0"})
    expect_refused(cmd, "--trace-replication", v, "expected a whole number of decimal digits");
  for (const char* v : {"nan", "-nan", "inf", "0x1p-3", "1e400", " 1", ""})
    expect_refused(cmd, "--trace-interval", v, "expected a decimal number from 0.01 to 3600");
  expect_refused(cmd, "--trace-interval", "0.001", "out of range");
}

TEST(FlagValues, ShardIsTwoDecimalNumbers) {
  const std::vector<std::string> cmd{"sweep", "scenarios/staffing_sweep.yaml", "-r", "1"};
  for (const char* v : {"+1/2", " 1/2", "1/ 2", "0x1/2", "-1/2", "1/18446744073709551618", "1/2/3", "1", "3/2", "0/2"})
    expect_refused(cmd, "--shard", v, "expected K/N with 1 <= K <= N");
}

TEST(FlagValues, AnEmptyOutIsAnError) {
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"run", "scenarios/desk_mmc.yaml", "-r", "2", "--out", ""},
        std::vector<std::string>{"run", "scenarios/desk_mmc.yaml", "-r", "2", "-o", ""},
        std::vector<std::string>{"compare", "scenarios/desk_mmc.yaml", "--vary", "staff.count=2,3", "-r", "2", "--out", ""},
        std::vector<std::string>{"sweep", "scenarios/staffing_sweep.yaml", "-r", "1", "--out", ""},
        std::vector<std::string>{"merge", "results/nowhere", "--out", ""}}) {
    test::TempDir cwd;  // where a default output directory would appear
    const auto r = test::run_process(DRILLTWIN_BINARY, [&] {
      std::vector<std::string> a = cmd;
      for (std::string& s : a)
        if (s.rfind("scenarios/", 0) == 0) s = std::string(DRILLTWIN_SOURCE_DIR) + "/" + s;
      return a;
    }(), cwd.path());
    EXPECT_EQ(r.exit_status, 2) << cmd[0] << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("--out: needs a directory"), std::string::npos) << cmd[0] << "\n" << r.err;
    EXPECT_TRUE(fs::is_empty(cwd.path())) << cmd[0] << " wrote into the working directory";
  }
}

}  // namespace
}  // namespace dt
