#include "engine/kernel/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "engine/kernel/random.h"

namespace dt {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kSamples = 200'000;

// Kolmogorov–Smirnov distance sup |F_n(x) − F(x)|, evaluated on both sides of every jump of the
// empirical CDF (so it is also right for discrete F, where the test is then conservative).
double ks_statistic(std::vector<double> xs, const Distribution& d) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double dmax = 0.0;
  for (std::size_t i = 0; i < xs.size();) {
    std::size_t j = i;
    while (j < xs.size() && xs[j] == xs[i]) ++j;
    const double f_at = d.cdf(xs[i]);
    const double f_left = d.cdf(std::nextafter(xs[i], -kInf));
    dmax = std::max({dmax, std::fabs(static_cast<double>(j) / n - f_at),
                     std::fabs(static_cast<double>(i) / n - f_left)});
    i = j;
  }
  return dmax;
}

struct Case {
  std::string name;
  Distribution dist;
  double sd_tolerance = 0.02;  // relative, for the sample standard deviation
};

// The statistical check every kind must pass: n = 200 000 samples from a fixed stream;
// bounds never violated; sample mean within 4 standard errors of mean(); sample sd close to
// stddev(); KS distance below the 0.1 % critical value 1.95/√n (Smirnov's asymptotic table).
void expect_matches(const Case& c, uint64_t entity) {
  SCOPED_TRACE(c.name + " = " + c.dist.describe());
  RandomStream rng(20240601, 0, purpose_id("distribution_test"), entity);
  std::vector<double> xs(kSamples);
  double sum = 0.0;
  for (double& x : xs) {
    x = c.dist.sample(rng);
    sum += x;
  }
  const double n = kSamples;
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  EXPECT_GE(*lo, c.dist.support_min());
  EXPECT_LE(*hi, c.dist.support_max());

  const double mean = sum / n;
  double ss = 0.0;
  for (const double x : xs) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / (n - 1.0));
  EXPECT_NEAR(mean, c.dist.mean(), 4.0 * c.dist.stddev() / std::sqrt(n));
  EXPECT_NEAR(sd, c.dist.stddev(), c.sd_tolerance * c.dist.stddev());
  const double ks = ks_statistic(xs, c.dist);
  EXPECT_LT(ks, 1.95 / std::sqrt(n));
  if (std::getenv("DT_PRINT_KS"))
    std::printf("%-40s mean z %+.2f  sd rel %+.4f  KS·√n %.3f\n", c.name.c_str(),
                (mean - c.dist.mean()) / (c.dist.stddev() / std::sqrt(n)),
                sd / c.dist.stddev() - 1.0, ks * std::sqrt(n));
}

TEST(Distribution, EveryKindMatchesItsMeanSdAndCdf) {
  const std::vector<Case> cases = {
      {"fixed", Distribution::fixed(42.0)},
      {"uniform", Distribution::uniform(2.0, 5.0)},
      {"exponential", Distribution::exponential(60.0)},
      {"normal", Distribution::normal(10.0, 3.0)},
      {"normal truncated both sides", Distribution::normal(10.0, 3.0, 8.0, 20.0)},
      {"normal truncated in the upper tail", Distribution::normal(0.0, 1.0, 2.5, kInf)},
      {"normal truncated in the lower tail", Distribution::normal(0.0, 1.0, -kInf, -3.0)},
      {"normal far upper window", Distribution::normal(0.0, 1.0, 6.0, 7.0)},
      {"lognormal", Distribution::lognormal(300.0, 120.0)},
      {"lognormal truncated above", Distribution::lognormal(300.0, 120.0, 0.0, 400.0)},
      {"lognormal truncated both sides", Distribution::lognormal(300.0, 120.0, 250.0, 600.0)},
      {"triangular", Distribution::triangular(1.0, 3.0, 10.0)},
      {"triangular mode at min", Distribution::triangular(0.0, 0.0, 1.0)},
      {"triangular mode at max", Distribution::triangular(0.0, 1.0, 1.0)},
      {"gamma shape 6.25", Distribution::gamma(5.0, 2.0)},
      {"gamma shape 1", Distribution::gamma(3.0, 3.0)},
      {"gamma shape 0.25", Distribution::gamma(1.0, 2.0), 0.04},
      {"weibull shape 1.5", Distribution::weibull(1.5, 100.0)},
      {"weibull shape 0.7", Distribution::weibull(0.7, 10.0), 0.04},
      {"discrete", Distribution::discrete({10.0, 1.0, 3.0, 2.0}, {0.4, 0.1, 0.3, 0.2})},
      {"discrete with zero weights", Distribution::discrete({5.0, -1.0, 7.0, 9.0}, {0.0, 2.0, 1.0, 0.0})},
      {"empirical", Distribution::empirical({0.0, 10.0, 20.0, 60.0}, {0.0, 0.3, 0.8, 1.0})},
      {"empirical with an atom", Distribution::empirical({0.0, 5.0, 5.0, 10.0}, {0.0, 0.5, 0.7, 1.0})},
  };
  uint64_t entity = 0;
  for (const Case& c : cases) expect_matches(c, entity++);
}

