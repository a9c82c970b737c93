#include "engine/scenario/reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <exception>
#include <limits>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "engine/kernel/assert.h"
#include "engine/kernel/suggest.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
// Between the items of a list of ids in a message (the Chinese enumeration comma).
DT_PHRASE(kListComma, ", ", "、");
DT_PHRASE(kItemNameDigits,
          "{} name '{}' is a number: numbers address items by position ({}); use a word such as '{}'",
          "{}名 '{}' 是数字：数字表示条目的位置（{}）；请用词语命名，例如 '{}'");
DT_PHRASE(kItemNameTwice, "{} name '{}' is given twice (first at {}): a dotted key such as {} must name one item",
          "{}名 '{}' 重复（第一次在 {}）：{} 这样的点分键只能指向一个条目");
DT_PHRASE(kItemNameChars,
          "{} name '{}' must be a word of letters, digits, '_' or '-' (it is used in dotted keys such as {})",
          "{}名 '{}' 只能由字母、数字、'_' 或 '-' 组成（它用在 {} 这样的点分键中）");
DT_PHRASE(kUnknownKeyGuess, "unknown key '{}' in '{}' (did you mean '{}'?)", "未知的键 '{}'（位于 '{}'）（是否想写 '{}'？）");
DT_PHRASE(kUnknownKeyList, "unknown key '{}' in '{}'; known keys here: {}", "未知的键 '{}'（位于 '{}'）；此处可用的键：{}");
DT_PHRASE(kUnknownKey, "unknown key '{}' in '{}'", "未知的键 '{}'（位于 '{}'）");
DT_PHRASE(kFoundText, "the text \"{}\"", "文本 \"{}\"");
DT_PHRASE(kMAmbiguous, "'m' is ambiguous: write 'min' for minutes", "'m' 有歧义：分钟请写 'min'");
DT_PHRASE(kUnknownUnit, "unknown unit '{}'", "未知的单位 '{}'");
DT_PHRASE(kDurationSigns, "a duration of several parts takes no signs (write e.g. '4 min 57 s', not '5 min -3 s')",
          "由多段组成的时长不能带正负号（例如写 '4 min 57 s'，而不是 '5 min -3 s'）");
DT_PHRASE(kDurationOrder,
          "the parts of a duration go from the largest unit to the smallest, each once (e.g. '1 h 30 min'); found '{}' after a smaller or equal unit",
          "时长的各段须从大单位写到小单位，每个单位只出现一次（例如 '1 h 30 min'）；'{}' 出现在更小或相同的单位之后");
DT_PHRASE(kDurationTooLarge, "the duration is too large", "时长过大");
DT_PHRASE(kRangeBetween, "must be between {}{} and {}{}", "必须介于 {}{} 与 {}{} 之间");
DT_PHRASE(kRangeMust, "must be", "必须");
DT_PHRASE(kRangeAnd, " and", " 且");
DT_PHRASE(kRangeAnything, " anything", "为任意值");
DT_PHRASE(kExpectedMapping, "expected a mapping for '{}', found {}", "'{}' 应为映射（键：值），实际为 {}");
DT_PHRASE(kExpectedList, "expected a list for '{}', found {}", "'{}' 应为列表，实际为 {}");
DT_PHRASE(kExpectedNumber, "expected a number for '{}', found {}", "'{}' 应为数字，实际为 {}");
DT_PHRASE(kRemoveQuotes, " (remove the quotes)", "（请去掉引号）");
DT_PHRASE(kMustBeFinite, "'{}' must be a finite number (got {})", "'{}' 必须是有限的数（实际为 {}）");
DT_PHRASE(kTooLargeNumber, "'{}' is too large a number (got {})", "'{}' 数值过大（实际为 {}）");
DT_PHRASE(kTooCloseToZero, "'{}' is too close to zero to be represented (got {})", "'{}' 太接近零，无法表示（实际为 {}）");
DT_PHRASE(kOutOfRange, "'{}' {} (got {})", "'{}' {}（实际为 {}）");
DT_PHRASE(kExpectedWhole, "expected a whole number for '{}', found {}", "'{}' 应为整数，实际为 {}");
DT_PHRASE(kMustBeWhole, "'{}' must be a whole number (got {})", "'{}' 必须是整数（实际为 {}）");
DT_PHRASE(kWholeTooLarge, "'{}' is too large (got {}; whole numbers go up to 9223372036854775807)",
          "'{}' 过大（实际为 {}；整数最大为 9223372036854775807）");
DT_PHRASE(kMustNotBeNegative, "'{}' must not be negative (got {})", "'{}' 不能为负数（实际为 {}）");
DT_PHRASE(kUnsignedTooLarge, "'{}' is too large (got {}; the limit is 18446744073709551615)",
          "'{}' 过大（实际为 {}；上限为 18446744073709551615）");
