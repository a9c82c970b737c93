#include "engine/jobs/calibrate_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlopt.hpp>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"
#include "engine/kernel/statistics.h"
#include "engine/kernel/task_handoff.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/drill_outcome.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kNoFittedDrill, "the drill records hold no drill to fit: give at least one drill more than 'calibrate.holdout'",
          "演练记录中没有可用于标定的演练：演练次数须多于 'calibrate.holdout'");
DT_PHRASE(kTooFewTimed, "no building in the fitted drills has {} or more people timed: too few records to calibrate on",
          "参与标定的演练中没有任何楼栋记录了 {} 人以上：记录太少，无法标定");
DT_PHRASE(kNothingSimulated, "the simulated drills have nobody in the buildings and floors of the records (is anybody at home at the scenario's start time?)",
          "模拟演练中，记录所涉楼栋和楼层内无人（情景开始时刻是否有住户在家？）");
DT_PHRASE(kOverlayHeader, "calibrated by drilltwin calibrate from {} (records {}); the free parameters set to their estimates",
          "由 drilltwin calibrate 根据 {}（演练记录 {}）标定；自由参数已设为估计值");
DT_PHRASE(kSyntheticHeader, "SYNTHETIC drill records, simulated by drilltwin {} from {} (seed {}, drills {} to {}) — not observations of a real drill",
          "合成演练记录：由 drilltwin {} 根据 {} 模拟生成（随机种子 {}，第 {} 至 {} 次演练），并非真实演练的观测数据");

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinPeople = 5.0;   // a stream's quantiles need at least this many people in a drill
constexpr int kIntervalPieces = 10;  // a door counter's interval is spread over this many points
constexpr std::size_t L = kCalibrationLevels.size();

struct Stream {
  DrillMeasure measure;
  int32_t building;
  int32_t floor;  // −1: every floor of the building
  auto key() const { return std::make_tuple(static_cast<int>(measure), building, floor); }
};

// Weighted points (time, people).
using Weighted = std::vector<std::pair<double, double>>;

// The quantile at level q of a weighted sample (sorted by time): for unit weights, type 7
// (Hyndman & Fan 1996) of the sample; a point of weight n counts as n equal points.
double weighted_quantile(const Weighted& w, double total, double q) {
  const double h = q * (total - 1.0);
  auto at = [&](double index) {
    double cum = 0;
    for (const auto& [t, n] : w) {
      cum += n;
      if (cum > index + 1e-9) return t;
    }
    return w.back().first;
  };
  const double lo = std::floor(h), hi = std::ceil(h);
  const double a = at(lo);
  if (hi == lo) return a;
  return a + (h - lo) * (at(hi) - a);
}

