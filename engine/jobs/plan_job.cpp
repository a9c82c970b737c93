#include "engine/jobs/plan_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "engine/jobs/optimize_job.h"
#include "engine/jobs/outputs.h"
#include "engine/kernel/hash.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"
#include "engine/output/staged_dir.h"
#include "engine/people/crowd_model.h"
#include "engine/people/movement_observer.h"
#include "engine/scenario/scenario_writer.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kUnknownPlanObjective, "'plan.minimize' names '{}', a KPI this scenario does not report{}",
          "'plan.minimize' 指定的 '{}' 不是本场景报告的 KPI{}");
DT_PHRASE(kAsWrittenLabel, "as written", "原方案");
DT_PHRASE(kRiskNotSafe, "{} residents a run on average are not safe when the run ends ({} safe)",
          "平均每次运行有 {} 名居民在运行结束时仍未到达安全区（安全比例 {}）");
DT_PHRASE(kRiskUnreachable, "{} residents awaiting help a run on average are cut off by smoke before staff reach them",
          "平均每次运行有 {} 名待救援居民在人员到达前被烟气隔断");
DT_PHRASE(kRiskStranded, "{} residents a run on average are left with no route to safety",
          "平均每次运行有 {} 名居民无路可逃");
DT_PHRASE(kRiskQueue, "the longest queue forms at stair {}: {} people at its peak (mean over runs)",
          "最长的排队出现在楼梯 {}：峰值 {} 人（各次运行均值）");
DT_PHRASE(kRiskTarget, "target missed: {} is {} against {}", "未达目标：{} 为 {}，目标为 {}");
DT_PHRASE(kSafePlace, "safety (outside or the assembly point)", "安全区（室外或集合点）");
DT_PHRASE(kCannotWritePlan, "cannot write the plan into {}: {}", "无法把预案写入 {}：{}");
}  // namespace

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint32_t kMaxPasses = 8;

struct Score {
  uint32_t missed = 0;
  double mean = kInf;
  friend bool operator<(const Score& a, const Score& b) {
    if (a.missed != b.missed) return a.missed < b.missed;
    return a.mean < b.mean;
  }
};

// The objective over a table's replications, an undefined value (nobody-left-behind times when
// someone never is safe) counted as the run's horizon.
std::vector<double> objective_values(const KpiTable& t, std::size_t kpi, double horizon) {
  std::vector<double> v = t.column(kpi);
  for (double& x : v)
    if (std::isnan(x)) x = horizon;
  return v;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? kInf : s / static_cast<double>(v.size());
}

// The targets judged on a mean: missed when the mean is on the wrong side of the bound.
bool mean_misses(double mean, const KpiTarget& t) {
  if (!std::isfinite(mean)) return true;
  return t.sense == KpiTarget::Sense::AtLeast ? mean < t.value : mean > t.value;
}

// Runs replications 0 .. reps−1 of every point (one after another, each in parallel over its
// replications): tables in point order.
std::vector<KpiTable> run_points(const SweepPlan& sp, uint64_t reps, uint32_t threads, const PlanOptions& options) {
  std::vector<KpiTable> tables;
  for (const SweepPoint& p : sp.points) {
    ScenarioConfig sc = p.scenario;
    sc.run.replications = reps;
    sc.run.threads = threads;
    const Site site = build_site(sc);
    RunControl control;
    control.cancel = options.cancel;
    if (options.progress != nullptr) {
      options.progress->total.fetch_add(reps);
      control.completed = &options.progress->done;
    }
    tables.push_back(run_replications(site, sc, control));
  }
  return tables;
}

// What one replication of the chosen plan did: who heard the alarm when, where each resident
// started, and the staff's legs.
class PlanRecorder final : public MovementObserver {
 public:
  void start(const Crowd& crowd, const NetworkTimeline*) override { start_node = crowd.start_node; }
  void step(const MovementStep&) override {}
  void finish(double) override {}
  void alerted(std::span<const double> alarm_s) override { alarm.assign(alarm_s.begin(), alarm_s.end()); }
  void staff(const StaffPlan& plan) override { staff_plan = plan; }

