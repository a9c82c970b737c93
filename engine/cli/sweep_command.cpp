// `drilltwin sweep`: every point of a scenario's `sweep:` section × its replications, in parallel,
// kept in results.sqlite as they finish; resumable, shardable, and spread over MPI ranks under
// mpirun. docs/user-guide.md ("Sweeps") and docs/cluster.md show how to use it.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "engine/cli/commands.h"
#include "engine/cli/mpi_session.h"
#include "engine/cli/progress.h"
#include "engine/kernel/input_error.h"
#include "engine/output/results_db.h"
#include "engine/output/sweep_results.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/sim/sweep_runner.h"

namespace dt::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once (committed work stays)
  std::signal(SIGTERM, SIG_DFL);
}

// MPI message tags (worker ranks → rank 0).
constexpr int kTagResults = 1;
constexpr int kTagDone = 2;

// Commit a batch of results at least this often, and at the latest after this many.
constexpr auto kCommitEvery = std::chrono::milliseconds(500);
constexpr std::size_t kCommitBatch = 2000;

struct SweepArgs {
  std::string file;
  std::vector<std::string> overrides;
  bool resume = false;
  std::string out;
  std::string shard_text;
  std::optional<uint32_t> threads;
  std::optional<uint64_t> replications;
  bool quiet = false;
};

Shard parse_shard(const std::string& text) {
  Shard s;
  const auto slash = text.find('/');
  try {
    std::size_t used = 0;
    if (slash == std::string::npos) throw std::invalid_argument("");
    const unsigned long k = std::stoul(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("");
    const unsigned long n = std::stoul(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("");
    if (n < 1 || n > 1'000'000 || k < 1 || k > n) throw std::invalid_argument("");
    s.index = static_cast<uint32_t>(k);
    s.count = static_cast<uint32_t>(n);
  } catch (const std::logic_error&) {
    throw InputError(SourcePos{"--shard", 0, 0},
                     "invalid --shard '" + text + "': expected K/N with 1 <= K <= N, e.g. --shard 3/8");
  }
  return s;
}

// The rank a launcher gave this process, before MPI_Init (to print input errors once).
int launcher_rank() {
  for (const char* v : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* r = std::getenv(v)) return std::atoi(r);
  return 0;
}
int launcher_size() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* r = std::getenv(v)) return std::atoi(r);
  return 1;
}

// What rank 0 tells every rank before work starts: go (status 0) or stop with a status and a
// message, the sweep's fingerprint and the pairs still to run.
struct Plan {
  int status = kExitOk;
  std::string message;
  std::string fingerprint;
  std::vector<SweepItem> pending;
};

std::string encode_plan(const Plan& p) {
  std::string b;
  auto put = [&b](const void* v, std::size_t n) { b.append(static_cast<const char*>(v), n); };
  const int32_t status = p.status;
  put(&status, sizeof status);
  for (const std::string* s : {&p.message, &p.fingerprint}) {
    const uint64_t n = s->size();
    put(&n, sizeof n);
    b += *s;
  }
  const uint64_t n = p.pending.size();
  put(&n, sizeof n);
  for (const SweepItem& i : p.pending) {
    put(&i.point, sizeof i.point);
    put(&i.replication, sizeof i.replication);
  }
  return b;
}

Plan decode_plan(const std::string& b) {
  Plan p;
  std::size_t at = 0;
  auto get = [&](void* v, std::size_t n) {
    if (n > b.size() - at) throw std::runtime_error("malformed plan message from rank 0");
    std::memcpy(v, b.data() + at, n);
    at += n;
  };
  int32_t status = 0;
  get(&status, sizeof status);
  p.status = status;
  for (std::string* s : {&p.message, &p.fingerprint}) {
    uint64_t n = 0;
    get(&n, sizeof n);
    if (n > b.size() - at) throw std::runtime_error("malformed plan message from rank 0");
    s->assign(b.data() + at, n);
    at += n;
  }
  uint64_t n = 0;
  get(&n, sizeof n);
  p.pending.resize(n);
  for (SweepItem& i : p.pending) {
    get(&i.point, sizeof i.point);
    get(&i.replication, sizeof i.replication);
  }
  return p;
}