// Type-7 quantile of a sorted sample.
double quantile7(const std::vector<double>& s, double q) {
  const double h = q * static_cast<double>(s.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

bool matches(const Stream& k, const SimulatedDrill& d, std::size_t p) {
  return d.building[p] == k.building && (k.floor < 0 || d.floor[p] == k.floor);
}

std::vector<double> sim_times(const Stream& k, const SimulatedDrill& d) {
  std::vector<double> t;
  const std::vector<double>& m = d.since_alarm[static_cast<int>(k.measure)];
  for (std::size_t p = 0; p < d.size(); ++p)
    if (matches(k, d, p) && std::isfinite(m[p])) t.push_back(m[p]);
  std::sort(t.begin(), t.end());
  return t;
}

// One evaluation: the statistics of every simulated drill (rows) and their mean.
struct Evaluation {
  std::vector<double> u;                   // scaled parameters
  std::vector<std::vector<double>> rows;   // R × C
  std::vector<double> mean;                // C
  std::vector<SimulatedDrill> drills;      // kept when asked (accuracy)
};

struct Calibrator {
  const CalibratePlan& plan;
  const std::vector<Stream>& streams;
  uint32_t threads;
  const std::atomic<bool>* cancel;
  JobProgress* progress;
  uint32_t evaluations = 0;

  std::vector<double> theta(const std::vector<double>& u) const {
    std::vector<double> x(u.size());
    for (std::size_t j = 0; j < u.size(); ++j) {
      const CalibrateParameter& f = plan.spec.free[j];
      x[j] = f.lower + std::clamp(u[j], 0.0, 1.0) * (f.upper - f.lower);
    }
    return x;
  }

  Evaluation evaluate(const std::vector<double>& u, bool keep_drills) {
    ++evaluations;
    const ScenarioConfig sc = calibrated_scenario(plan, theta(u));
    const Site site = build_site(sc);
    const std::size_t R = plan.spec.replications;
    const std::size_t C = streams.size() * L;
    Evaluation e;
    e.u = u;
    e.rows.assign(R, std::vector<double>(C, kNaN));
    if (keep_drills) e.drills.resize(R);
    auto body = [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t r = range.begin(); r != range.end(); ++r) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return;
        SimulatedDrill d = simulate_drill(site, sc, plan.spec.seed, r);
        for (std::size_t k = 0; k < streams.size(); ++k) {
          const std::vector<double> t = sim_times(streams[k], d);
          if (t.empty()) continue;
          for (std::size_t l = 0; l < L; ++l) e.rows[r][k * L + l] = quantile7(t, kCalibrationLevels[l]);
        }
        if (keep_drills) e.drills[r] = std::move(d);
        if (progress) progress->done.fetch_add(1, std::memory_order_relaxed);
      }
    };
    if (threads <= 1) {
      body(tbb::blocked_range<std::size_t>(0, R));
    } else {
      tbb::task_arena arena(static_cast<int>(threads));
      TaskHandoff handoff;  // what oneTBB orders, stated for ThreadSanitizer (kernel/task_handoff.h)
      arena.execute([&] { tbb::parallel_for(tbb::blocked_range<std::size_t>(0, R, 1), handoff.body(body)); });
      handoff.join();
    }
    e.mean.assign(C, kNaN);
    for (std::size_t c = 0; c < C; ++c) {
      double s = 0;
      std::size_t n = 0;
      for (std::size_t r = 0; r < R; ++r)  // in replication order: the same sum for any thread count
        if (std::isfinite(e.rows[r][c])) {
          s += e.rows[r][c];
          ++n;
        }
      if (n > 0) e.mean[c] = s / static_cast<double>(n);
    }
    return e;
  }
};

// Observed statistics per drill (NaN where the drill has too few people in the stream).
struct Observed {
  std::vector<std::vector<double>> per_drill;  // D × C
  std::vector<Weighted> samples;               // D·K: the weighted times of drill d, stream k (sorted)
};

// The sample covariance of the statistics over the simulated drills (NaNs replaced by the
// component's mean: they add no spread).
std::vector<std::vector<double>> covariance(const Evaluation& e) {
  const std::size_t R = e.rows.size(), C = e.mean.size();
  std::vector<std::vector<double>> S(C, std::vector<double>(C, 0.0));
  if (R < 2) return S;
  for (std::size_t a = 0; a < C; ++a) {
    if (!std::isfinite(e.mean[a])) continue;
    for (std::size_t b = a; b < C; ++b) {
      if (!std::isfinite(e.mean[b])) continue;
      double s = 0;
      for (std::size_t r = 0; r < R; ++r) {
        const double x = std::isfinite(e.rows[r][a]) ? e.rows[r][a] - e.mean[a] : 0.0;
        const double y = std::isfinite(e.rows[r][b]) ? e.rows[r][b] - e.mean[b] : 0.0;
        s += x * y;
      }
      S[a][b] = S[b][a] = s / static_cast<double>(R - 1);
    }
  }
  return S;
}

// Inverse of a small symmetric positive matrix (Gauss–Jordan with partial pivoting); false when singular.
bool invert(std::vector<std::vector<double>> a, std::vector<std::vector<double>>& inv) {
  const std::size_t n = a.size();
  inv.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1.0;
  double scale = 0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::fabs(a[i][i]));
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
    if (!(std::fabs(a[piv][c]) > 1e-12 * std::max(scale, 1e-300))) return false;
    std::swap(a[c], a[piv]);
    std::swap(inv[c], inv[piv]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      a[c][k] /= d;
      inv[c][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      if (f == 0) continue;
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[c][k];
        inv[r][k] -= f * inv[c][k];
      }
    }
  }
  return true;
}

// The empirical distribution function of a weighted sample at t.
double ecdf(const Weighted& w, double total, double t) {
  double cum = 0;
  for (const auto& [x, n] : w) {
    if (x > t) break;
    cum += n;
  }
  return cum / total;
}

