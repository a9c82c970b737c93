#include "engine/jobs/sweep_job.h"


#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "engine/jobs/memory.h"
#include "engine/jobs/outputs.h"
#include "engine/kernel/input_error.h"
#include "engine/output/results_db.h"
#include "engine/output/sweep_results.h"
#include "engine/scenario/reader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/system_error_text.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kMalformedPlan, "malformed plan message from rank 0", "来自进程 0 的计划消息格式错误");
DT_PHRASE(kPointsTimesReplications, "{} points × {} replications", "{} 个点 × {} 次重复");
DT_PHRASE(kFewerPoints, "run fewer points or replications per sweep", "请减少每次扫描的点数或重复次数");
DT_PHRASE(kDbExists, "{} exists: add --resume to continue that sweep, or give another --out",
          "{} 已存在：加上 --resume 继续那次扫描，或换一个 --out");
DT_PHRASE(kOtherSweep, "{} holds the results of another sweep (fingerprint {}, this one is {}): the scenario, its --set overrides or its points changed; resume with the command it was started with, or give another --out",
          "{} 保存的是另一次扫描的结果（指纹 {}，本次为 {}）：场景、其 --set 覆盖值或扫描点已改变；请用启动时的命令继续，或换一个 --out");
DT_PHRASE(kOtherSeed, "{} holds a sweep with seed {}, this one has seed {}; give another --out",
          "{} 中的扫描种子为 {}，本次种子为 {}；请换一个 --out");
DT_PHRASE(kOtherKpis, "{} holds other points or KPIs than this sweep (written by another drilltwin version?); give another --out",
          "{} 中的扫描点或 KPI 与本次不同（由其他版本的 drilltwin 写入？）；请换一个 --out");
DT_PHRASE(kCannotShrink, "{} holds a sweep of {} replications per point; --resume cannot shrink it to {} (leave out --replications, give {} or more, or give another --out)",
          "{} 中每个点已有 {} 次重复；--resume 不能把它减少到 {}（请去掉 --replications，或给出 {} 或更多，或换一个 --out）");
DT_PHRASE(kCannotCreate, "cannot create {}: {}", "无法创建 {}：{}");
DT_PHRASE(kOtherKpisPoint, "sweep point {} ({}) reports other KPIs than point 0: a sweep's points must use the same models",
          "扫描点 {}（{}）报告的 KPI 与点 0 不同：同一扫描的各点必须使用相同的模型");
DT_PHRASE(kRankOtherSweep, "rank {} read another sweep than rank 0 (is {} the same file on every node?)",
          "进程 {} 读到的扫描与进程 0 不同（各节点上的 {} 是同一个文件吗？）");
DT_PHRASE(kRankFailure, "rank {}: {}", "进程 {}：{}");
DT_PHRASE(kCannotKeep, "cannot keep results in {}: {}", "无法把结果保存到 {}：{}");
DT_PHRASE(kContinueWith, "Continue with: {}", "继续运行: {}");
DT_PHRASE(kThen, "; then: {}", "；随后：{}");
}  // namespace

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Message tags (worker ranks → rank 0).
constexpr int kTagResults = 1;
constexpr int kTagDone = 2;

// Commit a batch of results at least this often, and at the latest after this many.
constexpr auto kCommitEvery = std::chrono::milliseconds(500);
constexpr std::size_t kCommitBatch = 2000;

// What rank 0 tells every rank before work starts: go (status 0) or stop with a status and a
// message, the sweep's fingerprint and the pairs still to run.
struct Plan {
  JobStatus status = JobStatus::Completed;
  std::string message;
  std::string fingerprint;
  uint64_t replications = 0;  // per point
  std::vector<SweepItem> pending;
};