TEST(Distribution, SamplingConsumesOneDrawExceptGamma) {
  const std::vector<Distribution> one_draw = {
      Distribution::fixed(1.0),
      Distribution::uniform(0.0, 1.0),
      Distribution::exponential(1.0),
      Distribution::normal(0.0, 1.0, -1.0, 2.0),
      Distribution::lognormal(5.0, 1.0, 1.0, 9.0),
      Distribution::triangular(0.0, 1.0, 2.0),
      Distribution::weibull(2.0, 1.0),
      Distribution::discrete({1.0, 2.0}, {1.0, 1.0}),
      Distribution::empirical({0.0, 1.0}, {0.0, 1.0}),
  };
  for (const Distribution& d : one_draw) {
    RandomStream rng(1, 2, 3, 4);
    for (int i = 0; i < 10; ++i) (void)d.sample(rng);
    EXPECT_EQ(rng.draw_count(), 10u) << d.describe();
  }
  RandomStream rng(1, 2, 3, 4);
  (void)Distribution::gamma(2.0, 1.0).sample(rng);
  EXPECT_GE(rng.draw_count(), 2u);
}

// Inversion keeps common random numbers monotone: a larger uniform gives a larger sample.
TEST(Distribution, InversionIsMonotoneInTheUniform) {
  const Distribution d = Distribution::lognormal(300.0, 120.0, 0.0, 3600.0);
  RandomStream a(9, 9, 9, 9);
  RandomStream b = a;
  for (int i = 0; i < 1000; ++i) {
    const double u = b.uniform01();
    const double x = d.sample(a);
    EXPECT_NEAR(d.cdf(x), u, 1e-9);
  }
}

// Hand calculation for mean 300, sd 120 (of the variable):
//   σ² = ln(1 + (120/300)²) = ln 1.16 = 0.148420005118273,  σ = 0.385253170159926
//   μ  = ln 300 − σ²/2 = 5.703782474656201 − 0.074210002559137 = 5.629572472097064
//   E[X] = exp(μ + σ²/2) = exp(ln 300) = 300
//   Var[X] = (exp(σ²) − 1) · exp(2μ + σ²) = 0.16 · 300² = 14400,  sd = 120
// So the median is e^μ (CDF 0.5) and CDF(e^(μ+σ)) = Φ(1) = 0.841344746068543.
TEST(Distribution, LognormalIsParameterisedByTheVariablesMeanAndSd) {
  const Distribution d = Distribution::lognormal(300.0, 120.0);
  EXPECT_DOUBLE_EQ(d.mean(), 300.0);
  EXPECT_DOUBLE_EQ(d.stddev(), 120.0);
  EXPECT_NEAR(d.cdf(std::exp(5.629572472097064)), 0.5, 1e-14);
  EXPECT_NEAR(d.cdf(std::exp(5.629572472097064 + 0.385253170159926)), 0.841344746068543, 1e-13);
  // Truncation changes the moments: [0, 3600] removes almost nothing, [0, 300] a lot.
  EXPECT_NEAR(Distribution::lognormal(300.0, 120.0, 0.0, 3600.0).mean(), 300.0, 1e-6);
  EXPECT_LT(Distribution::lognormal(300.0, 120.0, 0.0, 300.0).mean(), 260.0);
}

