// The one CSV writer (engine/output/csv_writer.h) against RFC 4180, section 2: fields holding a
// comma, a double quote, CR or LF are enclosed in double quotes, with quotes doubled; other fields
// are written as they are. Expected strings are written out by hand from the RFC's rules.
#include "engine/output/csv_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/support/csv_reader.h"

namespace dt {
namespace {

TEST(CsvWriter, PlainFieldsAreWrittenAsTheyAre) {
  EXPECT_EQ(csv_field("nearest"), "nearest");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("30 min"), "30 min");
}

TEST(CsvWriter, FieldsWithCommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_field("{dist: fixed, value: 300}"), "\"{dist: fixed, value: 300}\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvWriter, NumbersUseTheShortestFormThatReadsBackExactly) {
  EXPECT_EQ(csv_number(0.0), "0");
  EXPECT_EQ(csv_number(1.0), "1");
  EXPECT_EQ(csv_number(0.1), "0.1");
  EXPECT_EQ(csv_number(-2.5), "-2.5");
  EXPECT_EQ(csv_number(1e-7), "1e-07");
  const double third = 1.0 / 3.0;
  EXPECT_EQ(std::stod(csv_number(third)), third);
  EXPECT_EQ(csv_number(std::numeric_limits<double>::quiet_NaN()), "") << "undefined values are empty fields";
  EXPECT_EQ(csv_number(std::numeric_limits<double>::infinity()), "");
}

TEST(CsvWriter, RowsRoundTripThroughAnRfc4180Reader) {
  CsvWriter w;
  w.text("variant").text("kpi").text("mean").end_row();
  w.text("{dist: fixed, value: 300}").text("a \"quoted\" name").number(2.5).end_row();
  w.text("line\nbreak").raw("").integer(7).end_row();
  EXPECT_EQ(w.str(),
            "variant,kpi,mean\n"
            "\"{dist: fixed, value: 300}\",\"a \"\"quoted\"\" name\",2.5\n"
            "\"line\nbreak\",,7\n");
  const auto rows = test::parse_csv(w.str());
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) EXPECT_EQ(r.size(), 3u);
  EXPECT_EQ(rows[1][0], "{dist: fixed, value: 300}");
  EXPECT_EQ(rows[1][1], "a \"quoted\" name");
  EXPECT_EQ(rows[2][0], "line\nbreak");
  EXPECT_EQ(rows[2][1], "");
}

TEST(CsvReaderForTests, RejectsMalformedDocuments) {
  EXPECT_THROW(test::parse_csv("a,\"b\n"), std::runtime_error);
  EXPECT_THROW(test::parse_csv("a,b\"c\n"), std::runtime_error);
  EXPECT_THROW(test::parse_csv("\"a\"b\n"), std::runtime_error);
  EXPECT_EQ(test::parse_csv("a,b\r\nc,d").size(), 2u);
}

}  // namespace
}  // namespace dt
