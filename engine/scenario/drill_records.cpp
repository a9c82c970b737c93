#include "engine/scenario/drill_records.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"
#include "engine/kernel/suggest.h"

namespace dt {

namespace {
DT_PHRASE(kCannotRead, "cannot read the drill records", "无法读取演练记录文件");
DT_PHRASE(kNoHeader, "the drill records are empty: the first line must name the columns (docs/calibration.md)",
          "演练记录为空：第一行须列出各列名称（见 docs/calibration.md）");
DT_PHRASE(kHeaderOnly, "the drill records have a header but no record", "演练记录只有表头，没有任何记录");
DT_PHRASE(kMissingColumn, "the drill records need a column '{}'", "演练记录缺少 '{}' 列");
DT_PHRASE(kNeedsTimeColumn, "the drill records need at least one of the columns 'start', 'exit', 'safe' (or 'time' and 'count' for a door counter)",
          "演练记录至少需要 'start'、'exit'、'safe' 中的一列（门口计数器记录则需要 'time' 和 'count' 列）");
DT_PHRASE(kUnknownColumn, "unknown column '{}' in the drill records; known columns: {}",
          "演练记录中有未知列 '{}'；可用的列：{}");
DT_PHRASE(kUnknownColumnSuggest, "unknown column '{}' in the drill records; did you mean '{}'?",
          "演练记录中有未知列 '{}'；是否想写 '{}'？");
DT_PHRASE(kDuplicateColumn, "column '{}' appears twice", "'{}' 列出现了两次");
DT_PHRASE(kCellCount, "this row has {} cells, the header has {}", "该行有 {} 个单元格，而表头有 {} 列");
DT_PHRASE(kEmptyCell, "column '{}' must not be empty", "'{}' 列不能为空");
DT_PHRASE(kBadTime, "'{1}' in column '{0}' is not a time: write HH:MM:SS (e.g. 02:03:15.5) or seconds",
          "'{0}' 列中的 '{1}' 不是时间：请写成 HH:MM:SS（如 02:03:15.5）或秒数");
DT_PHRASE(kBadCount, "'{}' in column 'count' must be a number of people greater than 0",
          "'count' 列中的 '{}' 必须是大于 0 的人数");
DT_PHRASE(kBadFloor, "'{}' in column 'floor' must be a floor number (1, 2, …)",
          "'floor' 列中的 '{}' 必须是楼层号（1、2、…）");
DT_PHRASE(kBeforeAlarm, "the time in column '{}' is {} s before the alarm", "'{}' 列中的时间比报警早 {} 秒");
DT_PHRASE(kOutOfOrder, "the time in column '{0}' comes {1} s before the one in column '{2}'; times must follow alarm ≤ start ≤ exit ≤ safe",
          "'{0}' 列中的时间比 '{2}' 列早 {1} 秒；时间须满足 报警 ≤ 开始疏散 ≤ 离开楼栋 ≤ 到达安全地点");
DT_PHRASE(kCounterOrder, "door counter times must increase along a floor's rows: {} s comes after {} s",
          "门口计数器的时间须按行递增：{} 秒出现在 {} 秒之后");
DT_PHRASE(kNoTimeInRow, "this row gives none of 'start', 'exit', 'safe'", "该行 'start'、'exit'、'safe' 均为空");
DT_PHRASE(kUnclosedQuote, "a quoted cell is not closed on this line", "本行有未闭合的引号");
}  // namespace

const char* to_string(DrillMeasure m) noexcept {
  switch (m) {
    case DrillMeasure::Start: return "start";
    case DrillMeasure::LeftFloor: return "left_floor";
    case DrillMeasure::LeftBuilding: return "exit";
    case DrillMeasure::Safe: return "safe";
  }
  return "?";
}

namespace {

struct Cell {
  std::string text;
  int col = 1;  // 1-based column (characters) where the cell starts
};

// One CSV line (RFC 4180 quotes within the line; no line breaks inside cells).
bool split_line(const std::string& line, std::vector<Cell>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    Cell c;
    c.col = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            c.text += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        c.text += line[i++];
      }
      if (!closed) return false;
      while (i < line.size() && line[i] != ',') ++i;  // anything after the closing quote is ignored
    } else {
      while (i < line.size() && line[i] != ',') c.text += line[i++];
    }
    // trim spaces
    const auto b = c.text.find_first_not_of(" \t");
    const auto e = c.text.find_last_not_of(" \t");
    c.text = b == std::string::npos ? std::string() : c.text.substr(b, e - b + 1);
    cells.push_back(std::move(c));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return true;
}

