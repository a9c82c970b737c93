#include "engine/jobs/optimize_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <numeric>
#include <optional>
#include <thread>

#include "engine/jobs/outputs.h"
#include "engine/jobs/sweep_job.h"
#include "engine/kernel/assert.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/kernel/suggest.h"
#include "engine/kernel/system_error_text.h"
#include "engine/output/results_db.h"
#include "engine/output/staged_dir.h"
#include "engine/output/summary.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/sim/sweep_runner.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kUnknownObjectiveKpi, "'optimize.minimize.kpi' names '{}', a KPI this scenario does not report{}",
          "'optimize.minimize.kpi' 指定的 '{}' 不是本场景报告的 KPI{}");
DT_PHRASE(kTargetNotMean,
          "optimize judges targets on the mean; the target on '{}' uses 'on: {}' (drop 'on' to judge the mean)",
          "optimize 按均值判断目标；'{}' 的目标使用了 'on: {}'（去掉 'on' 即按均值判断）");
DT_PHRASE(kOtherKpisCandidate,
          "candidate {} ({}) reports other KPIs than candidate 0: the candidates of a search must use the same models",
          "候选方案 {}（{}）报告的 KPI 与方案 0 不同：同一次搜索的各方案必须使用相同的模型");
DT_PHRASE(kDbExistsOpt, "{} exists: add --resume to continue that search, or give another --out",
          "{} 已存在：加上 --resume 继续那次搜索，或换一个 --out");
DT_PHRASE(
    kOtherSearch,
    "{} holds the results of another search (fingerprint {}, this one is {}): the scenario, its --set overrides or its "
    "optimize section changed; give another --out",
    "{} 保存的是另一次搜索的结果（指纹 {}，本次为 {}）：场景、其 --set 覆盖值或 optimize 部分已改变；请换一个 --out");
DT_PHRASE(kCannotCreateDir, "cannot create {}: {}", "无法创建 {}：{}");
DT_PHRASE(kCannotKeepResults, "cannot keep results in {}: {}", "无法把结果保存到 {}：{}");
}  // namespace

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Verdict = OptimizeTargetEstimate::Verdict;
using Status = OptimizeCandidate::Status;

constexpr auto kCommitEvery = std::chrono::milliseconds(500);
constexpr std::size_t kCommitBatch = 2000;

std::string optimize_resume_command(const OptimizePlan& plan, const fs::path& out_dir) {
  return job_command("optimize", plan.sweep.base.source_file, plan.sweep.overrides) + " --resume --out " +
         shell_quoted(out_dir.string());
}

// A sweep's description of the candidates, allowing the most replications any candidate may run.
SweepDescription describe(const OptimizePlan& plan, const std::vector<KpiDefinition>& kpis) {
  SweepDescription d = describe_sweep(plan.sweep, plan.spec.max_replications, kpis);
  d.fingerprint = plan.fingerprint;  // the optimisation's own: variables, objective and settings too
  return d;
}

// One target judged on one candidate's replication values, its interval at one-sided level `a`.
OptimizeTargetEstimate judge(std::span<const double> values, const KpiTarget& target, KpiRange range, double a) {
  OptimizeTargetEstimate e;
  const SampleSummary s = summarize(values, range);
  e.mean = s.mean;
  e.ci95_low = s.ci95_low;
  e.ci95_high = s.ci95_high;
  const bool at_least = target.sense == KpiTarget::Sense::AtLeast;
  if (std::isfinite(s.mean)) e.shortfall = at_least ? target.value - s.mean : s.mean - target.value;
  if (s.n < 2 || !std::isfinite(s.mean)) return e;
  const double half =
      student_t_quantile(1.0 - a, static_cast<double>(s.n - 1)) * s.stddev / std::sqrt(static_cast<double>(s.n));
  e.low = s.mean - half;
  e.high = s.mean + half;
  const bool met = at_least ? e.low >= target.value : e.high <= target.value;
  const bool missed = at_least ? e.high < target.value : e.low > target.value;
  e.verdict = met ? Verdict::Met : missed ? Verdict::Missed : Verdict::Undecided;
  return e;
}

