#pragma once
// Finds English left in text that should be Chinese (console output, error messages, report.html
// text): after removing what legitimately stays as written — quoted text ('…', "…", `…`), paths and
// file names, dotted ids (KPI names, scenario keys), --flags, numbers with their units, and command
// lines to copy ("drilltwin sweep …" up to the end of its line) — any run of two or more
// consecutive English words of three or more letters is untranslated English.
//
//   EXPECT_EQ(test::untranslated_english(r.err), std::vector<std::string>{}) << r.err;

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace dt::test {

/// `text` with the parts that stay as written blanked out (each replaced by a space), line by line.
inline std::string without_verbatim_parts(const std::string& text) {
  static const std::regex kVerbatim[] = {
      // A command line to copy: from the program's name to the end of the line.
      std::regex(R"((mpirun\s.*|drilltwin(-view)?\s+(run|validate|compare|sweep|optimize|merge|layout|verify)\b.*))"),
      std::regex(R"('[^'\n]*')"),  // quoted user input and ids
      std::regex(R"("[^"\n]*")"),
      std::regex(R"(`[^`\n]*`)"),
      std::regex(R"(\S*/\S*)"),  // paths (anything with a slash), units like m/s
      std::regex(R"(\S+\.(yaml|yml|csv|json|sqlite|html|svg|png|geojson|dot|tsv|txt)\b)"),
      std::regex(R"(--[A-Za-z][A-Za-z0-9-]*)"),                        // flags
      std::regex(R"(\b[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_*]+)+\b)"),  // dotted ids
      std::regex(R"(\b[A-Za-z]+_[A-Za-z0-9_]*\b)"),                    // snake_case ids
      // Numbers with units (12 s, 3.5 min, 2 h, 1.1 m, 95 %, 4 GiB, 200 replications is NOT a unit).
      std::regex(R"(\b[0-9][0-9.,]*\s*(s|ms|min|h|m|m2|km|MiB|GiB|KiB|kB|MB|GB|pps|%)\b)"),
  };
  std::string out = text;
  for (const std::regex& re : kVerbatim) out = std::regex_replace(out, re, " ");
  return out;
}

/// Every run of two or more consecutive English words (three or more ASCII letters each, separated
/// by blanks or punctuation within a sentence) left in `text` once the verbatim parts are removed.
inline std::vector<std::string> untranslated_english(const std::string& text) {
  static const std::regex kRun(R"([A-Za-z]{3,}([ \t,;:()-]+[A-Za-z]{3,})+)");
  std::vector<std::string> runs;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::string rest = without_verbatim_parts(line);
    for (auto it = std::sregex_iterator(rest.begin(), rest.end(), kRun); it != std::sregex_iterator(); ++it)
      runs.push_back(it->str() + "   ← in: " + line);
  }
  return runs;
}

}  // namespace dt::test