// "HH:MM:SS[.fff]" or "HH:MM" → seconds after midnight; a plain number → seconds on the same clock.
std::optional<std::pair<double, bool>> parse_time(const std::string& t) {
  if (t.find(':') == std::string::npos) {
    const std::optional<double> x = parse_finite_decimal(t);
    if (!x) return std::nullopt;
    return std::make_pair(*x, false);
  }
  int h = 0, m = 0;
  double s = 0;
  std::size_t p1 = t.find(':');
  std::size_t p2 = t.find(':', p1 + 1);
  auto whole = [](std::string_view v, int& out) {
    if (v.empty() || v.size() > 2) return false;
    out = 0;
    for (char ch : v) {
      if (ch < '0' || ch > '9') return false;
      out = out * 10 + (ch - '0');
    }
    return true;
  };
  const std::string_view sv(t);
  if (!whole(sv.substr(0, p1), h) || h > 23) return std::nullopt;
  if (p2 == std::string::npos) {
    if (!whole(sv.substr(p1 + 1), m) || m > 59) return std::nullopt;
  } else {
    if (!whole(sv.substr(p1 + 1, p2 - p1 - 1), m) || m > 59) return std::nullopt;
    const std::string sec(sv.substr(p2 + 1));
    if (sec.empty() || sec[0] < '0' || sec[0] > '9') return std::nullopt;
    const std::optional<double> x = parse_finite_decimal(sec);
    if (!x || *x < 0 || *x >= 60.0) return std::nullopt;
    s = *x;
  }
  return std::make_pair(h * 3600.0 + m * 60.0 + s, true);
}

const std::vector<std::string> kPersonColumns = {"drill", "building", "floor", "group", "count", "alarm", "start", "exit", "safe"};
const std::vector<std::string> kCounterColumns = {"drill", "building", "floor", "alarm", "time", "count"};

std::string secs(double x) { return fmt::format("{:.1f}", x); }

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : lang() == Lang::ZhCN ? "、" : ", ") + n;
  return s;
}

}  // namespace

