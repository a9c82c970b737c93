#include "engine/dispatch/demand_fit.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/dispatch/arrival_process.h"
#include "engine/kernel/assert.h"
#include "engine/kernel/civil_date.h"
#include "engine/kernel/random.h"

namespace dt {

namespace {
constexpr double kHour_s = 3600.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Random-stream purposes of the synthetic history (entity: (type << 32) | day index).
constexpr const char* kSynthArrivals = "history.arrivals";
constexpr const char* kSynthDay = "history.day_factor";
constexpr const char* kSynthOrder = "history.order";  // entity: (type << 40) | occurrence

// Response stages of a synthetic order (assumptions, docs/demand.md): accepted after an
// exponential 1 min, dispatched an exponential 2 min later, on site after a lognormal walk of
// mean 10 min (sd 5 min).
const Distribution& accept_delay() {
  static const Distribution d = Distribution::exponential(60.0);
  return d;
}
const Distribution& dispatch_delay() {
  static const Distribution d = Distribution::exponential(120.0);
  return d;
}
const Distribution& travel_delay() {
  static const Distribution d = Distribution::lognormal(600.0, 300.0);
  return d;
}

int hour_of(double time_s) {
  const double clock = time_s - std::floor(time_s / kDay_s) * kDay_s;
  return std::min(23, static_cast<int>(clock / kHour_s));
}
int64_t day_of(double time_s) { return static_cast<int64_t>(std::floor(time_s / kDay_s)); }

// Kolmogorov–Smirnov distance between sorted data and a CDF.
template <class F>
double ks_distance(const std::vector<double>& sorted, F cdf) {
  const double n = static_cast<double>(sorted.size());
  double d = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = cdf(sorted[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

// Root of an increasing function on [lo, hi] by bisection in log space.
template <class F>
double increasing_root(F f, double lo, double hi) {
  for (int i = 0; i < 200; ++i) {
    const double mid = std::sqrt(lo * hi);
    (f(mid) < 0 ? lo : hi) = mid;
    if (hi / lo - 1.0 < 1e-12) break;
  }
  return std::sqrt(lo * hi);
}

DispersionTest pearson_test(const std::vector<double>& counts, const std::vector<double>& means, double parameters) {
  DispersionTest t;
  double cells = 0, excess = 0, mu2 = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double mu = means[i];
    if (mu <= 0) continue;
    const double r = counts[i] - mu;
    t.pearson += r * r / mu;
    excess += r * r - counts[i];
    mu2 += mu * mu;
    cells += 1;
  }
  t.df = cells - parameters;
  if (t.df < 1) {
    t.df = 0;
    t.ratio = kNaN;
    t.p_value = kNaN;
    return t;
  }
  t.ratio = t.pearson / t.df;
  t.p_value = 1.0 - chi_square_cdf(t.pearson, t.df);
  t.overdispersed = t.p_value < kOverdispersionLevel && t.ratio > 1.0;
  if (excess > 0 && mu2 > 0) t.nb_size = mu2 / excess;
  return t;
}
}  // namespace

DemandModel scenario_demand(const DispatchConfig& c) {
  DT_ASSERT(c.travel != nullptr, "scenario_demand needs the bound configuration (a layout)");
  const TravelModel& tm = *c.travel;
  DemandModel m;
  for (const BuildingNet& b : tm.network().buildings) m.places.push_back(b.id);
  m.places.emplace_back("outside");
  const std::size_t outside = m.places.size() - 1;
  const std::vector<NodeId>* lists[4] = {&tm.units(), &tm.common(), &tm.elevator_stops(), &tm.outdoor()};
  std::array<std::vector<double>, 4> per_place;  // share of each kind's places in each place
  for (std::size_t k = 0; k < 4; ++k) {
    per_place[k].assign(m.places.size(), 0.0);
    for (const NodeId n : *lists[k]) {
      const int32_t b = tm.building(n);
      per_place[k][b >= 0 ? std::min(static_cast<std::size_t>(b), outside) : outside] += 1.0;
    }
    for (double& v : per_place[k]) v /= static_cast<double>(std::max<std::size_t>(1, lists[k]->size()));
  }
  for (const IncidentType& t : c.types) {
    m.types.push_back(t.name);
    m.rate_per_h.push_back(t.arrivals.rate_per_h);
    const std::array<double, 4> w = {t.where.units, t.where.common, t.where.elevators, t.where.outdoor};
    double total = 0;
    for (std::size_t k = 0; k < 4; ++k)
      if (!lists[k]->empty()) total += w[k];
    std::vector<double> share(m.places.size(), 0.0);
    for (std::size_t k = 0; k < 4; ++k)
      if (!lists[k]->empty() && total > 0)
        for (std::size_t p = 0; p < share.size(); ++p) share[p] += w[k] / total * per_place[k][p];
    m.place_share.push_back(std::move(share));
  }
  return m;
}

WorkOrderHistory synthesize_history(const DemandModel& truth, const std::vector<Distribution>& service_time,
                                    const std::vector<uint8_t>& priority, const SynthesisOptions& o) {
  DT_ASSERT(service_time.size() == truth.types.size() && priority.size() == truth.types.size(), "one per type");
  WorkOrderHistory h;
  h.types = truth.types;
  h.places = truth.places;
  const StreamFamily arrivals(o.seed, 0, purpose_id(kSynthArrivals)), day_factors(o.seed, 0, purpose_id(kSynthDay)),
      orders(o.seed, 0, purpose_id(kSynthOrder));
  const Distribution day_gamma =
      o.day_gamma_shape > 0 ? Distribution::gamma(1.0, 1.0 / std::sqrt(o.day_gamma_shape)) : Distribution::fixed(1.0);
  for (std::size_t t = 0; t < truth.types.size(); ++t) {
    uint64_t occurrence = 0;
    for (uint32_t d = 0; d < o.days; ++d) {
      const int64_t day = o.first_day + d;
      const int wd = weekday_of_epoch_day(day);
      const uint64_t entity = (static_cast<uint64_t>(t) << 32) | d;
      RandomStream day_rng = day_factors.stream(entity);
      const double factor = truth.weekday_factor[static_cast<std::size_t>(wd)] * day_gamma.sample(day_rng);
      ArrivalProcessConfig process;  // the day's rate; the engine's own inversion of its integral
      for (std::size_t hr = 0; hr < 24; ++hr) process.rate_per_h[hr] = truth.rate_per_h[t][hr] * factor;
      RandomStream rng = arrivals.stream(entity);
      double now = 0;
      for (;;) {
        now = next_arrival_time(process, now, rng.exponential(1.0));
        if (!(now < kDay_s)) break;
        RandomStream orng = orders.stream((static_cast<uint64_t>(t) << 40) | occurrence++);
        WorkOrder w;
        w.time_s = std::round(static_cast<double>(day) * kDay_s + now);
        w.type = static_cast<uint32_t>(t);
        double u = orng.uniform01(), acc = 0;
        w.place = static_cast<uint32_t>(truth.places.size());
        for (std::size_t p = 0; p < truth.places.size(); ++p) {
          if (truth.place_share[t][p] <= 0) continue;
          acc += truth.place_share[t][p];
          w.place = static_cast<uint32_t>(p);  // the last place with a share takes rounding at the top
          if (u < acc) break;
        }
        DT_ASSERT(w.place < truth.places.size(), "a type with no place to happen");
        w.priority = priority[t];
        w.accepted_s = std::round(w.time_s + accept_delay().sample(orng));
        w.dispatched_s = std::round(w.accepted_s + dispatch_delay().sample(orng));
        w.arrived_s = std::round(w.dispatched_s + travel_delay().sample(orng));
        w.resolved_s = std::round(w.arrived_s + service_time[t].sample(orng));
        h.orders.push_back(w);
      }
    }
  }
  std::stable_sort(h.orders.begin(), h.orders.end(), [](const WorkOrder& a, const WorkOrder& b) {
    return a.time_s < b.time_s || (a.time_s == b.time_s && a.type < b.type);
  });
  return h;
}

ServiceFit fit_service_times(std::vector<double> x) {
  ServiceFit f;
  f.n = x.size();
  if (x.empty()) return f;
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double sum = 0, sum_log = 0;
  for (const double v : x) {
    sum += v;
    sum_log += std::log(v);
  }
  const double mean = sum / n, mean_log = sum_log / n;
  double ss = 0, ss_log = 0;
  for (const double v : x) {
    ss += (v - mean) * (v - mean);
    ss_log += (std::log(v) - mean_log) * (std::log(v) - mean_log);
  }
  f.mean_s = mean;
  f.sd_s = x.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  if (f.n < kMinServiceTimes || ss <= 0) return f;

  auto add = [&](std::string name, auto make, double p1, double p2, double ll, int params, auto cdf) {
    // Data far outside working times (seconds to years) can push an estimate out of range: such a
    // candidate is left out rather than made into an invalid distribution.
    const bool one = params == 1;
    if (!std::isfinite(p1) || p1 <= 0 || (!one && (!std::isfinite(p2) || p2 <= 0)) || !std::isfinite(ll)) return;
    Distribution dist = make();
    ServiceCandidate c{std::move(name), std::move(dist), p1, p2, ll, 2.0 * params - 2.0 * ll, ks_distance(x, cdf), 1.0};
    c.ks_p = kolmogorov_p_value(c.ks_d, f.n);
    f.candidates.push_back(std::move(c));
  };
  {  // exponential: the mean
    add(
        "exponential", [&] { return Distribution::exponential(mean); }, mean, 0.0, -n * std::log(mean) - n, 1,
        [&](double v) { return 1.0 - std::exp(-v / mean); });
  }
  {  // lognormal: mean and (MLE) sd of ln x
    const double mu = mean_log, sigma = std::sqrt(ss_log / n);
    const double m = std::exp(mu + sigma * sigma / 2), sd = m * std::sqrt(std::expm1(sigma * sigma));
    const double ll = -sum_log - n * std::log(sigma) - n / 2 * std::log(2 * M_PI) - n / 2;
    add(
        "lognormal", [&] { return Distribution::lognormal(m, sd); }, m, sd, ll, 2,
        [&](double v) { return normal_cdf((std::log(v) - mu) / sigma); });
  }
  {  // gamma: ln k − ψ(k) = ln x̄ − mean ln x (Choi & Wette 1969), θ = x̄/k
    const double s = std::log(mean) - mean_log;
    const double k = increasing_root([&](double kk) { return s - (std::log(kk) - digamma(kk)); }, 1e-4, 1e7);
    const double theta = mean / k;
    const double ll = (k - 1) * sum_log - sum / theta - n * k * std::log(theta) - n * log_gamma(k);
    add(
        "gamma", [&] { return Distribution::gamma(mean, std::sqrt(k) * theta); }, mean, std::sqrt(k) * theta, ll, 2,
        [&](double v) { return regularized_gamma_p(k, v / theta); });
  }
  {  // Weibull: Σ x^k ln x / Σ x^k − 1/k = mean ln x (Cohen 1965), on x / x̄ for range
    auto g = [&](double k) {
      double a = 0, b = 0;
      for (const double v : x) {
        const double z = std::pow(v / mean, k);
        a += z * std::log(v);
        b += z;
      }
      return a / b - 1.0 / k - mean_log;
    };
    const double k = increasing_root(g, 0.02, 200.0);
    double b = 0;
    for (const double v : x) b += std::pow(v / mean, k);
    const double lambda = mean * std::pow(b / n, 1.0 / k);
    double ll = n * std::log(k) - n * k * std::log(lambda) + (k - 1) * sum_log;
    for (const double v : x) ll -= std::pow(v / lambda, k);
    add(
        "weibull", [&] { return Distribution::weibull(k, lambda); }, k, lambda, ll, 2,
        [&](double v) { return 1.0 - std::exp(-std::pow(v / lambda, k)); });
  }
  for (std::size_t i = 1; i < f.candidates.size(); ++i)  // (the exponential is always there)
    if (f.candidates[i].aic < f.candidates[f.chosen].aic) f.chosen = i;
  return f;
}

DemandFit fit_demand(const WorkOrderHistory& h, int64_t first_day, uint32_t days) {
  DemandFit f;
  if (days == 0) {
    first_day = h.first_day();
    days = h.orders.empty() ? 0 : static_cast<uint32_t>(h.last_day() - h.first_day() + 1);
  }
  f.first_day = first_day;
  f.days = days;
  const std::size_t T = h.types.size(), P = h.places.size();
  DemandModel& m = f.model;
  m.types = h.types;
  m.places = h.places;
  f.hour_count.assign(T, {});
  f.type_count.assign(T, 0);
  f.place_count.assign(T, std::vector<uint64_t>(P, 0));
  std::vector<double> type_day(T * std::max<uint32_t>(days, 1), 0.0);
  std::vector<std::vector<double>> service(T);
  for (uint32_t d = 0; d < days; ++d) ++f.weekday_days[static_cast<std::size_t>(weekday_of_epoch_day(first_day + d))];
  for (const WorkOrder& o : h.orders) {
    const int64_t day = day_of(o.time_s);
    if (day < first_day || day >= first_day + days) continue;
    const auto wd = static_cast<std::size_t>(weekday_of_epoch_day(day));
    ++f.orders;
    ++f.hour_count[o.type][static_cast<std::size_t>(hour_of(o.time_s))];
    ++f.type_count[o.type];
    ++f.place_count[o.type][o.place];
    ++f.weekday_count[wd];
    type_day[o.type * days + static_cast<std::size_t>(day - first_day)] += 1;
    if (!std::isnan(o.arrived_s) && !std::isnan(o.resolved_s) && o.resolved_s > o.arrived_s)
      service[o.type].push_back(o.resolved_s - o.arrived_s);
  }
  const double D = days, N = static_cast<double>(f.orders);
  // a: counts over days; Garwood intervals on the count, divided by the days.
  m.rate_per_h.assign(T, {});
  f.hour_ci.assign(T, {});
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t hr = 0; hr < 24; ++hr) {
      const uint64_t n = f.hour_count[t][hr];
      m.rate_per_h[t][hr] = D > 0 ? static_cast<double>(n) / D : 0.0;
      const CountInterval ci = garwood_interval(n);
      f.hour_ci[t][hr] = {D > 0 ? ci.low / D : 0.0, D > 0 ? ci.high / D : kInf};
    }
  // f: the weekday's orders per observed day relative to the average day.
  for (std::size_t w = 0; w < 7; ++w) {
    const double e = f.weekday_days[w];
    const double scale = e > 0 && N > 0 ? D / (e * N) : 0.0;
    m.weekday_factor[w] = e > 0 && N > 0 ? static_cast<double>(f.weekday_count[w]) * scale : 1.0;
    const CountInterval ci = garwood_interval(f.weekday_count[w]);
    f.weekday_ci[w] = e > 0 && N > 0 ? CountInterval{ci.low * scale, ci.high * scale} : CountInterval{kNaN, kNaN};
  }
  // s: the type's places, with a pseudo-count spread evenly (so a place without orders yet keeps a
  // small share instead of none).
  m.place_share.assign(T, std::vector<double>(P, 0.0));
  for (std::size_t t = 0; t < T; ++t) {
    const double total = static_cast<double>(f.type_count[t]) + f.place_pseudo_count;
    for (std::size_t p = 0; p < P; ++p)
      m.place_share[t][p] =
          (static_cast<double>(f.place_count[t][p]) + f.place_pseudo_count / static_cast<double>(P)) / total;
  }
  // Overdispersion: daily counts of each type against μ = n(type)/D · f(weekday).
  std::vector<double> counts, means;
  f.dispersion_by_type.assign(T, {});
  for (std::size_t t = 0; t < T; ++t) {
    std::vector<double> tc, tm;
    for (uint32_t d = 0; d < days; ++d) {
      const double mu = static_cast<double>(f.type_count[t]) / D *
                        m.weekday_factor[static_cast<std::size_t>(weekday_of_epoch_day(first_day + d))];
      tc.push_back(type_day[t * days + d]);
      tm.push_back(mu);
    }
    f.dispersion_by_type[t] = pearson_test(tc, tm, f.type_count[t] > 0 ? 1.0 : 0.0);
    counts.insert(counts.end(), tc.begin(), tc.end());
    means.insert(means.end(), tm.begin(), tm.end());
  }
  std::size_t active = 0;
  for (const uint64_t c : f.type_count) active += c > 0 ? 1 : 0;
  f.dispersion = pearson_test(counts, means, static_cast<double>(active) + 6.0);
  for (std::size_t t = 0; t < T; ++t) f.service.push_back(fit_service_times(std::move(service[t])));
  return f;
}

DemandForecast forecast_demand(const DemandFit& fit, int64_t first_day, uint32_t days) {
  DemandForecast fc;
  fc.first_day = first_day;
  fc.days = days;
  fc.places = fit.model.places;
  fc.nb_size = fit.dispersion.overdispersed ? fit.dispersion.nb_size : kInf;
  const std::size_t P = fc.places.size();
  fc.mean.assign(static_cast<std::size_t>(days) * 24 * P, 0.0);
  fc.low.assign(fc.mean.size(), 0);
  fc.high.assign(fc.mean.size(), 0);
  for (uint32_t d = 0; d < days; ++d) {
    const int wd = weekday_of_epoch_day(first_day + d);
    for (int hr = 0; hr < 24; ++hr)
      for (std::size_t p = 0; p < P; ++p) {
        double mu = 0;
        for (std::size_t t = 0; t < fit.model.types.size(); ++t) mu += fit.model.rate(t, p, wd, hr);
        const std::size_t c = fc.cell(d, hr, p);
        fc.mean[c] = mu;
        fc.low[c] = mu > 0 ? negative_binomial_quantile(0.025, mu, fc.nb_size) : 0;
        fc.high[c] = mu > 0 ? negative_binomial_quantile(0.975, mu, fc.nb_size) : 0;
      }
  }
  return fc;
}

double one_minus_wape(const std::vector<double>& observed, const std::vector<double>& forecast) {
  DT_ASSERT(observed.size() == forecast.size(), "same cells");
  double err = 0, total = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    err += std::fabs(observed[i] - forecast[i]);
    total += observed[i];
  }
  return total > 0 ? 1.0 - err / total : kNaN;
}

ForecastAccuracy score_forecast(const DemandForecast& fc, const WorkOrderHistory& h) {
  ForecastAccuracy a;
  const std::size_t P = fc.places.size();
  std::vector<double> obs_cell(fc.mean.size(), 0.0);
  for (const WorkOrder& o : h.orders) {
    const int64_t day = day_of(o.time_s);
    if (day < fc.first_day || day >= fc.first_day + fc.days) continue;
    ++a.observed;
    obs_cell[fc.cell(static_cast<uint32_t>(day - fc.first_day), hour_of(o.time_s), o.place)] += 1;
  }
  a.observed_place_hour.assign(P, std::vector<double>(24, 0.0));
  a.forecast_place_hour.assign(P, std::vector<double>(24, 0.0));
  std::vector<double> oh(24, 0.0), fh(24, 0.0), op(P, 0.0), fp(P, 0.0);
  uint64_t inside = 0;
  for (uint32_t d = 0; d < fc.days; ++d)
    for (int hr = 0; hr < 24; ++hr)
      for (std::size_t p = 0; p < P; ++p) {
        const std::size_t c = fc.cell(d, hr, p);
        const auto hu = static_cast<std::size_t>(hr);
        a.observed_place_hour[p][hu] += obs_cell[c];
        a.forecast_place_hour[p][hu] += fc.mean[c];
        oh[hu] += obs_cell[c];
        fh[hu] += fc.mean[c];
        op[p] += obs_cell[c];
        fp[p] += fc.mean[c];
        a.forecast += fc.mean[c];
        if (obs_cell[c] >= static_cast<double>(fc.low[c]) && obs_cell[c] <= static_cast<double>(fc.high[c])) ++inside;
      }
  std::vector<double> o2, f2;
  double mad = 0, mu = 0;
  for (std::size_t p = 0; p < P; ++p)
    for (std::size_t hr = 0; hr < 24; ++hr) {
      o2.push_back(a.observed_place_hour[p][hr]);
      f2.push_back(a.forecast_place_hour[p][hr]);
      mad += poisson_mean_absolute_deviation(a.forecast_place_hour[p][hr]);
      mu += a.forecast_place_hour[p][hr];
    }
  a.accuracy_place_hour = one_minus_wape(o2, f2);
  a.accuracy_place_hour_of_week = one_minus_wape(obs_cell, fc.mean);
  a.accuracy_hour = one_minus_wape(oh, fh);
  a.accuracy_place = one_minus_wape(op, fp);
  a.poisson_ceiling_place_hour = mu > 0 ? 1.0 - mad / mu : kNaN;
  a.coverage = fc.mean.empty() ? kNaN : static_cast<double>(inside) / static_cast<double>(fc.mean.size());
  return a;
}

}  // namespace dt
