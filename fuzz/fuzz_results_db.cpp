// Fuzz target: reading a results.sqlite back (engine/output/results_db.h) the way
// `drilltwin sweep --resume` and `drilltwin merge` do. The input is written as a file named
// results.sqlite and
//   - opened (the sweep description: points, parameters, KPIs), its replication count set again
//     (as --resume does), the done mask and count read (which replications to run);
//   - every point's KPI table and series read (what summary.json, points.csv and report.html are
//     made from);
//   - merged: its replications copied into a new results file created from its own description
//     (as `merge` does into a fresh --out).
// A damaged or hostile file may only make these throw std::runtime_error (the commands print it
// and exit 2); anything else (a crash, another exception, a leak, undefined behaviour) is a defect.

#include <cstdint>
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const fs::path dir = dt::fuzz::temp_dir();
  const fs::path file = dir / "results.sqlite";
  const fs::path merged = dir / "merged" / "results.sqlite";
  remove_db(file);  // a journal left by the previous input must not be applied to this one
  remove_db(merged);
  dt::fuzz::write_file(file, data, size);
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
