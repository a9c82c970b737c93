#pragma once
// The one CSV writer (RFC 4180) behind every CSV file drilltwin writes: replications.csv,
// comparison.csv, points.csv. A field holding a comma, a double quote, CR or LF is enclosed in
// double quotes with its quotes doubled; every other field is written as it is. Rows end in LF
// (RFC 4180 says CRLF; drilltwin's files have always used LF, and readers accept both).
//
// Numbers are formatted by the caller (each file keeps the number form docs/formats.md gives it),
// so the writer only ever sees text.

#include <string>
#include <string_view>

namespace dt {

/// `field` as one RFC 4180 field: quoted (quotes doubled) when it holds ',', '"', CR or LF.
[[nodiscard]] std::string csv_field(std::string_view field);

/// Builds a CSV document row by row in memory.
///   CsvWriter csv;
///   csv.field("variant").field("kpi").end_row();
class CsvWriter {
 public:
  /// Appends one field to the current row (separated from the previous one by a comma).
  CsvWriter& field(std::string_view text);
  /// Ends the current row (a row without fields is an empty line).
  CsvWriter& end_row();

  /// The document so far.
  [[nodiscard]] const std::string& str() const noexcept { return out_; }
  /// Moves the document out; the writer is empty afterwards.
  [[nodiscard]] std::string take() noexcept;

 private:
  std::string out_;
  bool row_open_ = false;  ///< a field was written since the last end_row
};

}  // namespace dt
