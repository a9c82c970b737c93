#pragma once
// The expected.tsv files of the malformed-input folders: one row per broken file, tab-separated
// columns (file, position, message fragment, optional extra flags); '#' lines are comments.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dt::test {

/// Every row of the TSV file at `path`, each padded with empty columns to at least `columns`.
inline std::vector<std::vector<std::string>> read_tsv_rows(const std::string& path, std::size_t columns) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < columns) cols.resize(columns);
    rows.push_back(std::move(cols));
  }
  return rows;
}

/// The words of a column (the extra flags: "--set a=b" → {"--set", "a=b"}).
inline std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string w; ss >> w;) out.push_back(w);
  return out;
}

}  // namespace dt::test
