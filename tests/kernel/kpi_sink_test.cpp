// KpiSink (engine/kernel/kpi_sink.h): the same report function declares the KPIs and fills their
// values, so a name can never drift from its value.
#include "engine/kernel/kpi_sink.h"

#include <gtest/gtest.h>

#include <vector>

namespace dt {
namespace {

struct Result {
  double wait_s, share;
};

void report_kpis(const Result* r, KpiSink& k) {
  k.add("x.wait_s", "s", KpiRange::NonNegative, "mean wait", r ? r->wait_s : 0.0);
  k.add("x.share", "1", KpiRange::Fraction, "share served", r ? r->share : 0.0);
}

TEST(KpiSink, DeclaringCollectsDefinitionsInCallOrder) {
  std::vector<KpiDefinition> defs;
  KpiSink sink = KpiSink::declaring(defs);
  EXPECT_TRUE(sink.declaring());
  report_kpis(nullptr, sink);
  ASSERT_EQ(defs.size(), 2u);
  EXPECT_EQ(defs[0].name, "x.wait_s");
  EXPECT_EQ(defs[0].unit, "s");
  EXPECT_EQ(defs[0].description, "mean wait");
  EXPECT_EQ(defs[0].range, KpiRange::NonNegative);
  EXPECT_EQ(defs[1].name, "x.share");
  EXPECT_EQ(defs[1].range, KpiRange::Fraction);
}

TEST(KpiSink, FillingWritesValuesIntoTheMatchingColumns) {
  std::vector<KpiDefinition> defs;
  KpiSink declare = KpiSink::declaring(defs);
  report_kpis(nullptr, declare);
  KpiTable table(defs, 2);
  const Result results[] = {{12.5, 0.25}, {3.0, 1.0}};
  for (std::size_t r = 0; r < 2; ++r) {
    KpiSink fill = KpiSink::filling(table.row(r));
    EXPECT_FALSE(fill.declaring());
    report_kpis(&results[r], fill);
    EXPECT_EQ(fill.filled(), 2u);
  }
  EXPECT_EQ(table.column(table.find("x.wait_s")), (std::vector<double>{12.5, 3.0}));
  EXPECT_EQ(table.column(table.find("x.share")), (std::vector<double>{0.25, 1.0}));
}

}  // namespace
}  // namespace dt
