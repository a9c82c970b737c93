#pragma once
// One line of RFC 4180 CSV split into cells with their columns, for the readers of records people
// write by hand or export from other tools (drill records, work-order histories), whose errors
// name the line and the column of the cell.

#include <string>
#include <string_view>
#include <vector>

namespace dt {

struct CsvCell {
  std::string text;  ///< unquoted ("" inside quotes is one "), without surrounding blanks
  int col = 1;       ///< 1-based column (characters) of the value's first non-blank character
};

/// Splits `line` (no line breaks inside quotes) at its commas into `out` (cleared first). Text
/// after a closing quote, up to the next comma, is ignored. False when a quote is not closed.
bool split_csv_line(std::string_view line, std::vector<CsvCell>& out);

}  // namespace dt
