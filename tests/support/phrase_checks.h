#pragma once
// The rules every phrase (engine/kernel/lang.h) obeys, for a phrase of the test binary
// (tests/kernel/lang_test.cpp) and for one listed by `drilltwin __phrases` (tests/cli/lang_cli_test.cpp):
//   - the Chinese text is not empty and holds at least one CJK character, unless the English has
//     no letters at all (", " → "、");
//   - it has the same fmt placeholders ({}, {:.1f}, ...) in the same order as the English, or,
//     when every placeholder is numbered ({1}, {0:.1f}), the same ones in any order;
//   - ids are unique (checked by the callers over the whole list).

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace dt::test {

/// Whether `text` (UTF-8) holds a CJK unified ideograph (U+4E00–U+9FFF) or CJK punctuation
/// (U+3000–U+303F, full-width forms U+FF00–U+FFEF count only with an ideograph).
inline bool has_cjk(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto c0 = static_cast<unsigned char>(text[i]);
    if ((c0 & 0xF0) != 0xE0) continue;
    const unsigned cp = ((c0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  }
  return false;
}

inline bool has_ascii_letter(std::string_view text) {
  for (const char c : text)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  return false;
}

/// The replacement fields of an fmt format string, in order ("{}", "{:.1f}", "{0}"); "{{" and
/// "}}" are literal braces and not fields. A '{' that does not start a field as fmt reads one
/// ('{' followed by something other than '}', ':' or a digit) is literal text too: a phrase
/// without arguments is printed as written ("the '{' is here").
inline std::vector<std::string> placeholders(std::string_view format) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '{') continue;
    if (i + 1 < format.size() && format[i + 1] == '{') {
      ++i;
      continue;
    }
    if (i + 1 >= format.size()) break;
    const char next = format[i + 1];
    if (next != '}' && next != ':' && !(next >= '0' && next <= '9')) continue;
    const std::size_t close = format.find('}', i);
    if (close == std::string_view::npos) break;
    out.emplace_back(format.substr(i, close - i + 1));
    i = close;
  }
  return out;
}

/// Whether every field names its argument ("{0}", "{2:.1f}"): then the Chinese may put them in
/// another order, as its grammar wants, and still say the same thing.
inline bool all_numbered(const std::vector<std::string>& fields) {
  for (const std::string& f : fields)
    if (f.size() < 3 || f[1] < '0' || f[1] > '9') return false;
  return true;
}

/// What is wrong with one phrase, or "" when nothing is. The placeholders must be the same, in the
/// same order — or, when every one of them is numbered, the same set in any order.
inline std::string phrase_problem(std::string_view en, std::string_view zh) {
  if (zh.empty()) return "the Chinese text is empty";
  if (has_ascii_letter(en) && !has_cjk(zh)) return "the Chinese text has no Chinese character";
  std::vector<std::string> e = placeholders(en), z = placeholders(zh);
  if (!e.empty() && all_numbered(e) && all_numbered(z)) {
    std::sort(e.begin(), e.end());
    std::sort(z.begin(), z.end());
  }
  if (e != z) return "the placeholders differ from the English";
  return {};
}

}  // namespace dt::test