std::string encode_plan(const Plan& p) {
  std::string b;
  auto put = [&b](const void* v, std::size_t n) { b.append(static_cast<const char*>(v), n); };
  const int32_t status = static_cast<int32_t>(p.status);
  put(&status, sizeof status);
  for (const std::string* s : {&p.message, &p.fingerprint}) {
    const uint64_t n = s->size();
    put(&n, sizeof n);
    b += *s;
  }
  put(&p.replications, sizeof p.replications);
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
    if (n > b.size() - at) throw std::runtime_error(say(kMalformedPlan));
    std::memcpy(v, b.data() + at, n);
    at += n;
  };
  int32_t status = 0;
  get(&status, sizeof status);
  p.status = static_cast<JobStatus>(status);
  for (std::string* s : {&p.message, &p.fingerprint}) {
    uint64_t n = 0;
    get(&n, sizeof n);
    if (n > b.size() - at) throw std::runtime_error(say(kMalformedPlan));
    s->assign(b.data() + at, n);
    at += n;
  }
  get(&p.replications, sizeof p.replications);
  uint64_t n = 0;
  get(&n, sizeof n);
  if (n > (b.size() - at) / (sizeof(SweepItem::point) + sizeof(SweepItem::replication)))
    throw std::runtime_error(say(kMalformedPlan));
  p.pending.resize(n);
  for (SweepItem& i : p.pending) {
    get(&i.point, sizeof i.point);
    get(&i.replication, sizeof i.replication);
  }
  return p;
}

// Why a sweep's work list and final report would not fit in memory, or "".
std::string memory_refusal(const SweepPlan& plan, uint64_t replications, std::size_t kpis) {
  return memory_shortfall(say(kPointsTimesReplications, plan.points.size(), replications),
                         kept_values_bytes(replications, kpis, plan.points.size()),
                         say(kFewerPoints));
}

// Rank 0 (or the only process): opens or creates results.sqlite and works out what is left.
Plan prepare(const SweepOptions& options, const SweepPlan& plan, const std::vector<KpiDefinition>& kpis,
             const fs::path& db_path, std::optional<ResultsDb>& db) {
  Plan p;
  p.fingerprint = plan.fingerprint;
  auto refuse = [&p](std::string why) {
    p.status = JobStatus::Refused;
    p.message = std::move(why);
    return p;
  };
  if (fs::exists(db_path)) {
    if (!options.resume)
      return refuse(say(kDbExists, db_path.string()));
    db.emplace(ResultsDb::open(db_path));
    const SweepDescription& stored = db->sweep();
    if (stored.fingerprint != plan.fingerprint)
      return refuse(say(kOtherSweep, db_path.string(), stored.fingerprint, plan.fingerprint));
    if (stored.seed != plan.base.run.seed)
      return refuse(say(kOtherSeed, db_path.string(), stored.seed, plan.base.run.seed));
    if (stored.kpis.size() != kpis.size() || stored.points.size() != plan.points.size() ||
        !std::equal(kpis.begin(), kpis.end(), stored.kpis.begin(), [](const auto& x, const auto& y) { return x.name == y.name; }))
      return refuse(say(kOtherKpis, db_path.string()));
    // Resuming keeps the stored replication count unless told to grow it; it never shrinks a
    // sweep: the replications beyond the new count would silently drop out of every result.
    p.replications = stored.replications;
    if (options.replications) {
      if (*options.replications < stored.replications)
        return refuse(say(kCannotShrink, db_path.string(), stored.replications, *options.replications, stored.replications));
      p.replications = *options.replications;
    }
    if (const std::string why = memory_refusal(plan, p.replications, kpis.size()); !why.empty()) return refuse(why);
    if (p.replications > stored.replications) db->set_replications(p.replications);
  } else {
    p.replications = options.replications ? *options.replications : plan.base.run.replications;
    if (const std::string why = memory_refusal(plan, p.replications, kpis.size()); !why.empty()) return refuse(why);
    std::error_code ec;
    fs::create_directories(db_path.parent_path().empty() ? fs::path(".") : db_path.parent_path(), ec);
    if (ec) throw std::runtime_error(say(kCannotCreate, db_path.parent_path().string(), system_error_text(ec.value())));
    db.emplace(ResultsDb::create(db_path, describe_sweep(plan, p.replications, kpis)));
  }
  p.pending = pending_items(static_cast<uint32_t>(plan.points.size()), p.replications, db->done_mask(), options.shard);
  return p;
}

}  // namespace