DT_PHRASE(kExpectedDuration, "expected a duration for '{}' such as 90 s, 30 min, 8 h or 2 d (a plain number means seconds), found ",
          "'{}' 应为时长，如 90 s、30 min、8 h 或 2 d（不带单位的数字表示秒），实际为 ");
DT_PHRASE(kFiniteDuration, "'{}' must be a finite duration (got {})", "'{}' 必须是有限的时长（实际为 {}）");
DT_PHRASE(kDurationOutOfRange, "'{}' is out of range for a duration (got {})", "'{}' 超出时长的可表示范围（实际为 {}）");
DT_PHRASE(kExpectedText, "expected text for '{}', found {}", "'{}' 应为文本，实际为 {}");
DT_PHRASE(kExpectedBool, "expected true or false for '{}', found ", "'{}' 应为 true 或 false，实际为 ");
DT_PHRASE(kExpectedOneOf, "expected one of {} for '{}', found {}", "应为 {} 之一（'{}'），实际为 {}");
DT_PHRASE(kValueNoun, "value", "取值");
DT_PHRASE(kUnknownChoice, "unknown {} '{}'", "未知的 {} '{}'");
DT_PHRASE(kForPath, " for '{}'", "（用于 '{}'）");
DT_PHRASE(kDidYouMean, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kChooseOneOf, "; choose one of: ", "；可选：");
DT_PHRASE(kMissingKey, "missing required key '{}' in '{}'", "缺少必需的键 '{}'（位于 '{}'）");
DT_PHRASE(kExpectedNumberList, "expected a list of numbers for '{}', found {}", "'{}' 应为数字列表，实际为 {}");
DT_PHRASE(kListSize, "'{}' must have {} values (got {})", "'{}' 必须有 {} 个值（实际为 {} 个）");
DT_PHRASE(kExpectedNameList, "expected a list of names for '{}', found {}", "'{}' 应为名称列表，实际为 {}");
}  // namespace

// ------------------------------------------------------------------------------------------------
// Shared bookkeeping of one root reader and everything opened from it

namespace detail {

struct ReaderState {
  struct MapUse {
    const YamlNode* node;
    std::string label;
    std::vector<bool> used;          // per entry of `node`
    std::vector<std::string> asked;  // keys the code asked for, in order: the known keys
  };

  ReaderState(Diagnostics& d, std::string name) : diag(&d), root_name(std::move(name)) {}
  ReaderState(const ReaderState&) = delete;
  ReaderState& operator=(const ReaderState&) = delete;

  ~ReaderState() {
    if (finished || std::uncaught_exceptions() > 0) return;
    finish();
    DT_ASSERT(false, "a MapReader went away without finish(): unknown keys were found too late to be seen");
  }

  std::size_t open(const YamlNode& map, const std::string& label) {
    const auto [it, inserted] = index.emplace(&map, maps.size());
    if (inserted) maps.push_back(MapUse{&map, label, std::vector<bool>(map.entries().size(), false), {}});
    return it->second;
  }

  void ask(std::size_t use, std::string_view key) {
    MapUse& m = maps[use];
    if (std::find(m.asked.begin(), m.asked.end(), key) == m.asked.end()) m.asked.emplace_back(key);
    const auto& entries = m.node->entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].first.scalar() == key) m.used[i] = true;
    }
  }

  void mark_all(std::size_t use) { std::fill(maps[use].used.begin(), maps[use].used.end(), true); }

  void finish() {
    if (finished) return;
    finished = true;
    for (const MapUse& m : maps) {
      const auto& entries = m.node->entries();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (m.used[i]) continue;
        const YamlNode& key = entries[i].first;
        std::string message;
        if (const auto guess = closest_match(key.scalar(), m.asked)) {
          message = say(kUnknownKeyGuess, key.scalar(), m.label, *guess);
        } else if (!m.asked.empty()) {
          std::string known;
          for (std::size_t k = 0; k < m.asked.size(); ++k) known += (k > 0 ? say(kListComma) : "") + m.asked[k];
          message = say(kUnknownKeyList, key.scalar(), m.label, known);
        } else {
          message = say(kUnknownKey, key.scalar(), m.label);
        }
        diag->error(key.pos(), std::move(message));
      }
    }
  }

  Diagnostics* diag;
  std::string root_name;
  std::vector<MapUse> maps;
  std::unordered_map<const YamlNode*, std::size_t> index;
  std::deque<YamlNode> standins;  // null values standing in for missing ones (stable addresses)
  bool finished = false;
};

}  // namespace detail

