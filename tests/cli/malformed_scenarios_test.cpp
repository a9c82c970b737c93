// Bad input gets a clear error and loses nothing: every scenario in tests/malformed/ is broken in
// one way (listed in tests/malformed/expected.tsv with the position and message a planner must
// see). `drilltwin run` must exit with status 2, name FILE:LINE:COL (where the YAML has a
// position), say what is wrong, and leave no output directory behind; `validate` must agree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/expected_tsv.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string file;
  std::string position;  // "L:C", "--set:1:13", "" (any file:line:col) or "-" (no position)
  std::string fragment;
  std::vector<std::string> extra;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (const auto& cols : test::read_tsv_rows(std::string(DRILLTWIN_SOURCE_DIR) + "/tests/malformed/expected.tsv", 4))
    cases.push_back({cols[0], cols[1], cols[2], test::words_of(cols[3])});
  return cases;
}

class MalformedScenario : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedScenario, ExitsWithStatus2AndAPreciseMessageAndWritesNothing) {
  const Case& c = GetParam();
  const std::string rel = "tests/malformed/" + c.file;
  test::TempDir tmp;
  const std::string out = tmp / "out";
  std::vector<std::string> args{"run", rel, "--replications", "2", "--out", out};
  args.insert(args.end(), c.extra.begin(), c.extra.end());
  const test::ProcessResult r = test::run_drilltwin(args);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  if (c.position == "-") {
    EXPECT_NE(r.err.find(rel + ": error:"), std::string::npos) << r.err;
  } else if (c.position.empty()) {
    // The problem may sit in an included file: any file, but with line and column.
    EXPECT_TRUE(std::regex_search(r.err, std::regex("\\.yaml:[0-9]+:[0-9]+: error:"))) << r.err;
  } else if (c.position.rfind("--set", 0) == 0) {
    EXPECT_NE(r.err.find(c.position + ": error:"), std::string::npos) << r.err;
  } else {
    EXPECT_NE(r.err.find(rel + ":" + c.position + ": error:"), std::string::npos) << r.err;
  }
  EXPECT_NE(r.err.find(c.fragment), std::string::npos) << "expected '" << c.fragment << "' in:\n" << r.err;
  EXPECT_FALSE(fs::exists(out)) << "an output directory was left behind";
  EXPECT_TRUE(fs::is_empty(tmp.path())) << "staging files were left behind";
  EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << r.err;

  std::vector<std::string> vargs{"validate", rel};
  vargs.insert(vargs.end(), c.extra.begin(), c.extra.end());
  EXPECT_EQ(test::run_drilltwin(vargs).exit_status, 2);
}

INSTANTIATE_TEST_SUITE_P(Files, MalformedScenario, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& tp) {
                           std::string n = tp.param.file.substr(0, tp.param.file.find('.'));
                           for (char& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(MalformedScenarioSuite, EveryFileInTheFolderIsACase) {
  // A file added without an expectation would silently test nothing.
  std::set<std::string> listed;
  for (const Case& c : load_cases()) listed.insert(c.file);
  EXPECT_GE(listed.size(), 25u);
  for (const auto& e : fs::directory_iterator(std::string(DRILLTWIN_SOURCE_DIR) + "/tests/malformed")) {
    const std::string name = e.path().filename().string();
    if (name == "expected.tsv" || name.find(".inc.") != std::string::npos) continue;
    EXPECT_TRUE(listed.count(name)) << name << " has no line in expected.tsv";
  }
}

}  // namespace
}  // namespace dt
