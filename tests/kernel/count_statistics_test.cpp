// engine/kernel/count_statistics.cpp against published tables and closed forms.
#include "engine/kernel/count_statistics.h"

#include <cmath>

#include <gtest/gtest.h>

namespace dt {
namespace {

TEST(CountStatistics, ChiSquareQuantilesMatchTheTables) {
  // Abramowitz & Stegun Table 26.8 (and any chi-square table): 3.841459 (1 df), 18.307038 (10 df).
  EXPECT_NEAR(chi_square_quantile(0.95, 1), 3.841459, 1e-5);
  EXPECT_NEAR(chi_square_quantile(0.95, 10), 18.307038, 1e-5);
  EXPECT_NEAR(chi_square_quantile(0.025, 20), 9.590777, 1e-5);
  // With 2 df the chi-square is exponential with mean 2: P(X <= x) = 1 − e^(−x/2).
  EXPECT_NEAR(chi_square_cdf(3.0, 2), 1.0 - std::exp(-1.5), 1e-12);
}

TEST(CountStatistics, GarwoodIntervalsMatchThePublishedExactLimits) {
  // Exact 95 % limits for a Poisson mean (Garwood 1936; e.g. Ulm 1990, Table 1).
  const CountInterval zero = garwood_interval(0);
  EXPECT_EQ(zero.low, 0.0);
  EXPECT_NEAR(zero.high, 3.688879, 1e-5);  // = −ln(0.025)
  const CountInterval ten = garwood_interval(10);
  EXPECT_NEAR(ten.low, 4.795389, 1e-5);
  EXPECT_NEAR(ten.high, 18.390356, 1e-5);
}

TEST(CountStatistics, PoissonAndNegativeBinomialQuantiles) {
  // Poisson(10): P(N <= 3) = 0.0103, P(N <= 4) = 0.0293, P(N <= 16) = 0.9730, P(N <= 17) = 0.9857.
  EXPECT_EQ(poisson_quantile(0.025, 10.0), 4u);
  EXPECT_EQ(poisson_quantile(0.975, 10.0), 17u);
  EXPECT_EQ(poisson_quantile(0.975, 0.0), 0u);
  // A negative binomial with a huge size is the Poisson; with size 1 it is geometric:
  // P(N <= k) = 1 − (m/(1+m))^(k+1); for m = 4, the 0.9 quantile is the smallest k with 0.8^(k+1) <= 0.1: k = 10.
  EXPECT_EQ(negative_binomial_quantile(0.975, 10.0, 1e15), 17u);
  EXPECT_EQ(negative_binomial_quantile(0.9, 4.0, 1.0), 10u);
}

TEST(CountStatistics, PoissonMeanAbsoluteDeviation) {
  // E|N − 1| for Poisson(1) = 2/e (Crow 1958); for λ = 2: 2 e^−2 2³/2! = 8 e^−2.
  EXPECT_NEAR(poisson_mean_absolute_deviation(1.0), 2.0 / std::exp(1.0), 1e-12);
  EXPECT_NEAR(poisson_mean_absolute_deviation(2.0), 8.0 * std::exp(-2.0), 1e-12);
  EXPECT_EQ(poisson_mean_absolute_deviation(0.0), 0.0);
}

TEST(CountStatistics, KolmogorovAndDigamma) {
  // The 5 % critical value of √n·D is 1.3581 (Kolmogorov's limit; Smirnov 1948).
  EXPECT_NEAR(kolmogorov_p_value(1.3581 / std::sqrt(1e8), 100000000), 0.05, 1e-3);
  EXPECT_NEAR(digamma(1.0), -0.5772156649015329, 1e-12);  // −γ (Euler–Mascheroni)
  EXPECT_NEAR(digamma(0.5), -0.5772156649015329 - 2 * std::log(2.0), 1e-12);
}

}  // namespace
}  // namespace dt
