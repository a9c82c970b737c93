#include "engine/dispatch/arrival_process.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "engine/kernel/random.h"

namespace dt {
namespace {

ArrivalProcessConfig day_profile() {
  ArrivalProcessConfig p;
  // Nothing from 00:00 to 06:00, 2/h by day, a peak of 12/h from 18:00 to 20:00.
  for (std::size_t h = 0; h < 24; ++h) p.rate_per_h[h] = h < 6 ? 0.0 : (h == 18 || h == 19) ? 12.0 : 2.0;
  p.clock_start_s = 8 * 3600.0;  // scenario starts at 08:00
  return p;
}

TEST(ArrivalProcess, ExpectedArrivalsIntegratesTheProfile) {
  const ArrivalProcessConfig p = day_profile();
  // A whole day: 6·0 + 16·2 + 2·12 = 56.
  EXPECT_NEAR(p.expected_arrivals(0.0, 86400.0), 56.0, 1e-9);
  // 08:00–19:30: 10 h at 2/h (08–18) + 1 h at 12 + 0.5 h at 12 = 38.
  EXPECT_NEAR(p.expected_arrivals(0.0, 11.5 * 3600.0), 38.0, 1e-9);
}

TEST(ArrivalProcess, CountsPerHourFollowTheProfile) {
  const ArrivalProcessConfig p = day_profile();
  RandomStream rng(3, 0, purpose_id("test.arrivals"), 0);
  const int days = 2000;
  std::array<double, 24> count{};
  double t = 0.0;
  for (;;) {
    t = next_arrival_time(p, t, rng.exponential(1.0));
    if (t >= days * 86400.0) break;
    const auto hour = static_cast<std::size_t>(std::fmod(p.clock_start_s + t, 86400.0) / 3600.0);
    count[hour] += 1;
  }
  for (std::size_t h = 0; h < 24; ++h) {
    const double expected = p.rate_per_h[h] * days;  // Poisson: variance = mean
    if (expected == 0.0) {
      EXPECT_EQ(count[h], 0.0) << "arrival in hour " << h << " whose rate is zero";
    } else {
      EXPECT_LT(std::fabs(count[h] - expected), 4.5 * std::sqrt(expected)) << "hour " << h;
    }
  }
}

TEST(ArrivalProcess, ZeroRateAllDayNeverArrives) {
  ArrivalProcessConfig p;
  EXPECT_TRUE(std::isinf(next_arrival_time(p, 0.0, 1.0)));
}

}  // namespace
}  // namespace dt
