#pragma once
// A strict RFC 4180 reader for tests, written from the RFC (section 2), independent of the
// engine's writer: fields split by commas, records by LF or CRLF; a quoted field may hold commas,
// line breaks and doubled quotes. Throws on a malformed document (a quote inside an unquoted
// field, text after a closing quote, an unterminated quoted field).

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dt::test {

inline std::vector<std::vector<std::string>> parse_csv(std::string_view doc) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  bool at_field_start = true;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    at_field_start = true;
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
  };
  while (i < doc.size()) {
    const char c = doc[i];
    if (at_field_start && c == '"') {  // quoted field
      ++i;
      for (;;) {
        if (i >= doc.size()) throw std::runtime_error("unterminated quoted field");
        if (doc[i] == '"') {
          if (i + 1 < doc.size() && doc[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += doc[i++];
      }
      if (i < doc.size() && doc[i] != ',' && doc[i] != '\n' && doc[i] != '\r')
        throw std::runtime_error("text after a closing quote");
      at_field_start = false;
      continue;
    }
    at_field_start = false;
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\n' || (c == '\r' && i + 1 < doc.size() && doc[i + 1] == '\n')) {
      end_record();
      i += c == '\r' ? 2 : 1;
    } else if (c == '"') {
      throw std::runtime_error("a quote inside an unquoted field");
    } else {
      field += c;
      ++i;
    }
  }
  if (!at_field_start || !field.empty() || !record.empty()) end_record();  // last record without a line end
  return records;
}

}  // namespace dt::test
