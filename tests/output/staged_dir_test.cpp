// Output files appear all at once or not at all (engine/output/staged_dir.h).
#include "engine/output/staged_dir.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const OutputRun kRun{"run", "demo", 42, 3, {}};

// A pid that no process has: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::string this_host() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  std::string h = buf;
  std::replace(h.begin(), h.end(), '-', '_');
  return h;
}

TEST(StagedDirectory, NothingIsVisibleBeforeCommit) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  {
    StagedDirectory staged(out, kRun);
    staged.write("a.txt", "alpha");
    const auto names = entries(out);  // staging happens inside the output directory, hidden
    ASSERT_EQ(names.size(), 1u);
    EXPECT_TRUE(names[0].starts_with(".drilltwin-staging-")) << names[0];
    EXPECT_FALSE(fs::exists(out / "a.txt"));
    staged.commit();
  }
  EXPECT_EQ(test::read_file(out / "a.txt"), "alpha");
  EXPECT_EQ(entries(out), (std::vector<std::string>{"a.txt", "manifest.json"}));  // staging gone
}

TEST(StagedDirectory, AbandonedRunLeavesTheOldFilesExactlyAsTheyWere) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  fs::create_directory(out);
  write_file_atomically(out / "summary.json", "old");
  {
    StagedDirectory staged(out, kRun);
    staged.write("summary.json", "new");
    // destroyed without commit(): an error or Ctrl-C
  }
  EXPECT_EQ(test::read_file(out / "summary.json"), "old");
  EXPECT_EQ(entries(out), std::vector<std::string>{"summary.json"});
}

TEST(StagedDirectory, AnAbandonedRunRemovesTheDirectoryItCreated) {
  test::TempDir tmp;
  {
    StagedDirectory staged(tmp / "out", kRun);
    staged.write("summary.json", "new");
  }
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(StagedDirectory, CommitReplacesOlderFilesKeepsOthersAndWritesTheManifest) {
  test::TempDir tmp;
  const fs::path out = tmp / "out/";  // a trailing slash names the same directory
  fs::create_directory(tmp / "out");
  write_file_atomically(tmp / "out/summary.json", "old");
  write_file_atomically(tmp / "out/notes.txt", "mine");
  StagedDirectory staged(out, kRun);
  EXPECT_EQ(staged.final_dir(), fs::path(tmp / "out"));
  staged.write("summary.json", "new");
  {
    std::FILE* f = std::fopen(staged.staging_path("big.csv").c_str(), "wb");  // a streamed file
    ASSERT_NE(f, nullptr);
    std::fputs("1,2\n", f);
    std::fclose(f);
  }
  staged.commit();
  staged.commit();  // a second commit does nothing
  EXPECT_EQ(test::read_file(tmp / "out/summary.json"), "new");
  EXPECT_EQ(test::read_file(tmp / "out/big.csv"), "1,2\n");
  EXPECT_EQ(test::read_file(tmp / "out/notes.txt"), "mine");
  // FNV-1a 64 of "new" and of "1,2\n", computed independently (offset basis 14695981039346656037,
  // prime 1099511628211): 2138d5192571b731 and 2fc297f10bd801c4.
  const auto m = nlohmann::json::parse(test::read_file(tmp / "out/manifest.json"));
  EXPECT_EQ(m["format"], "drilltwin-output");
  EXPECT_EQ(m["command"], "run");
  EXPECT_EQ(m["scenario"], "demo");
  EXPECT_EQ(m["seed"], 42);
  EXPECT_EQ(m["replications"], 3);
  ASSERT_EQ(m["files"].size(), 2u);
  EXPECT_EQ(m["files"][0]["name"], "summary.json");
  EXPECT_EQ(m["files"][0]["bytes"], 3);
  EXPECT_EQ(m["files"][0]["fnv1a64"], "2138d5192571b731");
  EXPECT_EQ(m["files"][1]["name"], "big.csv");
  EXPECT_EQ(m["files"][1]["fnv1a64"], "2fc297f10bd801c4");
}

// Issue 13 item 6: re-running without --trace kept the old trace.bin beside the new summary.
TEST(StagedDirectory, FilesOfThePreviousSetThatTheNewRunDoesNotWriteAreRemoved) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  {
    StagedDirectory first(out, kRun);
    first.write("summary.json", "1");
    first.write("trace.bin", "old trace");
    first.write("extra.csv", "named by the old manifest only");
    first.commit();
  }
  write_file_atomically(out / "notes.txt", "mine");
  write_file_atomically(tmp / "outside.txt", "not ours");
  {
    // A manifest is input too: a name that leaves the directory is ignored.
    auto m = nlohmann::json::parse(test::read_file(out / "manifest.json"));
    m["files"].push_back({{"name", "../outside.txt"}});
    write_file_atomically(out / "manifest.json", m.dump());
  }
  StagedDirectory second(out, kRun);
  second.write("summary.json", "2");
  second.commit();
  EXPECT_EQ(entries(out), (std::vector<std::string>{"manifest.json", "notes.txt", "summary.json"}));
  EXPECT_EQ(test::read_file(out / "summary.json"), "2");
  EXPECT_EQ(test::read_file(tmp / "outside.txt"), "not ours");
}