// scaled(s) is the distribution of s·X. Expected values by hand:
//   fixed 300 ×0.5 → 150, sd 0;  uniform [60, 180] ×2 → [120, 360]: mean 240, sd 240/√12;
//   exponential mean 100 ×3 → mean 300, sd 300;  gamma (100, 50) ×2 → mean 200, sd 100;
//   triangular (10, 20, 60) ×0.5 → (5, 10, 30): mean 15, sd √((25+900+100−150−50−300)/18) = √(525/18);
//   weibull (shape 2, lambda 100) ×3 → lambda 300: mean 300·Γ(1.5) = 265.868077635827,
//     sd 300·√(1 − Γ(1.5)²) = 138.975412552831;
//   discrete values [60, 300] weights [3, 1] ×0.5 → [30, 150]: mean (3·30 + 150)/4 = 60,
//     E[X²] = (3·900 + 22500)/4 = 6300, sd √(6300 − 3600) = √2700;
//   empirical points [0, 100, 300] cum [0, 0.5, 1] ×2 → [0, 200, 600]: mean 0.5·100 + 0.5·400 = 250,
//     var 0.5·(62500+12500+2500)/3 + 0.5·(2500−17500+122500)/3 = 30833.33, sd 175.594229214211.
TEST(DistributionScaled, EveryKindHasMeanAndSdMultipliedByTheFactor) {
  struct Expect {
    Distribution d;
    double mean, sd;
  };
  const std::vector<Expect> cases = {
      {Distribution::fixed(300.0).scaled(0.5), 150.0, 0.0},
      {Distribution::uniform(60.0, 180.0).scaled(2.0), 240.0, 240.0 / std::sqrt(12.0)},
      {Distribution::exponential(100.0).scaled(3.0), 300.0, 300.0},
      {Distribution::gamma(100.0, 50.0).scaled(2.0), 200.0, 100.0},
      {Distribution::triangular(10.0, 20.0, 60.0).scaled(0.5), 15.0, std::sqrt(525.0 / 18.0)},
      {Distribution::weibull(2.0, 100.0).scaled(3.0), 265.868077635827, 138.975412552831},
      {Distribution::discrete({60.0, 300.0}, {3.0, 1.0}).scaled(0.5), 60.0, std::sqrt(2700.0)},
      {Distribution::empirical({0.0, 100.0, 300.0}, {0.0, 0.5, 1.0}).scaled(2.0), 250.0, 175.594229214211},
      {Distribution::normal(100.0, 20.0).scaled(1.5), 150.0, 30.0},
      {Distribution::lognormal(480.0, 300.0).scaled(0.5), 240.0, 150.0},
  };
  for (const Expect& c : cases) {
    SCOPED_TRACE(c.d.describe());
    EXPECT_NEAR(c.d.mean(), c.mean, 1e-9 * c.mean);
    EXPECT_NEAR(c.d.stddev(), c.sd, 1e-9 * std::max(c.sd, 1.0));
  }
}

// Lognormal mean 480 s, sd 300 s (night pre-movement): σ² = ln(1 + 0.625²) = ln 1.390625 =
// 0.329753286372468, σ = 0.574241487853732, μ = ln 480 − σ²/2 = 6.008909460715703.
// Scaled by ½: μ' = μ + ln ½ = 5.315762280155758 (median e^μ' = 203.519592961221 s), σ' = σ, so
// CDF(e^μ') = ½ and CDF(e^(μ'+σ)) = Φ(1) = 0.841344746068543; mean 240 s, sd 150 s.
TEST(DistributionScaled, LognormalShiftsMuByLnFactorAndKeepsSigma) {
  const Distribution d = Distribution::lognormal(480.0, 300.0).scaled(0.5);
  EXPECT_EQ(d.kind(), Distribution::Kind::Lognormal);
  EXPECT_NEAR(d.cdf(203.519592961221), 0.5, 1e-13);
  EXPECT_NEAR(d.cdf(std::exp(5.315762280155758 + 0.574241487853732)), 0.841344746068543, 1e-13);
  EXPECT_NEAR(d.mean(), 240.0, 1e-9);
  EXPECT_NEAR(d.stddev(), 150.0, 1e-9);
}