namespace {

constexpr std::size_t kNoUse = static_cast<std::size_t>(-1);

std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string clip(const std::string& s) {
  constexpr std::size_t kMax = 40;
  std::string out = s.size() > kMax ? s.substr(0, kMax) + "..." : s;
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

/// What a planner wrote, for "found ...".
std::string found(const YamlNode& n) {
  if (n.is_scalar()) return n.quoted() ? say(kFoundText, clip(n.scalar())) : "'" + clip(n.scalar()) + "'";
  return n.kind_name();
}

std::string last_component(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// --- numbers -------------------------------------------------------------------------------------

enum class NumStatus { Ok, Invalid, NonFinite, TooLarge, TooSmall, Fraction, Negative };

template <class T>
struct Parsed {
  NumStatus status = NumStatus::Invalid;
  T value{};
};

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_nonfinite_word(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  const std::string w = lowered(s);
  return w == ".nan" || w == "nan" || w == ".inf" || w == "inf" || w == "infinity" || w == ".infinity";
}

/// `1_000_000` -> `1000000`; an underscore must sit between two digits.
std::optional<std::string> without_underscores(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '_') {
      out += s[i];
      continue;
    }
    if (i == 0 || i + 1 == s.size() || !is_digit(s[i - 1]) || !is_digit(s[i + 1])) return std::nullopt;
  }
  return out;
}

/// The text of a number without underscores and without a leading '+'; nothing if malformed.
std::optional<std::string> number_text(std::string_view s) {
  auto t = without_underscores(s);
  if (!t) return std::nullopt;
  if (!t->empty() && (*t)[0] == '+') {
    t->erase(0, 1);
    if (t->empty() || (*t)[0] == '+' || (*t)[0] == '-') return std::nullopt;
  }
  if (t->empty()) return std::nullopt;
  return t;
}

Parsed<double> parse_double(std::string_view s) {
  if (is_nonfinite_word(s)) return {NumStatus::NonFinite, 0.0};
  const auto t = number_text(s);
  if (!t) return {NumStatus::Invalid, 0.0};
  double v = 0.0;
  const char* end = t->data() + t->size();
  const auto [ptr, ec] = std::from_chars(t->data(), end, v, std::chars_format::general);
  if (ptr != end) return {NumStatus::Invalid, 0.0};
  if (ec == std::errc::result_out_of_range) {
    // Underflow (1e-400, 0.000...01) or overflow (1e400, 1 followed by 400 digits).
    const std::size_t e = t->find_first_of("eE");
    const bool small = e != std::string::npos ? (e + 1 < t->size() && (*t)[e + 1] == '-')
                                              : t->find_first_not_of("+-0.") == std::string::npos ||
                                                    (t->find('.') != std::string::npos &&
                                                     t->find_first_not_of("+-0") == t->find('.'));
    return {small ? NumStatus::TooSmall : NumStatus::TooLarge, 0.0};
  }
  if (ec != std::errc()) return {NumStatus::Invalid, 0.0};
  if (!std::isfinite(v)) return {NumStatus::NonFinite, 0.0};  // "nan(...)" and friends
  return {NumStatus::Ok, v};
}

Parsed<std::int64_t> parse_int64(std::string_view s) {
  if (const auto t = number_text(s)) {
    std::int64_t v = 0;
    const char* end = t->data() + t->size();
    const auto [ptr, ec] = std::from_chars(t->data(), end, v);
    if (ptr == end && ec == std::errc()) return {NumStatus::Ok, v};
    if (ptr == end && ec == std::errc::result_out_of_range) return {NumStatus::TooLarge, 0};
  }
  // 1e6, 2.0, 2.5 ...
  const Parsed<double> d = parse_double(s);
  if (d.status != NumStatus::Ok) return {d.status, 0};
  if (d.value != std::floor(d.value)) return {NumStatus::Fraction, 0};
  if (std::fabs(d.value) >= 9.2233720368547758e18) return {NumStatus::TooLarge, 0};
  return {NumStatus::Ok, static_cast<std::int64_t>(d.value)};
}

Parsed<std::uint64_t> parse_uint64(std::string_view s) {
  if (const auto t = number_text(s)) {
    std::uint64_t v = 0;
    const char* end = t->data() + t->size();
    const auto [ptr, ec] = std::from_chars(t->data(), end, v);
    if (ptr == end && ec == std::errc()) return {NumStatus::Ok, v};
    if (ptr == end && ec == std::errc::result_out_of_range) return {NumStatus::TooLarge, 0};
  }
  const Parsed<double> d = parse_double(s);
  if (d.status != NumStatus::Ok) return {d.status, 0};
  if (d.value != std::floor(d.value)) return {NumStatus::Fraction, 0};
  if (d.value < 0) return {NumStatus::Negative, 0};
  if (d.value >= 1.8446744073709552e19) return {NumStatus::TooLarge, 0};
  return {NumStatus::Ok, static_cast<std::uint64_t>(d.value)};
}

// --- durations -----------------------------------------------------------------------------------

std::optional<double> unit_seconds(const std::string& unit) {
  static const std::unordered_map<std::string, double> units = {
      {"ms", 0.001},    {"s", 1.0},         {"sec", 1.0},        {"secs", 1.0},    {"second", 1.0},
      {"seconds", 1.0}, {"min", 60.0},      {"mins", 60.0},      {"minute", 60.0}, {"minutes", 60.0},
      {"h", 3600.0},    {"hr", 3600.0},     {"hrs", 3600.0},     {"hour", 3600.0}, {"hours", 3600.0},
      {"d", 86400.0},   {"day", 86400.0},   {"days", 86400.0},   {"w", 604800.0},  {"wk", 604800.0},
      {"week", 604800.0}, {"weeks", 604800.0}};
  const auto it = units.find(unit);
  if (it == units.end()) return std::nullopt;
  return it->second;
}

struct DurationParse {
  std::optional<double> seconds;
  std::string problem;  // set when the text looked like a duration but a part was wrong
};

/// "1.5 h", "45min", "1h 30min" -> seconds. The parts of a compound duration go from the largest
/// unit to the smallest, each unit once, without signs ("1 h 30 min", never "5min -3s" or "5min5min").
DurationParse parse_duration_text(std::string_view s) {
  double total = 0.0;
  std::size_t parts = 0;
  double previous_factor = 0.0;
  bool signed_part = false;
  std::size_t i = 0;
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  while (true) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i == s.size()) break;
    std::size_t j = i;
    if (s[j] == '+' || s[j] == '-') ++j;
    while (j < s.size() && (is_digit(s[j]) || s[j] == '.' || s[j] == '_')) ++j;
    if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
      std::size_t k = j + 1;
      if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
      if (k < s.size() && is_digit(s[k])) {
        j = k;
        while (j < s.size() && is_digit(s[j])) ++j;
      }
    }
    const Parsed<double> amount = parse_double(s.substr(i, j - i));
    if (amount.status != NumStatus::Ok) return {};
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    std::size_t k = j;
    while (k < s.size() && is_alpha(s[k])) ++k;
    const std::string unit = lowered(s.substr(j, k - j));
    if (unit.empty()) return {};
    if (unit == "m") return {std::nullopt, say(kMAmbiguous)};
    const auto factor = unit_seconds(unit);
    if (!factor) return {std::nullopt, say(kUnknownUnit, s.substr(j, k - j))};
    signed_part = signed_part || s[i] == '+' || s[i] == '-';
    if (parts > 0 && signed_part)
      return {std::nullopt, say(kDurationSigns)};
    if (parts > 0 && *factor >= previous_factor)
      return {std::nullopt, say(kDurationOrder, s.substr(j, k - j))};
    previous_factor = *factor;
    total += amount.value * *factor;
    ++parts;
    i = k;
  }
  if (parts == 0) return {};
  if (!std::isfinite(total)) return {std::nullopt, say(kDurationTooLarge)};
  return {total, {}};
}

}  // namespace

