#include "engine/kernel/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/kernel/random.h"

namespace dt {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct TwoPass {
  double mean, variance;
};
TwoPass two_pass(const std::vector<double>& xs) {
  double sum = 0.0;
  for (const double x : xs) sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  double ss = 0.0;
  for (const double x : xs) ss += (x - mean) * (x - mean);
  return {mean, ss / static_cast<double>(xs.size() - 1)};
}

TEST(Welford, MatchesTwoPassComputation) {
  RandomStream rng(1, 0, purpose_id("welford"), 0);
  std::vector<double> xs;
  Welford w;
  for (int i = 0; i < 10'000; ++i) {
    xs.push_back(rng.exponential(5.0) - 2.0);
    w.add(xs.back());
  }
  const TwoPass ref = two_pass(xs);
  EXPECT_EQ(w.count(), xs.size());
  EXPECT_NEAR(w.mean(), ref.mean, 1e-13 * std::fabs(ref.mean));
  EXPECT_NEAR(w.variance(), ref.variance, 1e-12 * ref.variance);
  EXPECT_NEAR(w.stddev(), std::sqrt(ref.variance), 1e-12 * std::sqrt(ref.variance));
  EXPECT_EQ(w.min(), *std::min_element(xs.begin(), xs.end()));
  EXPECT_EQ(w.max(), *std::max_element(xs.begin(), xs.end()));
}

// 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, variance (36 + 9 + 9 + 36)/3 = 30 exactly. The textbook
// formula (Σx² − n·mean²)/(n − 1) loses every digit here (Σx² ~ 4e18, ulp 512).
TEST(Welford, SurvivesCatastrophicCancellation) {
  Welford w;
  double sum = 0.0, sum2 = 0.0;
  for (const double d : {4.0, 7.0, 13.0, 16.0}) {
    w.add(1e9 + d);
    sum += 1e9 + d;
    sum2 += (1e9 + d) * (1e9 + d);
  }
  EXPECT_DOUBLE_EQ(w.mean(), 1e9 + 10.0);
  EXPECT_NEAR(w.variance(), 30.0, 1e-9);
  const double textbook = (sum2 - 4.0 * (sum / 4.0) * (sum / 4.0)) / 3.0;
  EXPECT_GT(std::fabs(textbook - 30.0), 1.0);  // the case really is catastrophic

  // Same with many small increments around a large offset.
  RandomStream rng(2, 0, purpose_id("welford"), 0);
  std::vector<double> xs;
  Welford big;
  for (int i = 0; i < 100'000; ++i) {
    xs.push_back(1e9 + rng.uniform01());
    big.add(xs.back());
  }
  const TwoPass ref = two_pass(xs);
  EXPECT_NEAR(big.variance(), ref.variance, 1e-6 * ref.variance);
  EXPECT_NEAR(big.variance(), 1.0 / 12.0, 0.01 / 12.0);
}

TEST(Welford, MergeEqualsAddingEverything) {
  RandomStream rng(3, 0, purpose_id("welford"), 0);
  Welford all, a, b, c, empty;
  for (int i = 0; i < 3000; ++i) {
    const double x = rng.uniform(-5.0, 100.0);
    all.add(x);
    (i < 1000 ? a : i < 1700 ? b : c).add(x);
  }
  Welford merged = empty;
  merged.merge(a);
  merged.merge(b);
  merged.merge(c);
  merged.merge(empty);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_NEAR(merged.mean(), all.mean(), 1e-12 * std::fabs(all.mean()));
  EXPECT_NEAR(merged.variance(), all.variance(), 1e-12 * all.variance());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
}

TEST(Welford, IsNaNWhereUndefined) {
  Welford w;
  EXPECT_TRUE(std::isnan(w.mean()));
  EXPECT_TRUE(std::isnan(w.min()));
  w.add(3.0);
  EXPECT_EQ(w.mean(), 3.0);
  EXPECT_TRUE(std::isnan(w.variance()));
  EXPECT_TRUE(std::isnan(w.stddev()));
}

// Hyndman & Fan type 7, by hand: h = (n−1)p on {1, 2, 3, 4}: p 0.25 → h 0.75 → 1.75;
// p 0.5 → 2.5; p 0.9 → h 2.7 → 3.7 (numpy.percentile gives the same).
TEST(QuantileSorted, IsHyndmanFanType7) {
  const std::vector<double> x = {1.0, 2.0, 3.0, 4.0};
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.9), 3.7);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 1.0), 4.0);
  const std::vector<double> one = {7.0};
  EXPECT_EQ(quantile_sorted(one, 0.95), 7.0);
  EXPECT_TRUE(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
  const std::vector<double> flat = {0.1, 0.1, 0.1};
  EXPECT_EQ(quantile_sorted(flat, 0.37), 0.1);
}

