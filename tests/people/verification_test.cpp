// The verification suite of `drilltwin verify` (engine/people/verification.h), run in ctest:
// every case must reproduce its hand calculation (docs/validation.md) within its tolerance.
#include <gtest/gtest.h>

#include "engine/people/verification.h"

namespace dt {
namespace {

class Verification : public ::testing::TestWithParam<std::size_t> {};

const std::vector<VerificationCase>& cases() {
  static const std::vector<VerificationCase> c = verification_cases();
  return c;
}

TEST_P(Verification, ReproducesTheHandCalculation) {
  const VerificationCase& c = cases()[GetParam()];
  const VerificationOutcome o = run_verification_case(c);
  EXPECT_TRUE(o.pass) << c.name << ": " << c.what << "\n  expected " << c.expected << " " << c.unit << " ("
                      << c.source << "), accepted [" << c.low << ", " << c.high << "], got " << o.result;
}

INSTANTIATE_TEST_SUITE_P(Cases, Verification, ::testing::Range<std::size_t>(0, cases().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& param) {
                           std::string n = cases()[param.param].name;
                           for (char& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(VerificationSuite, CoversTheCasesTheIssueNames) {
  std::vector<std::string> names;
  for (const auto& c : cases()) names.push_back(c.name);
  for (const char* prefix : {"imo.1.", "imo.3.", "imo.4.", "door.", "stair.short", "stair.long", "walk.congested",
                             "sfpe.nine_storey", "rimea.premovement", "rimea.7.", "rimea.exit_choice", "rimea.9."}) {
    EXPECT_TRUE(std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.rfind(prefix, 0) == 0; }))
        << prefix;
  }
}

}  // namespace
}  // namespace dt
