// A scenario, layout or included file must be a regular file (issue 13): a FIFO blocked `drilltwin`
// forever in open(), /dev/zero was read up to the 64 MiB limit, and a directory only failed late.
// Each is refused before it is opened for reading, with exit status 2 and what the path is.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

test::ProcessResult run_with_timeout(const std::vector<std::string>& args) {
  test::ProcessOptions options;
  options.timeout_s = 20;  // a blocked open() must fail the test, not hang it
  return test::run_process(DRILLTWIN_BINARY, args, options);
}

const char* const kDeskWithInclude =
    "name: inc\n"
    "run: {replications: 2}\n"
    "staff: {count: 2}\n"
    "incidents:\n"
    "  arrivals: !include arrivals.yaml\n"
    "  service_time: {dist: exponential, mean: 30 min}\n";

TEST(NonRegularFiles, AFifoIsRefusedAtOnce) {
  test::TempDir tmp;
  const std::string fifo = tmp / "pipe.yaml";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::vector<std::vector<std::string>> commands{
      {"validate", fifo},
      {"run", fifo, "--out", tmp / "o"},
      {"sweep", fifo, "--out", tmp / "o"},
      {"compare", fifo, "--vary", "staff.count=2,3", "--out", tmp / "o"},
      {"layout", fifo},
  };
  for (const auto& args : commands) {
    const auto r = run_with_timeout(args);
    EXPECT_FALSE(r.timed_out) << args[0] << " blocked on the FIFO";
    EXPECT_EQ(r.exit_status, 2) << args[0] << "\n" << r.err;
    EXPECT_NE(r.err.find(fifo + ": error: cannot open "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("'" + fifo + "' (a named pipe (FIFO), not a regular file)"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(tmp / "o"));
}

TEST(NonRegularFiles, AnIncludedFifoIsRefusedAtTheInclude) {
  test::TempDir tmp;
  const std::string main = tmp / "main.yaml";
  std::ofstream(main) << kDeskWithInclude;
  ASSERT_EQ(mkfifo((tmp / "arrivals.yaml").c_str(), 0600), 0);
  const auto r = run_with_timeout({"validate", main});
  EXPECT_FALSE(r.timed_out) << "blocked on the included FIFO";
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_NE(r.err.find(main + ":5:13: error: cannot open included file 'arrivals.yaml'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a named pipe (FIFO), not a regular file"), std::string::npos) << r.err;
}

TEST(NonRegularFiles, DevicesAndDirectoriesAreRefused) {
  for (const auto& [path, kind] : std::vector<std::pair<std::string, std::string>>{
           {"/dev/zero", "a character device"}, {"/dev/null", "a character device"}}) {
    if (!fs::exists(path)) continue;
    for (const char* cmd : {"validate", "layout"}) {
      const auto r = run_with_timeout({cmd, path});
      EXPECT_EQ(r.exit_status, 2) << cmd << " " << path << "\n" << r.err;
      EXPECT_NE(r.err.find("'" + path + "' (" + kind + ", not a regular file)"), std::string::npos) << r.err;
    }
  }
  test::TempDir tmp;
  fs::create_directory(tmp / "folder.yaml");
  const auto dir = run_with_timeout({"validate", tmp / "folder.yaml"});
  EXPECT_EQ(dir.exit_status, 2);
  EXPECT_NE(dir.err.find("(Is a directory)"), std::string::npos) << dir.err;

  // Included: a device and a directory.
  const std::string main = tmp / "main.yaml";
  std::ofstream(main) << kDeskWithInclude;
  // An included device: outside the folder and not a YAML file, refused unopened either way.
  fs::create_symlink("/dev/zero", tmp / "arrivals.yaml");
  const auto outside = run_with_timeout({"validate", main});
  EXPECT_EQ(outside.exit_status, 2) << outside.err;
  EXPECT_NE(outside.err.find("it is outside"), std::string::npos) << outside.err;
  const auto dev = run_with_timeout({"validate", main, "--allow-include-outside"});
  EXPECT_EQ(dev.exit_status, 2) << dev.err;
  EXPECT_NE(dev.err.find("(a link to /dev/zero): !include reads YAML files"), std::string::npos) << dev.err;
  fs::remove(tmp / "arrivals.yaml");
  fs::create_directory(tmp / "arrivals.yaml");
  const auto folder = run_with_timeout({"validate", main});
  EXPECT_EQ(folder.exit_status, 2) << folder.err;
  EXPECT_NE(folder.err.find("Is a directory"), std::string::npos) << folder.err;
}

}  // namespace
}  // namespace dt
