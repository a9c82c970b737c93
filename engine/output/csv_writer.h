#pragma once
// The one CSV writer of every file drilltwin writes (replications.csv, comparison.csv, points.csv),
// RFC 4180: fields separated by commas, rows ended by LF; a field holding a comma, a double quote,
// CR or LF is enclosed in double quotes and its quotes are doubled. Numbers are written in the
// shortest form that reads back to the same double; a non-finite number is an empty field.

#include <cstdint>
#include <string>
#include <string_view>

namespace dt {

/// `text` as one RFC 4180 field (quoted only when it must be).
[[nodiscard]] std::string csv_field(std::string_view text);

/// `x` as a CSV field: the shortest decimal form that reads back to the same double; "" when x is
/// NaN or infinite (undefined).
[[nodiscard]] std::string csv_number(double x);

/// Builds a CSV document row by row.
class CsvWriter {
 public:
  CsvWriter& text(std::string_view value);  ///< a text field (quoted when needed)
  CsvWriter& number(double value);          ///< a number field (csv_number)
  CsvWriter& integer(uint64_t value);       ///< an integer field
  CsvWriter& raw(std::string_view field);   ///< a field already in CSV form (e.g. "" for empty)
  void end_row();                           ///< ends the current row with LF

  [[nodiscard]] const std::string& str() const noexcept { return out_; }
  [[nodiscard]] std::string take() noexcept { return std::move(out_); }

 private:
  void separator();
  std::string out_;
  bool row_started_ = false;
};

}  // namespace dt
