// Bad layouts get a clear error: every layout in tests/malformed_layouts/ is broken in one way
// (listed in expected.tsv with the position and message a planner must see). `drilltwin layout`
// must exit with status 2 and print FILE:LINE:COL: error: with that message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/support/expected_tsv.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string file, position, fragment;
};

const std::string kDir = std::string(DRILLTWIN_SOURCE_DIR) + "/tests/malformed_layouts/";

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (const auto& cols : test::read_tsv_rows(kDir + "expected.tsv", 3)) cases.push_back({cols[0], cols[1], cols[2]});
  return cases;
}

class MalformedLayout : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedLayout, ExitsWithStatus2AndNamesTheLineAndTheProblem) {
  const Case& c = GetParam();
  const std::string path = kDir + c.file;
  const test::ProcessResult r = test::run_drilltwin({"layout", path});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  const std::string where = path + ":" + c.position + ": error: ";
  const std::size_t at = r.err.find(where);
  ASSERT_NE(at, std::string::npos) << "expected " << where << "\n" << r.err;
  const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
  EXPECT_NE(line.find(c.fragment), std::string::npos) << "expected '" << c.fragment << "' in\n" << line;
  EXPECT_TRUE(r.out.empty()) << "nothing but the diagnostics: " << r.out;
}

INSTANTIATE_TEST_SUITE_P(Layouts, MalformedLayout, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           std::string name = fs::path(p.param.file).stem().string();
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

TEST(MalformedLayouts, EveryFileIsListedAndThereAreAtLeastFifteen) {
  std::set<std::string> listed, present;
  for (const Case& c : load_cases()) listed.insert(c.file);
  for (const auto& e : fs::directory_iterator(kDir))
    if (e.path().extension() == ".yaml") present.insert(e.path().filename().string());
  EXPECT_EQ(listed, present);
  EXPECT_GE(present.size(), 15u);
}

}  // namespace
}  // namespace dt
