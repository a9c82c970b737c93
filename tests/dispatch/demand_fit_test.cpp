// engine/dispatch/demand_fit.cpp: a history drawn from known rates with the engine's own arrival
// process is fitted back — each hour's rate inside its exact interval as often as the interval
// promises, the weekday factors and place shares near their true values — an overdispersed history
// is flagged and a Poisson one is not, and service-time fits choose the distribution that made the
// data.
#include "engine/dispatch/demand_fit.h"

#include <cmath>

#include <gtest/gtest.h>

#include "engine/kernel/civil_date.h"
#include "engine/kernel/random.h"

namespace dt {
namespace {

// Three types with different daily shapes (per-hour rates [1/h]) over three places.
DemandModel truth() {
  DemandModel m;
  m.types = {"leak", "security", "service"};
  m.places = {"A", "B", "outside"};
  m.rate_per_h.resize(3);
  for (std::size_t h = 0; h < 24; ++h) {
    m.rate_per_h[0][h] = 0.05 + 0.10 * (h >= 7 && h <= 21);                             // 2.1 a day
    m.rate_per_h[1][h] = 0.4 + 0.3 * std::sin(static_cast<double>(h) / 24 * 2 * M_PI);  // 9.6 a day
    m.rate_per_h[2][h] = h >= 8 && h < 20 ? 1.2 : 0.1;                                  // 15.6 a day
  }
  m.weekday_factor = {1.05, 1.05, 1.05, 1.05, 1.05, 0.9, 0.85};  // averages 1 over a week
  m.place_share = {{0.6, 0.4, 0.0}, {0.3, 0.2, 0.5}, {0.5, 0.5, 0.0}};
  return m;
}

WorkOrderHistory draw(uint64_t seed, uint32_t days, double gamma_shape = 0) {
  SynthesisOptions o;
  o.first_day = days_from_civil(2026, 11, 2);  // a Monday
  o.days = days;
  o.seed = seed;
  o.day_gamma_shape = gamma_shape;
  const std::vector<Distribution> service = {Distribution::lognormal(2700, 1500), Distribution::lognormal(900, 600),
                                             Distribution::lognormal(1200, 600)};
  return synthesize_history(truth(), service, {1, 2, 4}, o);
}

TEST(DemandFit, EachHoursRateLiesInItsExactIntervalAsOftenAsPromised) {
  // 10 histories × 3 types × 24 hours = 720 intervals. Over whole weeks with weekday factors that
  // average 1, n(type, hour) is Poisson with mean 28 · a (independent cells), so each Garwood 95 %
  // interval covers the true a with probability >= 0.95 (it is exact, hence conservative). The
  // misses are then at most Binomial(720, 0.05): P(misses > 54) = 0.0015 (computed from the binomial
  // sum), so a correct fit fails this test for at most 1 in 680 choices of seeds; a biased rate or
  // too narrow an interval fails it.
  const DemandModel t = truth();
  int misses = 0, intervals = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const WorkOrderHistory h = draw(seed, 28);
    const DemandFit f = fit_demand(h);
    ASSERT_EQ(f.days, 28u);
    for (std::size_t ty = 0; ty < 3; ++ty)
      for (std::size_t hr = 0; hr < 24; ++hr) {
        ++intervals;
        const double a = t.rate_per_h[ty][hr];
        if (a < f.hour_ci[ty][hr].low || a > f.hour_ci[ty][hr].high) ++misses;
      }
  }
  EXPECT_EQ(intervals, 720);
  EXPECT_LE(misses, 54);
}

TEST(DemandFit, WeekdayFactorsAndPlaceSharesAreRecovered) {
  // 16 weeks, ≈ 3,050 orders: f̂ for Saturday has a relative sd of about 1/√(16·23.1) ≈ 5 %; a share
  // of 0.5 from ≈ 1,075 orders has an sd of 0.015. Bounds at 4 sd.
  const DemandFit f = fit_demand(draw(7, 112));
  const DemandModel t = truth();
  for (std::size_t w = 0; w < 7; ++w)
    EXPECT_NEAR(f.model.weekday_factor[w], t.weekday_factor[w], 0.2 * t.weekday_factor[w]) << w;
  EXPECT_NEAR(f.model.weekday_factor[6], 0.85, 4 * 0.05 * 0.85);
  EXPECT_NEAR(f.model.place_share[1][2], 0.5, 4 * 0.016);
  EXPECT_NEAR(f.model.place_share[0][0], 0.6, 4 * 0.032);  // sd √(0.24/235)
  // The pseudo-count keeps a place never seen possible, but small.
  EXPECT_GT(f.model.place_share[0][2], 0.0);
  EXPECT_LT(f.model.place_share[0][2], 0.01);
}

TEST(DemandFit, OverdispersedHistoriesAreFlaggedAndPoissonOnesAreNot) {
  // A Poisson history is flagged with probability 0.01 (the test's level): over 20 seeds at most 2
  // false flags (P(Binomial(20, 0.01) > 2) = 0.001). A gamma day factor with shape 3 makes the daily
  // variance μ + μ²/3, about 4× the Poisson variance for 10 orders a day: always flagged.
  int false_flags = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const DemandFit poisson = fit_demand(draw(100 + seed, 28));
    false_flags += poisson.dispersion.overdispersed ? 1 : 0;
    const DemandFit mixed = fit_demand(draw(200 + seed, 28, 3.0));
    EXPECT_TRUE(mixed.dispersion.overdispersed) << seed << " ratio " << mixed.dispersion.ratio;
    EXPECT_GT(mixed.dispersion.ratio, 1.5);
    // The moment estimate of the negative-binomial size is near the shape that made the data.
    EXPECT_GT(mixed.dispersion.nb_size, 1.0);
    EXPECT_LT(mixed.dispersion.nb_size, 10.0);
  }
  EXPECT_LE(false_flags, 2);
}