SweepDescription describe(const SweepPlan& plan, const std::vector<KpiDefinition>& kpis) {
  SweepDescription d;
  d.scenario = plan.base.name;
  d.description = plan.base.description;
  d.source_file = plan.base.source_file;
  d.seed = plan.base.run.seed;
  d.replications = plan.base.run.replications;
  d.fingerprint = plan.fingerprint;
  d.parameters = plan.parameters;
  d.kpis = kpis;
  for (const SweepPoint& p : plan.points) {
    PointRecord r{p.label, {}};
    for (const SweepSetting& s : p.settings) r.settings.emplace_back(s.key, s.value);
    d.points.push_back(std::move(r));
  }
  return d;
}

// Rank 0 (or the only process): opens or creates results.sqlite and works out what is left.
Plan prepare(const SweepArgs& a, const SweepPlan& plan, const std::vector<KpiDefinition>& kpis, const fs::path& db_path,
             Shard shard, std::optional<ResultsDb>& db) {
  Plan p;
  p.fingerprint = plan.fingerprint;
  std::error_code ec;
  if (fs::exists(db_path)) {
    if (!a.resume) {
      p.status = kExitInput;
      p.message = db_path.string() + " exists: add --resume to continue that sweep, or give another --out";
      return p;
    }
    db.emplace(ResultsDb::open(db_path));
    if (db->sweep().fingerprint != plan.fingerprint) {
      p.status = kExitInput;
      p.message = db_path.string() + " holds the results of another sweep (fingerprint " + db->sweep().fingerprint +
                  ", this one is " + plan.fingerprint + "): the scenario, its --set overrides or its points changed; "
                  "give another --out";
      return p;
    }
    db->set_replications(plan.base.run.replications);
  } else {
    fs::create_directories(db_path.parent_path().empty() ? fs::path(".") : db_path.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create " + db_path.parent_path().string() + ": " + ec.message());
    db.emplace(ResultsDb::create(db_path, describe(plan, kpis)));
  }
  p.pending = pending_items(static_cast<uint32_t>(plan.points.size()), plan.base.run.replications, db->done_mask(), shard);
  return p;
}

}  // namespace

