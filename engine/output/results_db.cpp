#include "engine/output/results_db.h"
#include "engine/kernel/lang.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace dt {

namespace {
DT_PHRASE(kOutOfMemory, "out of memory", "内存不足");
DT_PHRASE(kUnknownError, "unknown error", "未知错误");
DT_PHRASE(kSqliteBusy, "database is locked", "数据库被锁定");
DT_PHRASE(kSqliteFull, "database or disk is full", "数据库或磁盘已满");
DT_PHRASE(kSqliteIo, "disk I/O error", "磁盘输入/输出错误");
DT_PHRASE(kSqliteNotADb, "file is not a database", "文件不是数据库");
DT_PHRASE(kSqliteCorrupt, "database disk image is malformed", "数据库文件已损坏");
DT_PHRASE(kSqliteCantOpen, "unable to open database file", "无法打开数据库文件");
DT_PHRASE(kSqliteReadonly, "attempt to write a readonly database", "试图写入只读数据库");
DT_PHRASE(kSqlitePerm, "access permission denied", "访问权限不足");

/// SQLite's message for the last error on `db` in the language of the messages: sqlite3_errmsg
/// in English, a translation of the errors a results file meets (locked, full, damaged) in Chinese.
std::string sqlite_error_text(sqlite3* db) {
  if (db == nullptr) return say(kOutOfMemory);
  if (lang() == Lang::En) return sqlite3_errmsg(db);
  switch (sqlite3_errcode(db) & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return say(kSqliteBusy);
    case SQLITE_FULL: return say(kSqliteFull);
    case SQLITE_IOERR: return say(kSqliteIo);
    case SQLITE_NOTADB: return say(kSqliteNotADb);
    case SQLITE_CORRUPT: return say(kSqliteCorrupt);
    case SQLITE_CANTOPEN: return say(kSqliteCantOpen);
    case SQLITE_READONLY: return say(kSqliteReadonly);
    case SQLITE_PERM: return say(kSqlitePerm);
    case SQLITE_NOMEM: return say(kOutOfMemory);
    default: return sqlite3_errmsg(db);
  }
}

DT_PHRASE(kWhatFailed, "{}: {}", "{}：{}");
DT_PHRASE(kCannotOpen, "cannot open {}: {}", "无法打开 {}：{}");
DT_PHRASE(kAlreadyExists, "{} already exists", "{} 已存在");
DT_PHRASE(kDoesNotExist, "{} does not exist", "{} 不存在");
DT_PHRASE(kNotResultsFile, "{} is not a drilltwin results file", "{} 不是 drilltwin 结果文件");
DT_PHRASE(kSchemaVersionMismatch, "{} has schema_version {}; this drilltwin reads version {} (a file of another drilltwin version, or damaged)",
          "{} 的 schema_version 为 {}；此 drilltwin 读取的版本为 {}（文件来自其他版本的 drilltwin，或已损坏）");
DT_PHRASE(kDamaged, "{} is damaged: {} (restore it from a copy, or run the sweep again with another --out)",
          "{} 已损坏：{}（请从副本恢复，或换一个 --out 重新运行扫描）");
DT_PHRASE(kReplicationMissing, "{}: replication {} of point {} is missing", "{}：第 {} 次重复（点 {}）缺失");
DT_PHRASE(kTableMissing, "table '{}' is missing", "缺少表 '{}'");
DT_PHRASE(kTableColumns, "table '{}' has columns ({}), expected ({})", "表 '{}' 的列为（{}），应为（{}）");
DT_PHRASE(kPointSettingsPoint, "point_settings names point '{}' ({} = {}), which the points table does not have",
          "point_settings 指向点 '{}'（{} = {}），但 points 表中没有这个点");
DT_PHRASE(kReplicationsRow, "replications holds point '{}', replication '{}' (status '{}'): not a point and replication of this sweep",
          "replications 中有点 '{}'、第 '{}' 次重复（状态 '{}'）：不属于此次扫描的点和重复");
DT_PHRASE(kKpiValuesKpi, "kpi_values holds point '{}', replication '{}', KPI '{}': not a KPI of this sweep",
          "kpi_values 中有点 '{}'、第 '{}' 次重复、KPI '{}'：不是此次扫描的 KPI");
DT_PHRASE(kKpiValuesNumber, "kpi_values: the value of point {}, replication {}, KPI {} is not a number",
          "kpi_values：点 {}、第 {} 次重复、KPI {} 的值不是数字");
DT_PHRASE(kKpiValuesCount, "point {}, replication {} has {} KPI values, expected one per KPI",
          "点 {}、第 {} 次重复有 {} 个 KPI 值，应为每个 KPI 一个");
DT_PHRASE(kKpiValuesOrphan, "kpi_values holds point {}, replication {} (KPI {}), which the replications table does not list",
          "kpi_values 中有点 {}、第 {} 次重复（KPI {}），但 replications 表中没有列出");
DT_PHRASE(kSeriesMalformed, "series of point {}, replication {} (entry {}) is malformed or belongs to no stored replication",
          "点 {}、第 {} 次重复的序列（条目 {}）格式错误或不属于任何已保存的重复");
DT_PHRASE(kPointValuesRow, "point_values holds point '{}', parameter '{}' with number '{}': not a point of this sweep, or not a number",
          "point_values 中有点 '{}'、参数 '{}' 的数值 '{}'：不属于此次扫描的点，或不是数字");
DT_PHRASE(kKpisNumbering, "the kpis table is not numbered 0 .. n-1", "kpis 表没有按 0 .. n-1 编号");
DT_PHRASE(kPointsNumbering, "the points table is not numbered 0 .. n-1", "points 表没有按 0 .. n-1 编号");
DT_PHRASE(kSweepEmpty, "the sweep table is empty", "sweep 表为空");
DT_PHRASE(kSeedNotInteger, "the sweep's seed is not an integer", "扫描的种子不是整数");
DT_PHRASE(kReplicationCount, "the sweep's replication count '{}' is not between 1 and {}", "扫描的重复次数 '{}' 不在 1 到 {} 之间");
DT_PHRASE(kFingerprint, "the sweep's fingerprint '{}' is not 16 hexadecimal digits", "扫描的指纹 '{}' 不是 16 位十六进制数字");
DT_PHRASE(kParameters, "the sweep's parameters are not a JSON list of names", "扫描的参数不是由名称组成的 JSON 列表");
DT_PHRASE(kOverrides, "meta 'overrides' is not a JSON list of KEY=VALUE texts", "meta 'overrides' 不是由 KEY=VALUE 文本组成的 JSON 列表");
DT_PHRASE(kKpiRanges, "meta 'kpi_ranges' is not a list with one entry per KPI", "meta 'kpi_ranges' 不是每个 KPI 一项的列表");
DT_PHRASE(kKpiRangeEntry, "meta 'kpi_ranges' entry {} is not any, non-negative or fraction", "meta 'kpi_ranges' 第 {} 项不是 any、non-negative 或 fraction");
DT_PHRASE(kTargets, "meta 'targets' is not a list of targets {kpi, sense, value, on, confident}",
          "meta 'targets' 不是目标列表 {kpi, sense, value, on, confident}");
DT_PHRASE(kReplicationsHolds, "replications holds point {}, replication {}", "replications 中有点 {}、第 {} 次重复");
DT_PHRASE(kKpiValuesNotNumber, "kpi_values holds replication {}, KPI {} of point {} with a value that is not a number",
          "kpi_values 中第 {} 次重复、KPI {}（点 {}）的值不是数字");
DT_PHRASE(kSeriesHolds, "series holds replication {} of point {}", "series 中有第 {} 次重复（点 {}）");
}  // namespace

namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 1;

// Series blobs are the doubles' bytes as they lie in memory: little-endian on every machine we
// build for (checked here), so files move between them.
static_assert(std::endian::native == std::endian::little, "results.sqlite stores little-endian doubles");

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  scenario TEXT NOT NULL, description TEXT NOT NULL, source_file TEXT NOT NULL,
  seed INTEGER NOT NULL, replications INTEGER NOT NULL, fingerprint TEXT NOT NULL,
  parameters TEXT NOT NULL);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, command TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL, host TEXT NOT NULL, threads INTEGER NOT NULL, ranks INTEGER NOT NULL,
  shard TEXT NOT NULL, drilltwin_version TEXT NOT NULL);
CREATE TABLE kpis (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE points (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE point_settings (
  point INTEGER NOT NULL REFERENCES points(id), parameter TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (point, parameter)) WITHOUT ROWID;
CREATE TABLE replications (
  point INTEGER NOT NULL REFERENCES points(id), replication INTEGER NOT NULL,
  status TEXT NOT NULL, run INTEGER NOT NULL REFERENCES runs(id),
  PRIMARY KEY (point, replication)) WITHOUT ROWID;
CREATE TABLE kpi_values (
  point INTEGER NOT NULL, replication INTEGER NOT NULL, kpi INTEGER NOT NULL REFERENCES kpis(id), value REAL,
  PRIMARY KEY (point, replication, kpi)) WITHOUT ROWID;
CREATE TABLE series (
  point INTEGER NOT NULL, replication INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL, x_unit TEXT NOT NULL, y_unit TEXT NOT NULL, x BLOB, y BLOB,
  PRIMARY KEY (point, replication, seq)) WITHOUT ROWID;
CREATE TABLE point_stats (
  point INTEGER NOT NULL, kpi INTEGER NOT NULL, n INTEGER NOT NULL, mean REAL, stddev REAL,
  ci95_low REAL, ci95_high REAL, min REAL, p50 REAL, p90 REAL, p95 REAL, max REAL,
  PRIMARY KEY (point, kpi)) WITHOUT ROWID;
CREATE TABLE point_values (
  point INTEGER NOT NULL REFERENCES points(id), parameter TEXT NOT NULL, number REAL, unit TEXT NOT NULL,
  PRIMARY KEY (point, parameter)) WITHOUT ROWID;
)sql";

/// An SQL identifier in double quotes ("staff.count").
std::string sql_identifier(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// An SQL string literal in single quotes.
std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

/// The view `results`: point label, replication, KPI, value, then one column per swept parameter
/// holding its number (point_values) or, when it is not one, its text (point_settings).
std::string results_view(const std::vector<std::string>& parameters) {
  std::string sql = "CREATE VIEW results AS\n  SELECT p.label AS point, v.replication, k.name AS kpi, v.value";
  for (const std::string& param : parameters)
    sql += ",\n    (SELECT coalesce(n.number, s.value) FROM point_settings s LEFT JOIN point_values n ON n.point = "
           "s.point AND n.parameter = s.parameter WHERE s.point = v.point AND s.parameter = " +
           sql_literal(param) + ") AS " + sql_identifier(param);
  return sql + "\n  FROM kpi_values v JOIN points p ON p.id = v.point JOIN kpis k ON k.id = v.kpi;";
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(say(kWhatFailed, what, sqlite_error_text(db)));
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "results.sqlite");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, double v) {
    if (std::isnan(v))
      sqlite3_bind_null(stmt_, i);
    else
      sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind_blob(int i, const std::vector<double>& v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size() * sizeof(double)), SQLITE_TRANSIENT);
    return *this;
  }
  /// True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(db_, "results.sqlite");
    return false;
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  [[nodiscard]] sqlite3_stmt* handle() const noexcept { return stmt_; }
  [[nodiscard]] int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  [[nodiscard]] double real(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                           : sqlite3_column_double(stmt_, col);
  }
  [[nodiscard]] std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  [[nodiscard]] std::vector<double> blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col));
    std::vector<double> v(bytes / sizeof(double));
    if (p && !v.empty()) std::memcpy(v.data(), p, v.size() * sizeof(double));
    return v;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

