// Series (engine/kernel/series.h): the factories put x, y and units where reports look for them.
#include "engine/kernel/series.h"

#include <gtest/gtest.h>

namespace dt {
namespace {

TEST(Series, CurveKeepsBothAxesAndUnits) {
  const Series s = Series::curve("evacuation.safe_count", "s", "people", {0, 10, 20}, {0, 5, 9});
  EXPECT_EQ(s.name, "evacuation.safe_count");
  EXPECT_EQ(s.kind, SeriesKind::Curve);
  EXPECT_EQ(s.x_unit, "s");
  EXPECT_EQ(s.y_unit, "people");
  EXPECT_EQ(s.x, (std::vector<double>{0, 10, 20}));
  EXPECT_EQ(s.y, (std::vector<double>{0, 5, 9}));
}

TEST(Series, SamplesHaveValuesInYAndNoXAxis) {
  const Series s = Series::samples("dispatch.response_time_s", "s", {3, 1, 2});
  EXPECT_EQ(s.kind, SeriesKind::Samples);
  EXPECT_TRUE(s.x.empty());
  EXPECT_TRUE(s.x_unit.empty());
  EXPECT_EQ(s.y_unit, "s");
  EXPECT_EQ(s.y, (std::vector<double>{3, 1, 2}));  // order kept: samples are not sorted
}

}  // namespace
}  // namespace dt
