#pragma once
// A strict RFC 4180 reader for tests, written independently of engine/output/csv_writer.cpp:
// fields separated by commas, records by CRLF or LF; a field starting with a double quote runs to
// the next lone double quote ("" inside it is one quote) and may hold commas, CR and LF.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dt::test {

using CsvRecords = std::vector<std::vector<std::string>>;

/// Every record of `text`. Throws std::runtime_error on a malformed document (an unclosed
/// quoted field, or text after a closing quote before the next separator).
inline CsvRecords parse_csv(std::string_view text) {
  CsvRecords records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (n == 0) return records;
  while (true) {
    field.clear();
    if (i < n && text[i] == '"') {  // quoted field
      ++i;
      while (true) {
        if (i >= n) throw std::runtime_error("unclosed quoted field");
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        throw std::runtime_error("text after a closing quote at offset " + std::to_string(i));
    } else {
      while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"') throw std::runtime_error("a quote inside an unquoted field at offset " + std::to_string(i));
        field += text[i++];
      }
    }
    record.push_back(field);
    if (i >= n) {  // last record without a line end
      records.push_back(std::move(record));
      return records;
    }
    if (text[i] == ',') {
      ++i;
      continue;
    }
    if (text[i] == '\r') {
      if (i + 1 >= n || text[i + 1] != '\n') throw std::runtime_error("a CR without LF at offset " + std::to_string(i));
      ++i;
    }
    ++i;  // LF
    records.push_back(std::move(record));
    record.clear();
    if (i >= n) return records;
  }
}

}  // namespace dt::test
