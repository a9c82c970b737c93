// engine/output/csv_writer.cpp against hand-written RFC 4180 text, and read back by an independent
// RFC 4180 reader (tests/support/csv_reader.h).
#include "engine/output/csv_writer.h"

#include <gtest/gtest.h>

#include "tests/support/csv_reader.h"

namespace dt {
namespace {

TEST(CsvWriter, PlainFieldsAreWrittenAsTheyAre) {
  EXPECT_EQ(csv_field("dispatch.response_time_s"), "dispatch.response_time_s");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("12.5"), "12.5");
  EXPECT_EQ(csv_field("a b;c\t'd'"), "a b;c\t'd'");
}

TEST(CsvWriter, FieldsWithCommaQuoteCrOrLfAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field("{dist: fixed, value: 300}"), "\"{dist: fixed, value: 300}\"");
}

TEST(CsvWriter, RowsAreCommaSeparatedAndEndInLf) {
  CsvWriter csv;
  csv.field("variant").field("kpi").field("mean").end_row();
  csv.field("{dist: fixed, value: 300}").field("x").field("1.5").end_row();
  csv.field("a \"b\"").field("").field("two\nlines").end_row();
  EXPECT_EQ(csv.str(),
            "variant,kpi,mean\n"
            "\"{dist: fixed, value: 300}\",x,1.5\n"
            "\"a \"\"b\"\"\",,\"two\nlines\"\n");
}

TEST(CsvWriter, WhatItWritesReadsBackFieldForField) {
  const std::vector<std::vector<std::string>> rows = {
      {"label", "value", "note"},
      {"{dist: fixed, value: 300}", "1", ""},
      {"\"quoted\"", ",", "\r\n"},
      {"", "", ""},
      {"multi\nline, with \"all\"", "x", "end"},
  };
  CsvWriter csv;
  for (const auto& r : rows) {
    for (const auto& f : r) csv.field(f);
    csv.end_row();
  }
  EXPECT_EQ(test::parse_csv(csv.str()), rows);
}

TEST(CsvWriter, TakeEmptiesTheWriter) {
  CsvWriter csv;
  csv.field("a").end_row();
  EXPECT_EQ(csv.take(), "a\n");
  EXPECT_EQ(csv.str(), "");
  csv.field("b").field("c").end_row();
  EXPECT_EQ(csv.str(), "b,c\n");
}

// The reader itself, on RFC 4180's own examples (section 2), so the other tests can trust it.
TEST(CsvReader, ReadsTheExamplesOfRfc4180) {
  EXPECT_EQ(test::parse_csv("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n"),
            (test::CsvRecords{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}}));
  EXPECT_EQ(test::parse_csv("aaa,bbb,ccc\nzzz,yyy,xxx"), (test::CsvRecords{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}}));
  EXPECT_EQ(test::parse_csv("\"aaa\",\"b\r\nbb\",\"ccc\"\r\n"), (test::CsvRecords{{"aaa", "b\r\nbb", "ccc"}}));
  EXPECT_EQ(test::parse_csv("\"aaa\",\"b\"\"bb\",\"ccc\"\n"), (test::CsvRecords{{"aaa", "b\"bb", "ccc"}}));
  EXPECT_THROW(test::parse_csv("\"open,field\n"), std::runtime_error);
  EXPECT_THROW(test::parse_csv("\"a\"b,c\n"), std::runtime_error);
}

}  // namespace
}  // namespace dt
