#pragma once
// The language of everything drilltwin says to a person: console output, errors and report.html
// (English or Simplified Chinese). Ids in files (KPI names, summary.json keys, CSV headers) never
// change with the language; only words meant to be read do.
//
// Every phrase a person reads is a Phrase defined with DT_PHRASE next to where it is used:
//
//   DT_PHRASE(kUnknownKey, "unknown key '{}'", "未知的键 '{}'");
//   diag.error(pos, say(kUnknownKey, key));
//
// A Phrase registers itself when its translation unit is loaded, so tests/kernel/lang_test.cpp can
// walk every phrase of the linked program and check that each has a Chinese text with the same
// placeholders. The language is chosen once per process (--lang, DRILLTWIN_LANG, LANG) before any
// input is read; it never reaches a result.

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dt {

enum class Lang { En, ZhCN };

/// The language in use (English until set_lang).
[[nodiscard]] Lang lang() noexcept;
void set_lang(Lang lang) noexcept;

/// "en", "en-US", "en_GB.UTF-8" → En; "zh", "zh-CN", "zh_CN.UTF-8", "zh-Hans" → ZhCN; else nothing.
[[nodiscard]] std::optional<Lang> parse_lang(std::string_view text) noexcept;

/// The language asked for by the environment: DRILLTWIN_LANG if set and known, else English.
/// (LANG/LC_ALL are not consulted: a Chinese desktop running a batch script should not change the
/// language of logs that other tools parse unless the user asks.)
[[nodiscard]] Lang lang_from_environment() noexcept;

/// "en" or "zh-CN".
[[nodiscard]] const char* lang_code(Lang lang) noexcept;

/// A phrase in both languages. `en` and `zh` are fmt format strings with the same placeholders in
/// the same order. Construct only through DT_PHRASE (static storage: the registry keeps pointers).
struct Phrase {
  const char* id;  ///< "file.cpp:kName", unique in the program
  const char* en;
  const char* zh;
  Phrase(const char* id, const char* en, const char* zh);
  Phrase(const Phrase&) = delete;
  Phrase& operator=(const Phrase&) = delete;

  /// The text in the current language.
  [[nodiscard]] std::string_view text() const noexcept;
  [[nodiscard]] std::string_view text(Lang in) const noexcept { return in == Lang::ZhCN ? zh : en; }
};

/// Every phrase linked into the program, in no particular order (tests sort them by id).
[[nodiscard]] const std::vector<const Phrase*>& all_phrases();

/// The phrase in the current language with its placeholders filled.
template <class... Args>
[[nodiscard]] std::string say(const Phrase& p, Args&&... args) {
  if constexpr (sizeof...(Args) == 0)
    return std::string(p.text());
  else
    return fmt::format(fmt::runtime(p.text()), std::forward<Args>(args)...);
}

/// The same in a given language.
template <class... Args>
[[nodiscard]] std::string say_in(Lang in, const Phrase& p, Args&&... args) {
  return fmt::format(fmt::runtime(p.text(in)), std::forward<Args>(args)...);
}

}  // namespace dt

/// Defines `static const dt::Phrase NAME` in the current scope (namespace scope: internal linkage).
#define DT_PHRASE(name, en, zh) static const ::dt::Phrase name{__FILE__ ":" #name, en, zh}
