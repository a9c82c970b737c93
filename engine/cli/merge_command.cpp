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
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kOtherSweep, "comes from another sweep (fingerprint {}, expected {})", "来自另一次扫描（指纹 {}，应为 {}）");
DT_PHRASE(kOtherReplications, "has {} replications per point, expected {}", "每个点有 {} 次重复，应为 {}");
DT_PHRASE(kOtherKpisOrPoints, "has other KPIs or points", "KPI 或扫描点不同");
DT_PHRASE(kOtherKpis, "has other KPIs", "KPI 不同");
DT_PHRASE(kError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kNoResults, "{} has no results.sqlite (is it the --out of a `drilltwin sweep`?)", "{} 中没有 results.sqlite（它是 `drilltwin sweep` 的 --out 目录吗？）");
DT_PHRASE(kMismatchWith, "{} {} (compared with {})", "{} {}（与 {} 比较）");
DT_PHRASE(kMismatch, "{} {}", "{}: {}");
DT_PHRASE(kStillMissing, "drilltwin: {} of {} replications are still missing in {} (a shard not finished?).",
          "drilltwin: {} / {} 次重复在 {} 中仍然缺失（有分片尚未完成？）。");
DT_PHRASE(kMergeOrRun, "Merge the missing shards, or run them here: {}", "请合并缺失的分片，或在此运行: {}");
DT_PHRASE(kMerged, "{}: merged {} shard{} ({} replications copied), {} points × {} replications",
          "{}：已合并 {} 个分片{}（复制了 {} 次重复），{} 个点 × {} 次重复");
DT_PHRASE(kMergeResults, "Results: {}/results.sqlite, summary.json, points.csv, report.html", "结果：{}/results.sqlite、summary.json、points.csv、report.html");
}  // namespace

namespace {

namespace fs = std::filesystem;

// Why `b` cannot be merged into a sweep described by `a`, or "".
std::string mismatch(const SweepDescription& a, const SweepDescription& b) {
  if (a.fingerprint != b.fingerprint)
    return say(kOtherSweep, b.fingerprint, a.fingerprint);
  if (a.replications != b.replications)
    return say(kOtherReplications, b.replications, a.replications);
  if (a.kpis.size() != b.kpis.size() || a.points.size() != b.points.size()) return say(kOtherKpisOrPoints);
  for (std::size_t k = 0; k < a.kpis.size(); ++k)
    if (a.kpis[k].name != b.kpis[k].name) return say(kOtherKpis);
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
      fmt::print(stderr, "{}\n", say(kError, msg));
      return kExitInput;
    };
    const fs::path out_db = fs::path(a->out) / "results.sqlite";
    std::vector<fs::path> inputs;
    std::optional<SweepDescription> first;
    for (const std::string& d : a->dirs) {
      const fs::path p = fs::path(d) / "results.sqlite";
      if (!fs::exists(p)) return input_error(say(kNoResults, d));
      try {
        const ResultsDb db = ResultsDb::open(p);
        if (!first) first = db.sweep();
        if (const std::string why = mismatch(*first, db.sweep()); !why.empty())
          return input_error(say(kMismatchWith, p.string(), why, inputs.front().string()));
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
        return input_error(say(kMismatch, out_db.string(), why));
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
      fmt::print(stderr, "{}\n{}\n", say(kStillMissing, total - done, total, out_db.string()),
                 say(kMergeOrRun, jobs::resume_command(db->sweep(), a->out)));
      return kExitRuntime;
    }
    const std::vector<std::string> headline = write_sweep_outputs(*db, a->out, "merge");
    if (!a->quiet)
      fmt::print("{}\n\n{}{}{}\n",
                 say(kMerged, first->scenario, inputs.size(), lang() == Lang::En && inputs.size() != 1 ? "s" : "", copied,
                     first->points.size(), first->replications),
                 fmt::join(headline, "\n"), headline.empty() ? "" : "\n\n", say(kMergeResults, a->out));
    return kExitOk;
  };
}

}  // namespace dt::cli
