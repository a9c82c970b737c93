// engine/dispatch/work_order_history.cpp: the CSV format of docs/formats.md read and written, and
// each kind of malformed row reported at its line and column.
#include "engine/dispatch/work_order_history.h"

#include <cmath>

#include <gtest/gtest.h>

#include "engine/kernel/civil_date.h"
#include "engine/kernel/input_error.h"

namespace dt {
namespace {

const std::vector<std::string> kTypes = {"water_leak", "security_call"};
const std::vector<std::string> kPlaces = {"A1", "B2", "outside"};

WorkOrderHistory parse(const std::string& text) { return parse_work_order_history(text, "h.csv", kTypes, kPlaces); }

// The first diagnostic of a text that must fail.
Diagnostic first_error(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const InputError& e) {
    return e.diagnostics().front();
  }
  ADD_FAILURE() << "no error for\n" << text;
  return {};
}

const std::string kHeader = "time,type,building,priority,accepted,dispatched,arrived,resolved\n";

TEST(WorkOrderHistory, ReadsRowsCommentsQuotesAndEmptyStages) {
  const WorkOrderHistory h = parse("\xEF\xBB\xBF# synthetic\r\n" + kHeader +
                                   "2026-11-02 07:41:09,water_leak,B2,1,2026-11-02 07:42:01,2026-11-02 "
                                   "07:44:30,2026-11-02T07:53:12,2026-11-02 08:40\r\n"
                                   "\n"
                                   "2026-11-02 09:00,\"security_call\",outside,2,,,,\n");
  ASSERT_EQ(h.orders.size(), 2u);
  const WorkOrder& a = h.orders[0];
  EXPECT_EQ(a.time_s, days_from_civil(2026, 11, 2) * 86400.0 + 7 * 3600 + 41 * 60 + 9);
  EXPECT_EQ(a.type, 0u);
  EXPECT_EQ(a.place, 1u);
  EXPECT_EQ(a.priority, 1);
  EXPECT_EQ(a.resolved_s - a.arrived_s, 46 * 60 + 48.0);  // 07:53:12 → 08:40:00
  EXPECT_EQ(a.line, 3);
  EXPECT_EQ(h.orders[1].place, 2u);
  EXPECT_TRUE(std::isnan(h.orders[1].accepted_s));
  EXPECT_EQ(h.first_day(), days_from_civil(2026, 11, 2));
}

TEST(WorkOrderHistory, WritesWhatItReads) {
  const WorkOrderHistory h =
      parse(kHeader + "2026-11-02 07:41:09,water_leak,B2,1,,,2026-11-02 07:53:12,2026-11-02 08:40:00\n");
  const std::string csv = work_order_history_csv(h, {"SYNTHETIC"});
  EXPECT_EQ(csv.rfind("# SYNTHETIC\n", 0), 0u);
  const WorkOrderHistory back = parse(csv);
  ASSERT_EQ(back.orders.size(), 1u);
  EXPECT_EQ(back.orders[0].time_s, h.orders[0].time_s);
  EXPECT_EQ(back.orders[0].resolved_s, h.orders[0].resolved_s);
  EXPECT_TRUE(std::isnan(back.orders[0].accepted_s));
  EXPECT_EQ(format_day(days_from_civil(2024, 2, 29)), "2024-02-29");
}

TEST(WorkOrderHistory, MalformedRowsAreReportedAtTheirLineAndColumn) {
  const std::string ok_row = "2026-11-02 07:00,water_leak,A1,1,,,,\n";
  struct Case {
    std::string text;
    int line, col;
    std::string fragment;
  } cases[] = {
      {"", 1, 1, "empty"},
      {kHeader, 2, 1, "header only"},
      {"time,type,building,priority,accepted,dispatched,resolved\n" + ok_row, 1, 1, "missing column 'arrived'"},
      {"time,type,bulding,priority,accepted,dispatched,arrived,resolved\n" + ok_row, 1, 11, "did you mean 'building'"},
      {kHeader + ok_row + "2026-11-02 06:00,water_leak,A1,1,,,,\n", 3, 1, "out of time order"},
      {kHeader + "2026-11-02 07:00,water_leak,C9,1,,,,\n", 2, 29, "unknown building 'C9'"},
      {kHeader + "2026-11-02 07:00,water_leek,A1,1,,,,\n", 2, 18, "did you mean 'water_leak'"},
      {kHeader + "2026-11-02 07:00,water_leak,A1,NaN,,,,\n", 2, 32, "not a number"},
      {kHeader + "2026-11-02 07:00,water_leak,A1,1,,,,nan\n", 2, 37, "not a number"},
      {kHeader + "2026-11-31 07:00,water_leak,A1,1,,,,\n", 2, 1, "not a time"},
      {kHeader + "2026-11-02 07:00,water_leak,A1,1,,2026-11-02 07:30,2026-11-02 07:20,\n", 2, 52, "'arrived'"},
      {kHeader + "2026-11-02 07:00,water_leak,A1,1,,,\n", 2, 1, "expected 8 fields"},
      {kHeader + "2026-11-02 07:00,water_leak,A1,5,,,,\n", 2, 32, "priority"},
      {kHeader + ok_row + "2062-11-02 07:00,water_leak,A1,1,,,,\n", 3, 1, "mistyped"},
  };
  for (const Case& c : cases) {
    const Diagnostic d = first_error(c.text);
    EXPECT_EQ(d.pos.file, "h.csv");
    EXPECT_EQ(d.pos.line, c.line) << c.text << d.str();
    EXPECT_EQ(d.pos.col, c.col) << c.text << d.str();
    EXPECT_NE(d.message.find(c.fragment), std::string::npos) << d.str();
  }
}

}  // namespace
}  // namespace dt