  std::vector<NodeId> start_node;
  std::vector<double> alarm;
  StaffPlan staff_plan;
};

std::vector<PlanBuilding> building_details(const Site& site, const PlanRecorder& rec, const PlanProblem& problem,
                                           const PlanChoice& choice) {
  std::vector<PlanBuilding> out;
  if (!site.evacuation_network || !site.layout) return out;
  const NavGraph& g = site.evacuation_network->graph();
  const auto& bs = site.layout->buildings;
  // Per building, per floor: the earliest alarm among its residents and how many there are.
  std::vector<std::map<int, double>> floor_alarm(bs.size());
  std::vector<uint32_t> residents(bs.size(), 0);
  for (std::size_t p = 0; p < rec.start_node.size(); ++p) {
    const NavNode& n = g.node(rec.start_node[p]);
    if (n.building < 0 || static_cast<std::size_t>(n.building) >= bs.size()) continue;
    ++residents[static_cast<std::size_t>(n.building)];
    const double t = rec.alarm.empty() ? 0.0 : rec.alarm[p];
    auto [it, fresh] = floor_alarm[static_cast<std::size_t>(n.building)].emplace(n.floor, t);
    if (!fresh) it->second = std::min(it->second, t);
  }
  for (std::size_t b = 0; b < bs.size(); ++b) {
    if (residents[b] == 0) continue;
    PlanBuilding pb;
    pb.id = bs[b].id;
    pb.residents = residents[b];
    pb.floors = bs[b].floors;
    if (site.emergency)
      for (const Injection& i : site.emergency->drill)
        if (i.kind == InjectionKind::StartFire && i.node.valid() && g.node(i.node).building == static_cast<int32_t>(b))
          pb.fire_floors.push_back(g.node(i.node).floor);
    // Floors hearing the alarm at the same time (within a second), consecutive, form one step.
    for (const auto& [floor, t] : floor_alarm[b]) {
      if (!std::isfinite(t)) continue;
      if (!pb.alarms.empty() && std::abs(pb.alarms.back().at_s - t) < 1.0 && pb.alarms.back().last_floor + 1 == floor)
        pb.alarms.back().last_floor = floor;
      else
        pb.alarms.push_back({t, floor, floor});
    }
    std::stable_sort(pb.alarms.begin(), pb.alarms.end(),
                     [](const PlanAlarmStep& x, const PlanAlarmStep& y) { return x.at_s < y.at_s; });
    for (std::size_t o = 0; o < problem.spec.options.size() && o < choice.size(); ++o) {
      const PlanOption& opt = problem.spec.options[o];
      if (opt.kind != PlanOption::Kind::Stairs || opt.building != pb.id) continue;
      const PlanAlternative& alt = opt.alternatives[choice[o]];
      for (std::size_t i = 0; i < alt.stairs.size() && i < opt.floor_groups.size(); ++i)
      {
        pb.stairs.push_back(fmt::format("F{}–{}: {}", opt.floor_groups[i].first, opt.floor_groups[i].second, alt.stairs[i]));
        pb.stair_groups.emplace_back(opt.floor_groups[i], alt.stairs[i]);
      }
    }
    out.push_back(std::move(pb));
  }
  std::stable_sort(out.begin(), out.end(), [](const PlanBuilding& x, const PlanBuilding& y) {
    const double tx = x.alarms.empty() ? kInf : x.alarms.front().at_s, ty = y.alarms.empty() ? kInf : y.alarms.front().at_s;
    return tx < ty;
  });
  return out;
}

