// `drilltwin merge`: joins the results.sqlite files of a sweep's shards (`sweep --shard K/N`) into
// one, and writes the sweep's summary.json, points.csv and report.html once nothing is missing.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <memory>
#include <optional>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/jobs/sweep_job.h"
#include "engine/output/results_db.h"
#include "engine/output/sweep_results.h"

namespace dt::cli {

namespace {

namespace fs = std::filesystem;

// Why `b` cannot be merged into a sweep described by `a`, or "".
std::string mismatch(const SweepDescription& a, const SweepDescription& b) {
  if (a.fingerprint != b.fingerprint)
    return "comes from another sweep (fingerprint " + b.fingerprint + ", expected " + a.fingerprint + ")";
  if (a.replications != b.replications)
    return "has " + std::to_string(b.replications) + " replications per point, expected " + std::to_string(a.replications);
  if (a.kpis.size() != b.kpis.size() || a.points.size() != b.points.size()) return "has other KPIs or points";
  for (std::size_t k = 0; k < a.kpis.size(); ++k)
    if (a.kpis[k].name != b.kpis[k].name) return "has other KPIs";
  return {};
}

}  // namespace

Action add_merge_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> dirs;
    std::string out;
    bool quiet = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("merge", "Join the results of a sweep's shards into one results.sqlite and report");
  cmd->add_option("DIR", a->dirs, "Output directories of the shards (each with a results.sqlite)")->required();
  cmd->add_option("--out,-o", a->out, "Directory of the joined results (may be one of the DIRs)")
      ->required()
      ->check(non_empty_path("a directory"));
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every replication is copied once; the shards must come from the same sweep (same file, --set overrides and\n"
      "replication count). When nothing is missing, writes summary.json, points.csv and report.html into --out, the\n"
      "same bytes as one `drilltwin sweep` would have written. Exit status 1 when replications are still missing.");

  return [a]() -> int {
    auto input_error = [](const std::string& msg) {
      fmt::print(stderr, "drilltwin: error: {}\n", msg);
      return kExitInput;
    };
    const fs::path out_db = fs::path(a->out) / "results.sqlite";
    std::vector<fs::path> inputs;
    std::optional<SweepDescription> first;
    for (const std::string& d : a->dirs) {
      const fs::path p = fs::path(d) / "results.sqlite";
      if (!fs::exists(p)) return input_error(d + " has no results.sqlite (is it the --out of a `drilltwin sweep`?)");
      try {
        const ResultsDb db = ResultsDb::open(p);
        if (!first) first = db.sweep();
        if (const std::string why = mismatch(*first, db.sweep()); !why.empty())
          return input_error(p.string() + " " + why + " (compared with " + inputs.front().string() + ")");
      } catch (const std::runtime_error& e) {
        return input_error(e.what());
      }
      inputs.push_back(p);
    }

    std::optional<ResultsDb> db;
    if (fs::exists(out_db)) {
      try {
        db.emplace(ResultsDb::open(out_db));
      } catch (const std::runtime_error& e) {
        return input_error(e.what());
      }
      if (const std::string why = mismatch(*first, db->sweep()); !why.empty())
        return input_error(out_db.string() + " " + why);
    } else {
      fs::create_directories(a->out);
      db.emplace(ResultsDb::create(out_db, *first));
    }
    const int64_t run = db->begin_run({"merge", 0, 1, ""});
    uint64_t copied = 0;
    for (const fs::path& p : inputs) {
      std::error_code ec;
      if (fs::equivalent(p, out_db, ec)) continue;
      copied += db->copy_missing_from(p, run);
    }
    db->end_run(run, "completed");
    const uint64_t total = first->points.size() * first->replications, done = db->done_count();
    if (done < total) {
      fmt::print(stderr,
                 "drilltwin: {} of {} replications are still missing in {} (a shard not finished?).\n"
                 "Merge the missing shards, or run them here: {}\n",
                 total - done, total, out_db.string(), jobs::resume_command(db->sweep(), a->out));
      return kExitRuntime;
    }
    const std::vector<std::string> headline = write_sweep_outputs(*db, a->out, "merge");
    if (!a->quiet)
      fmt::print("{}: merged {} shard{} ({} replications copied), {} points × {} replications\n\n{}{}"
                 "Results: {}/results.sqlite, summary.json, points.csv, report.html\n",
                 first->scenario, inputs.size(), inputs.size() == 1 ? "" : "s", copied, first->points.size(),
                 first->replications, fmt::join(headline, "\n"), headline.empty() ? "" : "\n\n", a->out);
    return kExitOk;
  };
}

}  // namespace dt::cli