DrillRecords parse_drill_records(const std::string& text, const std::string& source_name) {
  DrillRecords out;
  out.file = source_name;
  Diagnostics diag;
  auto at = [&](int line, int col) { return SourcePos{source_name, line, col}; };

  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  std::vector<Cell> header;
  int header_line = 0;
  std::map<std::string, std::size_t> col;  // column name → index
  std::vector<Cell> cells;
  std::size_t records = 0;
  // Door counter: the last time per (drill, building, floor) stream.
  std::map<std::tuple<uint32_t, std::string, int32_t>, double> last_time;

  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte-order mark
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line[line.find_first_not_of(" \t")] == '#') continue;  // comment
    if (!split_line(line, cells)) {
      diag.error(at(line_no, static_cast<int>(line.size())), say(kUnclosedQuote));
      if (header_line == 0) break;
      continue;
    }
    if (header_line == 0) {
      header = cells;
      header_line = line_no;
      for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i].text;
        if (col.count(name) != 0) {
          diag.error(at(line_no, header[i].col), say(kDuplicateColumn, name));
          continue;
        }
        col[name] = i;
      }
      out.door_counter = col.count("time") != 0;
      const std::vector<std::string>& known = out.door_counter ? kCounterColumns : kPersonColumns;
      for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i].text;
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        if (const auto s = closest_match(name, known))
          diag.error(at(line_no, header[i].col), say(kUnknownColumnSuggest, name, *s));
        else
          diag.error(at(line_no, header[i].col), say(kUnknownColumn, name, joined(known)));
      }
      const std::vector<std::string> required =
          out.door_counter ? std::vector<std::string>{"drill", "building", "alarm", "time", "count"}
                           : std::vector<std::string>{"drill", "building", "alarm"};
      for (const std::string& r : required)
        if (col.count(r) == 0) diag.error(at(line_no, 1), say(kMissingColumn, r));
      if (!out.door_counter && col.count("start") == 0 && col.count("exit") == 0 && col.count("safe") == 0)
        diag.error(at(line_no, 1), say(kNeedsTimeColumn));
      if (diag.has_errors()) break;
      continue;
    }
    ++records;
    if (cells.size() != header.size()) {
      diag.error(at(line_no, cells.size() > header.size() ? cells[header.size()].col : static_cast<int>(line.size()) + 1),
                 say(kCellCount, cells.size(), header.size()));
      continue;
    }
    const int errors_before = diag.error_count();
    auto cell = [&](const std::string& name) -> const Cell* {
      const auto it = col.find(name);
      return it == col.end() ? nullptr : &cells[it->second];
    };
    auto required_text = [&](const std::string& name) -> std::string {
      const Cell* c = cell(name);
      if (c->text.empty()) diag.error(at(line_no, c->col), say(kEmptyCell, name));
      return c->text;
    };
    const std::string drill = required_text("drill");
    const std::string building = required_text("building");
    const Cell* bcell = cell("building");
    int32_t floor = -1;
    SourcePos floor_pos = at(line_no, 1);
    if (const Cell* f = cell("floor"); f != nullptr && !f->text.empty()) {
      floor_pos = at(line_no, f->col);
      const std::optional<double> x = parse_finite_decimal(f->text);
      if (!x || *x < 1 || *x > 1000 || std::floor(*x) != *x)
        diag.error(floor_pos, say(kBadFloor, f->text));
      else
        floor = static_cast<int32_t>(*x);
    }
    double count = 1.0;
    if (const Cell* c = cell("count"); c != nullptr && (!c->text.empty() || out.door_counter)) {
      const std::optional<double> x = parse_finite_decimal(c->text);
      // A door counter's interval may count nobody (0); a group has at least one person.
      if (!x || *x < 0 || (!out.door_counter && *x <= 0) || *x > 1e7)
        diag.error(at(line_no, c->col), say(kBadCount, c->text));
      else
        count = *x;
    }
    // The alarm, then every time relative to it.
    const Cell* ac = cell("alarm");
    std::optional<std::pair<double, bool>> alarm;
    if (ac->text.empty())
      diag.error(at(line_no, ac->col), say(kEmptyCell, "alarm"));
    else if (!(alarm = parse_time(ac->text)))
      diag.error(at(line_no, ac->col), say(kBadTime, "alarm", ac->text));
    auto since_alarm = [&](const std::string& name) -> std::optional<double> {
      const Cell* c = cell(name);
      if (c == nullptr || c->text.empty() || !alarm) return std::nullopt;
      const auto t = parse_time(c->text);
      if (!t) {
        diag.error(at(line_no, c->col), say(kBadTime, name, c->text));
        return std::nullopt;
      }
      double d = t->first - alarm->first;
      if (d < -12 * 3600.0) d += 24 * 3600.0;  // past midnight
      if (d < 0) {
        diag.error(at(line_no, c->col), say(kBeforeAlarm, name, secs(-d)));
        return std::nullopt;
      }
      return d;
    };
    uint32_t drill_index = 0;
    if (!drill.empty()) {
      const auto it = std::find(out.drills.begin(), out.drills.end(), drill);
      drill_index = static_cast<uint32_t>(it - out.drills.begin());
      if (it == out.drills.end()) out.drills.push_back(drill);
    }
    auto add = [&](DrillMeasure m, double s, double n) {
      out.observations.push_back(
          DrillObservation{drill_index, m, building, floor, s, n, -1.0, at(line_no, bcell->col), floor_pos});
    };
    if (out.door_counter) {
      const std::optional<double> t = since_alarm("time");
      if (!t && cell("time")->text.empty()) diag.error(at(line_no, cell("time")->col), say(kEmptyCell, "time"));
      if (diag.error_count() != errors_before || !t) continue;
      double& last = last_time.try_emplace({drill_index, building, floor}, 0.0).first->second;
      if (*t < last) {
        diag.error(at(line_no, cell("time")->col), say(kCounterOrder, secs(*t), secs(last)));
        continue;
      }
      // People counted in (last, t]: spread evenly over the interval (docs/calibration.md).
      if (count > 0) {
        add(floor >= 1 ? DrillMeasure::LeftFloor : DrillMeasure::LeftBuilding, *t, count);
        out.observations.back().interval_start = last;
      }
      last = *t;
      continue;
    }
    const std::optional<double> start = since_alarm("start");
    const std::optional<double> exit = since_alarm("exit");
    const std::optional<double> safe = since_alarm("safe");
    if (diag.error_count() != errors_before) continue;
    if (!start && !exit && !safe) {
      diag.error(at(line_no, 1), say(kNoTimeInRow));
      continue;
    }
    const std::vector<std::pair<const char*, std::optional<double>>> seq = {{"start", start}, {"exit", exit}, {"safe", safe}};
    bool ordered = true;
    for (std::size_t i = 0; i < seq.size() && ordered; ++i)
      for (std::size_t j = i + 1; j < seq.size() && ordered; ++j)
        if (seq[i].second && seq[j].second && *seq[j].second < *seq[i].second) {
          diag.error(at(line_no, cell(seq[j].first)->col),
                     say(kOutOfOrder, seq[j].first, secs(*seq[i].second - *seq[j].second), seq[i].first));
          ordered = false;
        }
    if (!ordered) continue;
    if (start) add(DrillMeasure::Start, *start, count);
    if (exit) add(DrillMeasure::LeftBuilding, *exit, count);
    if (safe) add(DrillMeasure::Safe, *safe, count);
  }
  if (header_line == 0 && !diag.has_errors()) diag.error(at(0, 0), say(kNoHeader));
  if (header_line != 0 && records == 0 && !diag.has_errors()) diag.error(at(header_line, 1), say(kHeaderOnly));
  diag.throw_if_errors();
  return out;
}