// What results.sqlite keeps of a replication's series: the demand heatmap rows the answer's worst
// hour reads and the response-time samples, for the first n0 replications (every candidate has
// them). The rest (heatmaps by place, other curves) would make the file hundreds of megabytes.
void keep_answer_series(ReplicationRecord& r, uint64_t first_stage) {
  if (r.replication >= first_stage) {
    r.series.clear();
    return;
  }
  std::erase_if(r.series, [](const Series& s) {
    return !s.name.starts_with("dispatch.demand.miss_sla.type.") &&
           !s.name.starts_with("dispatch.demand.incidents.type.") && s.name != "dispatch.response_time_s";
  });
}

}  // namespace

fs::path default_optimize_dir(const OptimizePlan& plan) {
  return !plan.sweep.base.outputs.dir.empty() ? fs::path(plan.sweep.base.outputs.dir) / "optimize"
                                              : fs::path("results") / plan.sweep.base.name / "optimize";
}

OptimizeResult optimize(const OptimizePlan& plan, const OptimizeOptions& options) {
  const SweepPlan& sp = plan.sweep;
  const OptimizeSpec& spec = plan.spec;
  const auto started = Clock::now();
  const std::size_t k = sp.points.size();

  // Every candidate's site, built before anything is written: a name a candidate cannot bind is an
  // input error (exit 2) that leaves nothing behind.
  std::vector<ScenarioConfig> scenarios;
  std::vector<std::shared_ptr<const Site>> sites;
  for (const SweepPoint& p : sp.points) {
    scenarios.push_back(p.scenario);
    sites.push_back(std::make_shared<const Site>(build_site(scenarios.back())));
  }
  const std::vector<KpiDefinition> kpis = kpi_definitions(*sites.front(), scenarios.front());
  for (std::size_t p = 1; p < k; ++p) {
    const std::vector<KpiDefinition> other = kpi_definitions(*sites[p], scenarios[p]);
    if (other.size() != kpis.size() || !std::equal(other.begin(), other.end(), kpis.begin(),
                                                   [](const auto& x, const auto& y) { return x.name == y.name; }))
      throw InputError(SourcePos{sp.base.source_file, 0, 0}, say(kOtherKpisCandidate, p, sp.points[p].label));
  }
  auto kpi_index = [&kpis](const std::string& name) {
    for (std::size_t i = 0; i < kpis.size(); ++i)
      if (kpis[i].name == name) return i;
    return KpiTable::npos;
  };

  // The constraints (the scenario's targets) and the objective, each a KPI the candidates report.
  OptimizeAnswer answer;
  answer.linear_cost = spec.objective == OptimizeSpec::Objective::LinearCost;
  answer.confidence = spec.confidence;
  answer.delta = spec.delta;
  answer.first_stage = spec.first_stage;
  answer.max_replications = spec.max_replications;
  answer.grid_size = plan.grid_size;
  for (std::size_t v = 0; v < spec.variables.size(); ++v)
    if (spec.unit_costs[v] != 0.0) answer.unit_costs.emplace_back(spec.variables[v].key, spec.unit_costs[v]);
  std::vector<std::size_t> target_kpi;
  {
    Diagnostics diag;
    for (const KpiGoal& g : sp.base.targets) {
      const std::size_t i = kpi_index(g.kpi);
      DT_ASSERT(i != KpiTable::npos, "build_site refuses a target on a KPI the scenario does not report");
      const SourcePos pos = g.pos.file.empty() ? SourcePos{sp.base.source_file, 0, 0} : g.pos;
      if (g.on != GoalStatistic::Mean) diag.error(pos, say(kTargetNotMean, g.kpi, to_string(kpi_target(g).on)));
      answer.targets.push_back(kpi_target(g));
      answer.target_kpis.push_back(kpis[i]);
      target_kpi.push_back(i);
    }
    if (!answer.linear_cost) {
      const std::size_t i = kpi_index(spec.objective_kpi);
      if (i == KpiTable::npos)
        diag.error(spec.objective_pos,
                   say(kUnknownObjectiveKpi, spec.objective_kpi, kpi_name_hint(spec.objective_kpi, kpis)));
      else
        answer.objective_kpi = kpis[i];
    }
    diag.throw_if_errors();
  }
  const std::size_t objective_kpi = answer.linear_cost ? KpiTable::npos : kpi_index(spec.objective_kpi);

  OptimizeResult result;
  result.db_path = options.out_dir / "results.sqlite";
  result.resume_command = optimize_resume_command(plan, options.out_dir);
  auto refuse = [&result](JobStatus s, std::string why) {
    result.status = s;
    result.message = std::move(why);
    return result;
  };

  // results.sqlite: a new one, or the one a resumed search left (the same candidates and settings).
  std::optional<ResultsDb> db;
  try {
    if (fs::exists(result.db_path)) {
      if (!options.resume) return refuse(JobStatus::Refused, say(kDbExistsOpt, result.db_path.string()));
      db.emplace(ResultsDb::open(result.db_path));
      const SweepDescription& stored = db->sweep();
      if (stored.fingerprint != plan.fingerprint || stored.kpis.size() != kpis.size() || stored.points.size() != k ||
          stored.replications != spec.max_replications)
        return refuse(JobStatus::Refused,
                      say(kOtherSearch, result.db_path.string(), stored.fingerprint, plan.fingerprint));
    } else {
      std::error_code ec;
      const fs::path dir = result.db_path.parent_path().empty() ? fs::path(".") : result.db_path.parent_path();
      fs::create_directories(dir, ec);
      if (ec) return refuse(JobStatus::Failed, say(kCannotCreateDir, dir.string(), system_error_text(ec.value())));
      db.emplace(ResultsDb::create(result.db_path, describe(plan, kpis)));
    }
  } catch (const std::exception& e) {
    return refuse(JobStatus::Failed, e.what());
  }
  std::vector<bool> done = db->done_mask();
  const uint32_t threads = effective_threads(options.threads ? *options.threads : sp.base.run.threads);
  const int64_t run_id = db->begin_run({options.resume ? "optimize --resume" : "optimize", threads, 1, {}});
  if (options.on_start)
    options.on_start(OptimizeStart{k, spec.first_stage, spec.max_replications, threads, db->done_count()});
  auto cancelled = [&options] { return options.cancel != nullptr && options.cancel->load(); };

  // Candidate p's replications 0 .. n[p]−1, as results.sqlite holds them (the same bits however
  // they were run: this session, an earlier one, any thread count).
  std::vector<KpiTable> tables(k);
  std::vector<uint64_t> n(k, 0);
  std::string failure;
  // Brings every candidate of `which` to `reps` replications; false when stopped or failed.
  auto ensure = [&](const std::vector<std::size_t>& which, uint64_t reps) -> bool {
    std::vector<SweepItem> items;
    for (uint64_t r = 0; r < reps; ++r)
      for (std::size_t p : which)
        if (r >= n[p] && !done[r * k + p]) items.push_back({static_cast<uint32_t>(p), r});
    if (!items.empty()) {
      if (options.progress != nullptr) {
        options.progress->contenders.store(which.size());
        options.progress->total.fetch_add(items.size());
      }
      std::atomic<bool> stop{false};
      ResultQueue queue;
      std::exception_ptr compute_error;
      std::thread compute([&] {
        try {
          run_sweep_items(scenarios, sites, items,
                          SweepRunOptions{threads, options.cancel, options.record_series, &stop}, queue);
        } catch (...) {
          compute_error = std::current_exception();
        }
      });
      std::vector<ReplicationRecord> batch;
      auto last = Clock::now();
      auto flush = [&] {
        for (ReplicationRecord& r : batch) keep_answer_series(r, spec.first_stage);
        db->insert(batch, run_id);
        for (const ReplicationRecord& r : batch) done[r.replication * k + r.point] = true;
        result.ran += batch.size();
        if (options.progress != nullptr) options.progress->done.fetch_add(batch.size());
        batch.clear();
        last = Clock::now();
      };
      try {
        while (queue.wait_take_all(batch, std::chrono::milliseconds(200)))
          if (batch.size() >= kCommitBatch || Clock::now() - last >= kCommitEvery) flush();
        flush();
      } catch (const std::exception& e) {
        stop.store(true);
        failure = say(kCannotKeepResults, result.db_path.string(), e.what());
        std::vector<ReplicationRecord> dropped;
        while (queue.wait_take_all(dropped, std::chrono::milliseconds(50))) dropped.clear();
      }
      compute.join();
      if (compute_error && failure.empty()) {
        try {
          std::rethrow_exception(compute_error);
        } catch (const std::exception& e) {
          failure = e.what();
        }
      }
      if (!failure.empty()) return false;
    }
    for (std::size_t p : which)
      for (uint64_t r = 0; r < reps; ++r)
        if (!done[r * k + p]) return false;  // stopped before it ran
    for (std::size_t p : which) {
      if (n[p] >= reps) continue;
      tables[p] = db->point_table(static_cast<uint32_t>(p), reps);
      if (objective_kpi != KpiTable::npos && std::isfinite(spec.objective_if_undefined))
        for (uint64_t r = 0; r < reps; ++r) {
          double& x = tables[p].row(r)[objective_kpi];
          if (std::isnan(x)) x = spec.objective_if_undefined;
        }
      n[p] = reps;
    }
    return true;
  };
  auto stopped = [&]() {
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    try {
      db->end_run(run_id, failure.empty() ? "interrupted" : "failed");
    } catch (const std::exception&) {}
    result.status = failure.empty() ? JobStatus::Interrupted : JobStatus::Failed;
    result.message = failure;
    return result;
  };

  // The number of looks (n0, 2·n0, …, max) and the level of each one-sided test: Bonferroni over
  // every (candidate, target, look), with half of α left for the selection of a KPI objective.
  const double alpha = 1.0 - spec.confidence;
  const double alpha_feasibility = answer.linear_cost ? alpha : alpha / 2;
  std::size_t looks = 1;
  for (uint64_t s = spec.first_stage; s < spec.max_replications; s = std::min(2 * s, spec.max_replications)) ++looks;
  const double level =
      alpha_feasibility / static_cast<double>(k * std::max<std::size_t>(answer.targets.size(), 1) * looks);

  std::vector<Status> status(k, Status::Undecided);
  std::vector<std::vector<OptimizeTargetEstimate>> estimates(k);
  auto judge_candidate = [&](std::size_t p) {
    estimates[p].clear();
    bool all_met = true, any_missed = false;
    for (std::size_t t = 0; t < answer.targets.size(); ++t) {
      const std::vector<double> col = tables[p].column(target_kpi[t]);
      estimates[p].push_back(judge(col, answer.targets[t], kpis[target_kpi[t]].range, level));
      all_met = all_met && estimates[p].back().verdict == Verdict::Met;
      any_missed = any_missed || estimates[p].back().verdict == Verdict::Missed;
    }
    status[p] = any_missed ? Status::Infeasible : all_met ? Status::Feasible : Status::Undecided;
  };

  // The order of preference: cheapest first (ties: grid order); for a KPI objective, grid order.
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (answer.linear_cost)
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return plan.costs[a] < plan.costs[b]; });

  // Screening and doubling.
  for (uint64_t stage = spec.first_stage;; stage = std::min(2 * stage, spec.max_replications)) {
    std::vector<std::size_t> which;
    for (std::size_t p : order) {
      if (answer.linear_cost && status[p] == Status::Feasible) break;  // nothing dearer can be the answer
      if (status[p] == Status::Undecided && n[p] < stage) which.push_back(p);
    }
    if (which.empty()) break;
    std::sort(which.begin(), which.end());
    if (!ensure(which, stage) || cancelled()) return stopped();
    for (std::size_t p : which) judge_candidate(p);
    ++answer.stages;
    if (stage >= spec.max_replications) break;
  }

  // Selection.
  std::vector<bool> eliminated(k, false);
  if (answer.linear_cost) {
    for (std::size_t p : order) {
      if (status[p] != Status::Feasible) continue;
      if (!answer.recommended)
        answer.recommended = p;
      else if (!answer.runner_up)
        answer.runner_up = p;
    }
    if (answer.recommended)
      for (std::size_t p : order) {
        if (p == *answer.recommended) break;
        answer.cheaper_rejected.push_back(p);
      }
  } else {
    std::vector<std::size_t> feasible;
    for (std::size_t p = 0; p < k; ++p)
      if (status[p] == Status::Feasible) feasible.push_back(p);
    if (feasible.size() == 1) answer.recommended = feasible.front();
    if (feasible.size() > 1) {
      // Kim & Nelson (2001), procedure KN with common random numbers, minimising; c = 1.
      const std::size_t kf = feasible.size();
      const uint64_t n0 = spec.first_stage;
      const double alpha_kn = alpha / 2;
      const double eta =
          0.5 * (std::pow(2.0 * alpha_kn / static_cast<double>(kf - 1), -2.0 / static_cast<double>(n0 - 1)) - 1.0);
      const double h2 = 2.0 * eta * static_cast<double>(n0 - 1);
      auto x = [&](std::size_t i, uint64_t r) { return tables[feasible[i]].row(r)[objective_kpi]; };
      std::vector<std::vector<double>> s2(kf, std::vector<double>(kf, 0.0));
      for (std::size_t i = 0; i < kf; ++i)
        for (std::size_t l = 0; l < kf; ++l) {
          if (i == l) continue;
          double mean = 0;
          for (uint64_t r = 0; r < n0; ++r) mean += x(i, r) - x(l, r);
          mean /= static_cast<double>(n0);
          double ss = 0;
          for (uint64_t r = 0; r < n0; ++r) ss += (x(i, r) - x(l, r) - mean) * (x(i, r) - x(l, r) - mean);
          s2[i][l] = ss / static_cast<double>(n0 - 1);
        }
      std::vector<bool> alive(kf, true);
      std::vector<uint64_t> out_at(kf, 0);
      std::vector<double> sum(kf, 0.0);
      uint64_t checked = 0, r = n0;
      std::size_t left = kf;
      for (;;) {
        for (uint64_t rr = checked + 1; rr <= r && left > 1; ++rr) {
          for (std::size_t i = 0; i < kf; ++i)
            if (alive[i]) sum[i] += x(i, rr - 1);  // an eliminated candidate may have fewer replications
          if (rr < n0) continue;
          std::vector<std::size_t> out;
          const double rd = static_cast<double>(rr);
          for (std::size_t i = 0; i < kf; ++i) {
            if (!alive[i]) continue;
            for (std::size_t l = 0; l < kf; ++l) {
              if (l == i || !alive[l]) continue;
              const double w =
                  std::max(0.0, spec.delta / (2.0 * rd) * (h2 * s2[i][l] / (spec.delta * spec.delta) - rd));
              if (sum[i] / rd - sum[l] / rd > w) {
                out.push_back(i);
                break;
              }
            }
          }
          for (std::size_t i : out) alive[i] = false, out_at[i] = rr, --left;
        }
        checked = r;
        if (left <= 1 || r >= spec.max_replications) break;
        r = std::min(r + n0, spec.max_replications);
        std::vector<std::size_t> which;
        for (std::size_t i = 0; i < kf; ++i)
          if (alive[i]) which.push_back(feasible[i]);
        if (!ensure(which, r) || cancelled()) return stopped();
        ++answer.stages;
      }
      answer.truncated = left > 1;
      // The survivor (or, truncated, the survivor with the lowest mean over the common replications).
      std::optional<std::size_t> best;
      for (std::size_t i = 0; i < kf; ++i)
        if (alive[i] && (!best || sum[i] < sum[*best])) best = i;
      answer.recommended = feasible[*best];
      // Runner-up: another survivor, else the one eliminated last (lowest mean among those).
      std::optional<std::size_t> second;
      for (std::size_t i = 0; i < kf; ++i) {
        if (i == *best) continue;
        const uint64_t rank_i = alive[i] ? UINT64_MAX : out_at[i];
        if (!second)
          second = i;
        else {
          const uint64_t rank_s = alive[*second] ? UINT64_MAX : out_at[*second];
          if (rank_i > rank_s || (rank_i == rank_s && tables[feasible[i]].summary(objective_kpi).mean <
                                                          tables[feasible[*second]].summary(objective_kpi).mean))
            second = i;
        }
      }
      if (second) answer.runner_up = feasible[*second];
      for (std::size_t i = 0; i < kf; ++i) eliminated[feasible[i]] = !alive[i];
    }
    if (answer.recommended) {
      const double best_mean = tables[*answer.recommended].summary(objective_kpi).mean;
      std::vector<std::size_t> cheaper;
      for (std::size_t p = 0; p < k; ++p)
        if (status[p] != Status::Feasible && n[p] > 0 && tables[p].summary(objective_kpi).mean < best_mean)
          cheaper.push_back(p);
      std::stable_sort(cheaper.begin(), cheaper.end(), [&](std::size_t a, std::size_t b) {
        return tables[a].summary(objective_kpi).mean < tables[b].summary(objective_kpi).mean;
      });
      answer.cheaper_rejected = cheaper;
    }
  }

  // The answer, candidate by candidate.
  try {
    for (std::size_t p = 0; p < k; ++p) {
      OptimizeCandidate c;
      c.label = sp.points[p].label;
      for (const SweepSetting& s : sp.points[p].settings) c.settings.emplace_back(s.key, s.value);
      if (answer.linear_cost)
        c.cost = plan.costs[p];
      else if (n[p] > 0)
        c.objective = tables[p].summary(objective_kpi);
      c.replications = n[p];
      c.status = status[p];
      c.targets = estimates[p];
      c.eliminated = eliminated[p];
      answer.replications_run += n[p];
      answer.candidates.push_back(std::move(c));
    }
    for (std::size_t p : answer.cheaper_rejected)
      if (n[p] > 0)
        answer.candidates[p].worst_hour =
            worst_dispatch_hour(db->point_series(static_cast<uint32_t>(p), std::min(n[p], spec.first_stage)));
    const Headline headline = optimize_headline(answer);
    result.headline = headline.lines;

    if (options.write_files) {
      Summary summary;
      summary.version = DRILLTWIN_VERSION;
      summary.scenario = sp.base.name;
      summary.seed = sp.base.run.seed;
      summary.replications = spec.max_replications;
      summary.fingerprint = plan.fingerprint;
      summary.parameters = sp.parameters;
      summary.targets = answer.targets;
      ReportInput report;
      report.kind = "optimize";
      report.scenario = sp.base.name;
      report.description = sp.base.description;
      report.version = DRILLTWIN_VERSION;
      report.seed = sp.base.run.seed;
      report.replications = spec.max_replications;
      report.parameters = sp.parameters;
      report.targets = answer.targets;
      report.answer_lines = headline.lines;
      report.extra_html = optimize_html(answer);
      for (std::size_t p = 0; p < k; ++p) {
        if (n[p] == 0) continue;
        report.variants.push_back({sp.points[p].label, answer.candidates[p].settings, tables[p],
                                   options.record_series
                                       ? db->point_series(static_cast<uint32_t>(p), std::min(n[p], spec.first_stage))
                                       : std::vector<ReplicationSeries>{}});
      }
      for (const ReportVariant& v : report.variants) summary.points.push_back({v.label, v.settings, &v.kpis});
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(summary_json(summary));
      j.erase("headline");
      j["optimize"] = optimize_json(answer);
      j["headline"] = headline.json;
      StagedDirectory out(options.out_dir, OutputRun{"optimize", sp.base.name, sp.base.run.seed, spec.max_replications,
                                                     plan.fingerprint});
      out.write("summary.json", j.dump(2) + "\n");
      out.write("report.html", report_html(report));
      out.keep("results.sqlite");
      out.commit();
    }
    db->end_run(run_id, "completed");
  } catch (const std::exception& e) {
    failure = e.what();
    return stopped();
  }
  result.answer = std::move(answer);
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

}  // namespace dt::jobs
