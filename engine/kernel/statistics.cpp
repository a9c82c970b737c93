#include "engine/kernel/statistics.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "engine/kernel/assert.h"
#include "engine/kernel/distribution.h"

namespace dt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Continued fraction for I_x(a, b) (without the prefactor), modified Lentz; converges fast for
// x < (a+1)/(a+b+2) (Numerical Recipes 3rd ed. §6.4, Lentz 1976 / Thompson & Barnett 1986).
double beta_continued_fraction(double a, double b, double x) noexcept {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  constexpr int kMaxIterations = 100000;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));  // even step
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));  // odd step
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return h;
}

// I_x(a, b) given both x and y = 1 − x, each computed without cancellation by the caller.
double incomplete_beta(double a, double b, double x, double y) noexcept {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  const double log_x = x > 0.5 ? std::log1p(-y) : std::log(x);
  const double log_y = y > 0.5 ? std::log1p(-x) : std::log(y);
  const double front = std::exp(a * log_x + b * log_y - log_beta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, y) / b;
}

// P(T > t) for t >= 0: ½ I_{ν/(ν+t²)}(ν/2, ½).
double t_upper_tail(double t, double df) noexcept {
  if (std::isinf(t)) return 0.0;
  const double t2 = t * t;
  return 0.5 * incomplete_beta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
}

// Student t density: (1 + t²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½)).
double t_pdf(double t, double df) noexcept {
  return std::exp(-0.5 * (df + 1.0) * std::log1p(t * t / df) - 0.5 * std::log(df) -
                  log_beta(0.5 * df, 0.5));
}

// From this many degrees of freedom on, the incomplete-beta continued fraction needs ~√df
// iterations and loses digits (4e-14 relative at 1e4, 4e-13 at 3e4), while the Cornish–Fisher
// expansion below is within 3e-16 for p in [1e-12, 1 − 1e-12] (checked against mpmath).
constexpr double kLargeDf = 1e4;

// Cornish–Fisher expansion of the t quantile around the normal one, Abramowitz & Stegun 26.7.5:
// t = z + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴ (first omitted term ~ z¹¹/ν⁵). Also returns dt/dz.
double cornish_fisher_t(double z, double df, double& dt_dz) noexcept {
  const double z2 = z * z;
  const double g1 = z * (z2 + 1.0) / 4.0;
  const double g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
  const double g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
  const double g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
  const double d1 = (3.0 * z2 + 1.0) / 4.0;
  const double d2 = ((25.0 * z2 + 48.0) * z2 + 3.0) / 96.0;
  const double d3 = (((21.0 * z2 + 95.0) * z2 + 51.0) * z2 - 15.0) / 384.0;
  const double d4 = ((((711.0 * z2 + 5432.0) * z2 + 7410.0) * z2 - 5760.0) * z2 - 945.0) / 92160.0;
  const double r = 1.0 / df;
  dt_dz = 1.0 + r * (d1 + r * (d2 + r * (d3 + r * d4)));
  return z + r * (g1 + r * (g2 + r * (g3 + r * g4)));
}

// t > 0 with P(T > t) = q, 0 < q < ½.
double t_upper_quantile(double q, double df) {
  if (df == 1.0) return 1.0 / std::tan(std::numbers::pi * q);  // Cauchy
  if (df == 2.0) return (1.0 - 2.0 * q) / std::sqrt(2.0 * q * (1.0 - q));
  // Start: normal quantile with the Cornish–Fisher correction (Abramowitz & Stegun 26.7.5).
  const double z = -normal_quantile(q);
  const double z2 = z * z;
  double t = z + z * (z2 + 1.0) / (4.0 * df) + z * ((5.0 * z2 + 16.0) * z2 + 3.0) / (96.0 * df * df);
  if (!(t > 0.0) || !std::isfinite(t)) t = 1.0;
  // Bracket [lo, hi] with tail(lo) > q >= tail(hi); tail is decreasing in t.
  double lo = 0.0, hi = t;
  while (t_upper_tail(hi, df) > q) {
    lo = hi;
    hi *= 2.0;
    if (std::isinf(hi)) return kInf;
  }
  // Newton on tail(t) − q, falling back to bisection when a step leaves the bracket.
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double tail = t_upper_tail(t, df);
    if (tail > q) lo = t; else hi = t;
    double next = t + (tail - q) / t_pdf(t, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::fabs(next - t) <= 1e-15 * next || next == lo || next == hi) return next;
    t = next;
  }
  return t;
}