// Kolmogorov–Smirnov distance between a weighted observed sample and a simulated one (sorted).
double ks_distance(const Weighted& obs, const std::vector<double>& sim) {
  double total = 0;
  for (const auto& [t, n] : obs) total += n;
  if (total <= 0 || sim.empty()) return kNaN;
  std::vector<double> points;
  for (const auto& [t, n] : obs) points.push_back(t);
  points.insert(points.end(), sim.begin(), sim.end());
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  double d = 0;
  for (const double t : points) {
    const double fs = static_cast<double>(std::upper_bound(sim.begin(), sim.end(), t) - sim.begin()) /
                      static_cast<double>(sim.size());
    d = std::max(d, std::fabs(ecdf(obs, total, t) - fs));
  }
  return d;
}

// A scalar as YAML text: plain when the reader would read it back the same, else double-quoted.
std::string yaml_scalar(const YamlNode& n) {
  const std::string& t = n.scalar();
  bool plain = !n.quoted() && !t.empty() && t.find_first_of(",:#[]{}&*!|>'\"%@`\n\t\\") == std::string::npos &&
               t.front() != ' ' && t.back() != ' ' && t.front() != '-' && t.front() != '?';
  // "30 s", "fast", "0.25" stay plain; anything with a colon or comma ("02:00", a sentence) is quoted.
  if (plain || (!n.quoted() && parse_finite_decimal(t))) return t;
  std::string q = "\"";
  for (const char c : t) {
    if (c == '"' || c == '\\') q += '\\';
    if (c == '\n') {
      q += "\\n";
      continue;
    }
    q += c;
  }
  return q + "\"";
}

// A node as block-style YAML at `indent` spaces (maps and lists one entry a line).
void yaml_block(const YamlNode& n, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (n.is_map()) {
    if (n.entries().empty()) {
      out += " {}\n";
      return;
    }
    out += "\n";
    for (const auto& [k, v] : n.entries()) {
      out += pad + yaml_scalar(k) + ":";
      if (v.is_scalar() || v.is_null()) {
        out += " " + (v.is_null() ? std::string("~") : yaml_scalar(v)) + "\n";
      } else {
        yaml_block(v, indent + 2, out);
      }
    }
  } else if (n.is_sequence()) {
    if (n.items().empty()) {
      out += " []\n";
      return;
    }
    if (std::all_of(n.items().begin(), n.items().end(), [](const YamlNode& i) { return i.is_scalar(); })) {
      out += " [";  // a list of scalars on one line: [460, 380]
      for (std::size_t i = 0; i < n.items().size(); ++i) out += (i ? ", " : "") + yaml_scalar(n.items()[i]);
      out += "]\n";
      return;
    }
    out += "\n";
    for (const YamlNode& item : n.items()) {
      out += pad + "-";
      if (item.is_scalar() || item.is_null()) {
        out += " " + (item.is_null() ? std::string("~") : yaml_scalar(item)) + "\n";
      } else {
        yaml_block(item, indent + 2, out);
      }
    }
  } else {
    out += " " + (n.is_null() ? std::string("~") : yaml_scalar(n)) + "\n";
  }
}

}  // namespace

std::filesystem::path default_calibrate_dir(const CalibratePlan& plan) {
  return std::filesystem::path("results") / (plan.base.name + "-calibration");
}

