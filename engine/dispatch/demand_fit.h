#pragma once
// Demand learnt from a work-order history (docs/demand.md): arrival rates by hour of day × weekday
// × incident type × place as a log-linear Poisson model, exact intervals per hour, a test for
// overdispersion, service-time distributions by maximum likelihood, a forecast of the coming days
// with prediction intervals and its accuracy on held-out days. And the reverse: a synthetic history
// drawn from known rates with the engine's own arrival process (arrival_process.h), for tests and
// for the labelled examples in assets/.
//
// The model (a Poisson log-linear model with main effects type×hour, weekday and type×place):
//
//   λ(type, place, weekday, hour) = a[type][hour] · f[weekday] · s[type][place]      [orders/h]
//
// a: the type's rate in that hour of the day averaged over the days observed; f: the weekday's
// factor (Σ over the observed days of f = their number); s: the share of the type's orders at the
// place (Σ over places = 1). Its maximum-likelihood estimate is closed form (the model is
// decomposable): â = n(type, hour)/D, f̂_w = n(w)·D/(E_w·N), ŝ = n(type, place)/n(type) — with
// the place shares smoothed by a pseudo-count (Dirichlet prior) spread evenly over the places.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/dispatch/dispatch_config.h"
#include "engine/dispatch/work_order_history.h"
#include "engine/kernel/count_statistics.h"
#include "engine/kernel/distribution.h"

namespace dt {

/// Rates of the log-linear model above.
struct DemandModel {
  std::vector<std::string> types;
  std::vector<std::string> places;
  std::vector<std::array<double, 24>> rate_per_h;             ///< a [type][hour] [1/h, >= 0]
  std::array<double, 7> weekday_factor{1, 1, 1, 1, 1, 1, 1};  ///< f, Monday … Sunday [>= 0]
  std::vector<std::vector<double>> place_share;               ///< s [type][place], each row sums to 1

