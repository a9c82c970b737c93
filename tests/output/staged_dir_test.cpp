// Output files appear all at once or not at all (engine/output/staged_dir.h).
#include "engine/output/staged_dir.h"

#include <gtest/gtest.h>

#include <filesystem>

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

TEST(StagedDirectory, NothingIsVisibleBeforeCommit) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  {
    StagedDirectory staged(out);
    staged.write("a.txt", "alpha");
    EXPECT_FALSE(fs::exists(out));
    const auto names = entries(tmp.path());
    ASSERT_EQ(names.size(), 1u);
    EXPECT_TRUE(names[0].starts_with(".out.partial-")) << names[0];  // hidden, beside the final dir
    staged.commit();
  }
  EXPECT_EQ(test::read_file(out / "a.txt"), "alpha");
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"out"});  // staging directory gone
}

TEST(StagedDirectory, AbandonedRunLeavesTheOldFilesExactlyAsTheyWere) {
  test::TempDir tmp;
  const fs::path out = tmp / "out";
  fs::create_directory(out);
  write_file_atomically(out / "summary.json", "old");
  {
    StagedDirectory staged(out);
    staged.write("summary.json", "new");
    // destroyed without commit(): an error or Ctrl-C
  }
  EXPECT_EQ(test::read_file(out / "summary.json"), "old");
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"out"});
}

TEST(StagedDirectory, CommitReplacesOlderFilesAndKeepsOthers) {
  test::TempDir tmp;
  const fs::path out = tmp / "out/";  // a trailing slash names the same directory
  fs::create_directory(tmp / "out");
  write_file_atomically(tmp / "out/summary.json", "old");
  write_file_atomically(tmp / "out/notes.txt", "mine");
  StagedDirectory staged(out);
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
}

TEST(StagedDirectory, CreatesMissingParents) {
  test::TempDir tmp;
  StagedDirectory staged(tmp / "a/b/out");
  staged.write("x", "1");
  staged.commit();
  EXPECT_EQ(test::read_file(tmp / "a/b/out/x"), "1");
}

TEST(StagedDirectory, UnwritablePlaceIsARuntimeError) {
  test::TempDir tmp;
  write_file_atomically(tmp / "file", "");
  StagedDirectory staged(tmp / "file/out");  // parent is a regular file
  EXPECT_THROW(staged.write("x", "1"), std::runtime_error);
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
