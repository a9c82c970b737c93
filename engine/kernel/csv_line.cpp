#include "engine/kernel/csv_line.h"

#include <algorithm>

namespace dt {

bool split_csv_line(std::string_view line, std::vector<CsvCell>& out) {
  out.clear();
  std::size_t i = 0;
  for (;;) {
    CsvCell f;
    f.col = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) return false;
      while (i < line.size() && line[i] != ',') ++i;  // text after the closing quote is ignored
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      f.text.assign(line.substr(i, end - i));
      i = end;
    }
    // Surrounding blanks are not part of a value.
    const auto first = f.text.find_first_not_of(" \t");
    const auto last = f.text.find_last_not_of(" \t");
    f.col += first == std::string::npos ? 0 : static_cast<int>(first);
    f.text = first == std::string::npos ? std::string() : f.text.substr(first, last - first + 1);
    out.push_back(std::move(f));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace dt
