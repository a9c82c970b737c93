// Tests for engine/sim/sweep_runner.cpp: which pairs a sweep, a shard and a resume run, that the
// parallel runner gives each pair exactly what run_replication gives it, and the MPI wire format.

#include "engine/sim/sweep_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>

#include "engine/scenario/sweep_loader.h"
#include "engine/sim/replication.h"

namespace dt {
namespace {

TEST(SweepRunner, PendingItemsAreReplicationMajor) {
  const std::vector<SweepItem> all = pending_items(3, 2, {});
  const std::vector<SweepItem> want{{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
  EXPECT_EQ(all, want);
}

TEST(SweepRunner, ResumeSkipsWhatIsDone) {
  std::vector<bool> done(6, false);
  done[0] = done[4] = true;  // (p0, r0) and (p1, r1)
  const std::vector<SweepItem> want{{1, 0}, {2, 0}, {0, 1}, {2, 1}};
  EXPECT_EQ(pending_items(3, 2, done), want);
}

TEST(SweepRunner, ShardsPartitionTheSweep) {
  for (uint32_t n : {1u, 2u, 3u, 7u, 40u}) {
    std::map<std::pair<uint32_t, uint64_t>, int> seen;
    for (uint32_t k = 1; k <= n; ++k)
      for (const SweepItem& i : pending_items(5, 7, {}, {k, n})) ++seen[{i.point, i.replication}];
    EXPECT_EQ(seen.size(), 35u) << n << " shards";
    for (const auto& [item, count] : seen) EXPECT_EQ(count, 1) << n << " shards";
  }
}

std::vector<ScenarioConfig> two_points() {
  const SweepPlan plan = read_sweep(parse_yaml_string("run: {replications: 6, seed: 3}\n"
                                                      "incidents:\n"
                                                      "  arrivals: {rate_per_hour: 3}\n"
                                                      "  service_time: {dist: exponential, mean: 30 min}\n"
                                                      "staff: {count: 1}\n"
                                                      "sweep: {grid: {staff.count: [1, 2]}}\n",
                                                      "s.yaml"),
                                    "s.yaml");
  std::vector<ScenarioConfig> points;
  for (const SweepPoint& p : plan.points) points.push_back(p.scenario);
  return points;
}

std::vector<ReplicationRecord> run_all(const std::vector<ScenarioConfig>& points, const std::vector<SweepItem>& items,
                                       uint32_t threads) {
  ResultQueue queue;
  run_sweep_items(points, items, {threads, nullptr, true}, queue);
  std::vector<ReplicationRecord> out;
  while (queue.wait_take_all(out, std::chrono::milliseconds(1))) {
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.point, a.replication) < std::tie(b.point, b.replication);
  });
  return out;
}

TEST(SweepRunner, EachPairGetsExactlyWhatRunReplicationGives) {
  const std::vector<ScenarioConfig> points = two_points();
  const std::vector<SweepItem> items = pending_items(2, 6, {});
  const std::vector<ReplicationRecord> one = run_all(points, items, 1), two = run_all(points, items, 2);
  ASSERT_EQ(one.size(), 12u);
  ASSERT_EQ(two.size(), 12u);
  for (std::size_t i = 0; i < one.size(); ++i) {
    std::vector<double> direct(kpi_definitions(points[one[i].point]).size());
    run_replication(points[one[i].point], one[i].replication, direct);
    EXPECT_EQ(std::memcmp(direct.data(), one[i].kpis.data(), direct.size() * sizeof(double)), 0) << i;
    EXPECT_EQ(std::memcmp(two[i].kpis.data(), one[i].kpis.data(), direct.size() * sizeof(double)), 0) << i;
  }
  // Common random numbers: both points saw the same incidents.
  const std::size_t incidents = 0;  // dispatch.incidents is the first KPI of the desk
  EXPECT_EQ(one[0].kpis[incidents], one[6].kpis[incidents]);
}

TEST(SweepRunner, CancelStopsStartingReplications) {
  const std::vector<ScenarioConfig> points = two_points();
  std::atomic<bool> cancel{true};
  ResultQueue queue;
  run_sweep_items(points, pending_items(2, 6, {}), {1, &cancel, true}, queue);
  std::vector<ReplicationRecord> out;
  EXPECT_FALSE(queue.wait_take_all(out, std::chrono::milliseconds(1))) << "closed";
  EXPECT_TRUE(out.empty());
}

TEST(SweepRunner, RecordsRoundTripThroughTheWireFormat) {
  ReplicationRecord a{3, 1234567890123ull, {1.5, std::numeric_limits<double>::quiet_NaN(), -0.0}, {}};
  a.series.push_back(Series::curve("evacuation.safe_count", "s", "people", {0, 10, 20}, {0, 5, 9}));
  a.series.push_back(Series::samples("dispatch.response_time_s", "s", {1, 2}));
  const ReplicationRecord b{0, 0, {}, {}};
  const std::vector<ReplicationRecord> in{a, b};
  const std::vector<ReplicationRecord> out = decode_records(encode_records(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].point, 3u);
  EXPECT_EQ(out[0].replication, 1234567890123ull);
  ASSERT_EQ(out[0].kpis.size(), 3u);
  EXPECT_EQ(std::memcmp(out[0].kpis.data(), a.kpis.data(), 3 * sizeof(double)), 0) << "bits, NaN and -0 included";
  ASSERT_EQ(out[0].series.size(), 2u);
  EXPECT_EQ(out[0].series[0].name, "evacuation.safe_count");
  EXPECT_EQ(out[0].series[0].y, (std::vector<double>{0, 5, 9}));
  EXPECT_EQ(out[0].series[1].kind, SeriesKind::Samples);
  EXPECT_TRUE(out[1].kpis.empty());
  std::string bytes = encode_records(in);
  bytes.pop_back();
  EXPECT_THROW((void)decode_records(bytes), std::runtime_error);
  EXPECT_THROW((void)decode_records(bytes + "xx"), std::runtime_error);
}

}  // namespace
}  // namespace dt