  /// λ of one cell [1/h].
  [[nodiscard]] double rate(std::size_t type, std::size_t place, int weekday, int hour) const {
    return rate_per_h[type][static_cast<std::size_t>(hour)] * weekday_factor[static_cast<std::size_t>(weekday)] *
           place_share[type][place];
  }
};

/// The demand of a bound dispatch configuration (a site's, with its travel network): each type's
/// hourly rates, no weekday effect, and place shares from its `where:` weights as the dispatch
/// model draws places (within a kind of place every place is equally likely: a building's share of
/// the flats, common areas and lift landings; "outside" takes the outdoor weight).
[[nodiscard]] DemandModel scenario_demand(const DispatchConfig& bound);

struct SynthesisOptions {
  int64_t first_day = 0;  ///< day number (since 1970-01-01) of the first day
  uint32_t days = 28;     ///< [>= 1]
  uint64_t seed = 1;
  /// 0: a Poisson process. k > 0: each type's rate on each day is multiplied by a Gamma(k, 1/k)
  /// factor (mean 1, variance 1/k), so daily counts are negative binomial (overdispersed).
  double day_gamma_shape = 0.0;
};

/// A synthetic history drawn from `truth`: for each type and day, arrivals of the non-homogeneous
/// Poisson process with rate Σ_places λ by next_arrival_time (one unit exponential per arrival),
/// each placed by s; on-site work from `service_time[type]`; the response stages from stated
/// distributions (docs/demand.md). Times rounded to the second, in time order.
[[nodiscard]] WorkOrderHistory synthesize_history(const DemandModel& truth,
                                                  const std::vector<Distribution>& service_time,
                                                  const std::vector<uint8_t>& priority,
                                                  const SynthesisOptions& options);

/// One candidate distribution fitted to service times by maximum likelihood.
struct ServiceCandidate {
  std::string name;  ///< exponential, lognormal, gamma, weibull
  Distribution dist;
  /// The parameters as a scenario writes them: exponential: mean [s]; lognormal, gamma: mean, sd
  /// [s]; weibull: shape [-], lambda [s].
  double first = 0, second = 0;
  double log_likelihood = 0;
  double aic = 0;   ///< 2·parameters − 2·log-likelihood
  double ks_d = 0;  ///< Kolmogorov–Smirnov distance to the data
  double ks_p = 1;  ///< its asymptotic p-value (conservative: parameters were estimated)
};

struct ServiceFit {
  uint64_t n = 0;                            ///< durations used (resolved − arrived, > 0)
  uint64_t skipped = 0;                      ///< orders without both times, or with no time on site
  double mean_s = 0, sd_s = 0;               ///< of the data
  std::vector<ServiceCandidate> candidates;  ///< empty when n < kMinServiceTimes
  std::size_t chosen = 0;                    ///< lowest AIC
  [[nodiscard]] bool fitted() const { return !candidates.empty(); }
};
inline constexpr uint64_t kMinServiceTimes = 10;

/// Fits the four candidates to durations (seconds, > 0).
[[nodiscard]] ServiceFit fit_service_times(std::vector<double> durations_s);

/// Pearson's dispersion test of the daily counts per type against the fitted means.
struct DispersionTest {
  double pearson = 0;          ///< X² = Σ (n − μ)²/μ over (type, day) cells
  double df = 0;               ///< cells − fitted parameters (types + 6 weekday factors)
  double ratio = 1;            ///< X²/df: about 1 for Poisson counts
  double p_value = 1;          ///< P(χ²(df) >= X²)
  bool overdispersed = false;  ///< p_value < kOverdispersionLevel and ratio > 1
  /// Negative-binomial size k (variance μ + μ²/k) by moments, Σ[(n − μ)² − n]/Σ μ² = 1/k; inf when
  /// that is <= 0.
  double nb_size = std::numeric_limits<double>::infinity();
};
inline constexpr double kOverdispersionLevel = 0.01;

struct DemandFit {
  DemandModel model;
  int64_t first_day = 0;
  uint32_t days = 0;                                   ///< D: whole days observed
  std::array<uint32_t, 7> weekday_days{};              ///< E_w: observed days of each weekday
  uint64_t orders = 0;                                 ///< N
  std::vector<std::array<uint64_t, 24>> hour_count;    ///< n(type, hour)
  std::vector<std::array<CountInterval, 24>> hour_ci;  ///< 95 % Garwood interval of a [1/h]
  std::vector<uint64_t> type_count;                    ///< n(type)
  std::vector<std::vector<uint64_t>> place_count;      ///< n(type, place)
  std::array<uint64_t, 7> weekday_count{};             ///< n(w)
  std::array<CountInterval, 7> weekday_ci{};           ///< 95 % interval of f_w (Garwood on n(w), f's scale)
  DispersionTest dispersion;                           ///< all types together
  std::vector<DispersionTest> dispersion_by_type;      ///< df = days − 1 each (approximate)
  std::vector<ServiceFit> service;                     ///< by type
  double place_pseudo_count = 1.0;                     ///< the Dirichlet prior's weight
};

/// Fits the model to the orders of `history` on days [first_day, first_day + days) (all its days
/// when days == 0). Types without an order get zero rates.
[[nodiscard]] DemandFit fit_demand(const WorkOrderHistory& history, int64_t first_day = 0, uint32_t days = 0);

/// Expected orders and 95 % prediction intervals per (day, hour, place).
struct DemandForecast {
  int64_t first_day = 0;
  uint32_t days = 0;
  std::vector<std::string> places;
  double nb_size = std::numeric_limits<double>::infinity();  ///< inf: Poisson intervals
  std::vector<double> mean;                                  ///< [(day·24 + hour)·places + place]
  std::vector<uint64_t> low, high;
  [[nodiscard]] std::size_t cell(uint32_t day, int hour, std::size_t place) const {
    return (static_cast<std::size_t>(day) * 24 + static_cast<std::size_t>(hour)) * places.size() + place;
  }
};

/// The fitted model's means for `days` days from `first_day`; intervals Poisson, or negative
/// binomial with the fit's size when it found overdispersion.
[[nodiscard]] DemandForecast forecast_demand(const DemandFit& fit, int64_t first_day, uint32_t days);

/// How a forecast compares with what happened (docs/demand.md, "Accuracy").
struct ForecastAccuracy {
  uint64_t observed = 0;                   ///< orders in the forecast's days
  double forecast = 0;                     ///< expected orders
  double accuracy_place_hour = 0;          ///< 1 − WAPE over place × hour-of-day cells (the days summed)
  double accuracy_place_hour_of_week = 0;  ///< 1 − WAPE over place × day × hour cells
  double accuracy_hour = 0;                ///< 1 − WAPE over hour-of-day cells (places summed)
  double accuracy_place = 0;               ///< 1 − WAPE over places (all hours summed)
  /// 1 − Σ E|N − μ| / Σ μ at place × hour of day for Poisson N with the forecast's means: what a
  /// forecast that knew the true rates would score on average.
  double poisson_ceiling_place_hour = 0;
  double coverage = 0;                                   ///< share of place × day × hour cells inside their interval
  std::vector<std::vector<double>> observed_place_hour;  ///< [place][hour]
  std::vector<std::vector<double>> forecast_place_hour;  ///< [place][hour]
};
[[nodiscard]] ForecastAccuracy score_forecast(const DemandForecast& forecast, const WorkOrderHistory& history);

/// 1 − Σ|o − f| / Σ o (1 − weighted absolute percentage error); NaN when Σ o = 0.
[[nodiscard]] double one_minus_wape(const std::vector<double>& observed, const std::vector<double>& forecast);

}  // namespace dt