DrillRecords read_drill_records(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(SourcePos{path, 0, 0}, say(kCannotRead));
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_drill_records(ss.str(), path);
}

std::string drill_records_csv(const std::vector<DrillPersonRow>& rows, double start_clock_s,
                              const std::vector<std::string>& comment) {
  auto clock = [&](double t) -> std::string {
    if (std::isnan(t)) return "";
    double c = std::fmod(start_clock_s + t, 86400.0);
    const double tenths = std::round(c * 10.0);
    c = tenths / 10.0;
    if (c >= 86400.0) c -= 86400.0;
    const int h = static_cast<int>(c / 3600.0);
    const int m = static_cast<int>((c - h * 3600.0) / 60.0);
    const double s = c - h * 3600.0 - m * 60.0;
    return fmt::format("{:02}:{:02}:{:04.1f}", h, m, s);
  };
  std::string s;
  for (const std::string& c : comment) s += "# " + c + "\n";
  s += "drill,building,floor,group,count,alarm,start,exit,safe\n";
  for (const DrillPersonRow& r : rows)
    s += fmt::format("{},{},{},{},1,{},{},{},{}\n", r.drill, r.building, r.floor >= 1 ? std::to_string(r.floor) : "",
                     r.group, clock(r.alarm_s), clock(r.start_s), clock(r.exit_s), clock(r.safe_s));
  return s;
}

}  // namespace dt
