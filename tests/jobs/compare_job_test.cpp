// engine/jobs/compare_job.cpp called in-process, and the regression test for variant labels that
// hold commas: comparison.csv and replications.csv wrote them unquoted, 11 fields under a
// 10-field header (issue item 3, fixed with the one CSV writer).
#include "engine/jobs/compare_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/kernel/input_error.h"
#include "tests/support/csv_reader.h"
#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

const std::string kWorkorders = DRILLTWIN_SOURCE_DIR "/scenarios/workorders_day.yaml";
const std::string kDesk = DRILLTWIN_SOURCE_DIR "/scenarios/desk_mmc.yaml";

jobs::Comparison with_replications(jobs::Comparison c, uint64_t n) {
  for (ScenarioConfig& sc : c.variants) sc.run.replications = n;
  return c;
}

// Every record has as many fields as the header; returns the records.
test::CsvRecords read_rectangular(const std::string& path) {
  const test::CsvRecords rows = test::parse_csv(test::read_file(path));
  EXPECT_GE(rows.size(), 2u) << path;
  for (std::size_t i = 1; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].size(), rows[0].size()) << path << " row " << i;
  return rows;
}

TEST(CompareJob, LabelsWithCommasStayOneFieldInEveryCsv) {
  const std::string a = "{dist: fixed, value: 300}", b = "{dist: fixed, value: 600}";
  const jobs::Comparison c = with_replications(
      jobs::load_comparison(kWorkorders, "incidents.types.0.service_time=" + a + "," + b), 3);
  ASSERT_EQ(c.labels, (std::vector<std::string>{a, b}));
  test::TempDir tmp;
  jobs::JobOptions options;
  options.out_dir = tmp / "o";
  const jobs::CompareResult r = jobs::compare(c, options);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);

  const test::CsvRecords comparison = read_rectangular(tmp / "o/comparison.csv");
  ASSERT_EQ(comparison[0].size(), 10u);
  EXPECT_EQ(comparison[0][0], "variant");
  EXPECT_EQ(comparison[1][0], a);
  EXPECT_EQ(comparison.back()[0], b);
  for (std::size_t i = 1; i < comparison.size(); ++i) EXPECT_TRUE(comparison[i][0] == a || comparison[i][0] == b);

  const test::CsvRecords reps = read_rectangular(tmp / "o/replications.csv");
  EXPECT_EQ(reps[0][0], "variant");
  EXPECT_EQ(reps[0][1], "replication");
  ASSERT_EQ(reps.size(), 1u + 2 * 3);
  EXPECT_EQ(reps[1][0], a);
  EXPECT_EQ(reps[6][0], b);
  EXPECT_EQ(reps[6][1], "2");

  const auto summary = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"));
  EXPECT_EQ(summary["variants"][0]["label"], a);
  EXPECT_EQ(summary["variants"][1]["label"], b);
}

TEST(CompareJob, ReturnsPerVariantTablesWithoutWritingFiles) {
  const jobs::Comparison c = with_replications(jobs::load_comparison(kDesk, "staff.count=2,4"), 4);
  jobs::JobOptions options;
  options.threads = 1;
  const jobs::CompareResult r = jobs::compare(c, options);
  ASSERT_EQ(r.status, jobs::JobStatus::Completed);
  ASSERT_EQ(r.kpis.size(), 2u);
  EXPECT_EQ(r.kpis[0].replications(), 4u);
  // Common random numbers: both variants saw the same incidents.
  EXPECT_EQ(r.kpis[0].row(0)[0], r.kpis[1].row(0)[0]);
}

TEST(CompareJob, RefusesFewerThanTwoReplications) {
  const jobs::Comparison c = with_replications(jobs::load_comparison(kDesk, "staff.count=2,4"), 1);
  EXPECT_EQ(jobs::compare(c).status, jobs::JobStatus::Refused);
}

TEST(CompareJob, BadVaryIsAnInputError) {
  EXPECT_THROW((void)jobs::load_comparison(kDesk, "staff.count=2"), InputError);
  EXPECT_THROW((void)jobs::load_comparison(kDesk, "=2,3"), InputError);
}

}  // namespace
}  // namespace dt