CalibrateResult calibrate(const CalibratePlan& plan, const DrillRecords& records_in, const CalibrateOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  CalibrateResult result;
  const CalibrateSpec& spec = plan.spec;
  const std::size_t p = spec.free.size();

  // 1. The records, bound to the site of the scenario as written (InputError before anything runs).
  const Site base_site = build_site(plan.base);
  const BoundRecords bound = bind_drill_records(records_in, base_site);
  const DrillRecords& records = bound.records;
  const auto D = static_cast<uint32_t>(records.drills.size());
  const uint32_t held = D >= 2 ? std::min(spec.holdout, D - 1) : 0;
  const uint32_t fitted = D - held;
  if (fitted == 0) throw InputError(SourcePos{records.file, 0, 0}, say(kNoFittedDrill));

  // 2. Streams and the observed statistics of each drill.
  std::map<std::tuple<int, int32_t, int32_t>, std::size_t> stream_index;
  std::vector<Stream> streams;
  std::vector<std::size_t> obs_stream(records.observations.size());
  for (std::size_t i = 0; i < records.observations.size(); ++i) {
    const DrillObservation& o = records.observations[i];
    const Stream k{o.measure, bound.building[i], o.interval_start >= 0 ? o.floor : -1};
    auto [it, inserted] = stream_index.try_emplace(k.key(), 0);
    if (inserted) streams.push_back(k);
  }
  std::sort(streams.begin(), streams.end(), [](const Stream& a, const Stream& b) { return a.key() < b.key(); });
  for (std::size_t k = 0; k < streams.size(); ++k) stream_index[streams[k].key()] = k;
  const std::size_t K = streams.size(), C = K * L;
  Observed obs;
  obs.samples.assign(static_cast<std::size_t>(D) * K, {});
  for (std::size_t i = 0; i < records.observations.size(); ++i) {
    const DrillObservation& o = records.observations[i];
    const std::size_t k = stream_index.at(Stream{o.measure, bound.building[i], o.interval_start >= 0 ? o.floor : -1}.key());
    Weighted& w = obs.samples[o.drill * K + k];
    if (o.interval_start >= 0) {
      const double width = o.seconds - o.interval_start;
      for (int j = 0; j < kIntervalPieces; ++j)
        w.emplace_back(o.interval_start + (j + 0.5) * width / kIntervalPieces, o.count / kIntervalPieces);
    } else {
      w.emplace_back(o.seconds, o.count);
    }
  }
  obs.per_drill.assign(D, std::vector<double>(C, kNaN));
  uint64_t timed = 0;
  for (uint32_t d = 0; d < D; ++d)
    for (std::size_t k = 0; k < K; ++k) {
      Weighted& w = obs.samples[d * K + k];
      std::stable_sort(w.begin(), w.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      double total = 0;
      for (const auto& [t, n] : w) total += n;
      if (total < kMinPeople) continue;
      for (std::size_t l = 0; l < L; ++l) obs.per_drill[d][k * L + l] = weighted_quantile(w, total, kCalibrationLevels[l]);
    }
  // People timed in the fitted drills: the largest count over the measures (one person may give
  // start, exit and safe).
  {
    std::vector<double> per_measure(kDrillMeasureCount, 0.0);
    for (const DrillObservation& o : records.observations)
      if (o.drill < fitted) per_measure[static_cast<int>(o.measure)] += o.count;
    timed = static_cast<uint64_t>(std::llround(*std::max_element(per_measure.begin(), per_measure.end())));
  }
  // The mean over the fitted drills, and how many fitted drills have each statistic.
  std::vector<double> target(C, kNaN);
  std::vector<std::vector<uint32_t>> fitted_mask(C);  // per statistic: the fitted drills having it
  for (std::size_t c = 0; c < C; ++c) {
    double s = 0;
    for (uint32_t d = 0; d < fitted; ++d)
      if (std::isfinite(obs.per_drill[d][c])) {
        s += obs.per_drill[d][c];
        fitted_mask[c].push_back(d);
      }
    if (!fitted_mask[c].empty()) target[c] = s / static_cast<double>(fitted_mask[c].size());
  }
  if (std::none_of(target.begin(), target.end(), [](double x) { return std::isfinite(x); }))
    throw InputError(SourcePos{records.file, 0, 0}, say(kTooFewTimed, static_cast<int>(kMinPeople)));

  const uint32_t threads =
      effective_threads(options.threads ? *options.threads : plan.base.run.threads);
  result.threads = threads;
  Calibrator cal{plan, streams, threads, options.cancel, options.progress};
  if (options.progress)
    options.progress->total.store(static_cast<uint64_t>(spec.max_evaluations + 2 * p + 2) * spec.replications);
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };

  // 3. The start and the weights.
  const std::vector<double> u0(p, 0.5);
  Evaluation start = cal.evaluate(u0, /*keep_drills=*/true);
  if (cancelled()) {
    result.status = JobStatus::Interrupted;
    return result;
  }
  std::vector<double> weight(C, 0.0);
  {
    const auto S0 = covariance(start);
    for (std::size_t c = 0; c < C; ++c)
      if (std::isfinite(target[c]) && std::isfinite(start.mean[c])) weight[c] = 1.0 / (S0[c][c] + 1.0);
  }
  if (std::all_of(weight.begin(), weight.end(), [](double w) { return w == 0.0; }))
    throw InputError(SourcePos{records.file, 0, 0}, say(kNothingSimulated));
  auto distance = [&](const std::vector<double>& mean) {
    double j = 0;
    for (std::size_t c = 0; c < C; ++c)
      if (weight[c] > 0 && std::isfinite(mean[c])) j += weight[c] * (target[c] - mean[c]) * (target[c] - mean[c]);
      else if (weight[c] > 0) j += weight[c] * target[c] * target[c];  // nobody simulated there: as far as can be
    return j;
  };
  const double d_start = distance(start.mean);

  // 4. The search: BOBYQA within the box, the best point seen kept (the first of equals).
  std::vector<double> best_u = u0;
  double best_j = d_start;
  {
    nlopt::opt opt(nlopt::LN_BOBYQA, static_cast<unsigned>(p));
    opt.set_lower_bounds(std::vector<double>(p, 0.0));
    opt.set_upper_bounds(std::vector<double>(p, 1.0));
    opt.set_maxeval(static_cast<int>(std::max<uint32_t>(spec.max_evaluations, 2 * static_cast<uint32_t>(p) + 2)));
    opt.set_xtol_abs(1e-3);
    opt.set_initial_step(std::vector<double>(p, 0.25));
    struct Ctx {
      Calibrator* cal;
      decltype(distance)* dist;
      std::vector<double>* best_u;
      double* best_j;
      decltype(cancelled)* stop;
      nlopt::opt* opt;
    } ctx{&cal, &distance, &best_u, &best_j, &cancelled, &opt};
    opt.set_min_objective(
        [](unsigned n, const double* x, double*, void* data) -> double {
          auto& c = *static_cast<Ctx*>(data);
          if ((*c.stop)()) {
            c.opt->force_stop();
            return *c.best_j;
          }
          std::vector<double> u(x, x + n);
          const double j = (*c.dist)(c.cal->evaluate(u, false).mean);
          if (j < *c.best_j) {
            *c.best_j = j;
            *c.best_u = u;
          }
          return j;
        },
        &ctx);
    std::vector<double> x = u0;
    double f = 0;
    try {
      (void)opt.optimize(x, f);
    } catch (const nlopt::forced_stop&) {
    } catch (const nlopt::roundoff_limited&) {  // the best point so far stands
    }
  }
  if (cancelled()) {
    result.status = JobStatus::Interrupted;
    return result;
  }

  // 5. At the estimate: the simulated drills (kept for accuracy), their covariance, the Jacobian.
  Evaluation at = cal.evaluate(best_u, /*keep_drills=*/true);
  const double d_end = distance(at.mean);
  const auto Sigma = covariance(at);
  const double R = static_cast<double>(spec.replications);
  std::vector<std::vector<double>> G(C, std::vector<double>(p, 0.0));  // ∂s̄/∂θ
  constexpr double kStep = 0.1;  // in scaled units: a secant over a tenth of the box, smoother than a tangent of a rough function
  for (std::size_t j = 0; j < p && !cancelled(); ++j) {
    std::vector<double> up = best_u, dn = best_u;
    up[j] = std::min(1.0, best_u[j] + kStep);
    dn[j] = std::max(0.0, best_u[j] - kStep);
    const Evaluation eu = cal.evaluate(up, false);
    const Evaluation ed = cal.evaluate(dn, false);
    const double dtheta = (up[j] - dn[j]) * (spec.free[j].upper - spec.free[j].lower);
    for (std::size_t c = 0; c < C; ++c)
      if (weight[c] > 0 && std::isfinite(eu.mean[c]) && std::isfinite(ed.mean[c]))
        G[c][j] = (eu.mean[c] - ed.mean[c]) / dtheta;
  }
  if (cancelled()) {
    result.status = JobStatus::Interrupted;
    return result;
  }
  // Σ_total = Σ ∘ (n_ab / (D_a D_b)) + Σ / R: the fitted drills' mean and the simulated mean.
  std::vector<std::vector<double>> A(p, std::vector<double>(p, 0.0)), B(p, std::vector<double>(p, 0.0));
  std::vector<std::size_t> active;
  for (std::size_t c = 0; c < C; ++c)
    if (weight[c] > 0 && std::isfinite(at.mean[c])) active.push_back(c);
  for (std::size_t a = 0; a < p; ++a)
    for (std::size_t b = 0; b < p; ++b)
      for (const std::size_t c : active) A[a][b] += G[c][a] * weight[c] * G[c][b];
  std::vector<std::vector<double>> WG(active.size(), std::vector<double>(p));
  for (std::size_t i = 0; i < active.size(); ++i)
    for (std::size_t a = 0; a < p; ++a) WG[i][a] = weight[active[i]] * G[active[i]][a];
  for (std::size_t i = 0; i < active.size(); ++i) {
    const std::size_t ca = active[i];
    for (std::size_t k2 = 0; k2 < active.size(); ++k2) {
      const std::size_t cb = active[k2];
      std::size_t both = 0;
      for (const uint32_t d : fitted_mask[ca])
        if (std::find(fitted_mask[cb].begin(), fitted_mask[cb].end(), d) != fitted_mask[cb].end()) ++both;
      const double factor = static_cast<double>(both) /
                                (static_cast<double>(fitted_mask[ca].size()) * static_cast<double>(fitted_mask[cb].size())) +
                            1.0 / R;
      const double s = Sigma[ca][cb] * factor;
      if (s == 0.0) continue;
      for (std::size_t a = 0; a < p; ++a)
        for (std::size_t b = 0; b < p; ++b) B[a][b] += WG[i][a] * s * WG[k2][b];
    }
  }
  std::vector<std::vector<double>> Ainv;
  const bool regular = invert(A, Ainv);

  CalibrationAnswer& ans = result.answer;
  ans.scenario = plan.base.name;
  ans.records_file = records.file;
  ans.drills = D;
  ans.fitted_drills = fitted;
  ans.held_out_drills = held;
  ans.observations = timed;
  ans.replications = spec.replications;
  ans.seed = spec.seed;
  ans.statistics = static_cast<uint32_t>(active.size());
  ans.distance_start = d_start;
  ans.distance_end = d_end;
  const std::vector<double> estimate = cal.theta(best_u), start_theta = cal.theta(u0);
  // Σ is estimated from R simulated drills: Student's t with R − 1 degrees of freedom.
  const double t975 = student_t_quantile(0.975, R - 1.0);
  for (std::size_t j = 0; j < p; ++j) {
    CalibratedParameter cp;
    const CalibrateParameter& f = spec.free[j];
    cp.key = f.key;
    cp.lower = f.lower;
    cp.upper = f.upper;
    cp.start = start_theta[j];
    cp.estimate = estimate[j];
    bool identified = regular;
    double column = 0;
    for (const std::size_t c : active) column += G[c][j] * G[c][j];
    identified = identified && column > 0;
    double var = kNaN;
    if (identified) {
      var = 0;
      for (std::size_t a = 0; a < p; ++a)
        for (std::size_t b = 0; b < p; ++b) var += Ainv[j][a] * B[a][b] * Ainv[j][b];
    }
    cp.stderr_ = identified && var >= 0 ? std::sqrt(var) : kNaN;
    cp.ci95_low = std::isfinite(cp.stderr_) ? std::max(f.lower, cp.estimate - t975 * cp.stderr_) : f.lower;
    cp.ci95_high = std::isfinite(cp.stderr_) ? std::min(f.upper, cp.estimate + t975 * cp.stderr_) : f.upper;
    const double tol = 1e-3 * (f.upper - f.lower);
    cp.at_bound = cp.estimate <= f.lower + tol || cp.estimate >= f.upper - tol;
    ans.parameters.push_back(cp);
  }

  // 6. Accuracy on the held-out drills (the fitted ones when none is held out).
  ans.accuracy_held_out = held > 0;
  std::vector<uint32_t> judged;
  for (uint32_t d = held > 0 ? fitted : 0; d < (held > 0 ? D : fitted); ++d) judged.push_back(d);
  auto accuracy = [&](const Evaluation& e) {
    DrillAccuracy acc;
    acc.drills = static_cast<uint32_t>(judged.size());
    double within = 0, rel = 0, ks = 0;
    // Clear times: per drill, per (measure, building, floor) with floors; and per (measure, building).
    for (const uint32_t d : judged) {
      std::map<std::tuple<int, int32_t, int32_t>, double> last;  // observed clear times
      for (std::size_t i = 0; i < records.observations.size(); ++i) {
        const DrillObservation& o = records.observations[i];
        if (o.drill != d || o.measure == DrillMeasure::Start || o.count <= 0) continue;
        for (const int32_t f : {o.floor, int32_t{-1}}) {
          if (f == -1 && o.floor >= 1 && o.measure == DrillMeasure::LeftFloor) continue;  // a floor counter: not the building's
          double& v = last.try_emplace({static_cast<int>(o.measure), bound.building[i], f}, 0.0).first->second;
          v = std::max(v, o.seconds);
          if (f == -1) break;
        }
      }
      for (const auto& [key, observed] : last) {
        const Stream k{static_cast<DrillMeasure>(std::get<0>(key)), std::get<1>(key), std::get<2>(key)};
        double s = 0;
        std::size_t n = 0;
        for (const SimulatedDrill& sd : e.drills) {
          const std::vector<double> t = sim_times(k, sd);
          if (!t.empty()) {
            s += t.back();
            ++n;
          }
        }
        if (n == 0 || observed <= 0) continue;
        const double sim = s / static_cast<double>(n);
        ++acc.clear_times;
        within += std::fabs(sim - observed) <= 0.05 * observed ? 1 : 0;
        rel += std::fabs(sim - observed) / observed;
      }
      for (std::size_t k = 0; k < K; ++k) {
        const Weighted& w = obs.samples[d * K + k];
        double total = 0;
        for (const auto& [t, n] : w) total += n;
        if (total < kMinPeople) continue;
        std::vector<double> pooled;
        for (const SimulatedDrill& sd : e.drills) {
          const std::vector<double> t = sim_times(streams[k], sd);
          pooled.insert(pooled.end(), t.begin(), t.end());
        }
        std::sort(pooled.begin(), pooled.end());
        const double dist = ks_distance(w, pooled);
        if (!std::isfinite(dist)) continue;
        ks += dist;
        ++acc.distributions;
      }
    }
    acc.within_5pct = acc.clear_times > 0 ? within / acc.clear_times : kNaN;
    acc.mean_abs_rel_error = acc.clear_times > 0 ? rel / acc.clear_times : kNaN;
    acc.mean_ks = acc.distributions > 0 ? ks / acc.distributions : kNaN;
    return acc;
  };
  ans.before = accuracy(start);
  ans.after = accuracy(at);
  ans.evaluations = cal.evaluations;

  // 7. The files: summary.json, report.html, calibrated.yaml (the scenario at the estimates).
  if (options.write_files && !options.out_dir.empty()) {
    ans.overlay_file = "calibrated.yaml";
    YamlNode doc = plan.doc;
    for (std::size_t j = 0; j < p; ++j)
      apply_scenario_override(doc, spec.free[j].key + "=" + calibrate_value_text(estimate[j]), plan.includes);
    std::string yaml = "# " + say(kOverlayHeader, plan.source_file, records.file) + "\n";
    for (const CalibratedParameter& cp : ans.parameters)
      yaml += fmt::format("#   {} = {:.6g} (95 % {:.4g} – {:.4g})\n", cp.key, cp.estimate, cp.ci95_low, cp.ci95_high);
    for (const auto& [k, v] : doc.entries()) {
      if (k.scalar() == "outputs") continue;
      yaml += yaml_scalar(k) + ":";
      yaml_block(v, 2, yaml);
    }
    ans.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    StagedDirectory out(options.out_dir, OutputRun{"calibrate", plan.base.name, spec.seed, spec.replications, {}});
    out.write("summary.json", calibration_json(ans, DRILLTWIN_VERSION).dump(2) + "\n");
    out.write("report.html", calibration_html(ans, DRILLTWIN_VERSION));
    out.write("calibrated.yaml", yaml);
    out.commit();
  }
  ans.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.seconds = ans.seconds;
  result.headline = calibration_headline(ans);
  return result;
}

