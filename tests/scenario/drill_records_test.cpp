// The drill-records reader (engine/scenario/drill_records.h): both forms, times relative to the
// alarm (also past midnight), and every malformed input reported at its line and column.
#include "engine/scenario/drill_records.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dt {
namespace {

std::vector<Diagnostic> errors_of(const std::string& text) {
  try {
    (void)parse_drill_records(text, "drills.csv");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

void expect_one_error(const std::string& text, int line, int col, const std::string& fragment) {
  const std::vector<Diagnostic> d = errors_of(text);
  ASSERT_EQ(d.size(), 1u) << text;
  EXPECT_EQ(d[0].pos.file, "drills.csv");
  EXPECT_EQ(d[0].pos.line, line) << d[0].str();
  EXPECT_EQ(d[0].pos.col, col) << d[0].str();
  EXPECT_NE(d[0].message.find(fragment), std::string::npos) << d[0].str();
}

TEST(DrillRecords, PersonRowsGiveTimesSinceTheAlarm) {
  const DrillRecords r = parse_drill_records(
      "# a comment line\n"
      "drill,building,floor,group,count,alarm,start,exit,safe\n"
      "d1,C1,12,adult,1,10:30:00,10:31:30,10:36:00.5,10:40:00\n"
      "d1,C1,3,,2,10:30:00,,10:33:00,\n"
      "d2,C1,,,1,23:59:00,00:01:00,120,\n",  // past midnight; a plain number is seconds
      "drills.csv");
  ASSERT_EQ(r.drills.size(), 2u);
  EXPECT_FALSE(r.door_counter);
  ASSERT_EQ(r.observations.size(), 6u);
  // Row 1: start 90 s, exit 360.5 s, safe 600 s after the alarm.
  EXPECT_EQ(r.observations[0].measure, DrillMeasure::Start);
  EXPECT_DOUBLE_EQ(r.observations[0].seconds, 90.0);
  EXPECT_EQ(r.observations[1].measure, DrillMeasure::LeftBuilding);
  EXPECT_DOUBLE_EQ(r.observations[1].seconds, 360.5);
  EXPECT_DOUBLE_EQ(r.observations[2].seconds, 600.0);
  EXPECT_EQ(r.observations[0].floor, 12);
  // Row 2: a group of two out at 180 s.
  EXPECT_DOUBLE_EQ(r.observations[3].seconds, 180.0);
  EXPECT_DOUBLE_EQ(r.observations[3].count, 2.0);
  // Row 3: alarm 23:59:00; start 00:01:00 is the next day, 120 s later; the exit written as 120
  // (seconds after midnight, the same clock) is 00:02:00, 180 s after the alarm.
  EXPECT_DOUBLE_EQ(r.observations[4].seconds, 120.0);
  EXPECT_DOUBLE_EQ(r.observations[5].seconds, 180.0);
  EXPECT_EQ(r.observations[4].floor, -1);
  EXPECT_EQ(r.observations[4].drill, 1u);
}

TEST(DrillRecords, DoorCounterRowsAreIntervals) {
  const DrillRecords r = parse_drill_records(
      "drill,building,floor,alarm,time,count\n"
      "d1,C1,5,02:00:00,02:01:00,4\n"
      "d1,C1,5,02:00:00,02:02:00,0\n"
      "d1,C1,5,02:00:00,02:03:00,6\n"
      "d1,C1,,02:00:00,02:04:00,10\n",
      "drills.csv");
  EXPECT_TRUE(r.door_counter);
  ASSERT_EQ(r.observations.size(), 3u);  // the empty interval adds nobody
  EXPECT_EQ(r.observations[0].measure, DrillMeasure::LeftFloor);
  EXPECT_DOUBLE_EQ(r.observations[0].interval_start, 0.0);
  EXPECT_DOUBLE_EQ(r.observations[0].seconds, 60.0);
  EXPECT_DOUBLE_EQ(r.observations[1].interval_start, 120.0);  // after the empty interval
  EXPECT_DOUBLE_EQ(r.observations[1].seconds, 180.0);
  EXPECT_EQ(r.observations[2].measure, DrillMeasure::LeftBuilding);  // no floor: the building's doors
  EXPECT_DOUBLE_EQ(r.observations[2].interval_start, 0.0);
}

TEST(DrillRecords, MissingColumnIsReportedOnTheHeader) {
  expect_one_error("drill,floor,alarm,exit\nd1,3,10:00:00,10:05:00\n", 1, 1, "'building'");
}

TEST(DrillRecords, AHeaderWithoutTimesIsReported) {
  expect_one_error("drill,building,alarm\nd1,C1,10:00:00\n", 1, 1, "'start'");
}

TEST(DrillRecords, UnknownColumnSuggestsTheKnownOne) {
  expect_one_error("drill,building,alarm,exit,saf\nd1,C1,10:00:00,10:05:00,\n", 1, 27, "'safe'");
}

TEST(DrillRecords, HeaderOnlyIsAnError) {
  expect_one_error("drill,building,alarm,exit\n", 1, 1, "no record");
  expect_one_error("# only a comment\n\n", 0, 0, "empty");
}

TEST(DrillRecords, TimesOutOfOrderNameTheLaterColumn) {
  // exit (col 25) before start.
  expect_one_error("drill,building,alarm,start,exit\nd1,C1,10:00:00,10:04:00,10:03:00\n", 2, 25, "'exit'");
  // start before the alarm.
  expect_one_error("drill,building,alarm,start,exit\nd1,C1,10:00:00,09:59:00,10:03:00\n", 2, 16, "before the alarm");
  // a door counter going back in time.
  expect_one_error("drill,building,alarm,time,count\nd1,C1,02:00,02:05,3\nd1,C1,02:00,02:04,3\n", 3, 13, "increase");
}

TEST(DrillRecords, NaNAndGarbageTimesAndCountsAreReportedAtTheirCell) {
  expect_one_error("drill,building,alarm,exit\nd1,C1,10:00:00,nan\n", 2, 16, "not a time");
  expect_one_error("drill,building,alarm,exit\nd1,C1,10:00:00,10:61:00\n", 2, 16, "not a time");
  expect_one_error("drill,building,count,alarm,exit\nd1,C1,NaN,10:00:00,10:01:00\n", 2, 7, "count");
  expect_one_error("drill,building,floor,alarm,exit\nd1,C1,2.5,10:00:00,10:01:00\n", 2, 7, "floor");
  expect_one_error("drill,building,alarm,exit\nd1,,10:00:00,10:01:00\n", 2, 4, "'building'");
  expect_one_error("drill,building,alarm,exit\nd1,C1,10:00:00\n", 2, 15, "cells");
}

TEST(DrillRecords, EveryProblemIsReportedAtOnce) {
  const std::vector<Diagnostic> d =
      errors_of("drill,building,alarm,exit\nd1,C1,10:00:00,x\nd1,C1,y,10:00:00\nd1,C1,10:00:00,10:01:00\n");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].pos.line, 2);
  EXPECT_EQ(d[1].pos.line, 3);
}

TEST(DrillRecords, SyntheticCsvReadsBack) {
  std::vector<DrillPersonRow> rows = {{"s0", "T", 3, "adult", 0.0, 75.25, 200.0, 260.0},
                                      {"s0", "T", 4, "elderly", 0.0, 90.0, std::nan(""), 300.0}};
  const std::string csv = drill_records_csv(rows, 10.5 * 3600, {"SYNTHETIC"});
  EXPECT_EQ(csv.rfind("# SYNTHETIC\n", 0), 0u);
  const DrillRecords r = parse_drill_records(csv, "s.csv");
  ASSERT_EQ(r.observations.size(), 5u);
  EXPECT_NEAR(r.observations[0].seconds, 75.3, 1e-9);  // written to a tenth of a second
  EXPECT_DOUBLE_EQ(r.observations[1].seconds, 200.0);
  EXPECT_DOUBLE_EQ(r.observations[3].seconds, 90.0);
  EXPECT_EQ(r.observations[4].measure, DrillMeasure::Safe);
}

}  // namespace
}  // namespace dt
