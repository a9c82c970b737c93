#include "engine/dispatch/work_order_history.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "engine/kernel/civil_date.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/suggest.h"

namespace dt {

namespace {
DT_PHRASE(kCannotOpenHistory, "cannot open the work-order history '{}'", "无法打开工单历史文件 '{}'");
DT_PHRASE(kEmptyHistory, "the work-order history is empty: expected a header line naming the columns {}",
          "工单历史文件为空：第一行应为列名 {}");
DT_PHRASE(kHeaderOnly, "no work orders: the file has a header only", "没有工单记录：文件只有表头");
DT_PHRASE(kMissingColumn, "missing column '{}': the header must name the columns {}", "缺少列 '{}'：表头必须包含列 {}");
DT_PHRASE(kUnknownColumn, "unknown column '{}'{}: the columns are {}", "未知的列 '{}'{}：可用的列为 {}");
DT_PHRASE(kDuplicateColumn, "column '{}' is named twice", "列 '{}' 重复出现");
DT_PHRASE(kFieldCount, "expected {} fields as in the header, found {}", "应与表头一致有 {} 个字段，实际为 {}");
DT_PHRASE(kUnterminatedQuote, "a quoted field is not closed on this line", "本行有未闭合的引号字段");
DT_PHRASE(kBadTime, "'{}' in column '{}' is not a time: write YYYY-MM-DD HH:MM[:SS]",
          "'{}' 不是时间（位于列 '{}'）：请写成 YYYY-MM-DD HH:MM[:SS]");
DT_PHRASE(kMissingTime, "column 'time' is empty: every work order needs the time it was reported",
          "'time' 列为空：每条工单都需要报修时间");
DT_PHRASE(kNotANumber, "'{}' in column '{}' is not a number (NaN, infinity or text)",
          "'{}' 不是有效数值（位于列 '{}'；NaN、无穷大或文本）");
DT_PHRASE(kBadPriority, "priority must be a whole number from 1 (emergency) to 4 (routine), found '{}'",
          "优先级应为 1（紧急）到 4（常规）的整数，实际为 '{}'");
DT_PHRASE(kRowOutOfOrder, "work orders are out of time order: {} comes after {} on line {}",
          "工单未按时间排序：{} 排在 {} 之后（第 {} 行）");
DT_PHRASE(kStageOutOfOrder, "'{}' {} is earlier than '{}' {}", "'{}' {} 早于 '{}' {}");
DT_PHRASE(kUnknownType, "unknown incident type '{}'{}: the scenario's types are {}",
          "未知的事件类型 '{}'{}：场景中的类型为 {}");
DT_PHRASE(kUnknownPlace, "unknown building '{}'{}: the layout's buildings are {} (or 'outside' for the site)",
          "未知的楼栋 '{}'{}：布局中的楼栋为 {}（室外场地写 'outside'）");
DT_PHRASE(kSpanTooLong,
          "the history spans {} days ({} to {}); at most {} days (ten years) are read: is a year mistyped?",
          "工单历史跨越 {} 天（{} 至 {}）；最多读取 {} 天（十年）：是否年份写错了？");
DT_PHRASE(kDidYouMeanHistory, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kHistoryComma, ", ", "、");

constexpr std::size_t kColTime = 0, kColType = 1, kColBuilding = 2, kColPriority = 3, kColAccepted = 4;

std::string joined(const std::vector<std::string>& names, std::size_t max = 12) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i > 0) out += say(kHistoryComma);
    out += names[i];
  }
  if (names.size() > max) out += say(kHistoryComma) + "…";
  return out;
}

std::string column_list() {
  std::vector<std::string> names(kWorkOrderColumns.begin(), kWorkOrderColumns.end());
  return joined(names, 8);
}

std::string guess(std::string_view word, const std::vector<std::string>& candidates) {
  const std::optional<std::string> close = closest_match(word, candidates);
  return close ? say(kDidYouMeanHistory, *close) : std::string();
}

struct Field {
  std::string text;
  int col = 1;
};

// Splits one line of RFC 4180 CSV (no line breaks inside quotes). False: an unclosed quote.
bool split_csv_line(std::string_view line, std::vector<Field>& out) {
  out.clear();
  std::size_t i = 0;
  for (;;) {
    Field f;
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

bool digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
  if (at + n > s.size()) return false;
  value = 0;
  for (std::size_t k = at; k < at + n; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    value = value * 10 + (s[k] - '0');
  }
  return true;
}

bool looks_like_nan(std::string_view s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "nan" || lower == "-nan" || lower == "inf" || lower == "-inf" || lower == "infinity" || lower == "na";
}

}  // namespace

