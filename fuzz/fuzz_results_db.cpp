// Fuzz target: reading a results.sqlite back (engine/output/results_db.h) the way
// `drilltwin sweep --resume` and `drilltwin merge` do. The file named results.sqlite is
//   - opened (the sweep description: points, parameters, KPIs), its replication count set again
//     (as --resume does), the done mask and count read (which replications to run);
//   - every point's KPI table and series read (what summary.json, points.csv and report.html are
//     made from);
//   - merged: its replications copied into a new results file created from its own description
//     (as `merge` does into a fresh --out).
// A damaged or hostile file may only make these throw std::runtime_error (the commands print it
// and exit 2); anything else (a crash, another exception, a leak, undefined behaviour) is a defect.
//
// Two kinds of input:
//   - a file that starts with SQLite's header ("SQLite format 3\0") is the results file itself,
//     byte for byte (seeds: results files written by `drilltwin sweep`);
//   - anything else is SQL, run statement by statement (errors ignored) on a small valid results
//     file made here: the damage that another program, the sqlite3 shell or a hand edit does while
//     the file stays a valid database, which byte mutations of a whole file seldom reach
//     (fuzz/results_db.dict names the tables and columns). The SQL cannot attach or write other
//     files, and runs a bounded number of steps.

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "engine/output/results_db.h"
#include "fuzz/fuzz_support.h"

namespace fs = std::filesystem;

namespace {

void remove_db(const fs::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(p.string() + suffix, ec);
}

// A small finished sweep: 2 points (one parameter), 2 KPIs, 3 replications each, with series.
const fs::path& template_db() {
  static const fs::path path = [] {
    const fs::path p = dt::fuzz::temp_dir() / "template.sqlite";
    dt::SweepDescription d;
    d.scenario = "fuzz";
    d.description = "template for fuzz_results_db";
    d.source_file = "fuzz.yaml";
    d.seed = 7;
    d.replications = 3;
    d.fingerprint = "0123456789abcdef";
    d.parameters = {"staff.count"};
    d.kpis = {{"dispatch.response_time_s", "s", "report to arrival", dt::KpiRange::NonNegative},
              {"dispatch.within_15min_fraction", "-", "share reached in 15 min", dt::KpiRange::Fraction}};
    d.points = {{"staff.count=2", {{"staff.count", "2"}}}, {"staff.count=3", {{"staff.count", "3"}}}};
    dt::ResultsDb db = dt::ResultsDb::create(p, d);
    const int64_t run = db.begin_run({"sweep", 1, 1, ""});
    std::vector<dt::ReplicationRecord> batch;
    for (uint32_t point = 0; point < 2; ++point)
      for (uint64_t r = 0; r < 3; ++r) {
        dt::ReplicationRecord rec{point, r, {60.0 * (r + 1) + point, 0.5 + 0.1 * static_cast<double>(r)}, {}};
        rec.series.push_back(dt::Series::curve("dispatch.backlog", "s", "incidents", {0, 60, 120}, {0, 2, 1}));
        rec.series.push_back(dt::Series::samples("dispatch.response_s", "s", {30, 45.5}));
        batch.push_back(std::move(rec));
      }
    db.insert(batch, run);
    db.end_run(run, "completed");
    return p;
  }();
  return path;
}

int stop_long_queries(void* steps) { return ++*static_cast<int*>(steps) > 2000; }  // x 1000 VM steps

// Copies the template to `file` and runs `sql` on it.
void make_db_from_sql(const fs::path& file, const uint8_t* data, std::size_t size) {
  fs::copy_file(template_db(), file, fs::copy_options::overwrite_existing);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "fuzz_results_db: cannot open the template copy: %s\n", sqlite3_errmsg(db));
    std::abort();
  }
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);  // no ATTACH, no VACUUM INTO: no other file is touched
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
  int steps = 0;
  sqlite3_progress_handler(db, 1000, stop_long_queries, &steps);
  const std::string sql(reinterpret_cast<const char*>(data), size);  // stops at a NUL byte, as sqlite3 does
  const char* next = sql.c_str();
  while (*next != '\0') {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, next, -1, &stmt, &tail) != SQLITE_OK || tail == next) {
      // Skip past the statement that does not parse (to its ';', or the end).
      const char* semi = std::strchr(next, ';');
      sqlite3_finalize(stmt);
      if (semi == nullptr) break;
      next = semi + 1;
      continue;
    }
    if (stmt != nullptr)
      while (sqlite3_step(stmt) == SQLITE_ROW) {
      }
    sqlite3_finalize(stmt);
    next = tail;
  }
  sqlite3_close(db);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const fs::path dir = dt::fuzz::temp_dir();
  const fs::path file = dir / "results.sqlite";
  const fs::path merged = dir / "merged" / "results.sqlite";
  remove_db(file);  // a journal left by the previous input must not be applied to this one
  remove_db(merged);
  static constexpr char kHeader[] = "SQLite format 3";  // and its terminating NUL: 16 bytes
  if (size >= sizeof kHeader && std::memcmp(data, kHeader, sizeof kHeader) == 0)
    dt::fuzz::write_file(file, data, size);
  else
    make_db_from_sql(file, data, size);
  try {
    dt::SweepDescription description;
    {
      dt::ResultsDb db = dt::ResultsDb::open(file);
      description = db.sweep();
      db.set_replications(description.replications);
      const int64_t run = db.begin_run({"sweep --resume", 1, 1, ""});
      (void)db.done_mask();
      (void)db.done_count();
      for (uint32_t p = 0; p < description.points.size(); ++p) {
        try {
          (void)db.point_table(p);
        } catch (const std::runtime_error&) {  // a missing replication: the sweep is not finished
        }
        (void)db.point_series(p);
      }
      db.end_run(run, "interrupted");
    }
    fs::create_directories(merged.parent_path());
    dt::ResultsDb out = dt::ResultsDb::create(merged, description);
    const int64_t run = out.begin_run({"merge", 0, 1, ""});
    (void)out.copy_missing_from(file, run);
    out.end_run(run, "completed");
    (void)out.done_count();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