std::vector<PlanTask> task_details(const Site& site, const PlanRecorder& rec) {
  std::vector<PlanTask> out;
  if (!site.evacuation_network) return out;
  const NavGraph& g = site.evacuation_network->graph();
  for (const StaffMove& m : rec.staff_plan.moves) {
    PlanTask t;
    t.member = m.guard;
    t.from_s = m.from_s;
    t.until_s = m.until_s;
    t.from = m.from.valid() ? g.node(m.from).label : say(kSafePlace);  // the model leaves a safe end unnamed
    t.to = m.to.valid() ? g.node(m.to).label : say(kSafePlace);
    t.with_resident = m.resident != 0xFFFFFFFFu;
    t.lift = m.lift;
    out.push_back(std::move(t));
  }
  std::stable_sort(out.begin(), out.end(), [](const PlanTask& a, const PlanTask& b) {
    return a.member != b.member ? a.member < b.member : a.from_s < b.from_s;
  });
  return out;
}

std::vector<std::string> risk_sentences(const KpiTable& t, const std::vector<KpiTarget>& targets) {
  std::vector<std::string> out;
  auto mean = [&t](std::string_view name) {
    const std::size_t i = t.find(name);
    return i == KpiTable::npos ? SampleSummary::kNaN : t.summary(i).mean;
  };
  for (const KpiTarget& target : targets) {
    const std::size_t i = t.find(target.kpi);
    if (i == KpiTable::npos) continue;
    const double m = t.summary(i).mean;
    if (mean_misses(m, target))
      out.push_back(say(kRiskTarget, kpi_text(t.kpis()[i]).label, value_words(m, t.kpis()[i]),
                        target_words(target, t.kpis()[i])));
  }
  const double safe = mean("emergency.safe_fraction"), present = mean("evacuation.residents_present");
  if (std::isfinite(safe) && std::isfinite(present) && safe < 1.0)
    out.push_back(say(kRiskNotSafe, plain_number((1.0 - safe) * present), percent_text(safe)));
  if (const double u = mean("assistance.unreachable"); std::isfinite(u) && u > 0) out.push_back(say(kRiskUnreachable, plain_number(u)));
  if (const double s = mean("evacuation.stranded"); std::isfinite(s) && s > 0) out.push_back(say(kRiskStranded, plain_number(s)));
  // The stair with the longest queue.
  std::size_t worst = KpiTable::npos;
  double worst_q = 0;
  for (std::size_t i = 0; i < t.kpis().size(); ++i) {
    const std::string& n = t.kpis()[i].name;
    if (!n.starts_with("evacuation.stair.") || !n.ends_with(".peak_queue")) continue;
    const double q = t.summary(i).mean;
    if (std::isfinite(q) && q > worst_q) worst_q = q, worst = i;
  }
  if (worst != KpiTable::npos) {
    const std::string& n = t.kpis()[worst].name;
    const std::string stair = n.substr(17, n.size() - 17 - 11);
    out.push_back(say(kRiskQueue, stair, plain_number(std::round(worst_q))));
  }
  return out;
}

}  // namespace

fs::path default_plan_dir(const PlanProblem& problem) {
  return !problem.base.outputs.dir.empty() ? fs::path(problem.base.outputs.dir) / "plan"
                                           : fs::path("results") / problem.base.name / "plan";
}