bool parse_local_time(std::string_view s, double& time_s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d))
    return false;
  if (mo < 1 || mo > 12 || d < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[static_cast<std::size_t>(mo - 1)] || (mo == 2 && d == 29 && !leap)) return false;
  double frac = 0.0;
  if (s.size() > 10) {
    if ((s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' ||
        !digits(s, 14, 2, mi))
      return false;
    std::size_t end = 16;
    if (s.size() > 16) {
      if (s[16] != ':' || !digits(s, 17, 2, sec)) return false;
      end = 19;
      if (s.size() > 19) {
        if (s[19] != '.' || s.size() == 20) return false;
        double scale = 0.1;
        for (std::size_t k = 20; k < s.size(); ++k, scale /= 10) {
          if (s[k] < '0' || s[k] > '9') return false;
          frac += (s[k] - '0') * scale;
        }
        end = s.size();
      }
    }
    if (end != s.size() || h > 23 || mi > 59 || sec > 59) return false;
  }
  const int64_t day = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  time_s = static_cast<double>(day) * kDay_s + h * 3600.0 + mi * 60.0 + sec + frac;
  return true;
}

std::string format_day(int64_t z) {
  // Howard Hinnant's civil_from_days (the inverse of days_from_civil).
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2 ? 1 : 0), m, d);
}

std::string format_local_time(double time_s) {
  const auto whole = static_cast<int64_t>(std::llround(time_s));
  const int64_t day = whole >= 0 ? whole / 86400 : -((-whole + 86399) / 86400);
  const int64_t sec = whole - day * 86400;
  return fmt::format("{} {:02}:{:02}:{:02}", format_day(day), sec / 3600, sec / 60 % 60, sec % 60);
}

int64_t WorkOrderHistory::first_day() const {
  return orders.empty() ? 0 : static_cast<int64_t>(std::floor(orders.front().time_s / kDay_s));
}
int64_t WorkOrderHistory::last_day() const {
  return orders.empty() ? 0 : static_cast<int64_t>(std::floor(orders.back().time_s / kDay_s));
}

WorkOrderHistory read_work_order_history(const std::string& path, std::vector<std::string> types,
                                         std::vector<std::string> places) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourcePos{path, 0, 0}, say(kCannotOpenHistory, path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_work_order_history(text.str(), path, std::move(types), std::move(places));
}