TEST(DemandFit, ServiceTimeFitsChooseTheDistributionThatMadeTheData) {
  RandomStream rng(1, 0, purpose_id("test.service"), 0);
  const Distribution lognormal = Distribution::lognormal(1800, 900), weibull = Distribution::weibull(1.5, 2000);
  std::vector<double> a, b;
  for (int i = 0; i < 5000; ++i) {
    a.push_back(lognormal.sample(rng));
    b.push_back(weibull.sample(rng));
  }
  const ServiceFit fa = fit_service_times(a), fb = fit_service_times(b);
  ASSERT_TRUE(fa.fitted() && fb.fitted());
  EXPECT_EQ(fa.candidates[fa.chosen].name, "lognormal");
  EXPECT_NEAR(fa.candidates[fa.chosen].first, 1800, 1800 * 0.05);
  EXPECT_NEAR(fa.candidates[fa.chosen].second, 900, 900 * 0.1);
  EXPECT_EQ(fb.candidates[fb.chosen].name, "weibull");
  EXPECT_NEAR(fb.candidates[fb.chosen].first, 1.5, 0.05);
  EXPECT_NEAR(fb.candidates[fb.chosen].second, 2000, 2000 * 0.03);
  // The KS distance of the right model is small (n = 5000: the 5 % critical value is 1.36/√n = 0.019).
  EXPECT_LT(fa.candidates[fa.chosen].ks_d, 0.025);
  // Exponential data: the exponential MLE is the sample mean.
  std::vector<double> e = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
  const ServiceFit fe = fit_service_times(e);
  EXPECT_DOUBLE_EQ(fe.candidates[0].first, 550.0);
  // Too few times: nothing fitted.
  EXPECT_FALSE(fit_service_times({100, 200, 300}).fitted());
}

TEST(DemandFit, ForecastIntervalsCoverAndAccuracyIsScoredAsDefined) {
  // One_minus_wape by hand: |2−1| + |0−1| + |3−3| = 2 over 5 observed → 0.6.
  EXPECT_DOUBLE_EQ(one_minus_wape({2, 0, 3}, {1, 1, 3}), 0.6);
  const WorkOrderHistory h = draw(11, 35);
  const DemandFit training = fit_demand(h, h.first_day(), 28);
  const DemandForecast fc = forecast_demand(training, h.first_day() + 28, 7);
  const ForecastAccuracy a = score_forecast(fc, h);
  // 95 % intervals of integer counts cover at least 95 % of cells in expectation (conservative).
  EXPECT_GT(a.coverage, 0.93);
  // The forecast total is near what the true model expects for the week (27.3 a day × 7 = 191).
  EXPECT_NEAR(a.forecast, 191.1, 191.1 * 0.15);
  EXPECT_GT(a.accuracy_hour, a.accuracy_place_hour_of_week);  // coarser cells, less noise
  EXPECT_LE(a.accuracy_place_hour, 1.0);
}

TEST(DemandFit, TheSyntheticHistoryIsDeterministicAndInTimeOrder) {
  const WorkOrderHistory a = draw(5, 14), b = draw(5, 14);
  ASSERT_EQ(a.orders.size(), b.orders.size());
  for (std::size_t i = 0; i < a.orders.size(); ++i) EXPECT_EQ(a.orders[i].time_s, b.orders[i].time_s);
  for (std::size_t i = 1; i < a.orders.size(); ++i) EXPECT_LE(a.orders[i - 1].time_s, a.orders[i].time_s);
  for (const WorkOrder& o : a.orders) {
    EXPECT_LE(o.time_s, o.accepted_s);
    EXPECT_LE(o.accepted_s, o.dispatched_s);
    EXPECT_LE(o.dispatched_s, o.arrived_s);
    EXPECT_LE(o.arrived_s, o.resolved_s);
    if (o.type != 1) {
      EXPECT_NE(o.place, 2u) << "a share of 0 puts nothing there";
    }
  }
}

}  // namespace
}  // namespace dt
