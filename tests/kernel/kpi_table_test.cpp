// The KPI table (engine/kernel/kpi_table.h): one row per replication, one column per KPI.
#include "engine/kernel/kpi_table.h"

#include <gtest/gtest.h>

namespace dt {
namespace {

KpiTable two_by_three() {
  KpiTable t({{"a", "s", "first", KpiRange::NonNegative}, {"b", "1", "second", KpiRange::Fraction}}, 3);
  for (std::size_t r = 0; r < 3; ++r) {
    t.row(r)[0] = 10.0 * static_cast<double>(r);
    t.row(r)[1] = 0.1 * static_cast<double>(r);
  }
  return t;
}

TEST(KpiTable, StartsAtZeroWithTheGivenShape) {
  const KpiTable t({{"a", "s", "", KpiRange::Any}}, 4);
  EXPECT_EQ(t.replications(), 4u);
  EXPECT_EQ(t.kpis().size(), 1u);
  EXPECT_EQ(t.column(0), (std::vector<double>{0, 0, 0, 0}));
}

TEST(KpiTable, RowsAndColumnsAddressTheSameValues) {
  const KpiTable t = two_by_three();
  EXPECT_EQ(t.column(0), (std::vector<double>{0.0, 10.0, 20.0}));
  EXPECT_EQ(t.column(1), (std::vector<double>{0.0, 0.1, 0.2}));
  const auto row = t.row(2);
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(row[0], 20.0);
  EXPECT_EQ(row[1], 0.2);
}

TEST(KpiTable, FindsKpisByName) {
  const KpiTable t = two_by_three();
  EXPECT_EQ(t.find("a"), 0u);
  EXPECT_EQ(t.find("b"), 1u);
  EXPECT_EQ(t.find("c"), KpiTable::npos);
  EXPECT_EQ(t.kpis()[1].range, KpiRange::Fraction);
}

}  // namespace
}  // namespace dt