std::string synthetic_drill_records(const ScenarioConfig& scenario, const SyntheticRecords& what,
                                    const JobOptions& options) {
  const Site site = build_site(scenario);
  // The buildings asked for, checked as a records file's would be.
  std::vector<int32_t> keep;
  if (!what.buildings.empty()) {
    DrillRecords probe;
    probe.file = "--buildings";
    for (const std::string& b : what.buildings) {
      DrillObservation o;
      o.building = b;
      o.building_pos = SourcePos{"--buildings", 0, 0};
      probe.observations.push_back(o);
    }
    keep = bind_drill_records(std::move(probe), site).building;
  }
  const uint64_t count = what.count;
  std::vector<SimulatedDrill> drills(count);
  auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i)
      drills[i] = simulate_drill(site, scenario, what.seed, what.first + i);
  };
  const uint32_t threads = effective_threads(options.threads ? *options.threads : scenario.run.threads);
  if (threads <= 1) {
    body(tbb::blocked_range<std::size_t>(0, count));
  } else {
    tbb::task_arena arena(static_cast<int>(threads));
    TaskHandoff handoff;
    arena.execute([&] { tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1), handoff.body(body)); });
    handoff.join();
  }
  const double start_clock = scenario.evacuation ? scenario.evacuation->alarm_clock_s : 0.0;
  const std::vector<std::string> comment = {say(kSyntheticHeader, DRILLTWIN_VERSION, scenario.source_file, what.seed,
                                                what.first, what.first + count - 1)};
  auto kept = [&](int32_t b) { return keep.empty() || std::find(keep.begin(), keep.end(), b) != keep.end(); };
  if (what.counter_interval_s <= 0) {
    std::vector<DrillPersonRow> rows;
    for (std::size_t i = 0; i < count; ++i) {
      const std::vector<DrillPersonRow> r = drill_person_rows(drills[i], site, fmt::format("synthetic-{}", what.first + i));
      const SimulatedDrill& d = drills[i];
      std::size_t k = 0;
      for (std::size_t p = 0; p < d.size(); ++p) {
        if (d.building[p] < 0) continue;
        if (kept(d.building[p])) rows.push_back(r[k]);
        ++k;
      }
    }
    return drill_records_csv(rows, start_clock, comment);
  }
  // Door counters: per drill and building, the people out of the building, then per floor the
  // people off it, per interval; each stream from the alarm to its last person.
  const std::vector<std::string>& names = site.evacuation_network->building_names();
  auto clock = [&](double t) {
    double c = std::fmod(start_clock + t, 86400.0);
    c = std::round(c * 10.0) / 10.0;
    if (c >= 86400.0) c -= 86400.0;
    const int h = static_cast<int>(c / 3600.0);
    const int m = static_cast<int>((c - h * 3600.0) / 60.0);
    return fmt::format("{:02}:{:02}:{:04.1f}", h, m, c - h * 3600.0 - m * 60.0);
  };
  std::string out;
  for (const std::string& c : comment) out += "# " + c + "\n";
  out += "drill,building,floor,alarm,time,count\n";
  const double w = what.counter_interval_s;
  for (std::size_t i = 0; i < count; ++i) {
    const SimulatedDrill& d = drills[i];
    // One alarm per building (a site alarm): the first alarm any of its residents heard.
    std::map<std::pair<int32_t, int32_t>, std::vector<double>> streams;  // (building, floor or −1) → times since the alarm
    std::map<int32_t, double> alarm;
    for (std::size_t p = 0; p < d.size(); ++p) {
      if (d.building[p] < 0 || !kept(d.building[p])) continue;
      auto [it, fresh] = alarm.try_emplace(d.building[p], d.alarm_s[p]);
      if (!fresh) it->second = std::min(it->second, d.alarm_s[p]);
    }
    for (std::size_t p = 0; p < d.size(); ++p) {
      if (d.building[p] < 0 || !kept(d.building[p])) continue;
      const double a = alarm.at(d.building[p]);
      const double out_b = d.since_alarm[static_cast<int>(DrillMeasure::LeftBuilding)][p];
      const double off_f = d.since_alarm[static_cast<int>(DrillMeasure::LeftFloor)][p];
      if (std::isfinite(out_b)) streams[{d.building[p], -1}].push_back(out_b + d.alarm_s[p] - a);
      if (std::isfinite(off_f) && d.floor[p] >= 2) streams[{d.building[p], d.floor[p]}].push_back(off_f + d.alarm_s[p] - a);
    }
    for (auto& [key, times] : streams) {
      std::sort(times.begin(), times.end());
      const double a = alarm.at(key.first);
      std::size_t next = 0;
      for (double end = w; next < times.size(); end += w) {
        std::size_t n = 0;
        while (next < times.size() && times[next] <= end) {
          ++n;
          ++next;
        }
        out += fmt::format("synthetic-{},{},{},{},{},{}\n", what.first + i, names[static_cast<std::size_t>(key.first)],
                           key.second >= 1 ? std::to_string(key.second) : "", clock(a), clock(a + end), n);
      }
    }
  }
  return out;
}

}  // namespace dt::jobs
