#include "engine/kernel/count_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernel/assert.h"
#include "engine/kernel/statistics.h"

namespace dt {

namespace {}  // namespace

double chi_square_cdf(double x, double df) {
  DT_ASSERT(df > 0, "chi_square_cdf: df > 0");
  return x <= 0 ? 0.0 : regularized_gamma_p(0.5 * df, 0.5 * x);
}

double chi_square_quantile(double p, double df) {
  DT_ASSERT(p > 0 && p < 1 && df > 0, "chi_square_quantile: p in (0, 1), df > 0");
  double lo = 0.0, hi = std::max(1.0, df);
  while (chi_square_cdf(hi, df) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (chi_square_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

CountInterval garwood_interval(uint64_t n, double level) {
  DT_ASSERT(level > 0 && level < 1, "garwood_interval: level in (0, 1)");
  const double alpha = 1.0 - level, nd = static_cast<double>(n);
  CountInterval ci;
  ci.low = n == 0 ? 0.0 : 0.5 * chi_square_quantile(alpha / 2, 2.0 * nd);
  ci.high = 0.5 * chi_square_quantile(1.0 - alpha / 2, 2.0 * nd + 2.0);
  return ci;
}

namespace {
// Smallest k with cdf(k) >= p for a non-decreasing cdf: doubling, then bisection (O(log k) calls).
template <class Cdf>
uint64_t smallest_k_reaching(double p, Cdf cdf) {
  if (cdf(0) >= p) return 0;
  uint64_t lo = 0, hi = 1;  // cdf(lo) < p
  while (cdf(hi) < p) {
    lo = hi;
    if (hi > (uint64_t{1} << 62)) return hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const uint64_t mid = lo + (hi - lo) / 2;
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return hi;
}
}  // namespace

uint64_t poisson_quantile(double p, double mean) {
  DT_ASSERT(p > 0 && p < 1 && mean >= 0, "poisson_quantile: p in (0, 1), mean >= 0");
  if (mean == 0.0) return 0;
  // P(N <= k) = Q(k + 1, mean) = 1 − P(k + 1, mean).
  return smallest_k_reaching(
      p, [mean](uint64_t k) { return 1.0 - regularized_gamma_p(static_cast<double>(k) + 1.0, mean); });
}

uint64_t negative_binomial_quantile(double p, double mean, double size) {
  DT_ASSERT(p > 0 && p < 1 && mean >= 0 && size > 0, "negative_binomial_quantile: p in (0, 1), mean >= 0, size > 0");
  if (std::isinf(size) || size > 1e12) return poisson_quantile(p, mean);
  if (mean == 0.0) return 0;
  // P(N <= k) = I_q(size, k + 1) with q = size/(size + mean) (the regularized incomplete beta).
  const double q = size / (size + mean);
  return smallest_k_reaching(
      p, [&](uint64_t k) { return regularized_incomplete_beta(size, static_cast<double>(k) + 1.0, q); });
}

double poisson_mean_absolute_deviation(double lambda) {
  DT_ASSERT(lambda >= 0, "poisson_mean_absolute_deviation: lambda >= 0");
  if (lambda == 0.0) return 0.0;
  const double k = std::floor(lambda);
  return 2.0 * std::exp(-lambda + (k + 1.0) * std::log(lambda) - log_gamma(k + 1.0));
}

double kolmogorov_p_value(double d, uint64_t n) {
  if (n == 0 || d <= 0) return 1.0;
  // Stephens' (1970) small-sample correction of √n·D, then the series 2 Σ (−1)^(j−1) e^(−2 j² t²).
  const double sn = std::sqrt(static_cast<double>(n));
  const double t = (sn + 0.12 + 0.11 / sn) * d;
  if (t < 0.2) return 1.0;
  double sum = 0.0;
  for (int j = 1; j <= 100; ++j) {
    const double term = std::exp(-2.0 * j * j * t * t);
    sum += (j % 2 == 1 ? 1.0 : -1.0) * term;
    if (term < 1e-16) break;
  }
  return std::clamp(2.0 * sum, 0.0, 1.0);
}

double digamma(double x) {
  DT_ASSERT(x > 0, "digamma: x > 0");
  double r = 0.0;
  while (x < 12.0) {
    r -= 1.0 / x;
    x += 1.0;
  }
  const double f = 1.0 / (x * x);
  return r + std::log(x) - 0.5 / x -
         f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

}  // namespace dt