// Two-sided 95 % critical values t(0.975, df) from the standard table (verified with mpmath).
TEST(StudentT, QuantileMatchesThePublishedTable) {
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062047361747, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.30265272974946, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 5), 2.57058183563632, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.22813885198627, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.04227245630124, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 100), 1.98397151852355, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.95996635681411, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, std::numeric_limits<double>::infinity()),
              1.95996398454005, 1e-12);
  EXPECT_NEAR(student_t_quantile(0.025, 10), -2.22813885198627, 1e-10);
  EXPECT_EQ(student_t_quantile(0.5, 3), 0.0);
}

TEST(StudentT, CdfMatchesReferenceValuesAndInvertsTheQuantile) {
  EXPECT_NEAR(student_t_cdf(2.0, 7), 0.957190335718512, 1e-13);   // mpmath betainc
  EXPECT_NEAR(student_t_cdf(-0.5, 2.5), 0.328848959934857, 1e-13);
  EXPECT_NEAR(student_t_cdf(0.0, 4), 0.5, 1e-15);
  for (const double df : {0.5, 1.0, 2.0, 3.0, 7.5, 29.0, 500.0, 9999.0, 1e4, 1e7}) {
    for (const double p : {1e-10, 0.001, 0.025, 0.3, 0.6, 0.95, 0.999}) {
      const double t = student_t_quantile(p, df);
      EXPECT_NEAR(student_t_cdf(t, df) / p, 1.0, 1e-9) << "df " << df << " p " << p;
    }
  }
}

// Hand example: {12, 15, 9, 20, 14}; sorted 9 12 14 15 20. mean 14; s² = (4+1+25+36+0)/4 = 16.5;
// p50 = 14; p90: h = 3.6 → 15 + 0.6·5 = 18; p95: h = 3.8 → 19;
// CI = 14 ± t(0.975, 4) · √16.5/√5 = 14 ± 2.776445105197794 · 1.816590212458495.
TEST(Summarize, HandComputedSample) {
  const std::vector<double> v = {12.0, 15.0, 9.0, 20.0, 14.0};
  const SampleSummary s = summarize(v);
  EXPECT_EQ(s.n, 5u);
  EXPECT_EQ(s.skipped, 0u);
  EXPECT_DOUBLE_EQ(s.mean, 14.0);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(16.5));
  EXPECT_NEAR(s.ci95_low, 8.95633699646939, 1e-12);
  EXPECT_NEAR(s.ci95_high, 19.0436630035306, 1e-12);
  EXPECT_EQ(s.min, 9.0);
  EXPECT_DOUBLE_EQ(s.p50, 14.0);
  EXPECT_DOUBLE_EQ(s.p90, 18.0);
  EXPECT_DOUBLE_EQ(s.p95, 19.0);
  EXPECT_EQ(s.max, 20.0);
}

TEST(Summarize, SkipsNaNEntries) {
  const std::vector<double> v = {1.0, kNaN, 3.0, kNaN};
  const SampleSummary s = summarize(v);
  EXPECT_EQ(s.n, 2u);
  EXPECT_EQ(s.skipped, 2u);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(2.0));
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 3.0);
}