SweepDescription describe_sweep(const SweepPlan& plan, uint64_t replications, const std::vector<KpiDefinition>& kpis) {
  SweepDescription d;
  d.scenario = plan.base.name;
  d.description = plan.base.description;
  d.source_file = plan.base.source_file;
  d.seed = plan.base.run.seed;
  d.replications = replications;
  d.fingerprint = plan.fingerprint;
  d.overrides = plan.overrides;
  d.parameters = plan.parameters;
  d.kpis = kpis;
  for (const KpiGoal& g : plan.base.targets) d.targets.push_back(kpi_target(g));
  for (const SweepPoint& p : plan.points) {
    PointRecord r{p.label, {}, {}};
    for (const SweepSetting& s : p.settings) {
      r.settings.emplace_back(s.key, s.value);
      const std::optional<TypedNumber> number = typed_number(s.value);
      r.numbers.push_back(number ? SettingNumber{number->value, number->unit} : SettingNumber{});
    }
    d.points.push_back(std::move(r));
  }
  return d;
}

std::string shell_quoted(const std::string& arg) {
  if (!arg.empty() && arg.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-") ==
                          std::string::npos)
    return arg;
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string job_command(std::string_view command, const std::string& source_file,
                        const std::vector<std::string>& overrides) {
  std::string c = "drilltwin " + std::string(command) + " " + shell_quoted(source_file);
  for (const std::string& o : overrides) {
    if (o.starts_with(kDrillAddPrefix)) c += " --drill-add " + shell_quoted(o.substr(kDrillAddPrefix.size()));
    else c += " --set " + shell_quoted(o);
  }
  return c;
}

std::string resume_command(const SweepDescription& sweep, const fs::path& out_dir, const std::string& shard) {
  std::string c = job_command("sweep", sweep.source_file, sweep.overrides);
  c += " --replications " + std::to_string(sweep.replications);
  if (!shard.empty()) c += " --shard " + shell_quoted(shard);
  return c + " --resume --out " + shell_quoted(out_dir.string());
}

fs::path default_sweep_dir(const SweepPlan& plan) {
  return !plan.base.outputs.dir.empty() ? fs::path(plan.base.outputs.dir) : fs::path("results") / plan.base.name;
}

SweepResult sweep(const SweepPlan& plan, const SweepOptions& options) {
  std::vector<ScenarioConfig> scenarios;
  for (const SweepPoint& p : plan.points) {
    scenarios.push_back(p.scenario);
    scenarios.back().run.replications = plan.base.run.replications;
  }
  // Each point's site, built once before any output exists: a name a point cannot bind is an input
  // error (exit 2) that leaves nothing behind.
  std::vector<std::shared_ptr<const Site>> sites;
  for (const ScenarioConfig& sc : scenarios) sites.push_back(std::make_shared<const Site>(build_site(sc)));
  const std::vector<KpiDefinition> kpis = kpi_definitions(*sites.front(), scenarios.front());
  for (std::size_t p = 1; p < scenarios.size(); ++p) {
    const std::vector<KpiDefinition> other = kpi_definitions(*sites[p], scenarios[p]);
    if (other.size() != kpis.size() || !std::equal(other.begin(), other.end(), kpis.begin(),
                                                    [](const auto& x, const auto& y) { return x.name == y.name; }))
      throw InputError(SourcePos{plan.base.source_file, 0, 0},
                       say(kOtherKpisPoint, p, plan.points[p].label));
  }

  SweepPeers* const peers = options.peers;
  SweepResult result;
  result.rank = peers != nullptr ? peers->rank() : 0;
  const int ranks = peers != nullptr ? peers->size() : 1;
  result.points = plan.points.size();
  result.db_path = options.out_dir / "results.sqlite";
  const bool root = result.rank == 0;

  // Rank 0 plans; every rank learns the plan.
  std::optional<ResultsDb> db;
  Plan work;
  if (root) {
    try {
      work = prepare(options, plan, kpis, result.db_path, db);
    } catch (const std::exception& e) {
      work.status = JobStatus::Failed;
      work.message = e.what();
    }
  }
  if (peers != nullptr) {
    std::string bytes = root ? encode_plan(work) : std::string();
    peers->broadcast(bytes);
    if (!root) work = decode_plan(bytes);
  }
  if (work.status != JobStatus::Completed) {
    result.status = work.status;
    result.message = work.message;
    return result;
  }
  result.replications = work.replications;
  result.total = static_cast<uint64_t>(plan.points.size()) * work.replications;
  if (root) result.resume_command = resume_command(db->sweep(), options.out_dir, options.shard_text);
  if (peers != nullptr && work.fingerprint != plan.fingerprint)
    peers->abort(2, say(kRankOtherSweep, result.rank, plan.base.source_file));
  result.started = true;
  // No rank returns before rank 0 has recorded how the sweep ended: under mpirun, a rank that
  // exits with a non-zero status (interrupted, failed) gets the whole job killed, rank 0 included,
  // which would leave its row of `runs` "running".
  struct BarrierAtEnd {
    SweepPeers* peers;
    ~BarrierAtEnd() {
      if (peers != nullptr) peers->barrier();
    }
  } barrier_at_end{peers};
  // This rank's share: every ranks-th pending pair.
  std::vector<SweepItem> mine;
  for (std::size_t i = static_cast<std::size_t>(result.rank); i < work.pending.size(); i += static_cast<std::size_t>(ranks))
    mine.push_back(work.pending[i]);

  const uint32_t threads = effective_threads(options.threads ? *options.threads : plan.base.run.threads);
  int64_t run_id = 0;
  if (root) {
    try {
      run_id = db->begin_run({options.resume ? "sweep --resume" : "sweep", threads, static_cast<uint32_t>(ranks),
                              options.shard.count > 1 ? options.shard_text : std::string()});
    } catch (const std::exception& e) {
      if (peers != nullptr) peers->abort(1, e.what());
      result.status = JobStatus::Failed;
      result.started = false;
      result.message = e.what();
      return result;
    }
    if (options.on_start) options.on_start(SweepStart{plan.points.size(), work.replications, work.pending.size(), threads, ranks});
  }
  const auto started = Clock::now();

  // The workers stop starting replications when the caller cancels or when keeping results
  // failed here (full disk, locked or damaged results.sqlite): `stop` is both.
  std::atomic<bool> stop{false};
  auto cancelled_by_caller = [&options] { return options.cancel != nullptr && options.cancel->load(); };
  ResultQueue queue;
  std::exception_ptr compute_error;
  std::thread compute([&] {
    try {
      run_sweep_items(scenarios, sites, mine, SweepRunOptions{threads, options.cancel, true, &stop}, queue);
    } catch (...) {
      compute_error = std::current_exception();
    }
  });

  std::string failure;      // a replication failed here or on another rank, or keeping results failed
  bool keep_failed = false;  // writing results.sqlite failed (on rank 0)
  std::atomic<uint64_t> local_done{0};
  std::atomic<uint64_t>& completed = options.progress != nullptr ? options.progress->done : local_done;
  if (options.progress != nullptr) options.progress->total.store(work.pending.size());
  {
    std::vector<ReplicationRecord> batch;
    auto last_flush = Clock::now();
    auto flush = [&](bool force) {
      if (batch.empty() || (!force && batch.size() < kCommitBatch && Clock::now() - last_flush < kCommitEvery)) return;
      if (root) {
        db->insert(batch, run_id);
      } else {
        peers->send_to_root(encode_records(batch), kTagResults);
      }
      batch.clear();
      last_flush = Clock::now();
    };
    bool local_open = true;
    int remote_done = 0;
    const int remotes = root ? ranks - 1 : 0;
    try {
      while (local_open || remote_done < remotes) {
        if (cancelled_by_caller()) stop.store(true);
        const std::size_t before = batch.size();
        if (local_open)
          local_open = queue.wait_take_all(batch, std::chrono::milliseconds(peers != nullptr ? 5 : 200));
        else
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        // Under mpirun, a stop (Ctrl-C: mpirun sends SIGTERM, and SIGKILL one second later) must
        // not wait for rank 0 to store a backlog of results that other ranks outran it with: what
        // arrives after the stop is dropped (a resume runs it again), so that rank 0 records how the
        // sweep ended in time.
        const bool dropping = peers != nullptr && stop.load();
        if (dropping) batch.resize(before);
        if (root && peers != nullptr) {
          std::string bytes;
          int source = 0, tag = 0;
          // At most one batch per round: rank 0 commits (and sees a stop) at a steady pace even when
          // the other ranks outrun it.
          while (batch.size() < kCommitBatch && peers->try_receive(bytes, source, tag)) {
            if (tag == kTagResults) {
              if (!dropping)
                for (ReplicationRecord& r : decode_records(bytes)) batch.push_back(std::move(r));
            } else if (tag == kTagDone) {
              ++remote_done;
              if (!bytes.empty()) failure = say(kRankFailure, source, bytes);
            }
          }
        }
        completed.fetch_add(batch.size() - before, std::memory_order_relaxed);  // progress: finished, maybe not yet committed
        flush(!local_open && remote_done >= remotes);
      }
      flush(true);
    } catch (const std::exception& e) {
      // Keeping results failed. What was committed stays; the workers stop, and what they still
      // finish is dropped (a resume runs it again).
      stop.store(true);
      failure = say(kCannotKeep, result.db_path.string(), e.what());
      keep_failed = true;
      std::vector<ReplicationRecord> dropped;
      while (queue.wait_take_all(dropped, std::chrono::milliseconds(50))) dropped.clear();
    }
    compute.join();
    if (keep_failed && peers != nullptr)  // the other ranks are still sending: end them all
      peers->abort(1, failure + "\n" + say(kContinueWith, result.resume_command));
    if (compute_error && !keep_failed) {
      try {
        std::rethrow_exception(compute_error);
      } catch (const std::exception& e) {
        failure = e.what();
      }
    }
    if (!root) peers->send_to_root(compute_error ? failure : std::string(), kTagDone);
  }
  const bool cancelled = cancelled_by_caller();
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (!root) {
    result.status = !failure.empty() ? JobStatus::Failed : cancelled ? JobStatus::Interrupted : JobStatus::Completed;
    result.message = failure;
    return result;
  }

  // Rank 0 ends its row of `runs` and, when nothing is missing, writes the sweep's outputs. Any
  // failure here is reported like a failed replication: what was committed stays.
  try {
    result.done = db->done_count();
    if (!failure.empty() || (cancelled && result.done < result.total)) {
      db->end_run(run_id, failure.empty() ? "interrupted" : "failed");
      result.status = failure.empty() ? JobStatus::Interrupted : JobStatus::Failed;
      result.message = failure;
      return result;
    }
    db->end_run(run_id, "completed");
    if (result.done < result.total) {
      result.status = JobStatus::Partial;
      return result;
    }
    result.headline = write_sweep_outputs(*db, options.out_dir);
  } catch (const std::exception& e) {
    result.status = JobStatus::Failed;
    result.message = failure.empty() ? e.what() : failure;
    if (result.message != e.what()) result.message += say(kThen, e.what());
  }
  return result;
}

}  // namespace dt::jobs