const char* range_name(KpiRange r) {
  switch (r) {
    case KpiRange::NonNegative: return "non-negative";
    case KpiRange::Fraction: return "fraction";
    case KpiRange::Any: break;
  }
  return "any";
}

bool range_from_name(const std::string& name, KpiRange& r) {
  for (KpiRange x : {KpiRange::Any, KpiRange::NonNegative, KpiRange::Fraction})
    if (name == range_name(x)) {
      r = x;
      return true;
    }
  return false;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

sqlite3* open_handle(const fs::path& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite_error_text(db);
    sqlite3_close(db);
    throw std::runtime_error(say(kCannotOpen, path.string(), msg));
  }
  sqlite3_busy_timeout(db, 10'000);
  return db;
}

// meta 'targets': [{"kpi", "sense": "at_least"|"at_most", "value", "on": "mean"|"p95"|…, "confident"}].
nlohmann::json targets_to_json(const std::vector<KpiTarget>& targets) {
  nlohmann::json a = nlohmann::json::array();
  for (const KpiTarget& t : targets)
    a.push_back({{"kpi", t.kpi},
                 {"sense", t.sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most"},
                 {"value", t.value},
                 {"on", to_string(t.on)},
                 {"confident", t.confident}});
  return a;
}

bool targets_from_json(const nlohmann::json& a, std::vector<KpiTarget>& out) {
  if (!a.is_array()) return false;
  for (const nlohmann::json& e : a) {
    if (!e.is_object() || !e.contains("kpi") || !e["kpi"].is_string() || !e.contains("sense") || !e["sense"].is_string() ||
        !e.contains("value") || !e["value"].is_number() || !e.contains("on") || !e["on"].is_string() ||
        !e.contains("confident") || !e["confident"].is_boolean())
      return false;
    KpiTarget t;
    t.kpi = e["kpi"].get<std::string>();
    const std::string sense = e["sense"].get<std::string>();
    if (sense != "at_least" && sense != "at_most") return false;
    t.sense = sense == "at_least" ? KpiTarget::Sense::AtLeast : KpiTarget::Sense::AtMost;
    t.value = e["value"].get<double>();
    if (!std::isfinite(t.value)) return false;
    const std::string on = e["on"].get<std::string>();
    bool known = false;
    for (const KpiTarget::On o : {KpiTarget::On::Mean, KpiTarget::On::P50, KpiTarget::On::P90, KpiTarget::On::P95,
                                  KpiTarget::On::Min, KpiTarget::On::Max})
      if (on == to_string(o)) t.on = o, known = true;
    if (!known) return false;
    t.confident = e["confident"].get<bool>();
    out.push_back(std::move(t));
  }
  return true;
}

}  // namespace

ResultsDb::ResultsDb(sqlite3* db, fs::path path) : db_(db), path_(std::move(path)) {}

ResultsDb::ResultsDb(ResultsDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), sweep_(std::move(other.sweep_)) {}

ResultsDb& ResultsDb::operator=(ResultsDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    sweep_ = std::move(other.sweep_);
  }
  return *this;
}