std::optional<TypedNumber> typed_number(std::string_view text) {
  const Parsed<double> plain = parse_double(text);
  if (plain.status == NumStatus::Ok) return TypedNumber{plain.value, ""};
  const std::string w = lowered(text);
  if (w == "true" || w == "yes" || w == "on") return TypedNumber{1.0, "bool"};
  if (w == "false" || w == "no" || w == "off") return TypedNumber{0.0, "bool"};
  const DurationParse d = parse_duration_text(text);
  if (d.seconds) return TypedNumber{*d.seconds, "s"};
  return std::nullopt;
}

// ------------------------------------------------------------------------------------------------
// Range

Range Range::at_least(double min) {
  Range r;
  r.has_min_ = true;
  r.min_ = min;
  return r;
}

Range Range::greater_than(double min) {
  Range r = at_least(min);
  r.min_open_ = true;
  return r;
}

Range Range::between(double min, double max) { return at_least(min).at_most(max); }

Range Range::at_most(double max) const {
  Range r = *this;
  r.has_max_ = true;
  r.max_open_ = false;
  r.max_ = max;
  return r;
}

Range Range::less_than(double max) const {
  Range r = at_most(max);
  r.max_open_ = true;
  return r;
}

bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  if (has_min_ && (min_open_ ? !(v > min_) : !(v >= min_))) return false;
  if (has_max_ && (max_open_ ? !(v < max_) : !(v <= max_))) return false;
  return true;
}

std::string Range::describe(std::string_view unit) const {
  const std::string u(unit);
  if (has_min_ && has_max_ && !min_open_ && !max_open_) {
    return say(kRangeBetween, format_number(min_), u, format_number(max_), u);
  }
  std::string s = say(kRangeMust);
  if (has_min_) s += (min_open_ ? " > " : " >= ") + format_number(min_) + u;
  if (has_min_ && has_max_) s += say(kRangeAnd);
  if (has_max_) s += (max_open_ ? " < " : " <= ") + format_number(max_) + u;
  if (!has_min_ && !has_max_) s += say(kRangeAnything);
  return s;
}