// Truncation bounds scale with the variable: s·X for X truncated to [a, b] is s·X' truncated to
// [s·a, s·b], whose mean and sd are s times X's (E[sX] = s E[X], sd(sX) = s sd(X)).
TEST(DistributionScaled, TruncatedDistributionsScaleTheirBoundsAndMoments) {
  const Distribution night = Distribution::lognormal(480.0, 300.0, 0.0, 3600.0);
  const Distribution fast = night.scaled(0.5);
  EXPECT_EQ(fast.support_min(), 0.0);
  EXPECT_EQ(fast.support_max(), 1800.0);
  EXPECT_NEAR(fast.mean(), 0.5 * night.mean(), 1e-9);
  EXPECT_NEAR(fast.stddev(), 0.5 * night.stddev(), 1e-9);
  EXPECT_EQ(fast.describe(), "lognormal(mean 240, sd 150, truncated to [0, 1800])");
  const Distribution n = Distribution::normal(100.0, 20.0, 50.0, kInf).scaled(2.0);
  EXPECT_EQ(n.support_min(), 100.0);
  EXPECT_NEAR(n.mean(), 2.0 * Distribution::normal(100.0, 20.0, 50.0, kInf).mean(), 1e-9);
}

// The same draw gives s times the sample (inversion is monotone and linear in the scale): a
// scaled what-if keeps common random numbers with the base.
TEST(DistributionScaled, SamplesAreTheFactorTimesTheSameDraws) {
  const std::vector<Distribution> kinds = {
      Distribution::fixed(7.0),           Distribution::uniform(1.0, 5.0),
      Distribution::exponential(3.0),     Distribution::normal(10.0, 2.0, 0.0, kInf),
      Distribution::lognormal(8.0, 5.0, 0.0, 60.0), Distribution::triangular(1.0, 2.0, 6.0),
      Distribution::gamma(4.0, 3.0),      Distribution::weibull(1.5, 4.0),
      Distribution::discrete({1.0, 4.0}, {1.0, 3.0}), Distribution::empirical({0.0, 2.0, 3.0}, {0.0, 0.4, 1.0})};
  for (const Distribution& d : kinds) {
    SCOPED_TRACE(d.describe());
    const Distribution s = d.scaled(2.5);
    RandomStream a(11, 2, 3, 4), b(11, 2, 3, 4);
    for (int i = 0; i < 1000; ++i) {
      const double x = d.sample(a), y = s.sample(b);
      ASSERT_NEAR(y, 2.5 * x, 1e-9 * std::max(1.0, std::fabs(x))) << i;
    }
  }
}

TEST(DistributionScaled, CheckScaleNamesTheFactor) {
  EXPECT_EQ(Distribution::check_scale(0.5), "");
  EXPECT_EQ(Distribution::check_scale(0.0), "scale must be > 0 and finite (got 0)");
  EXPECT_EQ(Distribution::check_scale(-2.0), "scale must be > 0 and finite (got -2)");
  EXPECT_EQ(Distribution::check_scale(kInf), "scale must be > 0 and finite (got inf)");
}

// Truncated standard normal on [0, inf): mean φ(0)/(1/2) = √(2/π), variance 1 − 2/π.
TEST(Distribution, TruncatedNormalMomentsMatchTheHalfNormal) {
  const Distribution d = Distribution::normal(0.0, 1.0, 0.0, kInf);
  EXPECT_NEAR(d.mean(), std::sqrt(2.0 / std::numbers::pi), 1e-15);
  EXPECT_NEAR(d.stddev(), std::sqrt(1.0 - 2.0 / std::numbers::pi), 1e-15);
  EXPECT_EQ(d.cdf(-0.1), 0.0);
  EXPECT_NEAR(d.cdf(1.0), 2.0 * (normal_cdf(1.0) - 0.5), 1e-15);
}

TEST(Distribution, TruncationBoundsAreNeverViolated) {
  const Distribution n = Distribution::normal(100.0, 50.0, 90.0, 91.0);
  const Distribution l = Distribution::lognormal(300.0, 120.0, 299.0, 301.0);
  const Distribution tail = Distribution::normal(0.0, 1.0, 8.0, 8.5);
  RandomStream rng(3, 1, 4, 1);
  for (int i = 0; i < 100'000; ++i) {
    const double x = n.sample(rng), y = l.sample(rng), z = tail.sample(rng);
    ASSERT_TRUE(x >= 90.0 && x <= 91.0) << x;
    ASSERT_TRUE(y >= 299.0 && y <= 301.0) << y;
    ASSERT_TRUE(z >= 8.0 && z <= 8.5) << z;
  }
}

