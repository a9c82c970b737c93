// Tests for engine/output/results_db.cpp: results.sqlite keeps every replication exactly (bits,
// NaN as NULL), knows what is done, refuses files that are not its own, and merges shards.

#include "engine/output/results_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "tests/support/process.h"

namespace dt {
namespace {

SweepDescription two_by_three() {
  SweepDescription d;
  d.scenario = "s";
  d.description = "test";
  d.source_file = "s.yaml";
  d.seed = 9;
  d.replications = 3;
  d.fingerprint = "0123456789abcdef";
  d.parameters = {"staff.count"};
  d.kpis = {{"a.x_s", "s", "x"}, {"a.y", "-", "y"}};
  d.points = {{"staff.count=1", {{"staff.count", "1"}}}, {"staff.count=2", {{"staff.count", "2"}}}};
  return d;
}

ReplicationRecord rec(uint32_t p, uint64_t r) {
  // Values whose bits matter: a third, and NaN for an undefined KPI.
  return {p, r, {static_cast<double>(p) + 1.0 / 3.0 + static_cast<double>(r), r == 1 ? std::nan("") : 0.1 * static_cast<double>(r)}, {}};
}

TEST(ResultsDb, CreatesTheDescriptionAndReadsItBack) {
  test::TempDir tmp;
  const ResultsDb db = ResultsDb::create(tmp / "results.sqlite", two_by_three());
  const ResultsDb again = ResultsDb::open(tmp / "results.sqlite");
  EXPECT_EQ(again.sweep().fingerprint, "0123456789abcdef");
  EXPECT_EQ(again.sweep().parameters, std::vector<std::string>{"staff.count"});
  ASSERT_EQ(again.sweep().points.size(), 2u);
  EXPECT_EQ(again.sweep().points[1].settings.front().second, "2");
  ASSERT_EQ(again.sweep().kpis.size(), 2u);
  EXPECT_EQ(again.sweep().kpis[1].name, "a.y");
  EXPECT_THROW((void)ResultsDb::create(tmp / "results.sqlite", two_by_three()), std::runtime_error) << "exists";
}

TEST(ResultsDb, KeepsValuesBitForBitAndKnowsWhatIsDone) {
  test::TempDir tmp;
  ResultsDb db = ResultsDb::create(tmp / "r.sqlite", two_by_three());
  const int64_t run = db.begin_run({"sweep", 2, 1, ""});
  std::vector<ReplicationRecord> batch{rec(0, 0), rec(1, 0), rec(0, 1), rec(1, 1), rec(0, 2)};
  batch[0].series.push_back(Series::curve("evacuation.safe_count", "s", "people", {0, 1}, {0, 7}));
  db.insert(batch, run);
  db.insert(std::vector<ReplicationRecord>{rec(0, 0)}, run);  // stored already: left as it is
  EXPECT_EQ(db.done_count(), 5u);
  const std::vector<bool> done = db.done_mask();  // index r * points + p
  EXPECT_EQ(done, (std::vector<bool>{true, true, true, true, true, false}));
  EXPECT_THROW((void)db.point_table(1), std::runtime_error) << "replication 2 of point 1 is missing";
  db.insert(std::vector<ReplicationRecord>{rec(1, 2)}, run);
  db.end_run(run, "completed");
  const KpiTable t = db.point_table(1);
  ASSERT_EQ(t.replications(), 3u);
  for (uint64_t r = 0; r < 3; ++r) {
    const ReplicationRecord want = rec(1, r);
    EXPECT_EQ(t.row(r)[0], want.kpis[0]);
  }
  EXPECT_TRUE(std::isnan(t.row(1)[1])) << "NULL reads back as NaN";
  const std::vector<ReplicationSeries> s = db.point_series(0);
  ASSERT_EQ(s.size(), 3u);
  ASSERT_EQ(s[0].size(), 1u);
  EXPECT_EQ(s[0][0].y, (std::vector<double>{0, 7}));
  EXPECT_TRUE(s[1].empty());
}

TEST(ResultsDb, MoreReplicationsOnResumeLeaveTheNewOnesPending) {
  test::TempDir tmp;
  ResultsDb db = ResultsDb::create(tmp / "r.sqlite", two_by_three());
  const int64_t run = db.begin_run({"sweep", 1, 1, ""});
  db.insert(std::vector<ReplicationRecord>{rec(0, 0), rec(1, 0), rec(0, 1), rec(1, 1), rec(0, 2), rec(1, 2)}, run);
  db.set_replications(4);
  EXPECT_EQ(db.done_count(), 6u);
  EXPECT_EQ(db.done_mask().size(), 8u);
  EXPECT_FALSE(db.done_mask()[6]);
  EXPECT_EQ(ResultsDb::open(tmp / "r.sqlite").sweep().replications, 4u);
}

TEST(ResultsDb, RefusesFilesThatAreNotResults) {
  test::TempDir tmp;
  EXPECT_THROW((void)ResultsDb::open(tmp / "missing.sqlite"), std::runtime_error);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((tmp / "other.sqlite").c_str(), &raw), SQLITE_OK);
  sqlite3_exec(raw, "CREATE TABLE meta (key TEXT, value TEXT);", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  EXPECT_THROW((void)ResultsDb::open(tmp / "other.sqlite"), std::runtime_error);
}

TEST(ResultsDb, CopiesTheMissingReplicationsOfAnotherFile) {
  test::TempDir tmp;
  {
    ResultsDb a = ResultsDb::create(tmp / "a.sqlite", two_by_three());
    a.insert(std::vector<ReplicationRecord>{rec(0, 0), rec(1, 0), rec(0, 1)}, a.begin_run({"sweep", 1, 1, "1/2"}));
    ResultsDb b = ResultsDb::create(tmp / "b.sqlite", two_by_three());
    b.insert(std::vector<ReplicationRecord>{rec(0, 1), rec(1, 1), rec(0, 2), rec(1, 2)}, b.begin_run({"sweep", 1, 1, "2/2"}));
  }
  ResultsDb m = ResultsDb::create(tmp / "m.sqlite", two_by_three());
  const int64_t run = m.begin_run({"merge", 0, 1, ""});
  EXPECT_EQ(m.copy_missing_from(tmp / "a.sqlite", run), 3u);
  EXPECT_EQ(m.copy_missing_from(tmp / "b.sqlite", run), 3u) << "(0, 1) is in both";
  EXPECT_EQ(m.done_count(), 6u);
  EXPECT_EQ(m.point_table(1).row(2)[0], rec(1, 2).kpis[0]);
}

// Issue 13 item 2: every value read back from results.sqlite is untrusted input. Each edit below
// damages a good file the way a hand edit, another program or a broken disk could; opening it must
// fail with the file's path and what is wrong, never read past a vector (a replication index of −5
// was written to done[−5 · points + p] before) or turn 'abc' into 0.
class DamagedResultsDb : public ::testing::Test {
 protected:
  void SetUp() override {
    ResultsDb db = ResultsDb::create(path(), two_by_three());
    ReplicationRecord r = rec(0, 0);
    r.series.push_back(Series::samples("a.samples", "s", {1.0, 2.0}));
    db.insert(std::vector<ReplicationRecord>{r, rec(1, 0), rec(0, 1)}, db.begin_run({"sweep", 1, 1, ""}));
  }
  [[nodiscard]] std::filesystem::path path() const { return tmp_ / "results.sqlite"; }
  // Applies `sql` and returns the message of opening the file ("" if it opened).
  std::string damage(const char* sql) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path().c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(raw);
    try {
      const ResultsDb db = ResultsDb::open(path());
      (void)db.done_mask();
      (void)db.point_series(0);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }
  test::TempDir tmp_;
};

TEST_F(DamagedResultsDb, TheUndamagedFileOpens) { EXPECT_EQ(damage("SELECT 1;"), ""); }

TEST_F(DamagedResultsDb, ANegativeReplicationIndex) {
  const std::string msg = damage("INSERT INTO replications VALUES (0, -5, 'done', 1);");
  EXPECT_NE(msg.find(path().string() + " is damaged"), std::string::npos) << msg;
  EXPECT_NE(msg.find("replication '-5'"), std::string::npos) << msg;
}

TEST_F(DamagedResultsDb, APointThatDoesNotExist) {
  EXPECT_NE(damage("INSERT INTO replications VALUES (7, 0, 'done', 1);").find("point '7'"), std::string::npos);
}

TEST_F(DamagedResultsDb, TextWhereAKpiValueShouldBe) {
  const std::string msg = damage("UPDATE kpi_values SET value = 'abc' WHERE point = 0 AND replication = 0 AND kpi = 0;");
  EXPECT_NE(msg.find("is not a number"), std::string::npos) << msg;
}

TEST_F(DamagedResultsDb, AReplicationRowDeletedWhileItsValuesStay) {
  const std::string msg = damage("DELETE FROM replications WHERE point = 0 AND replication = 1;");
  EXPECT_NE(msg.find("replications table does not list"), std::string::npos) << msg;
}

TEST_F(DamagedResultsDb, AKpiValueMissing) {
  const std::string msg = damage("DELETE FROM kpi_values WHERE point = 1 AND replication = 0 AND kpi = 1;");
  EXPECT_NE(msg.find("point 1, replication 0 has 1 KPI values"), std::string::npos) << msg;
}

TEST_F(DamagedResultsDb, ATableDropped) {
  EXPECT_NE(damage("DROP TABLE series;").find("table 'series' is missing"), std::string::npos);
}

TEST_F(DamagedResultsDb, AnotherSchemaVersion) {
  const std::string msg = damage("UPDATE meta SET value = '2' WHERE key = 'schema_version';");
  EXPECT_NE(msg.find("has schema_version 2; this drilltwin reads version 1"), std::string::npos) << msg;
}

TEST_F(DamagedResultsDb, AnImpossibleReplicationCountOrSeed) {
  EXPECT_NE(damage("UPDATE sweep SET replications = 0;").find("replication count '0'"), std::string::npos);
}

TEST_F(DamagedResultsDb, ASeedThatIsNotAnInteger) {
  EXPECT_NE(damage("UPDATE sweep SET seed = 'x';").find("seed is not an integer"), std::string::npos);
}

TEST_F(DamagedResultsDb, ParametersThatAreNotJson) {
  EXPECT_NE(damage("UPDATE sweep SET parameters = '[1,';").find("parameters are not a JSON list"), std::string::npos);
}

TEST_F(DamagedResultsDb, ASeriesBlobOfAnOddLength) {
  EXPECT_NE(damage("UPDATE series SET y = x'0102';").find("series of point 0, replication 0"), std::string::npos);
}

TEST_F(DamagedResultsDb, KpiRangesThatDoNotMatchTheKpis) {
  EXPECT_NE(damage("UPDATE meta SET value = '[\"fraction\"]' WHERE key = 'kpi_ranges';").find("kpi_ranges"),
            std::string::npos);
}

TEST(ResultsDb, KeepsTheRangeOfEachKpiAndTheOverrides) {
  test::TempDir tmp;
  SweepDescription d = two_by_three();
  d.kpis[0].range = KpiRange::NonNegative;
  d.kpis[1].range = KpiRange::Fraction;
  d.overrides = {"staff.count=4", "run.seed=3"};
  (void)ResultsDb::create(tmp / "r.sqlite", d);
  const ResultsDb db = ResultsDb::open(tmp / "r.sqlite");
  EXPECT_EQ(db.sweep().kpis[0].range, KpiRange::NonNegative);
  EXPECT_EQ(db.sweep().kpis[1].range, KpiRange::Fraction);
  EXPECT_EQ(db.sweep().overrides, d.overrides);

}

}  // namespace
}  // namespace dt
