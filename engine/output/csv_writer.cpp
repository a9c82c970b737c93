#include "engine/output/csv_writer.h"

#include <utility>

namespace dt {

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted;
  quoted.reserve(field.size() + 2);
  quoted += '"';
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CsvWriter& CsvWriter::field(std::string_view text) {
  if (row_open_) out_ += ',';
  out_ += csv_field(text);
  row_open_ = true;
  return *this;
}

CsvWriter& CsvWriter::end_row() {
  out_ += '\n';
  row_open_ = false;
  return *this;
}

std::string CsvWriter::take() noexcept {
  row_open_ = false;
  return std::exchange(out_, std::string());
}

}  // namespace dt
