#pragma once
// The files a finished sweep writes beside results.sqlite (docs/formats.md): summary.json (the
// statistics of every KPI at every point), points.csv (one row per point) and report.html, plus
// the point_stats table. Everything is read back from results.sqlite in (point, replication)
// order, so the files are the same bytes however the sweep ran: threads, resumes, shards + merge,
// MPI ranks.

#include <filesystem>
#include <string>
#include <vector>

#include "engine/output/results_db.h"

namespace dt {

/// Throws std::runtime_error when a replication is missing (the sweep is not finished).
/// `command` ("sweep", "merge") is named in manifest.json; the set includes results.sqlite.
/// Returns the headline (summary.json "headline" text) for the console.
[[nodiscard]] std::vector<std::string> write_sweep_outputs(ResultsDb& db, const std::filesystem::path& out_dir, const std::string& command = "sweep");

}  // namespace dt
