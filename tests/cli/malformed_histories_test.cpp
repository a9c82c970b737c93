// Bad work-order histories get a clear error: every file in tests/malformed_histories/ has one
// mistake (a missing column, NaN, an unparsable time, rows or stages out of time order, an unknown
// building or type, a header only, an empty file), listed in expected.tsv with the position and
// message a service manager must see. `drilltwin fit-demand` and `drilltwin forecast` must exit with
// status 2, print FILE:LINE:COL: error: with that message, write nothing, and say it in Chinese
// with --lang zh-CN.
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "tests/support/expected_tsv.h"
#include "tests/support/process.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string file, position, fragment;
};

const std::string kDir = std::string(DRILLTWIN_SOURCE_DIR) + "/tests/malformed_histories/";
const std::string kScenario = std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/workorders_day.yaml";

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (const auto& cols : test::read_tsv_rows(kDir + "expected.tsv", 3)) cases.push_back({cols[0], cols[1], cols[2]});
  return cases;
}

class MalformedHistory : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedHistory, ExitsWithStatus2NamesTheLineAndColumnAndWritesNothing) {
  const Case& c = GetParam();
  const std::string path = kDir + c.file;
  for (const char* command : {"fit-demand", "forecast"}) {
    test::TempDir tmp;
    const std::string out = tmp / "out";
    const test::ProcessResult r = test::run_drilltwin({command, kScenario, "--history", path, "--out", out});
    EXPECT_EQ(r.exit_status, 2) << r.err;
    const std::string where = path + ":" + c.position + ": error: ";
    const std::size_t at = r.err.find(where);
    ASSERT_NE(at, std::string::npos) << command << ": expected " << where << "\n" << r.err;
    const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    EXPECT_NE(line.find(c.fragment), std::string::npos) << "expected '" << c.fragment << "' in\n" << line;
    EXPECT_FALSE(fs::exists(out)) << "a malformed history must leave no output directory";

    const test::ProcessResult zh =
        test::run_drilltwin({command, "--lang", "zh-CN", kScenario, "--history", path, "--out", out});
    EXPECT_EQ(zh.exit_status, 2);
    EXPECT_NE(zh.err.find(path + ":" + c.position + ": 错误: "), std::string::npos) << zh.err;
    EXPECT_EQ(test::untranslated_english(zh.err), std::vector<std::string>{}) << zh.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Histories, MalformedHistory, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           std::string name = fs::path(p.param.file).stem().string();
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

TEST(MalformedHistories, EveryFileIsListed) {
  std::set<std::string> listed, present;
  for (const Case& c : load_cases()) listed.insert(c.file);
  for (const auto& e : fs::directory_iterator(kDir))
    if (e.path().extension() == ".csv") present.insert(e.path().filename().string());
  EXPECT_EQ(listed, present);
  EXPECT_GE(present.size(), 8u);
}

}  // namespace
}  // namespace dt
