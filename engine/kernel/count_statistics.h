#pragma once
// Statistics of counts and of fitted distributions: the chi-square distribution, exact (Garwood)
// intervals for a Poisson mean, quantiles of the Poisson and negative-binomial distributions,
// the mean absolute deviation of a Poisson count, and Kolmogorov's limiting distribution. Used by
// the demand fit and forecast (engine/dispatch/demand_fit.h); methods in docs/demand.md.

#include <cstdint>

#include "engine/kernel/distribution.h"  // regularized_gamma_p, log_gamma, normal_cdf

namespace dt {

/// P(X <= x) for a chi-square variable with df > 0 degrees of freedom.
[[nodiscard]] double chi_square_cdf(double x, double df);
/// x with P(X <= x) = p, p in (0, 1) (bisection on chi_square_cdf to relative 1e-12).
[[nodiscard]] double chi_square_quantile(double p, double df);

/// Exact two-sided interval for a Poisson mean from one observed count n at confidence `level`
/// (Garwood 1936): [χ²((1−level)/2; 2n)/2, χ²((1+level)/2; 2n+2)/2], the lower bound 0 for n = 0.
struct CountInterval {
  double low = 0;
  double high = 0;
};
[[nodiscard]] CountInterval garwood_interval(uint64_t n, double level = 0.95);

/// Smallest k with P(N <= k) >= p for N ~ Poisson(mean), mean >= 0.
[[nodiscard]] uint64_t poisson_quantile(double p, double mean);
/// The same for a negative binomial with that mean and variance mean + mean²/size (size > 0;
/// size = inf is the Poisson).
[[nodiscard]] uint64_t negative_binomial_quantile(double p, double mean, double size);

/// E|N − λ| for N ~ Poisson(λ): 2 e^−λ λ^(⌊λ⌋+1) / ⌊λ⌋! (Crow 1958). The error a forecast that
/// knows the true mean still makes.
[[nodiscard]] double poisson_mean_absolute_deviation(double lambda);

/// P(K > x) for Kolmogorov's limiting distribution of √n·D (Kolmogorov 1933): the asymptotic
/// p-value of the one-sample Kolmogorov–Smirnov statistic D with n values.
[[nodiscard]] double kolmogorov_p_value(double d, uint64_t n);

/// ψ(x) = d/dx ln Γ(x) for x > 0 (recurrence to x >= 12, then the asymptotic series).
[[nodiscard]] double digamma(double x);

}  // namespace dt