WorkOrderHistory parse_work_order_history(std::string_view text, const std::string& source,
                                          std::vector<std::string> types, std::vector<std::string> places) {
  WorkOrderHistory h;
  h.source = source;
  h.types = std::move(types);
  h.places = std::move(places);
  Diagnostics diag;
  std::array<int, kWorkOrderColumns.size()> column{};  // field index of each column, -1 = absent
  column.fill(-1);
  std::size_t header_fields = 0;
  bool have_header = false;
  int header_line = 0;
  double previous_time = -std::numeric_limits<double>::infinity();
  int previous_line = 0;
  std::vector<Field> fields;
  std::size_t at = 0;
  int line_no = 0;
  if (text.starts_with("\xEF\xBB\xBF")) at = 3;  // a UTF-8 byte-order mark (spreadsheets write one)
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    const SourcePos line_pos{source, line_no, 1};
    if (!split_csv_line(line, fields)) {
      diag.error(line_pos, say(kUnterminatedQuote));
      continue;
    }
    if (!h.orders.empty() && h.last_day() - h.first_day() + 1 > kMaxHistoryDays)
      diag.error(SourcePos{source, h.orders.back().line, 1},
                 say(kSpanTooLong, h.last_day() - h.first_day() + 1, format_day(h.first_day()),
                     format_day(h.last_day()), kMaxHistoryDays));
    if (!have_header) {
      have_header = true;
      header_line = line_no;
      header_fields = fields.size();
      std::vector<std::string> known(kWorkOrderColumns.begin(), kWorkOrderColumns.end());
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto it = std::find(known.begin(), known.end(), fields[i].text);
        const SourcePos pos{source, line_no, fields[i].col};
        if (it == known.end()) {
          diag.error(pos, say(kUnknownColumn, fields[i].text, guess(fields[i].text, known), column_list()));
          continue;
        }
        int& c = column[static_cast<std::size_t>(it - known.begin())];
        if (c >= 0)
          diag.error(pos, say(kDuplicateColumn, fields[i].text));
        else
          c = static_cast<int>(i);
      }
      for (std::size_t k = 0; k < column.size(); ++k)
        if (column[k] < 0) diag.error(line_pos, say(kMissingColumn, kWorkOrderColumns[k], column_list()));
      if (diag.has_errors()) break;  // rows cannot be read without their columns
      continue;
    }
    if (fields.size() != header_fields) {
      diag.error(line_pos, say(kFieldCount, header_fields, fields.size()));
      continue;
    }
    WorkOrder o;
    o.line = line_no;
    bool ok = true;
    auto field = [&](std::size_t k) -> const Field& { return fields[static_cast<std::size_t>(column[k])]; };
    auto pos_of = [&](std::size_t k) { return SourcePos{source, line_no, field(k).col}; };
    // Times.
    std::array<double, 5> times{};
    for (std::size_t k : {kColTime, kColAccepted, kColAccepted + 1, kColAccepted + 2, kColAccepted + 3}) {
      const std::size_t slot = k == kColTime ? 0 : k - kColAccepted + 1;
      const Field& f = field(k);
      times[slot] = std::numeric_limits<double>::quiet_NaN();
      if (f.text.empty()) {
        if (k == kColTime) {
          diag.error(pos_of(k), say(kMissingTime));
          ok = false;
        }
        continue;
      }
      double t = 0;
      if (looks_like_nan(f.text)) {
        diag.error(pos_of(k), say(kNotANumber, f.text, kWorkOrderColumns[k]));
        ok = false;
      } else if (!parse_local_time(f.text, t)) {
        diag.error(pos_of(k), say(kBadTime, f.text, kWorkOrderColumns[k]));
        ok = false;
      } else {
        times[slot] = t;
      }
    }
    // Stages in order: each recorded stage no earlier than the last recorded one before it.
    if (ok) {
      std::size_t last = 0;
      for (std::size_t slot = 1; slot < times.size(); ++slot) {
        if (std::isnan(times[slot])) continue;
        if (times[slot] < times[last]) {
          const std::size_t k = kColAccepted + slot - 1, lk = last == 0 ? kColTime : kColAccepted + last - 1;
          diag.error(pos_of(k),
                     say(kStageOutOfOrder, kWorkOrderColumns[k], field(k).text, kWorkOrderColumns[lk], field(lk).text));
          ok = false;
        }
        last = slot;
      }
    }
    if (!std::isnan(times[0])) {
      if (times[0] < previous_time) {
        diag.error(pos_of(kColTime),
                   say(kRowOutOfOrder, field(kColTime).text, format_local_time(previous_time), previous_line));
        ok = false;
      } else {
        previous_time = times[0];
        previous_line = line_no;
      }
    }
    // Type and place.
    const Field& type = field(kColType);
    const auto ti = std::find(h.types.begin(), h.types.end(), type.text);
    if (ti == h.types.end()) {
      diag.error(pos_of(kColType), say(kUnknownType, type.text, guess(type.text, h.types), joined(h.types)));
      ok = false;
    }
    const Field& place = field(kColBuilding);
    const auto pi = std::find(h.places.begin(), h.places.end(), place.text);
    if (pi == h.places.end()) {
      std::vector<std::string> buildings(h.places.begin(), h.places.end() - (h.places.empty() ? 0 : 1));
      diag.error(pos_of(kColBuilding), say(kUnknownPlace, place.text, guess(place.text, h.places), joined(buildings)));
      ok = false;
    }
    // Priority.
    const Field& pr = field(kColPriority);
    int priority = 0;
    const auto [ptr, ec] = std::from_chars(pr.text.data(), pr.text.data() + pr.text.size(), priority);
    if (looks_like_nan(pr.text)) {
      diag.error(pos_of(kColPriority), say(kNotANumber, pr.text, kWorkOrderColumns[kColPriority]));
      ok = false;
    } else if (ec != std::errc() || ptr != pr.text.data() + pr.text.size() || priority < 1 || priority > 4) {
      diag.error(pos_of(kColPriority), say(kBadPriority, pr.text));
      ok = false;
    }
    if (!ok) continue;
    o.time_s = times[0];
    o.accepted_s = times[1];
    o.dispatched_s = times[2];
    o.arrived_s = times[3];
    o.resolved_s = times[4];
    o.type = static_cast<uint32_t>(ti - h.types.begin());
    o.place = static_cast<uint32_t>(pi - h.places.begin());
    o.priority = static_cast<uint8_t>(priority);
    h.orders.push_back(o);
  }
  if (!h.orders.empty() && h.last_day() - h.first_day() + 1 > kMaxHistoryDays)
    diag.error(SourcePos{source, h.orders.back().line, 1},
               say(kSpanTooLong, h.last_day() - h.first_day() + 1, format_day(h.first_day()), format_day(h.last_day()),
                   kMaxHistoryDays));
  if (!have_header)
    diag.error(SourcePos{source, std::max(line_no, 1), 1}, say(kEmptyHistory, column_list()));
  else if (!diag.has_errors() && h.orders.empty())
    diag.error(SourcePos{source, header_line + 1, 1}, say(kHeaderOnly));
  diag.throw_if_errors();
  return h;
}

std::string work_order_history_csv(const WorkOrderHistory& h, const std::vector<std::string>& comment) {
  std::string out;
  for (const std::string& c : comment) out += "# " + c + "\n";
  for (std::size_t k = 0; k < kWorkOrderColumns.size(); ++k) {
    if (k > 0) out += ',';
    out += kWorkOrderColumns[k];
  }
  out += '\n';
  auto time = [](double t) { return std::isnan(t) ? std::string() : format_local_time(t); };
  for (const WorkOrder& o : h.orders)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", time(o.time_s), h.types[o.type], h.places[o.place], o.priority,
                       time(o.accepted_s), time(o.dispatched_s), time(o.arrived_s), time(o.resolved_s));
  return out;
}

}  // namespace dt