// ------------------------------------------------------------------------------------------------
// ValueReader

ValueReader::ValueReader(std::shared_ptr<detail::ReaderState> state, const YamlNode* node, std::string path,
                         bool silent)
    : state_(std::move(state)), node_(node), path_(std::move(path)), silent_(silent) {
  DT_ASSERT(node_ != nullptr, "ValueReader needs a node");
}

Diagnostics& ValueReader::diag() const { return *state_->diag; }

void ValueReader::error(std::string message) const {
  if (!silent_) state_->diag->error(pos(), std::move(message));
}

MapReader ValueReader::map() const {
  if (node_->is_map()) return MapReader(state_, node_, path_, node_->pos(), false);
  if (!node_->is_null()) error(say(kExpectedMapping, path_, found(*node_)));
  return MapReader(state_, nullptr, path_, node_->pos(), silent_ || !node_->is_null());
}

std::vector<ValueReader> ValueReader::list() const {
  std::vector<ValueReader> out;
  if (node_->is_sequence()) {
    out.reserve(node_->items().size());
    for (std::size_t i = 0; i < node_->items().size(); ++i) {
      out.push_back(ValueReader(state_, &node_->items()[i], join_path(path_, std::to_string(i)), false));
    }
  } else if (!node_->is_null()) {
    error(say(kExpectedList, path_, found(*node_)));
  }
  return out;
}

std::optional<double> ValueReader::try_number(const Range& range) const {
  if (silent_) return std::nullopt;
  const YamlNode& n = *node_;
  if (!n.is_scalar()) {
    error(say(kExpectedNumber, path_, found(n)));
    return std::nullopt;
  }
  const Parsed<double> p = parse_double(n.scalar());
  if (n.quoted()) {
    error(say(kExpectedNumber, path_, found(n)) + (p.status == NumStatus::Ok ? say(kRemoveQuotes) : ""));
    return std::nullopt;
  }
  switch (p.status) {
    case NumStatus::Ok: break;
    case NumStatus::NonFinite: error(say(kMustBeFinite, path_, n.scalar())); return std::nullopt;
    case NumStatus::TooLarge: error(say(kTooLargeNumber, path_, clip(n.scalar()))); return std::nullopt;
    case NumStatus::TooSmall:
      error(say(kTooCloseToZero, path_, clip(n.scalar())));
      return std::nullopt;
    default: error(say(kExpectedNumber, path_, found(n))); return std::nullopt;
  }
  if (!range.contains(p.value)) {
    error(say(kOutOfRange, path_, range.describe(), n.scalar()));
    return std::nullopt;
  }
  return p.value;
}

std::optional<std::int64_t> ValueReader::try_integer(const Range& range) const {
  if (silent_) return std::nullopt;
  const YamlNode& n = *node_;
  if (!n.is_scalar()) {
    error(say(kExpectedWhole, path_, found(n)));
    return std::nullopt;
  }
  const Parsed<std::int64_t> p = parse_int64(n.scalar());
  if (n.quoted()) {
    error(say(kExpectedWhole, path_, found(n)) + (p.status == NumStatus::Ok ? say(kRemoveQuotes) : ""));
    return std::nullopt;
  }
  switch (p.status) {
    case NumStatus::Ok: break;
    case NumStatus::NonFinite: error(say(kMustBeFinite, path_, n.scalar())); return std::nullopt;
    case NumStatus::Fraction: error(say(kMustBeWhole, path_, n.scalar())); return std::nullopt;
    case NumStatus::TooLarge:
    case NumStatus::TooSmall:
      error(say(kWholeTooLarge, path_, clip(n.scalar())));
      return std::nullopt;
    default: error(say(kExpectedWhole, path_, found(n))); return std::nullopt;
  }
  if (!range.contains(static_cast<double>(p.value))) {
    error(say(kOutOfRange, path_, range.describe(), n.scalar()));
    return std::nullopt;
  }
  return p.value;
}