TEST(Distribution, ReportsItsSupport) {
  EXPECT_EQ(Distribution().support_min(), 0.0);
  EXPECT_EQ(Distribution().support_max(), 0.0);
  EXPECT_EQ(Distribution::exponential(5.0).support_min(), 0.0);
  EXPECT_EQ(Distribution::exponential(5.0).support_max(), kInf);
  EXPECT_EQ(Distribution::normal(0.0, 1.0).support_min(), -kInf);
  EXPECT_EQ(Distribution::lognormal(3.0, 1.0, 1.0, 9.0).support_max(), 9.0);
  EXPECT_EQ(Distribution::discrete({5.0, -1.0, 7.0, 9.0}, {0.0, 2.0, 1.0, 0.0}).support_max(), 7.0);
  EXPECT_EQ(Distribution::empirical({0.0, 1.0, 2.0, 3.0}, {0.0, 0.0, 1.0, 1.0}).support_min(), 1.0);
  EXPECT_EQ(Distribution::empirical({0.0, 1.0, 2.0, 3.0}, {0.0, 0.0, 1.0, 1.0}).support_max(), 2.0);
}

TEST(Distribution, CopiesShareTablesAndSampleAlike) {
  const Distribution d = Distribution::discrete({1.0, 2.0, 3.0}, {1.0, 1.0, 2.0});
  const Distribution copy = d;
  RandomStream a(1, 1, 1, 1), b(1, 1, 1, 1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(a), copy.sample(b));
  EXPECT_DOUBLE_EQ(d.mean(), (1.0 + 2.0 + 6.0) / 4.0);
}

TEST(Distribution, DescribeReadsLikeTheScenario) {
  EXPECT_EQ(Distribution::lognormal(300.0, 120.0, 0.0, 3600.0).describe(),
            "lognormal(mean 300, sd 120, truncated to [0, 3600])");
  EXPECT_EQ(Distribution::lognormal(300.0, 120.0).describe(), "lognormal(mean 300, sd 120)");
  EXPECT_EQ(Distribution::normal(0.5, 1.0, -kInf, 2.0).describe(),
            "normal(mean 0.5, sd 1, truncated to [-inf, 2])");
  EXPECT_EQ(Distribution::fixed(12.0).describe(), "fixed(12)");
  EXPECT_EQ(Distribution::triangular(1.0, 2.0, 4.0).describe(), "triangular(min 1, mode 2, max 4)");
  EXPECT_EQ(Distribution::discrete({3.0, 1.0}, {1.0, 2.0}).describe(),
            "discrete(values [1, 3], weights [2, 1])");
  EXPECT_EQ(Distribution().describe(), "fixed(0)");
  EXPECT_EQ(to_string(Distribution::Kind::Weibull), "weibull");
}

TEST(Distribution, ChecksNameTheParameterAndItsRange) {
  EXPECT_EQ(Distribution::check_normal(0.0, 1.0), "");
  EXPECT_EQ(Distribution::check_normal(0.0, -3.0), "sd must be > 0 and finite (got -3)");
  EXPECT_EQ(Distribution::check_normal(0.0, 1.0, 5.0, 3.0),
            "lower must be < upper (got lower 5, upper 3)");
  EXPECT_NE(Distribution::check_normal(0.0, 1.0, 40.0, 41.0).find("too far in the tail"),
            std::string::npos);
  EXPECT_EQ(Distribution::check_lognormal(300.0, 120.0, -1.0), "lower must be >= 0 (got -1)");
  EXPECT_EQ(Distribution::check_lognormal(0.0, 1.0), "mean must be > 0 and finite (got 0)");
  EXPECT_EQ(Distribution::check_uniform(3.0, 3.0), "min must be < max (got min 3, max 3)");
  EXPECT_EQ(Distribution::check_exponential(std::nan("")), "mean must be > 0 and finite (got nan)");
  EXPECT_EQ(Distribution::check_triangular(0.0, 5.0, 4.0),
            "mode must be in [min, max] = [0, 4] (got 5)");
  EXPECT_EQ(Distribution::check_gamma(1.0, 0.0), "sd must be > 0 and finite (got 0)");
  EXPECT_EQ(Distribution::check_weibull(-1.0, 1.0), "shape must be > 0 and finite (got -1)");
  EXPECT_EQ(Distribution::check_fixed(kInf), "value must be a finite number (got inf)");
  const std::vector<double> two = {1.0, 2.0}, three = {1.0, 2.0, 3.0};
  EXPECT_EQ(Distribution::check_discrete(two, three),
            "values and weights must have the same length (got 2 values, 3 weights)");
  EXPECT_EQ(Distribution::check_discrete(two, std::vector<double>{0.0, 0.0}),
            "the sum of the weights must be > 0 and finite (got 0)");
  EXPECT_EQ(Distribution::check_discrete(two, std::vector<double>{1.0, -1.0}),
            "weights[1] must be >= 0 and finite (got -1)");
  EXPECT_EQ(Distribution::check_empirical(three, std::vector<double>{0.0, 0.5, 0.9}),
            "the last cumulative probability must be 1 (got 0.9)");
  EXPECT_EQ(Distribution::check_empirical(three, std::vector<double>{0.1, 0.5, 1.0}),
            "cumulative_probabilities[0] must be 0 (got 0.1)");
  EXPECT_EQ(Distribution::check_empirical(std::vector<double>{1.0, 3.0, 2.0},
                                          std::vector<double>{0.0, 0.5, 1.0}),
            "points must be non-decreasing (points[2] = 2 comes after 3)");
  EXPECT_EQ(Distribution::check_empirical(three, std::vector<double>{0.0, 0.6, 0.5}),
            "cumulative_probabilities must be non-decreasing (cumulative_probabilities[2] = 0.5 "
            "comes after 0.6)");
}