TEST(StagedDirectory, KeptFilesStayAndAreListed) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  fs::create_directory(out);
  write_file_atomically(out / "results.sqlite", "db");
  StagedDirectory staged(out, kRun);
  staged.write("points.csv", "p");
  staged.keep("results.sqlite");
  staged.commit();
  EXPECT_EQ(test::read_file(out / "results.sqlite"), "db");
  const auto m = nlohmann::json::parse(test::read_file(out / "manifest.json"));
  ASSERT_EQ(m["files"].size(), 2u);
  EXPECT_EQ(m["files"][1]["name"], "results.sqlite");
  // A later run into the same directory replaces the sweep's outputs but never its database.
  StagedDirectory later(out, kRun);
  later.write("summary.json", "run");
  later.commit();
  EXPECT_EQ(test::read_file(out / "results.sqlite"), "db");
  EXPECT_FALSE(std::filesystem::exists(out / "points.csv"));
}

// Issue 13 item 6: a failure while moving files left a new summary.json beside an old report.
TEST(StagedDirectory, AFailureWhilePublishingPutsThePreviousSetBack) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  {
    StagedDirectory first(out, kRun);
    first.write("summary.json", "old summary");
    first.write("report.html", "old report");
    first.commit();
  }
  const std::string old_manifest = test::read_file(out / "manifest.json");
  StagedDirectory second(out, kRun);
  second.write("summary.json", "new summary");
  (void)second.staging_path("report.html");  // a streamed file that never got written: its move fails
  EXPECT_THROW(second.commit(), std::runtime_error);
  EXPECT_EQ(test::read_file(out / "summary.json"), "old summary");
  EXPECT_EQ(test::read_file(out / "report.html"), "old report");
  EXPECT_EQ(test::read_file(out / "manifest.json"), old_manifest);
  for (const std::string& name : entries(out)) EXPECT_FALSE(name.starts_with(".drilltwin-old-")) << name;
}

// Issue 13 item 6: SIGKILL left .partial-PID folders that no later run removed.
TEST(StagedDirectory, StagingOfProcessesThatNoLongerRunIsRemoved) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  fs::create_directories(out / (".drilltwin-staging-" + this_host() + "-" + std::to_string(dead_pid())));
  fs::create_directories(out / (".drilltwin-old-" + this_host() + "-" + std::to_string(dead_pid())));
  const std::string alive = ".drilltwin-staging-" + this_host() + "-" + std::to_string(::getppid());
  const std::string other_host = ".drilltwin-staging-elsewhere-" + std::to_string(dead_pid());
  fs::create_directories(out / alive);
  fs::create_directories(out / other_host);
  StagedDirectory staged(out, kRun);
  staged.write("summary.json", "x");
  staged.commit();
  std::vector<std::string> expected{alive, other_host, "manifest.json", "summary.json"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(entries(out), expected);
}

TEST(StagedDirectory, CreatesMissingParents) {
  test::TempDir tmp;
  StagedDirectory staged(tmp / "a/b/out", kRun);
  staged.write("x", "1");
  staged.commit();
  EXPECT_EQ(test::read_file(tmp / "a/b/out/x"), "1");
}

TEST(StagedDirectory, UnwritablePlaceIsARuntimeError) {
  test::TempDir tmp;
  write_file_atomically(tmp / "file", "");
  StagedDirectory staged(tmp / "file/out", kRun);  // parent is a regular file
  EXPECT_THROW(staged.write("x", "1"), std::runtime_error);
  StagedDirectory onto_file(tmp / "file", kRun);  // the output directory is a regular file
  EXPECT_THROW(onto_file.write("x", "1"), std::runtime_error);
}

TEST(WriteFileAtomically, ReplacesTheWholeFileAndLeavesNoTemporary) {
  test::TempDir tmp;
  write_file_atomically(tmp / "f", "a much longer first version");
  write_file_atomically(tmp / "f", "short");
  EXPECT_EQ(test::read_file(tmp / "f"), "short");
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"f"});
  EXPECT_THROW(write_file_atomically(tmp / "no/such/dir/f", "x"), std::runtime_error);
}

}  // namespace
}  // namespace dt