std::optional<std::uint64_t> ValueReader::try_uint64() const {
  if (silent_) return std::nullopt;
  const YamlNode& n = *node_;
  if (!n.is_scalar()) {
    error(say(kExpectedWhole, path_, found(n)));
    return std::nullopt;
  }
  const Parsed<std::uint64_t> p = parse_uint64(n.scalar());
  if (n.quoted()) {
    error(say(kExpectedWhole, path_, found(n)) + (p.status == NumStatus::Ok ? say(kRemoveQuotes) : ""));
    return std::nullopt;
  }
  switch (p.status) {
    case NumStatus::Ok: return p.value;
    case NumStatus::NonFinite: error(say(kMustBeFinite, path_, n.scalar())); break;
    case NumStatus::Fraction: error(say(kMustBeWhole, path_, n.scalar())); break;
    case NumStatus::Negative: error(say(kMustNotBeNegative, path_, n.scalar())); break;
    case NumStatus::TooLarge:
    case NumStatus::TooSmall:
      error(say(kUnsignedTooLarge, path_, clip(n.scalar())));
      break;
    default: error(say(kExpectedWhole, path_, found(n))); break;
  }
  return std::nullopt;
}

std::optional<double> ValueReader::try_duration(const Range& range) const {
  if (silent_) return std::nullopt;
  const YamlNode& n = *node_;
  const std::string expected = say(kExpectedDuration, path_);
  if (!n.is_scalar()) {
    error(expected + found(n));
    return std::nullopt;
  }
  std::optional<double> seconds;
  const Parsed<double> plain = parse_double(n.scalar());
  if (plain.status == NumStatus::Ok) {
    seconds = plain.value;
  } else if (plain.status == NumStatus::NonFinite) {
    error(say(kFiniteDuration, path_, n.scalar()));
    return std::nullopt;
  } else if (plain.status == NumStatus::TooLarge || plain.status == NumStatus::TooSmall) {
    error(say(kDurationOutOfRange, path_, clip(n.scalar())));
    return std::nullopt;
  } else {
    const DurationParse d = parse_duration_text(n.scalar());
    if (!d.seconds) {
      error(expected + found(n) + (d.problem.empty() ? "" : " (" + d.problem + ")"));
      return std::nullopt;
    }
    seconds = d.seconds;
  }
  if (!range.contains(*seconds)) {
    error(say(kOutOfRange, path_, range.describe(" s"), n.scalar() + (plain.status == NumStatus::Ok ? " s" : "")));
    return std::nullopt;
  }
  return seconds;
}

std::optional<std::string> ValueReader::try_text() const {
  if (silent_) return std::nullopt;
  if (!node_->is_scalar()) {
    error(say(kExpectedText, path_, found(*node_)));
    return std::nullopt;
  }
  return node_->scalar();
}

std::optional<bool> ValueReader::try_boolean() const {
  if (silent_) return std::nullopt;
  const YamlNode& n = *node_;
  const std::string expected = say(kExpectedBool, path_);
  if (!n.is_scalar()) {
    error(expected + found(n));
    return std::nullopt;
  }
  const std::string w = lowered(n.scalar());
  const bool yes = w == "true" || w == "yes" || w == "on";
  const bool no = w == "false" || w == "no" || w == "off";
  if (n.quoted()) {
    error(expected + found(n) + (yes || no ? say(kRemoveQuotes) : ""));
    return std::nullopt;
  }
  if (!yes && !no) {
    error(expected + found(n));
    return std::nullopt;
  }
  return yes;
}

std::optional<std::string> ValueReader::try_choice(const std::vector<std::string>& options) const {
  if (silent_) return std::nullopt;
  std::string list;
  for (std::size_t i = 0; i < options.size(); ++i) list += (i > 0 ? say(kListComma) : "") + options[i];
  if (!node_->is_scalar()) {
    error(say(kExpectedOneOf, list, path_, found(*node_)));
    return std::nullopt;
  }
  const std::string& v = node_->scalar();
  if (std::find(options.begin(), options.end(), v) != options.end()) return v;
  std::string noun = last_component(path_);
  if (noun.empty() || is_digit(noun[0])) noun = say(kValueNoun);
  std::string message = say(kUnknownChoice, noun, clip(v));
  if (path_ != noun) message += say(kForPath, path_);
  if (const auto guess = closest_match(v, options)) message += say(kDidYouMean, *guess);
  error(message + say(kChooseOneOf) + list);
  return std::nullopt;
}

double ValueReader::number(const Range& range) const { return try_number(range).value_or(0.0); }
std::int64_t ValueReader::integer(const Range& range) const { return try_integer(range).value_or(0); }
std::uint64_t ValueReader::uint64() const { return try_uint64().value_or(0); }
double ValueReader::duration(const Range& range) const { return try_duration(range).value_or(0.0); }
std::string ValueReader::text() const { return try_text().value_or(std::string()); }
bool ValueReader::boolean() const { return try_boolean().value_or(false); }
std::string ValueReader::choice(const std::vector<std::string>& options) const {
  DT_ASSERT(!options.empty(), "choice() needs options");
  return try_choice(options).value_or(options.front());
}

// ------------------------------------------------------------------------------------------------
// MapReader