ResultsDb::~ResultsDb() { sqlite3_close(db_); }

void ResultsDb::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? (lang() == Lang::En ? std::string(err) : sqlite_error_text(db_)) : say(kUnknownError);
    sqlite3_free(err);
    throw std::runtime_error(path_.string() + ": " + msg);
  }
}

ResultsDb ResultsDb::create(const fs::path& path, const SweepDescription& sweep) {
  if (fs::exists(path)) throw std::runtime_error(say(kAlreadyExists, path.string()));
  // Built under a temporary name and renamed: a results file either has its whole description or
  // does not exist.
  const fs::path tmp = path.string() + ".new";
  fs::remove(tmp);
  {
    ResultsDb db(open_handle(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), tmp);
    db.exec("PRAGMA journal_mode=DELETE;");
    db.exec("BEGIN;");
    db.exec(kSchema);
    db.exec(results_view(sweep.parameters).c_str());
    Statement meta(db.db_, "INSERT INTO meta VALUES (?, ?)");
    meta.bind(1, std::string("format")).bind(2, std::string("drilltwin-results")).run();
    meta.bind(1, std::string("schema_version")).bind(2, std::to_string(kSchemaVersion)).run();
    meta.bind(1, std::string("drilltwin_version")).bind(2, std::string(DRILLTWIN_VERSION)).run();
    meta.bind(1, std::string("overrides")).bind(2, nlohmann::json(sweep.overrides).dump()).run();
    nlohmann::json ranges = nlohmann::json::array();
    for (const KpiDefinition& k : sweep.kpis) ranges.push_back(range_name(k.range));
    meta.bind(1, std::string("kpi_ranges")).bind(2, ranges.dump()).run();
    meta.bind(1, std::string("targets")).bind(2, targets_to_json(sweep.targets).dump()).run();
    Statement s(db.db_, "INSERT INTO sweep VALUES (1, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, sweep.scenario).bind(2, sweep.description).bind(3, sweep.source_file);
    s.bind(4, static_cast<int64_t>(sweep.seed)).bind(5, static_cast<int64_t>(sweep.replications));
    s.bind(6, sweep.fingerprint).bind(7, nlohmann::json(sweep.parameters).dump()).run();
    Statement k(db.db_, "INSERT INTO kpis VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < sweep.kpis.size(); ++i)
      k.bind(1, static_cast<int64_t>(i)).bind(2, sweep.kpis[i].name).bind(3, sweep.kpis[i].unit)
          .bind(4, sweep.kpis[i].description).run();
    Statement p(db.db_, "INSERT INTO points VALUES (?, ?)");
    Statement ps(db.db_, "INSERT INTO point_settings VALUES (?, ?, ?)");
    Statement pv(db.db_, "INSERT INTO point_values VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
      const PointRecord& point = sweep.points[i];
      p.bind(1, static_cast<int64_t>(i)).bind(2, point.label).run();
      for (const auto& [param, value] : point.settings)
        ps.bind(1, static_cast<int64_t>(i)).bind(2, param).bind(3, value).run();
      if (point.numbers.size() == point.settings.size())
        for (std::size_t j = 0; j < point.numbers.size(); ++j)
          pv.bind(1, static_cast<int64_t>(i)).bind(2, point.settings[j].first).bind(3, point.numbers[j].value)
              .bind(4, point.numbers[j].unit).run();
    }
    db.exec("COMMIT;");
  }
  fs::rename(tmp, path);
  return open(path);
}

ResultsDb ResultsDb::open(const fs::path& path) {
  if (!fs::exists(path)) throw std::runtime_error(say(kDoesNotExist, path.string()));
  ResultsDb db(open_handle(path, SQLITE_OPEN_READWRITE), path);
  {
    Statement check(db.db_, "SELECT value FROM meta WHERE key = 'format'");
    if (!check.step() || check.text(0) != "drilltwin-results")
      throw std::runtime_error(say(kNotResultsFile, path.string()));
  }
  // WAL: readers never block the writer, and each committed batch survives a crash.
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.check_schema();
  db.load_description();
  db.check_contents();
  return db;
}

// Every table and column a results file of this schema version has. A file that lacks one was
// damaged (or written by another program): the first query to touch it would fail half-way.
void ResultsDb::check_schema() const {
  {
    Statement v(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
    const std::string version = v.step() ? v.text(0) : std::string("(none)");
    if (version != std::to_string(kSchemaVersion))
      throw std::runtime_error(say(kSchemaVersionMismatch, path_.string(), version, kSchemaVersion));
  }
  static constexpr std::pair<const char*, const char*> kTables[] = {
      {"meta", "key value"},
      {"sweep", "id scenario description source_file seed replications fingerprint parameters"},
      {"runs", "id command started_at finished_at status host threads ranks shard drilltwin_version"},
      {"kpis", "id name unit description"},
      {"points", "id label"},
      {"point_settings", "point parameter value"},
      {"replications", "point replication status run"},
      {"kpi_values", "point replication kpi value"},
      {"series", "point replication seq name kind x_unit y_unit x y"},
      {"point_stats", "point kpi n mean stddev ci95_low ci95_high min p50 p90 p95 max"},
  };
  // Tables added later: older files lack them, newer ones must have their columns.
  static constexpr std::pair<const char*, const char*> kOptionalTables[] = {
      {"point_values", "point parameter number unit"},
  };
  for (const auto& [table, columns] : kOptionalTables) {
    if (!has_table(table)) continue;
    Statement info(db_, (std::string("SELECT name FROM pragma_table_info('") + table + "') ORDER BY cid").c_str());
    std::string have;
    while (info.step()) have += (have.empty() ? "" : " ") + info.text(0);
    if (have != columns) damaged(say(kTableColumns, table, have, columns));
  }
  for (const auto& [table, columns] : kTables) {
    Statement info(db_, (std::string("SELECT name FROM pragma_table_info('") + table + "') ORDER BY cid").c_str());
    std::string have;
    while (info.step()) have += (have.empty() ? "" : " ") + info.text(0);
    if (have.empty()) damaged(say(kTableMissing, table));
    if (have != columns)
      damaged(say(kTableColumns, table, have, columns));
  }
}

// Every value read back is checked before it is used as an index or a number: a results file is
// input like any other, and a hand-edited or damaged one must give a clear error, not wrong
// numbers. One query per rule, each stopping at the first offending row.
void ResultsDb::check_contents() const {
  const auto points = static_cast<int64_t>(sweep_.points.size());
  const auto kpis = static_cast<int64_t>(sweep_.kpis.size());
  auto first_row = [this](const char* sql, std::initializer_list<int64_t> args, const Phrase& what) {
    Statement s(db_, sql);
    int i = 1;
    for (int64_t a : args) s.bind(i++, a);
    if (s.step()) damaged(say(what, s.text(0), s.text(1), s.text(2)));
  };
  {
    Statement k(db_, "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), -1) FROM kpis");
    k.step();
    if (k.integer(0) == 0 || k.integer(1) != 0 || k.integer(2) != kpis - 1) damaged(say(kKpisNumbering));
    Statement p(db_, "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), -1) FROM points");
    p.step();
    if (p.integer(0) == 0 || p.integer(1) != 0 || p.integer(2) != points - 1)
      damaged(say(kPointsNumbering));
  }
  first_row("SELECT point, parameter, value FROM point_settings WHERE typeof(point) != 'integer' OR point < 0 OR point >= ?1 "
            "LIMIT 1",
            {points}, kPointSettingsPoint);
  if (has_table("point_values"))
    first_row("SELECT point, parameter, number FROM point_values WHERE typeof(point) != 'integer' OR point < 0 OR "
              "point >= ?1 OR typeof(number) NOT IN ('real', 'integer', 'null') OR typeof(unit) != 'text' OR "
              "typeof(parameter) != 'text' LIMIT 1",
              {points}, kPointValuesRow);
  first_row("SELECT point, replication, status FROM replications WHERE typeof(point) != 'integer' OR "
            "typeof(replication) != 'integer' OR point < 0 OR point >= ?1 OR replication < 0 OR replication >= ?2 "
            "OR status != 'done' LIMIT 1",
            {points, kMaxStoredReplications},
            kReplicationsRow);
  first_row("SELECT point, replication, kpi FROM kpi_values WHERE typeof(point) != 'integer' OR "
            "typeof(replication) != 'integer' OR typeof(kpi) != 'integer' OR kpi < 0 OR kpi >= ?1 LIMIT 1",
            {kpis}, kKpiValuesKpi);
  first_row("SELECT point, replication, kpi FROM kpi_values WHERE typeof(value) NOT IN ('real', 'null') LIMIT 1", {},
            kKpiValuesNumber);
  first_row("SELECT r.point, r.replication, (SELECT count(*) FROM kpi_values v WHERE v.point = r.point AND "
            "v.replication = r.replication) AS n FROM replications r WHERE n != ?1 LIMIT 1",
            {kpis}, kKpiValuesCount);
  first_row("SELECT v.point, v.replication, v.kpi FROM kpi_values v WHERE NOT EXISTS (SELECT 1 FROM replications r "
            "WHERE r.point = v.point AND r.replication = v.replication) LIMIT 1",
            {}, kKpiValuesOrphan);
  first_row("SELECT x.point, x.replication, x.seq FROM series x WHERE NOT EXISTS (SELECT 1 FROM replications r "
            "WHERE r.point = x.point AND r.replication = x.replication) OR typeof(x.seq) != 'integer' OR "
            "x.kind NOT IN ('curve', 'samples') OR typeof(x.x) NOT IN ('blob', 'null') OR "
            "typeof(x.y) NOT IN ('blob', 'null') OR length(x.x) % 8 != 0 OR length(x.y) % 8 != 0 LIMIT 1",
            {}, kSeriesMalformed);
}

void ResultsDb::damaged(const std::string& what) const {
  throw std::runtime_error(say(kDamaged, path_.string(), what));
}

void ResultsDb::load_description() {
  Statement s(db_, "SELECT scenario, description, source_file, seed, replications, fingerprint, parameters, "
                   "typeof(seed), typeof(replications) FROM sweep");
  if (!s.step()) damaged(say(kSweepEmpty));
  sweep_.scenario = s.text(0);
  sweep_.description = s.text(1);
  sweep_.source_file = s.text(2);
  if (s.text(7) != "integer") damaged(say(kSeedNotInteger));
  sweep_.seed = static_cast<uint64_t>(s.integer(3));  // stored as the int64 with the same bits
  if (s.text(8) != "integer" || s.integer(4) < 1 || s.integer(4) > kMaxStoredReplications)
    damaged(say(kReplicationCount, s.text(4), kMaxStoredReplications));
  sweep_.replications = static_cast<uint64_t>(s.integer(4));
  sweep_.fingerprint = s.text(5);
  if (sweep_.fingerprint.size() != 16 ||
      sweep_.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
    damaged(say(kFingerprint, sweep_.fingerprint));
  try {
    sweep_.parameters = nlohmann::json::parse(s.text(6)).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    damaged(say(kParameters));
  }
  {
    Statement o(db_, "SELECT value FROM meta WHERE key = 'overrides'");
    if (o.step()) try {
        sweep_.overrides = nlohmann::json::parse(o.text(0)).get<std::vector<std::string>>();
      } catch (const nlohmann::json::exception&) {
        damaged(say(kOverrides));
      }
  }
  Statement k(db_, "SELECT name, unit, description FROM kpis ORDER BY id");
  while (k.step()) sweep_.kpis.push_back({k.text(0), k.text(1), k.text(2)});
  {
    // The range of each KPI (older files lack it: every KPI is then read as unbounded).
    Statement r(db_, "SELECT value FROM meta WHERE key = 'kpi_ranges'");
    if (r.step()) {
      const nlohmann::json ranges = nlohmann::json::parse(r.text(0), nullptr, false);
      if (!ranges.is_array() || ranges.size() != sweep_.kpis.size())
        damaged(say(kKpiRanges));
      for (std::size_t k = 0; k < ranges.size(); ++k) {
        if (!ranges[k].is_string() || !range_from_name(ranges[k].get<std::string>(), sweep_.kpis[k].range))
          damaged(say(kKpiRangeEntry, k));
      }
    }
  }
  {
    // The scenario's targets (older files lack them: no targets).
    Statement t(db_, "SELECT value FROM meta WHERE key = 'targets'");
    if (t.step() && !targets_from_json(nlohmann::json::parse(t.text(0), nullptr, false), sweep_.targets))
      damaged(say(kTargets));
  }
  Statement p(db_, "SELECT label FROM points ORDER BY id");
  while (p.step()) sweep_.points.push_back({p.text(0), {}, {}});
  Statement ps(db_, "SELECT point, parameter, value FROM point_settings");
  std::vector<std::vector<std::pair<std::string, std::string>>> settings(sweep_.points.size());
  while (ps.step()) {
    const auto point = static_cast<std::size_t>(ps.integer(0));
    if (point < settings.size()) settings[point].emplace_back(ps.text(1), ps.text(2));
  }
  // Settings in the order of the parameters.
  for (std::size_t i = 0; i < sweep_.points.size(); ++i)
    for (const std::string& param : sweep_.parameters)
      for (auto& kv : settings[i])
        if (kv.first == param) sweep_.points[i].settings.push_back(kv);
  // Their numbers (files written before point_values have none; a point without all of them keeps none).
  if (has_table("point_values")) {
    std::vector<std::vector<std::pair<std::string, SettingNumber>>> numbers(sweep_.points.size());
    Statement pv(db_, "SELECT point, parameter, number, unit FROM point_values");
    while (pv.step()) {
      const int64_t point = pv.integer(0);
      if (point >= 0 && static_cast<std::size_t>(point) < numbers.size())
        numbers[static_cast<std::size_t>(point)].emplace_back(pv.text(1), SettingNumber{pv.real(2), pv.text(3)});
    }
    for (std::size_t i = 0; i < sweep_.points.size(); ++i) {
      PointRecord& point = sweep_.points[i];
      for (const auto& [param, value] : point.settings)
        for (const auto& [name, number] : numbers[i])
          if (name == param) {
            point.numbers.push_back(number);
            break;
          }
      if (point.numbers.size() != point.settings.size()) point.numbers.clear();
    }
  }
}

bool ResultsDb::has_table(const char* name) const {
  Statement s(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  s.bind(1, std::string(name));
  return s.step();
}

void ResultsDb::set_replications(uint64_t replications) {
  Statement s(db_, "UPDATE sweep SET replications = ?");
  s.bind(1, static_cast<int64_t>(replications)).run();
  sweep_.replications = replications;
}

int64_t ResultsDb::begin_run(const RunRecord& run) {
  Statement s(db_, "INSERT INTO runs (command, started_at, status, host, threads, ranks, shard, drilltwin_version) "
                   "VALUES (?, ?, 'running', ?, ?, ?, ?, ?)");
  s.bind(1, run.command).bind(2, utc_now()).bind(3, host_name()).bind(4, int64_t{run.threads});
  s.bind(5, int64_t{run.ranks}).bind(6, run.shard).bind(7, std::string(DRILLTWIN_VERSION)).run();
  return sqlite3_last_insert_rowid(db_);
}

void ResultsDb::end_run(int64_t run, const std::string& status) {
  Statement s(db_, "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?");
  s.bind(1, utc_now()).bind(2, status).bind(3, run).run();
}

std::vector<bool> ResultsDb::done_mask() const {
  const std::size_t points = sweep_.points.size();
  std::vector<bool> done(points * sweep_.replications, false);
  Statement s(db_, "SELECT point, replication FROM replications WHERE replication < ?");
  s.bind(1, static_cast<int64_t>(sweep_.replications));
  while (s.step()) {
    const int64_t p = s.integer(0), r = s.integer(1);
    if (p < 0 || r < 0 || static_cast<uint64_t>(p) >= points || static_cast<uint64_t>(r) >= sweep_.replications)
      damaged(say(kReplicationsHolds, p, r));
    done[static_cast<std::size_t>(r) * points + static_cast<std::size_t>(p)] = true;
  }
  return done;
}

uint64_t ResultsDb::done_count() const {
  Statement s(db_, "SELECT count(*) FROM replications WHERE replication < ?");
  s.bind(1, static_cast<int64_t>(sweep_.replications));
  return s.step() ? static_cast<uint64_t>(s.integer(0)) : 0;
}

void ResultsDb::insert(std::span<const ReplicationRecord> batch, int64_t run) {
  if (batch.empty()) return;
  exec("BEGIN IMMEDIATE;");
  try {
    Statement rep(db_, "INSERT OR IGNORE INTO replications VALUES (?, ?, 'done', ?)");
    Statement val(db_, "INSERT INTO kpi_values VALUES (?, ?, ?, ?)");
    Statement ser(db_, "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const ReplicationRecord& r : batch) {
      const auto p = static_cast<int64_t>(r.point), i = static_cast<int64_t>(r.replication);
      rep.bind(1, p).bind(2, i).bind(3, run).run();
      const bool fresh = sqlite3_changes(db_) > 0;
      if (!fresh) continue;
      for (std::size_t k = 0; k < r.kpis.size(); ++k) val.bind(1, p).bind(2, i).bind(3, static_cast<int64_t>(k)).bind(4, r.kpis[k]).run();
      for (std::size_t s = 0; s < r.series.size(); ++s) {
        const Series& x = r.series[s];
        ser.bind(1, p).bind(2, i).bind(3, static_cast<int64_t>(s)).bind(4, x.name);
        ser.bind(5, std::string(x.kind == SeriesKind::Curve ? "curve" : "samples")).bind(6, x.x_unit).bind(7, x.y_unit);
        ser.bind_blob(8, x.x).bind_blob(9, x.y).run();
      }
    }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

KpiTable ResultsDb::point_table(uint32_t point) const { return point_table(point, sweep_.replications); }

KpiTable ResultsDb::point_table(uint32_t point, uint64_t replications) const {
  const std::size_t kpis = sweep_.kpis.size();
  KpiTable table(sweep_.kpis, replications);
  std::vector<std::size_t> seen(replications, 0);
  Statement s(db_, "SELECT replication, kpi, value FROM kpi_values WHERE point = ? AND replication < ?");
  s.bind(1, int64_t{point}).bind(2, static_cast<int64_t>(replications));
  while (s.step()) {
    const int64_t ri = s.integer(0), ki = s.integer(1);
    if (ri < 0 || ki < 0 || static_cast<std::size_t>(ki) >= kpis || sqlite3_column_type(s.handle(), 2) == SQLITE_TEXT ||
        sqlite3_column_type(s.handle(), 2) == SQLITE_BLOB)
      damaged(say(kKpiValuesNotNumber, ri, ki, point));
    const auto r = static_cast<std::size_t>(ri), k = static_cast<std::size_t>(ki);
    table.row(r)[k] = s.real(2);
    ++seen[r];
  }
  for (std::size_t r = 0; r < seen.size(); ++r)
    if (seen[r] != kpis)
      throw std::runtime_error(say(kReplicationMissing, path_.string(), r, point));
  return table;
}

std::vector<ReplicationSeries> ResultsDb::point_series(uint32_t point) const { return point_series(point, sweep_.replications); }

std::vector<ReplicationSeries> ResultsDb::point_series(uint32_t point, uint64_t replications) const {
  const uint64_t kept = std::min<uint64_t>(replications, kSeriesReplications);  // series.h
  std::vector<ReplicationSeries> out(kept);
  Statement s(db_, "SELECT replication, name, kind, x_unit, y_unit, x, y FROM series "
                   "WHERE point = ? AND replication < ? ORDER BY replication, seq");
  s.bind(1, int64_t{point}).bind(2, static_cast<int64_t>(kept));
  while (s.step()) {
    Series x;
    x.name = s.text(1);
    x.kind = s.text(2) == "curve" ? SeriesKind::Curve : SeriesKind::Samples;
    x.x_unit = s.text(3);
    x.y_unit = s.text(4);
    x.x = s.blob(5);
    x.y = s.blob(6);
    const int64_t r = s.integer(0);
    if (r < 0 || static_cast<uint64_t>(r) >= kept)
      damaged(say(kSeriesHolds, r, point));
    out[static_cast<std::size_t>(r)].push_back(std::move(x));
  }
  return out;
}

void ResultsDb::write_point_stats(const std::vector<std::vector<SampleSummary>>& stats) {
  exec("BEGIN IMMEDIATE; DELETE FROM point_stats;");
  try {
    Statement s(db_, "INSERT INTO point_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t p = 0; p < stats.size(); ++p)
      for (std::size_t k = 0; k < stats[p].size(); ++k) {
        const SampleSummary& x = stats[p][k];
        s.bind(1, static_cast<int64_t>(p)).bind(2, static_cast<int64_t>(k)).bind(3, static_cast<int64_t>(x.n));
        s.bind(4, x.mean).bind(5, x.stddev).bind(6, x.ci95_low).bind(7, x.ci95_high).bind(8, x.min);
        s.bind(9, x.p50).bind(10, x.p90).bind(11, x.p95).bind(12, x.max).run();
      }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

uint64_t ResultsDb::copy_missing_from(const fs::path& other, int64_t run) {
  {
    Statement attach(db_, "ATTACH DATABASE ? AS src");
    attach.bind(1, other.string()).run();
  }
  uint64_t copied = 0;
  try {
    exec("BEGIN IMMEDIATE;");
    exec("CREATE TEMP TABLE fresh AS SELECT s.point, s.replication FROM src.replications s "
         "WHERE NOT EXISTS (SELECT 1 FROM main.replications m WHERE m.point = s.point AND m.replication = s.replication);");
    {
      Statement n(db_, "SELECT count(*) FROM temp.fresh");
      copied = n.step() ? static_cast<uint64_t>(n.integer(0)) : 0;
    }
    {
      Statement rep(db_, "INSERT INTO main.replications SELECT point, replication, 'done', ? FROM temp.fresh");
      rep.bind(1, run).run();
    }
    exec("INSERT INTO main.kpi_values SELECT v.* FROM src.kpi_values v JOIN temp.fresh f "
         "ON f.point = v.point AND f.replication = v.replication;"
         "INSERT INTO main.series SELECT x.* FROM src.series x JOIN temp.fresh f "
         "ON f.point = x.point AND f.replication = x.replication;"
         "DROP TABLE temp.fresh; COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK; DROP TABLE IF EXISTS temp.fresh;", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "DETACH DATABASE src;", nullptr, nullptr, nullptr);
    throw;
  }
  exec("DETACH DATABASE src;");
  return copied;
}

}  // namespace dt
