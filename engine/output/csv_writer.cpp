#include "engine/output/csv_writer.h"

#include <charconv>
#include <cmath>

namespace dt {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string q;
  q.reserve(text.size() + 2);
  q += '"';
  for (const char c : text) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

std::string csv_number(double x) {
  if (!std::isfinite(x)) return {};
  char buf[32];  // std::to_chars without a precision: the shortest form that reads back exactly
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

void CsvWriter::separator() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

CsvWriter& CsvWriter::text(std::string_view value) {
  separator();
  out_ += csv_field(value);
  return *this;
}

CsvWriter& CsvWriter::number(double value) {
  separator();
  out_ += csv_number(value);
  return *this;
}

CsvWriter& CsvWriter::integer(uint64_t value) {
  separator();
  out_ += std::to_string(value);
  return *this;
}

CsvWriter& CsvWriter::raw(std::string_view field) {
  separator();
  out_ += field;
  return *this;
}

void CsvWriter::end_row() {
  out_ += '\n';
  row_started_ = false;
}

}  // namespace dt