MapReader::MapReader(const YamlNode& node, Diagnostics& diag, std::string name)
    : state_(std::make_shared<detail::ReaderState>(diag, name)),
      node_(nullptr),
      label_(std::move(name)),
      pos_(node.pos()),
      use_(kNoUse),
      silent_(false) {
  if (node.is_map()) {
    node_ = &node;
    use_ = state_->open(node, label_);
  } else if (!node.is_null()) {
    diag.error(node.pos(), say(kExpectedMapping, label_, found(node)));
    silent_ = true;
  }
}

MapReader::MapReader(std::shared_ptr<detail::ReaderState> state, const YamlNode* node, std::string path,
                     SourcePos pos, bool silent)
    : state_(std::move(state)),
      node_(node),
      path_(std::move(path)),
      label_(path_.empty() ? state_->root_name : path_),
      pos_(std::move(pos)),
      use_(kNoUse),
      silent_(silent) {
  if (node_ != nullptr) {
    DT_ASSERT(node_->is_map(), "MapReader on a node that is not a mapping");
    use_ = state_->open(*node_, label_);
  }
}

Diagnostics& MapReader::diag() const { return *state_->diag; }

std::string MapReader::key_path(std::string_view key) const { return join_path(path_, key); }

bool MapReader::has(std::string_view key) const { return node_ != nullptr && node_->find(key) != nullptr; }

SourcePos MapReader::key_pos(std::string_view key) const {
  const YamlNode::Entry* e = node_ != nullptr ? node_->find_entry(key) : nullptr;
  return e != nullptr ? e->first.pos() : pos_;
}

SourcePos MapReader::value_pos(std::string_view key) const {
  const YamlNode* v = node_ != nullptr ? node_->find(key) : nullptr;
  return v != nullptr ? v->pos() : pos_;
}

void MapReader::error(std::string_view key, std::string message) const {
  if (!silent_) state_->diag->error(value_pos(key), std::move(message));
}

void MapReader::ignore(std::string_view key) { (void)lookup(key); }

const YamlNode* MapReader::lookup(std::string_view key) {
  DT_ASSERT(!state_->finished, "a scenario value was read after MapReader::finish()");
  if (use_ != kNoUse) state_->ask(use_, key);
  return node_ != nullptr ? node_->find(key) : nullptr;
}

void MapReader::missing(std::string_view key) const {
  if (!silent_) state_->diag->error(pos_, say(kMissingKey, key, label_));
}

ValueReader MapReader::reader_for(std::string_view key, const YamlNode& value) const {
  return ValueReader(state_, &value, key_path(key), false);
}

std::optional<ValueReader> MapReader::optional_value(std::string_view key) {
  const YamlNode* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return reader_for(key, *v);
}

ValueReader MapReader::value(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v);
  missing(key);
  state_->standins.push_back(YamlNode::make_null(pos_));
  return ValueReader(state_, &state_->standins.back(), key_path(key), true);
}

MapReader MapReader::map(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).map();
  missing(key);
  return MapReader(state_, nullptr, key_path(key), pos_, true);
}

MapReader MapReader::map_or_empty(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).map();
  return MapReader(state_, nullptr, key_path(key), pos_, silent_);
}

std::optional<MapReader> MapReader::optional_map(std::string_view key) {
  const YamlNode* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return reader_for(key, *v).map();
}

std::vector<ValueReader> MapReader::list(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).list();
  missing(key);
  return {};
}

std::vector<ValueReader> MapReader::list_or_empty(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).list();
  return {};
}

std::vector<MapEntryReader> MapReader::entries() {
  DT_ASSERT(!state_->finished, "a scenario value was read after MapReader::finish()");
  std::vector<MapEntryReader> out;
  if (node_ == nullptr) return out;
  state_->mark_all(use_);
  out.reserve(node_->entries().size());
  for (const auto& [key, value] : node_->entries()) {
    out.push_back(MapEntryReader{key.scalar(), key.pos(), reader_for(key.scalar(), value)});
  }
  return out;
}

double MapReader::number(std::string_view key, const Range& range) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).number(range);
  missing(key);
  return 0.0;
}

double MapReader::number(std::string_view key, double fallback, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_number(range).value_or(fallback) : fallback;
}

std::optional<double> MapReader::optional_number(std::string_view key, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_number(range) : std::nullopt;
}

std::int64_t MapReader::integer(std::string_view key, const Range& range) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).integer(range);
  missing(key);
  return 0;
}

std::int64_t MapReader::integer(std::string_view key, std::int64_t fallback, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_integer(range).value_or(fallback) : fallback;
}

std::optional<std::int64_t> MapReader::optional_integer(std::string_view key, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_integer(range) : std::nullopt;
}

std::uint64_t MapReader::uint64(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).uint64();
  missing(key);
  return 0;
}

std::uint64_t MapReader::uint64(std::string_view key, std::uint64_t fallback) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_uint64().value_or(fallback) : fallback;
}

