// `drilltwin compare` on the real executable: its CSV files are well-formed RFC 4180 documents
// whatever the variant labels hold.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/csv_reader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

using test::parse_csv;
using test::run_drilltwin;

// Regression: a variant whose YAML value holds a comma (a distribution written inline) used to be
// written unquoted, giving 11 fields under the 10-field header of comparison.csv (and one field too
// many in replications.csv).
TEST(CompareCommand, VariantLabelsWithCommasKeepEveryRowAsWideAsItsHeader) {
  test::TempDir dir;
  const std::string a = "{dist: fixed, value: 300}", b = "{dist: fixed, value: 600}";
  const auto r = run_drilltwin({"compare", "scenarios/desk_mmc.yaml", "--vary", "incidents.service_time=" + a + "," + b,
                                "-r", "4", "--threads", "2", "--out", dir.path(), "-q"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  for (const char* file : {"comparison.csv", "replications.csv"}) {
    const auto rows = parse_csv(test::read_file(dir / file));
    ASSERT_GE(rows.size(), 3u) << file;
    EXPECT_EQ(rows[0][0], "variant") << file;
    bool seen_a = false, seen_b = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      EXPECT_EQ(rows[i].size(), rows[0].size()) << file << " row " << i;
      seen_a = seen_a || rows[i][0] == a;
      seen_b = seen_b || rows[i][0] == b;
    }
    EXPECT_TRUE(seen_a && seen_b) << file << ": both labels read back intact";
  }
  // comparison.csv: one row per (variant, KPI); the first variant has no difference to itself.
  const auto cmp = parse_csv(test::read_file(dir / "comparison.csv"));
  ASSERT_EQ(cmp[0].size(), 10u);
  EXPECT_EQ(cmp[1][6], "");
  // replications.csv: 2 variants x 4 replications, numbered 0..3 within each variant.
  const auto reps = parse_csv(test::read_file(dir / "replications.csv"));
  ASSERT_EQ(reps.size(), 1u + 2u * 4u);
  EXPECT_EQ(reps[1][1], "0");
  EXPECT_EQ(reps[8][1], "3");
}

}  // namespace
}  // namespace dt