#ifndef NDEBUG
TEST(DistributionDeathTest, FactoriesAssertTheirPreconditions) {
  EXPECT_DEATH((void)Distribution::normal(0.0, -1.0), "sd must be > 0");
  EXPECT_DEATH((void)Distribution::uniform(2.0, 1.0), "min must be < max");
  EXPECT_DEATH((void)Distribution::empirical({0.0, 1.0}, {0.0, 0.5}), "must be 1");
}
#endif

// Wichura's AS241 against high-precision values (mpmath, 40 digits).
TEST(NormalQuantile, MatchesReferenceValues) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306167814, 1e-15);
  EXPECT_NEAR(normal_quantile(0.9), 1.2815515655446005, 1e-15);
  EXPECT_NEAR(normal_quantile(0.3), -0.5244005127080408, 1e-15);
  EXPECT_NEAR(normal_quantile(1e-20), -9.262340089798408, 1e-13);
  EXPECT_NEAR(normal_quantile(1e-300), -37.047096299361199, 1e-12);
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  EXPECT_EQ(normal_quantile(0.0), -kInf);
  EXPECT_EQ(normal_quantile(1.0), kInf);
  EXPECT_TRUE(std::isnan(normal_quantile(std::nan(""))));
}

TEST(NormalQuantile, InvertsTheCdf) {
  // In the tail a relative error ε in z becomes ≈ z²ε in Φ(z): allow 1e-15·(1 + z²).
  for (double p = 1e-300; p < 0.5; p *= 3.7) {
    const double z = normal_quantile(p);
    EXPECT_NEAR(normal_cdf(z) / p, 1.0, 1e-15 * (1.0 + z * z)) << p;
    const double q = 1.0 - p;
    EXPECT_NEAR(normal_cdf(normal_quantile(q)), q, 2e-16) << q;
  }
  for (double p = 0.01; p < 1.0; p += 0.01) EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-15);
}

TEST(SpecialFunctions, LogGammaMatchesTheLibrary) {
  for (double x = 1e-3; x < 1e6; x *= 1.37) {
    const double expected = std::lgamma(x);
    EXPECT_NEAR(log_gamma(x), expected, 1e-13 * std::max(1.0, std::fabs(expected))) << x;
  }
  EXPECT_NEAR(log_gamma(0.5), 0.5 * std::log(std::numbers::pi), 1e-15);
  EXPECT_NEAR(log_beta(5e5, 0.5), std::lgamma(5e5) + std::lgamma(0.5) - std::lgamma(5e5 + 0.5),
              1e-8);
}

// P(1, x) = 1 − e^−x and P(½, x) = erf(√x).
TEST(SpecialFunctions, RegularizedGammaHasItsClosedForms) {
  for (double x : {0.01, 0.5, 1.0, 2.0, 7.5, 30.0}) {
    EXPECT_NEAR(regularized_gamma_p(1.0, x), -std::expm1(-x), 1e-14) << x;
    EXPECT_NEAR(regularized_gamma_p(0.5, x), std::erf(std::sqrt(x)), 1e-14) << x;
  }
  EXPECT_EQ(regularized_gamma_p(3.0, 0.0), 0.0);
  EXPECT_EQ(regularized_gamma_p(3.0, kInf), 1.0);
}

}  // namespace
}  // namespace dt