Action add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run every point of a scenario's sweep: section, keeping results in results.sqlite");
  cmd->add_option("FILE", a->file, "Scenario file with a sweep: section (YAML)")->required();
  cmd->add_option("--set", a->overrides, "Override one scenario value for every point, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--resume", a->resume,
                "Continue the sweep whose results.sqlite is in the output directory: run only the replications it lacks");
  cmd->add_option("--out,-o", a->out, "Output directory (default: outputs.dir, else results/<scenario name>)");
  cmd->add_option("--shard", a->shard_text,
                  "Run share K of N (1-based) of the (point, replication) pairs, for job arrays; join with `drilltwin merge`")
      ->type_name("K/N");
  cmd->add_option("--threads,-j", a->threads, "Worker threads per process, 0 = one per core (results never depend on it)")
      ->check(CLI::Range(0u, 4096u));
  cmd->add_option("--replications,-r", a->replications, "Replications per point (overrides run.replications)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every point runs replications 0..N-1 of the same seed (common random numbers). Finished replications are\n"
      "committed to DIR/results.sqlite every half second; after Ctrl-C or a kill, --resume runs only what is missing\n"
      "and ends with the same numbers. When every replication is done, writes summary.json, points.csv and\n"
      "report.html. Under `mpirun -np N` the pairs are spread over the ranks and rank 0 writes the results.");

  return [a]() -> int {
    const Shard shard = a->shard_text.empty() ? Shard{} : parse_shard(a->shard_text);
    // Every rank reads and checks the whole sweep before MPI starts; only rank 0 tells.
    SweepPlan plan;
    try {
      plan = load_sweep(a->file, a->overrides);
    } catch (const InputError&) {
      if (launcher_rank() != 0) return kExitInput;
      throw;
    }
    if (a->replications) plan.base.run.replications = *a->replications;
    std::vector<ScenarioConfig> scenarios;
    for (SweepPoint& p : plan.points) {
      p.scenario.run.replications = plan.base.run.replications;
      scenarios.push_back(p.scenario);
    }
    // Each point's site, built once (its layout errors and unknown names stop the sweep here).
    std::vector<std::shared_ptr<const Site>> sites;
    try {
      for (const ScenarioConfig& sc : scenarios) sites.push_back(std::make_shared<const Site>(build_site(sc)));
    } catch (const InputError&) {
      if (launcher_rank() != 0) return kExitInput;
      throw;
    }
    const std::vector<KpiDefinition> kpis = kpi_definitions(*sites.front(), scenarios.front());
    for (std::size_t p = 1; p < scenarios.size(); ++p) {
      const std::vector<KpiDefinition> other = kpi_definitions(*sites[p], scenarios[p]);
      if (other.size() != kpis.size() || !std::equal(other.begin(), other.end(), kpis.begin(),
                                                      [](const auto& x, const auto& y) { return x.name == y.name; }))
        throw InputError(SourcePos{a->file, 0, 0}, "sweep point " + std::to_string(p + 1) + " (" + plan.points[p].label +
                                                       ") reports other KPIs than point 1: a sweep's points must "
                                                       "use the same models");
    }
    const fs::path out_dir = !a->out.empty()               ? fs::path(a->out)
                             : !plan.base.outputs.dir.empty() ? fs::path(plan.base.outputs.dir)
                                                             : fs::path("results") / plan.base.name;
    const fs::path db_path = out_dir / "results.sqlite";

    std::unique_ptr<MpiSession> mpi;
    if (launched_by_mpirun()) {
      if (mpi_available())
        mpi = std::make_unique<MpiSession>();
      else if (launcher_size() > 1) {
        if (launcher_rank() == 0)
          std::fputs("drilltwin: error: started by mpirun, but this drilltwin was built without MPI; rebuild with "
                     "-DDRILLTWIN_MPI=ON, or use --shard K/N\n", stderr);
        return kExitInput;
      }
    }
    const int rank = mpi ? mpi->rank() : 0;
    const int ranks = mpi ? mpi->size() : 1;
    const bool quiet = a->quiet || rank != 0;

    // Rank 0 plans; every rank learns the plan.
    std::optional<ResultsDb> db;
    Plan work;
    if (rank == 0) {
      try {
        work = prepare(*a, plan, kpis, db_path, shard, db);
      } catch (const std::exception& e) {
        work.status = kExitRuntime;
        work.message = e.what();
      }
    }
    if (mpi) {
      std::string bytes = rank == 0 ? encode_plan(work) : std::string();
      mpi->broadcast(bytes);
      if (rank != 0) work = decode_plan(bytes);
    }
    if (work.status != kExitOk) {
      if (rank == 0) std::fprintf(stderr, "drilltwin: error: %s\n", work.message.c_str());
      return work.status;
    }
    if (mpi && work.fingerprint != plan.fingerprint) {
      std::fprintf(stderr, "drilltwin: error: rank %d read another sweep than rank 0 (is %s the same file on every node?)\n",
                   rank, a->file.c_str());
      mpi->abort(kExitInput);
    }
    // This rank's share: every ranks-th pending pair.
    std::vector<SweepItem> mine;
    for (std::size_t i = static_cast<std::size_t>(rank); i < work.pending.size(); i += static_cast<std::size_t>(ranks))
      mine.push_back(work.pending[i]);

    const uint32_t threads = effective_threads(a->threads ? *a->threads : plan.base.run.threads);
    const uint64_t total = static_cast<uint64_t>(plan.points.size()) * plan.base.run.replications;
    int64_t run_id = 0;
    if (rank == 0) {
      run_id = db->begin_run({a->resume ? "sweep --resume" : "sweep", threads, static_cast<uint32_t>(ranks),
                              shard.count > 1 ? a->shard_text : std::string()});
      if (!quiet)
        std::fprintf(stderr, "%s: %zu point%s × %llu replications; %zu to run%s, %u thread%s%s\n", plan.base.name.c_str(),
                     plan.points.size(), plan.points.size() == 1 ? "" : "s", static_cast<unsigned long long>(plan.base.run.replications), work.pending.size(),
                     shard.count > 1 ? (" (shard " + a->shard_text + ")").c_str() : "", threads, threads == 1 ? "" : "s",
                     ranks > 1 ? (" × " + std::to_string(ranks) + " ranks").c_str() : "");
    }

    g_stop.store(false);
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    const auto started = Clock::now();

    ResultQueue queue;
    std::exception_ptr compute_error;
    std::thread compute([&] {
      try {
        run_sweep_items(scenarios, sites, mine, SweepRunOptions{threads, &g_stop, true}, queue);
      } catch (...) {
        compute_error = std::current_exception();
      }
    });

    std::string failure;  // a replication failed here or on another rank
    std::atomic<uint64_t> completed{0};
    {
      Progress progress(!quiet && ::isatty(STDERR_FILENO) == 1, work.pending.size(), completed);
      std::vector<ReplicationRecord> batch;
      auto last_flush = Clock::now();
      auto flush = [&](bool force) {
        if (batch.empty() || (!force && batch.size() < kCommitBatch && Clock::now() - last_flush < kCommitEvery)) return;
        if (rank == 0) {
          db->insert(batch, run_id);
        } else {
          mpi->send_to_root(encode_records(batch), kTagResults);
        }
        batch.clear();
        last_flush = Clock::now();
      };
      bool local_open = true;
      int remote_done = 0;
      const int remotes = rank == 0 ? ranks - 1 : 0;
      while (local_open || remote_done < remotes) {
        const std::size_t before = batch.size();
        if (local_open)
          local_open = queue.wait_take_all(batch, std::chrono::milliseconds(mpi ? 5 : 200));
        else
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (rank == 0 && mpi) {
          std::string bytes;
          int source = 0, tag = 0;
          while (mpi->try_receive(bytes, source, tag)) {
            if (tag == kTagResults) {
              for (ReplicationRecord& r : decode_records(bytes)) batch.push_back(std::move(r));
            } else if (tag == kTagDone) {
              ++remote_done;
              if (!bytes.empty()) failure = "rank " + std::to_string(source) + ": " + bytes;
            }
          }
        }
        completed.fetch_add(batch.size() - before, std::memory_order_relaxed);  // progress: finished, maybe not yet committed
        flush(!local_open && remote_done >= remotes);
      }
      flush(true);
      compute.join();
      if (compute_error) {
        try {
          std::rethrow_exception(compute_error);
        } catch (const std::exception& e) {
          failure = e.what();
        }
      }
      if (rank != 0) mpi->send_to_root(compute_error ? failure : std::string(), kTagDone);
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (rank != 0) return failure.empty() ? (g_stop.load() ? kExitRuntime : kExitOk) : kExitRuntime;

    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    const uint64_t done = db->done_count();
    if (!failure.empty() || (g_stop.load() && done < total)) {
      db->end_run(run_id, failure.empty() ? "interrupted" : "failed");
      if (!failure.empty()) std::fprintf(stderr, "drilltwin: error: %s\n", failure.c_str());
      std::fprintf(stderr,
                   "drilltwin: %s after %.1f s; %llu of %llu replications are kept in %s.\n"
                   "Continue with: drilltwin sweep %s --resume --out %s\n",
                   failure.empty() ? "interrupted" : "stopped", seconds, static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total), db_path.c_str(), a->file.c_str(), out_dir.c_str());
      return kExitRuntime;
    }
    db->end_run(run_id, "completed");
    if (done < total) {
      if (!quiet)
        std::printf("%s: shard %s done in %.2f s (%llu of %llu replications of the sweep in %s).\n"
                    "Join the shards with: drilltwin merge SHARD_DIR... --out DIR\n",
                    plan.base.name.c_str(), a->shard_text.c_str(), seconds, static_cast<unsigned long long>(done),
                    static_cast<unsigned long long>(total), db_path.c_str());
      return kExitOk;
    }
    write_sweep_outputs(*db, out_dir);
    if (!quiet)
      std::printf("%s: %zu point%s × %llu replications, seed %llu, %.2f s\n"
                  "Results: %s/results.sqlite, summary.json, points.csv, report.html\n",
                  plan.base.name.c_str(), plan.points.size(), plan.points.size() == 1 ? "" : "s", static_cast<unsigned long long>(plan.base.run.replications),
                  static_cast<unsigned long long>(plan.base.run.seed), seconds, out_dir.c_str());
    return kExitOk;
  };
}

}  // namespace dt::cli