namespace {

PlanResult plan_unguarded(const PlanProblem& problem, const PlanOptions& options, Clock::time_point started) {
  const PlanSpec& spec = problem.spec;
  const uint32_t threads = effective_threads(options.threads ? *options.threads : problem.base.run.threads);
  const std::string as_written = say(kAsWrittenLabel);
  PlanResult result;
  PlanAnswer& answer = result.answer;
  answer.scenario = problem.base.name;
  for (const PlanOption& o : spec.options) {
    std::vector<std::string> alts;
    for (const PlanAlternative& a : o.alternatives) alts.push_back(a.name);
    answer.options.emplace_back(o.name, std::move(alts));
  }
  for (const KpiGoal& g : problem.base.targets) answer.targets.push_back(kpi_target(g));
  // The constraints: the targets `plan.constraints` names, else every target.
  std::vector<KpiGoal> constraints;
  for (const KpiGoal& g : problem.base.targets)
    if (!spec.constraints_given ||
        std::find(spec.constraints.begin(), spec.constraints.end(), g.kpi) != spec.constraints.end())
      constraints.push_back(g);
  std::vector<KpiTarget> constraint_targets;
  for (const KpiGoal& g : constraints) {
    constraint_targets.push_back(kpi_target(g));
    answer.constraints.push_back(g.kpi);
  }

  // The KPIs and the objective, from the scenario as written.
  const Site base_site = build_site(problem.base);
  const std::vector<KpiDefinition> kpis = kpi_definitions(base_site, problem.base);
  const auto objective = std::find_if(kpis.begin(), kpis.end(), [&](const KpiDefinition& k) { return k.name == spec.objective_kpi; });
  if (objective == kpis.end())
    throw InputError(spec.objective_pos, say(kUnknownPlanObjective, spec.objective_kpi, kpi_name_hint(spec.objective_kpi, kpis)));
  answer.objective = *objective;
  const std::size_t objective_index = static_cast<std::size_t>(objective - kpis.begin());
  const double horizon = problem.base.evacuation ? problem.base.evacuation->max_duration_s : kInf;
  auto cancelled = [&options] { return options.cancel != nullptr && options.cancel->load(); };
  auto interrupted = [&]() {
    result.status = JobStatus::Interrupted;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
  };

  // 1. The search, on screening replications (common random numbers).
  std::map<PlanChoice, Score> scores;
  auto evaluate = [&](const std::vector<PlanChoice>& batch) -> bool {
    std::vector<PlanChoice> fresh;
    for (const PlanChoice& c : batch)
      if (!scores.contains(c) && std::find(fresh.begin(), fresh.end(), c) == fresh.end()) fresh.push_back(c);
    if (fresh.empty()) return true;
    const SweepPlan sp = plan_candidates(problem, fresh, as_written);
    const std::vector<KpiTable> tables = run_points(sp, spec.screening_replications, threads, options);
    if (cancelled()) return false;
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      Score s;
      const std::size_t obj = tables[i].find(spec.objective_kpi);
      s.mean = obj == KpiTable::npos ? kInf : mean_of(objective_values(tables[i], obj, horizon));
      if (!std::isfinite(s.mean)) s.mean = kInf;
      for (const KpiTarget& t : constraint_targets) {
        const std::size_t k = tables[i].find(t.kpi);
        if (k != KpiTable::npos && mean_misses(tables[i].summary(k).mean, t)) ++s.missed;
      }
      scores.emplace(fresh[i], s);
    }
    return true;
  };
  const std::size_t n_options = spec.options.size();
  double combinations = 1;
  for (const PlanOption& o : spec.options) combinations *= static_cast<double>(o.alternatives.size());
  answer.combinations = combinations > 1e15 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(combinations);
  answer.screening_replications = spec.screening_replications;
  if (combinations <= static_cast<double>(spec.exhaustive_up_to)) {
    answer.method = "every combination";
    std::vector<PlanChoice> all;
    PlanChoice at(n_options, 0);
    for (bool more = true; more;) {
      all.push_back(at);
      more = false;
      for (std::size_t o = n_options; o-- > 0;) {
        if (++at[o] < spec.options[o].alternatives.size()) {
          more = true;
          break;
        }
        at[o] = 0;
      }
    }
    if (!evaluate(all)) return interrupted();
  } else {
    answer.method = "coordinate search";
    PlanChoice current(n_options, 0);
    if (!evaluate({current})) return interrupted();
    for (bool changed = true; changed && answer.passes < kMaxPasses;) {
      changed = false;
      ++answer.passes;
      for (std::size_t o = 0; o < n_options; ++o) {
        std::vector<PlanChoice> batch;
        for (uint16_t a = 0; a < spec.options[o].alternatives.size(); ++a) {
          PlanChoice c = current;
          c[o] = a;
          batch.push_back(c);
        }
        if (!evaluate(batch)) return interrupted();
        PlanChoice best = current;
        for (const PlanChoice& c : batch)
          if (scores.at(c) < scores.at(best)) best = c;
        if (best != current) current = best, changed = true;
      }
    }
  }
  answer.evaluated = scores.size();
  std::vector<std::pair<PlanChoice, Score>> ranked(scores.begin(), scores.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i)
    answer.screened.push_back({plan_label(spec, ranked[i].first),
                               std::isfinite(ranked[i].second.mean) ? ranked[i].second.mean : SampleSummary::kNaN,
                               ranked[i].second.missed});