TEST(Summarize, IsNaNWhereUndefined) {
  const SampleSummary none = summarize(std::vector<double>{kNaN, kNaN});
  EXPECT_EQ(none.n, 0u);
  for (const double x : {none.mean, none.stddev, none.ci95_low, none.ci95_high, none.min,
                         none.p50, none.p90, none.p95, none.max})
    EXPECT_TRUE(std::isnan(x));
  const SampleSummary one = summarize(std::vector<double>{4.5});
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.mean, 4.5);
  EXPECT_EQ(one.p95, 4.5);
  EXPECT_TRUE(std::isnan(one.stddev));
  EXPECT_TRUE(std::isnan(one.ci95_low));
  EXPECT_TRUE(std::isnan(one.ci95_high));
}

// All values equal: the CI collapses exactly onto the mean (no ±1 ulp noise).
TEST(Summarize, EqualValuesCollapseExactly) {
  const std::vector<double> v(7, 0.1);
  const SampleSummary s = summarize(v);
  EXPECT_EQ(s.mean, 0.1);
  EXPECT_EQ(s.stddev, 0.0);
  EXPECT_EQ(s.ci95_low, 0.1);
  EXPECT_EQ(s.ci95_high, 0.1);
  EXPECT_EQ(s.p50, 0.1);
  EXPECT_EQ(s.p95, 0.1);
}

TEST(Summarize, OrderingInvariantsHoldInFloatingPoint) {
  RandomStream rng(4, 0, purpose_id("summarize"), 0);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 1 + rng.uniform_index(40);
    const double offset = trial % 3 == 0 ? 1e9 : trial % 3 == 1 ? -0.3 : 1e-300;
    const double spread = trial % 5 == 0 ? 1e-7 : 1.0;
    std::vector<double> v;
    for (std::size_t i = 0; i < n; ++i)
      v.push_back(trial % 7 == 0 ? offset : offset + spread * rng.standard_normal());
    const SampleSummary s = summarize(v);
    ASSERT_LE(s.min, s.mean) << trial;
    ASSERT_LE(s.mean, s.max) << trial;
    ASSERT_LE(s.min, s.p50) << trial;
    ASSERT_LE(s.p50, s.p90) << trial;
    ASSERT_LE(s.p90, s.p95) << trial;
    ASSERT_LE(s.p95, s.max) << trial;
    if (n >= 2) {
      ASSERT_LE(s.ci95_low, s.mean) << trial;
      ASSERT_LE(s.mean, s.ci95_high) << trial;
    }
  }
}

// Hand example: b − a = {2, 1, 3, 1, 3, 2}: mean 2, s² = (0+1+1+1+1+0)/5 = 0.8,
// CI = 2 ± t(0.975, 5) · √0.8/√6 = 2 ± 2.570581835636315 · 0.365148371670111.
TEST(PairedDifference, HandExample) {
  const std::vector<double> a = {10.0, 12.0, 9.0, 15.0, 11.0, 13.0};
  const std::vector<double> b = {12.0, 13.0, 12.0, 16.0, 14.0, 15.0};
  const PairedDifference d = paired_difference(a, b);
  EXPECT_EQ(d.n, 6u);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_DOUBLE_EQ(d.stddev, std::sqrt(0.8));
  EXPECT_NEAR(d.ci95_low, 1.06135622847264, 1e-12);
  EXPECT_NEAR(d.ci95_high, 2.93864377152736, 1e-12);
  EXPECT_TRUE(d.significant);
  // Swapping the variants flips the sign.
  const PairedDifference r = paired_difference(b, a);
  EXPECT_DOUBLE_EQ(r.mean, -2.0);
  EXPECT_TRUE(r.significant);
}

TEST(PairedDifference, SkipsPairsWithNaNAndNeedsTwoPairs) {
  const std::vector<double> a = {1.0, kNaN, 2.0, 5.0};
  const std::vector<double> b = {2.0, 7.0, kNaN, 4.0};
  const PairedDifference d = paired_difference(a, b);  // pairs 0 and 3: +1, −1
  EXPECT_EQ(d.n, 2u);
  EXPECT_DOUBLE_EQ(d.mean, 0.0);
  EXPECT_FALSE(d.significant);

  const PairedDifference single = paired_difference(std::vector<double>{1.0, kNaN},
                                                    std::vector<double>{3.0, 1.0});
  EXPECT_EQ(single.n, 1u);
  EXPECT_DOUBLE_EQ(single.mean, 2.0);
  EXPECT_TRUE(std::isnan(single.ci95_low));
  EXPECT_FALSE(single.significant);
}

