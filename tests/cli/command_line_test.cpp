// The command line itself (issue 13): an unknown command is an error even when --help follows it,
// and output that cannot be written to stdout is a failure (exit 1), not a silent success.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

TEST(CommandLine, AnUnknownCommandIsAnErrorEvenWithHelp) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"optimise", "--help"},
                                               std::vector<std::string>{"optimise", "-h"},
                                               std::vector<std::string>{"optimise"},
                                               std::vector<std::string>{"--help", "optimise"},
                                               std::vector<std::string>{"optimise", "scenarios/desk_mmc.yaml"}}) {
    const auto r = run_drilltwin(args);
    EXPECT_EQ(r.exit_status, 2) << args[0] << " " << args.size() << "\n" << r.out;
    EXPECT_NE(r.err.find("drilltwin: error: unknown command 'optimise'"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << "no help text for a command that does not exist";
  }
  const auto close = run_drilltwin({"valdate", "--help"});
  EXPECT_EQ(close.exit_status, 2);
  EXPECT_NE(close.err.find("unknown command 'valdate' (did you mean 'validate'?)"), std::string::npos) << close.err;
  const auto sweeep = run_drilltwin({"sweeep", "scenarios/staffing_sweep.yaml"});
  EXPECT_EQ(sweeep.exit_status, 2);
  EXPECT_NE(sweeep.err.find("did you mean 'sweep'?"), std::string::npos) << sweeep.err;
  // The commands that exist keep their help.
  for (const char* cmd : {"run", "validate", "sweep", "compare", "merge", "layout", "verify"}) {
    const auto h = run_drilltwin({cmd, "--help"});
    EXPECT_EQ(h.exit_status, 0) << cmd << "\n" << h.err;
    EXPECT_NE(h.out.find(std::string("drilltwin ") + cmd), std::string::npos) << h.out;
  }
  EXPECT_EQ(run_drilltwin({"--help"}).exit_status, 0);
}

TEST(CommandLine, AFullStdoutIsAFailure) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  test::TempDir tmp;
  const std::vector<std::vector<std::string>> commands{
      {"run", "scenarios/desk_mmc.yaml", "-r", "2", "--out", tmp / "run"},
      {"validate", "scenarios/desk_mmc.yaml"},
      {"layout", "assets/compound.yaml"},
      {"compare", "scenarios/desk_mmc.yaml", "--vary", "staff.count=2,3", "-r", "2", "--out", tmp / "cmp"},
      {"sweep", "scenarios/staffing_sweep.yaml", "-r", "1", "--out", tmp / "sweep"},
      {"verify"},  // more than a stdio buffer: fmt throws on the short write
      {"--help"},
      {"--version"},
      {"run", "--help"},
  };
  test::ProcessOptions to_full;
  to_full.stdout_path = "/dev/full";
  to_full.timeout_s = 300;
  for (const auto& args : commands) {
    const auto r = test::run_process(DRILLTWIN_BINARY, args, to_full);
    EXPECT_EQ(r.exit_status, 1) << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\n" << r.err;
    EXPECT_NE(r.err.find("drilltwin: error: cannot write to standard output: No space left on device"),
              std::string::npos)
        << args[0] << "\n" << r.err;
    EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << r.err;
  }
  // --quiet prints nothing on stdout, so there is nothing to fail.
  const auto quiet = test::run_process(
      DRILLTWIN_BINARY, {"run", "scenarios/desk_mmc.yaml", "-r", "2", "-q", "--out", tmp / "quiet"}, to_full);
  EXPECT_EQ(quiet.exit_status, 0) << quiet.err;
}

}  // namespace
}  // namespace dt