  // 2. The finalists and the scenario as written, through optimize's selection. A finalist that
  // writes nothing the scenario does not already say is the scenario as written: not run twice.
  const std::string written_text = yaml_document_text(problem.doc);
  std::vector<PlanChoice> finalists{PlanChoice{}};
  for (std::size_t i = 0; i < ranked.size() && finalists.size() < spec.finalists + 1; ++i)
    if (yaml_document_text(plan_document(problem, ranked[i].first)) != written_text) finalists.push_back(ranked[i].first);
  OptimizePlan op;
  op.sweep = plan_candidates(problem, finalists, as_written);
  op.sweep.base.targets = constraints;
  op.spec.objective = OptimizeSpec::Objective::Kpi;
  op.spec.objective_kpi = spec.objective_kpi;
  op.spec.objective_pos = spec.objective_pos;
  op.spec.delta = spec.delta;
  op.spec.confidence = spec.confidence;
  op.spec.first_stage = spec.first_stage;
  op.spec.max_replications = spec.max_replications;
  op.spec.max_candidates = finalists.size();
  op.spec.objective_if_undefined = horizon;
  op.grid_size = finalists.size();
  op.fingerprint = fmt::format("{:016x}", fnv1a64(problem.fingerprint + "|" + op.sweep.fingerprint));
  OptimizeOptions oo;
  oo.threads = threads;
  oo.out_dir = options.out_dir / "selection";
  oo.cancel = options.cancel;
  oo.progress = options.progress;
  oo.resume = true;  // the same search again reuses its replications; another one is refused
  oo.write_files = options.write_files;
  oo.record_series = false;
  OptimizeResult selected = optimize(op, oo);
  if (selected.status == JobStatus::Completed && !selected.answer.recommended && !op.sweep.base.targets.empty()) {
    answer.meets_targets = false;
    op.sweep.base.targets.clear();  // the best on the objective alone, said plainly
    // The same candidates and replications: the stored ones are used again, none is run twice.
    const fs::path again = options.out_dir / "selection-unconstrained";
    std::error_code ec;
    fs::create_directories(again, ec);
    if (!fs::exists(again / "results.sqlite")) fs::copy_file(oo.out_dir / "results.sqlite", again / "results.sqlite", ec);
    oo.out_dir = again;
    selected = optimize(op, oo);
  }
  if (selected.status != JobStatus::Completed) {
    result.status = selected.status;
    result.message = selected.message;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
  }
  answer.selection = selected.answer;
  const std::size_t chosen_at = selected.answer.recommended.value_or(0);
  const PlanChoice chosen = finalists[chosen_at];
  answer.chosen_is_as_written = chosen.empty();
  answer.chosen_label = chosen.empty() ? as_written : plan_label(spec, chosen);
  for (std::size_t o = 0; o < chosen.size(); ++o)
    answer.chosen.emplace_back(spec.options[o].name, spec.options[o].alternatives[chosen[o]].name);
  if (cancelled()) return interrupted();