constexpr double kZ975 = 1.959963984540054;  // standard normal quantile at 0.975

double ci95_half_width(double stddev, std::size_t n) {
  return student_t_quantile(0.975, static_cast<double>(n - 1)) * stddev /
         std::sqrt(static_cast<double>(n));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Welford

void Welford::add(double x) noexcept {
  DT_ASSERT(!std::isnan(x), "Welford::add: NaN");
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void Welford::merge(const Welford& other) noexcept {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n_), nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Welford::mean() const noexcept { return n_ == 0 ? kNaN : mean_; }
double Welford::variance() const noexcept {
  return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1);
}
double Welford::stddev() const noexcept { return std::sqrt(variance()); }
double Welford::min() const noexcept { return n_ == 0 ? kNaN : min_; }
double Welford::max() const noexcept { return n_ == 0 ? kNaN : max_; }

// ---------------------------------------------------------------------------------------------
// Quantiles and Student's t

double quantile_sorted(std::span<const double> sorted, double p) {
  DT_ASSERT(p >= 0.0 && p <= 1.0, "quantile_sorted: p outside [0, 1]");
  DT_ASSERT(std::is_sorted(sorted.begin(), sorted.end()), "quantile_sorted: input not sorted");
  if (sorted.empty()) return kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double floor_h = std::floor(h);
  const std::size_t i = static_cast<std::size_t>(floor_h);
  const double frac = h - floor_h;
  if (frac == 0.0 || i + 1 >= sorted.size()) return sorted[i];
  const double lo = sorted[i], hi = sorted[i + 1];
  if (lo == hi) return lo;
  // Clamped so that rounding can never step outside [lo, hi] (keeps p50 <= p90 <= p95 <= max).
  return std::clamp(lo + frac * (hi - lo), lo, hi);
}

double regularized_incomplete_beta(double a, double b, double x) {
  DT_ASSERT(a > 0.0 && b > 0.0, "regularized_incomplete_beta: a or b <= 0");
  DT_ASSERT(x >= 0.0 && x <= 1.0, "regularized_incomplete_beta: x outside [0, 1]");
  return incomplete_beta(a, b, x, 1.0 - x);
}

double student_t_cdf(double t, double df) {
  DT_ASSERT(df > 0.0, "student_t_cdf: df <= 0");
  if (std::isnan(t) || std::isnan(df)) return kNaN;
  if (std::isinf(df)) return normal_cdf(t);
  if (df >= kLargeDf && std::fabs(t) < 40.0) {
    // Invert the Cornish–Fisher expansion by Newton's method: P(T <= t) = Φ(z) with t(z) = t.
    double z = t, dt_dz = 1.0;
    for (int iteration = 0; iteration < 50; ++iteration) {
      const double step = (cornish_fisher_t(z, df, dt_dz) - t) / dt_dz;
      z -= step;
      if (std::fabs(step) <= 1e-16 * std::fabs(z)) break;
    }
    return normal_cdf(z);
  }
  const double upper = t_upper_tail(std::fabs(t), df);
  return t < 0.0 ? upper : 1.0 - upper;
}

double student_t_quantile(double p, double df) {
  DT_ASSERT(df > 0.0, "student_t_quantile: df <= 0");
  if (std::isnan(p) || std::isnan(df)) return kNaN;
  if (p <= 0.0) return -kInf;
  if (p >= 1.0) return kInf;
  if (p == 0.5) return 0.0;
  if (std::isinf(df)) return normal_quantile(p);
  if (df >= kLargeDf) {
    double dt_dz;
    return cornish_fisher_t(normal_quantile(p), df, dt_dz);
  }
  return p < 0.5 ? -t_upper_quantile(p, df) : t_upper_quantile(1.0 - p, df);
}

// ---------------------------------------------------------------------------------------------
// Summaries

Interval wilson_interval(double successes, double trials, double z) {
  const double p = successes / trials, z2n = z * z / trials;
  const double centre = (p + z2n / 2.0) / (1.0 + z2n);
  const double half = z / (1.0 + z2n) * std::sqrt(p * (1.0 - p) / trials + z2n / (4.0 * trials));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

SampleSummary summarize(std::span<const double> values, KpiRange range) {
  SampleSummary s;
  std::vector<double> sorted;
  sorted.reserve(values.size());
  Welford w;
  for (const double x : values) {
    if (std::isnan(x)) {
      ++s.skipped;
      continue;
    }
    sorted.push_back(x);
    w.add(x);
  }
  s.n = sorted.size();
  if (s.n == 0) return s;
  std::sort(sorted.begin(), sorted.end());
  s.min = sorted.front();
  s.max = sorted.back();
  // Welford's mean of equal values is exactly that value; the clamp guards min <= mean <= max.
  s.mean = std::clamp(w.mean(), s.min, s.max);
  s.p50 = quantile_sorted(sorted, 0.50);
  s.p90 = quantile_sorted(sorted, 0.90);
  s.p95 = quantile_sorted(sorted, 0.95);
  if (s.n >= 2) {
    s.stddev = w.stddev();
    const double half = ci95_half_width(s.stddev, s.n);  // >= 0: low <= mean <= high exactly
    s.ci95_low = s.mean - half;
    s.ci95_high = s.mean + half;
    const double lowest = range == KpiRange::Any ? -std::numeric_limits<double>::infinity() : 0.0;
    const double highest = range == KpiRange::Fraction ? 1.0 : std::numeric_limits<double>::infinity();
    const bool events = range == KpiRange::Fraction &&
                        std::all_of(sorted.begin(), sorted.end(), [](double x) { return x == 0.0 || x == 1.0; });
    if (events) {
      // Each replication is one trial with outcome 0 or 1; mean = successes / n exactly enough
      // for the score interval, which always contains it (clamp guards the last bit).
      const Interval w = wilson_interval(s.mean * static_cast<double>(s.n), static_cast<double>(s.n), kZ975);
      s.ci95_low = std::min(w.low, s.mean);
      s.ci95_high = std::max(w.high, s.mean);
      s.ci_method = CiMethod::Wilson;
    } else if (s.ci95_low < lowest || s.ci95_high > highest) {
      s.ci95_low = std::max(s.ci95_low, lowest);
      s.ci95_high = std::min(s.ci95_high, highest);
      s.ci_method = CiMethod::StudentTClamped;
    }
  }
  return s;
}

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b) {
  DT_ASSERT(a.size() == b.size(), "paired_difference: a and b differ in length");
  PairedDifference d;
  Welford w;
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    const double diff = b[i] - a[i];
    if (std::isnan(diff)) continue;  // inf − inf
    w.add(diff);
  }
  d.n = static_cast<std::size_t>(w.count());
  if (d.n == 0) return d;
  d.mean = w.mean();
  if (d.n >= 2) {
    d.stddev = w.stddev();
    const double half = ci95_half_width(d.stddev, d.n);
    d.ci95_low = d.mean - half;
    d.ci95_high = d.mean + half;
    d.significant = d.ci95_low > 0.0 || d.ci95_high < 0.0;
  }
  return d;
}

}  // namespace dt