double MapReader::duration(std::string_view key, const Range& range) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).duration(range);
  missing(key);
  return 0.0;
}

double MapReader::duration(std::string_view key, double fallback_s, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_duration(range).value_or(fallback_s) : fallback_s;
}

std::optional<double> MapReader::optional_duration(std::string_view key, const Range& range) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_duration(range) : std::nullopt;
}

std::string MapReader::text(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).text();
  missing(key);
  return {};
}

std::string MapReader::text(std::string_view key, std::string fallback) {
  const YamlNode* v = lookup(key);
  if (v == nullptr) return fallback;
  return reader_for(key, *v).try_text().value_or(std::move(fallback));
}

std::optional<std::string> MapReader::optional_text(std::string_view key) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_text() : std::nullopt;
}

bool MapReader::boolean(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).boolean();
  missing(key);
  return false;
}

bool MapReader::boolean(std::string_view key, bool fallback) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? reader_for(key, *v).try_boolean().value_or(fallback) : fallback;
}

std::string MapReader::choice(std::string_view key, const std::vector<std::string>& options) {
  DT_ASSERT(!options.empty(), "choice() needs options");
  if (const YamlNode* v = lookup(key)) return reader_for(key, *v).choice(options);
  missing(key);
  return options.front();
}

std::string MapReader::choice(std::string_view key, const std::vector<std::string>& options, std::string fallback) {
  const YamlNode* v = lookup(key);
  if (v == nullptr) return fallback;
  return reader_for(key, *v).try_choice(options).value_or(std::move(fallback));
}

std::optional<std::vector<double>> MapReader::read_number_list(std::string_view key, const YamlNode& value,
                                                               const Range& range, std::size_t required_size) const {
  const ValueReader list_reader = reader_for(key, value);
  if (!value.is_sequence()) {
    list_reader.error(say(kExpectedNumberList, list_reader.path(), found(value)));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (const ValueReader& item : list_reader.list()) {
    const auto v = item.try_number(range);
    ok = ok && v.has_value();
    out.push_back(v.value_or(0.0));
  }
  if (required_size > 0 && out.size() != required_size) {
    list_reader.error(say(kListSize, list_reader.path(), required_size, out.size()));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::vector<double> MapReader::number_list(std::string_view key, const Range& range, std::size_t required_size) {
  if (const YamlNode* v = lookup(key)) {
    if (auto list = read_number_list(key, *v, range, required_size)) return *list;
  } else {
    missing(key);
  }
  return std::vector<double>(required_size, 0.0);
}

std::optional<std::vector<double>> MapReader::optional_number_list(std::string_view key, const Range& range,
                                                                   std::size_t required_size) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? read_number_list(key, *v, range, required_size) : std::nullopt;
}

std::vector<std::string> MapReader::read_text_list(std::string_view key, const YamlNode& value) const {
  const ValueReader list_reader = reader_for(key, value);
  std::vector<std::string> out;
  if (!value.is_sequence()) {
    list_reader.error(say(kExpectedNameList, list_reader.path(), found(value)));
    return out;
  }
  for (const ValueReader& item : list_reader.list()) {
    if (auto t = item.try_text()) out.push_back(std::move(*t));
  }
  return out;
}

std::vector<std::string> MapReader::text_list(std::string_view key) {
  if (const YamlNode* v = lookup(key)) return read_text_list(key, *v);
  missing(key);
  return {};
}

std::vector<std::string> MapReader::text_list_or_empty(std::string_view key) {
  const YamlNode* v = lookup(key);
  return v != nullptr ? read_text_list(key, *v) : std::vector<std::string>{};
}

void MapReader::finish() { state_->finish(); }

std::optional<std::string> read_item_name(MapReader& m, const ItemNaming& naming,
                                          std::map<std::string, SourcePos>& seen) {
  std::optional<std::string> name = m.optional_text("name");
  if (!name) return name;
  const std::string_view kind = lang() == Lang::ZhCN ? naming.kind_zh : naming.kind_en;
  std::string named_key(naming.example_key);
  if (const std::size_t dot = named_key.find_first_of("0123456789"); dot != std::string::npos)
    named_key.replace(dot, 1, "NAME");
  const bool word = !name->empty() && std::all_of(name->begin(), name->end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  if (!word) {
    m.error("name", say(kItemNameChars, kind, *name, named_key));
  } else if (std::all_of(name->begin(), name->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    m.error("name", say(kItemNameDigits, kind, *name, naming.example_key, naming.example_word));
  } else if (const auto [it, fresh] = seen.emplace(*name, m.value_pos("name")); !fresh) {
    m.error("name", say(kItemNameTwice, kind, *name, it->second.str(), named_key));
  }
  return name;
}

}  // namespace dt