  // 3. The chosen plan against the scenario as written, paired.
  const SweepPlan pair = plan_candidates(problem, chosen.empty() ? std::vector<PlanChoice>{PlanChoice{}}
                                                                 : std::vector<PlanChoice>{chosen, PlanChoice{}},
                                         as_written);
  const std::vector<KpiTable> tables = run_points(pair, spec.compare_replications, threads, options);
  if (cancelled()) return interrupted();
  const KpiTable& mine = tables.front();
  const KpiTable& theirs = tables.back();
  answer.compare_replications = spec.compare_replications;
  {
    PlanComparison c;
    c.kpi = answer.objective;
    const std::vector<double> a = objective_values(mine, objective_index, horizon);
    const std::vector<double> b = objective_values(theirs, objective_index, horizon);
    c.chosen = summarize(a, c.kpi.range);
    c.as_written = summarize(b, c.kpi.range);
    c.difference = paired_difference(b, a);  // chosen − as written
    answer.comparisons.push_back(std::move(c));
  }
  std::vector<std::string> compared{spec.objective_kpi};
  for (const KpiTarget& t : answer.targets) compared.push_back(t.kpi);
  for (const char* k : {"detection.time_to_alarm_s", "evacuation.total_time_s", "assistance.total_time_s",
                        "emergency.all_safe_time_s", "emergency.safe_fraction", "assistance.rescued",
                        "assistance.unreachable", "evacuation.stranded", "hazard.cut_off"})
    compared.emplace_back(k);
  std::vector<std::string> seen{spec.objective_kpi};
  for (const std::string& name : compared) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    const std::size_t i = mine.find(name);
    if (i == KpiTable::npos) continue;
    PlanComparison c;
    c.kpi = mine.kpis()[i];
    c.chosen = mine.summary(i);
    c.as_written = theirs.summary(i);
    const std::vector<double> a = mine.column(i), b = theirs.column(i);
    bool finite = true;
    for (std::size_t r = 0; r < a.size(); ++r) finite = finite && std::isfinite(a[r]) && std::isfinite(b[r]);
    if (finite) c.difference = paired_difference(b, a);  // chosen − as written
    answer.comparisons.push_back(std::move(c));
  }
  answer.risks = risk_sentences(mine, answer.targets);

  // The details, from the replication closest to the median of the objective.
  {
    std::vector<double> col = objective_values(mine, objective_index, horizon);
    std::vector<double> sorted;
    for (double x : col)
      if (std::isfinite(x)) sorted.push_back(x);
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.empty() ? 0.0 : sorted[(sorted.size() - 1) / 2];
    uint64_t best = 0;
    for (uint64_t r = 0; r < col.size(); ++r)
      if (std::isfinite(col[r]) && (!std::isfinite(col[best]) || std::abs(col[r] - median) < std::abs(col[best] - median)))
        best = r;
    answer.representative = best;
    const ScenarioConfig& sc = pair.points.front().scenario;
    const Site site = build_site(sc);
    PlanRecorder rec;
    std::vector<double> row(mine.kpis().size());
    run_replication(site, sc, best, row, nullptr, &rec);
    answer.buildings = building_details(site, rec, problem, chosen);
    answer.tasks = task_details(site, rec);
    answer.staff = rec.staff_plan.guards;
  }

  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  answer.seconds = result.seconds;
  result.headline = plan_headline(answer).lines;
  if (options.write_files) {
    try {
      YamlNode doc = plan_document(problem, chosen);
      std::string yaml = fmt::format(
          "# The emergency response plan drilltwin plan chose for {} ({}).\n# Run and replay it:\n"
          "#   drilltwin run chosen.yaml --trace && drilltwin-view results/{}\n",
          problem.base.name, answer.chosen_label, problem.base.name);
      yaml += yaml_document_text(doc);
      StagedDirectory out(options.out_dir, OutputRun{"plan", problem.base.name, problem.base.run.seed,
                                                     spec.compare_replications, problem.fingerprint});
      out.write("plan.json", plan_json(answer).dump(2) + "\n");
      out.write("plan.html", plan_html(answer));
      out.write("chosen.yaml", yaml);
      out.commit();
    } catch (const std::exception& e) {
      result.status = JobStatus::Failed;
      result.message = say(kCannotWritePlan, options.out_dir.string(), e.what());
    }
  }
  return result;
}

}  // namespace

PlanResult plan(const PlanProblem& problem, const PlanOptions& options) {
  const auto started = Clock::now();
  try {
    return plan_unguarded(problem, options, started);
  } catch (const RunCancelled&) {  // Ctrl-C while candidates ran: nothing of the plan is written
    PlanResult r;
    r.status = JobStatus::Interrupted;
    r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return r;
  }
}

}  // namespace dt::jobs