TEST(PairedDifference, IdenticalVariantsAreNotSignificant) {
  const std::vector<double> a = {3.0, 4.0, 5.0};
  const PairedDifference d = paired_difference(a, a);
  EXPECT_EQ(d.mean, 0.0);
  EXPECT_EQ(d.ci95_low, 0.0);
  EXPECT_EQ(d.ci95_high, 0.0);
  EXPECT_FALSE(d.significant);
}

// Issue 13 item 8: intervals outside what a KPI can take (a negative count of false alarms, a safe
// fraction above 1). Expected values are the formulas evaluated by hand (Python, independent of
// this code): t(0.975, 2) = 0.95 / √(2 · 0.975 · 0.025) = 4.302652729749464 (closed form for 2 df), t(0.975, 4) = 2.7764451051977987, z = 1.959963984540054.
TEST(SummarizeInRange, ANonNegativeKpiIsCutAtZero) {
  const std::vector<double> v{0, 0, 1};  // mean 1/3, s/√3 = 1/3: t interval 1/3 ∓ 4.30265/3
  const SampleSummary any = summarize(v);
  EXPECT_NEAR(any.ci95_low, 1.0 / 3.0 - 4.302652729749464 / 3.0, 1e-12);
  EXPECT_EQ(any.ci_method, CiMethod::StudentT);
  const SampleSummary s = summarize(v, KpiRange::NonNegative);
  EXPECT_EQ(s.ci95_low, 0.0);
  EXPECT_NEAR(s.ci95_high, 1.0 / 3.0 + 4.302652729749464 / 3.0, 1e-12);
  EXPECT_EQ(s.ci_method, CiMethod::StudentTClamped);
}

TEST(SummarizeInRange, AFractionOfEventsGetsTheWilsonInterval) {
  // 19 of 20 replications had the event: Wilson (1927) score interval [0.763869, 0.991119].
  std::vector<double> v(20, 1.0);
  v[7] = 0.0;
  const SampleSummary s = summarize(v, KpiRange::Fraction);
  EXPECT_DOUBLE_EQ(s.mean, 0.95);
  EXPECT_NEAR(s.ci95_low, 0.763868806553258, 1e-12);
  EXPECT_NEAR(s.ci95_high, 0.9911185511992047, 1e-12);
  EXPECT_EQ(s.ci_method, CiMethod::Wilson);
  // None in 20: not the degenerate [0, 0] of the t interval, but [0, 0.161125].
  const SampleSummary none = summarize(std::vector<double>(20, 0.0), KpiRange::Fraction);
  EXPECT_EQ(none.ci95_low, 0.0);
  EXPECT_NEAR(none.ci95_high, 0.16112515805281938, 1e-12);
}

TEST(SummarizeInRange, AFractionThatIsNotAnEventIsCutAtOne) {
  const std::vector<double> v{0.9, 1.0, 1.0, 1.0, 0.99};  // t interval [0.923593, 1.032407]
  const SampleSummary s = summarize(v, KpiRange::Fraction);
  EXPECT_NEAR(s.ci95_low, 0.9235930095473395, 1e-12);
  EXPECT_EQ(s.ci95_high, 1.0);
  EXPECT_EQ(s.ci_method, CiMethod::StudentTClamped);
}

TEST(SummarizeInRange, AnIntervalInsideTheRangeIsTheStudentTOne) {
  const std::vector<double> v{10, 12, 11};
  const SampleSummary a = summarize(v), b = summarize(v, KpiRange::NonNegative);
  EXPECT_EQ(a.ci95_low, b.ci95_low);
  EXPECT_EQ(a.ci95_high, b.ci95_high);
  EXPECT_EQ(b.ci_method, CiMethod::StudentT);
}

}  // namespace
}  // namespace dt
