// The one shortest-path search (engine/world/shortest_paths.h) on small graphs whose distances are
// worked out by hand.
#include "engine/world/shortest_paths.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace dt {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Edge {
  uint32_t a, b;
  double cost;
};

// Undirected graph as an edge list; `blocked` edges are skipped; records the settle order.
std::vector<double> distances(std::size_t n, const std::vector<Edge>& edges, std::vector<uint32_t> sources,
                              std::vector<uint32_t>* order = nullptr, std::vector<bool> blocked = {},
                              uint32_t stop_at = UINT32_MAX) {
  std::vector<double> dist(n, kInf);
  for (const uint32_t s : sources) dist[s] = 0.0;
  ShortestPaths sp;
  sp.run(dist, [&](uint32_t u, double d, auto&& relax) {
    if (order) order->push_back(u);
    if (u == stop_at) return false;
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (!blocked.empty() && blocked[e]) continue;
      if (edges[e].a == u) relax(edges[e].b, d + edges[e].cost);
      if (edges[e].b == u) relax(edges[e].a, d + edges[e].cost);
    }
    return true;
  });
  return dist;
}

// A 3 x 3 grid, nodes 0..8 row by row, every step 1 m: the distance from the corner 0 to node
// (r, c) is r + c (Manhattan).
std::vector<Edge> grid() {
  std::vector<Edge> e;
  for (uint32_t r = 0; r < 3; ++r)
    for (uint32_t c = 0; c < 3; ++c) {
      if (c < 2) e.push_back({r * 3 + c, r * 3 + c + 1, 1.0});
      if (r < 2) e.push_back({r * 3 + c, (r + 1) * 3 + c, 1.0});
    }
  return e;
}

TEST(ShortestPaths, GridDistancesAreManhattan) {
  const std::vector<double> d = distances(9, grid(), {0});
  for (uint32_t r = 0; r < 3; ++r)
    for (uint32_t c = 0; c < 3; ++c) EXPECT_DOUBLE_EQ(d[r * 3 + c], r + c) << r << "," << c;
}

TEST(ShortestPaths, ABlockedLinkForcesTheDetour) {
  // A path 0 -1- 1 -1- 2 and a detour 0 -5- 2. Blocking 1-2 leaves the detour: 5 instead of 2.
  const std::vector<Edge> e = {{0, 1, 1.0}, {1, 2, 1.0}, {0, 2, 5.0}};
  EXPECT_DOUBLE_EQ(distances(3, e, {0})[2], 2.0);
  EXPECT_DOUBLE_EQ(distances(3, e, {0}, nullptr, {false, true, false})[2], 5.0);
}

TEST(ShortestPaths, UnreachableNodesStayInfinite) {
  const std::vector<double> d = distances(4, {{0, 1, 2.0}, {2, 3, 1.0}}, {0});
  EXPECT_DOUBLE_EQ(d[1], 2.0);
  EXPECT_TRUE(std::isinf(d[2]));
  EXPECT_TRUE(std::isinf(d[3]));
}

TEST(ShortestPaths, SeveralSourcesGiveTheDistanceToTheNearest) {
  // A path 0-1-2-3-4 of 1 m links with sources 0 and 4: distances 0, 1, 2, 1, 0.
  const std::vector<Edge> e = {{0, 1, 1.0}, {1, 2, 1.0}, {2, 3, 1.0}, {3, 4, 1.0}};
  const std::vector<double> d = distances(5, e, {0, 4});
  const std::vector<double> want = {0, 1, 2, 1, 0};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_DOUBLE_EQ(d[i], want[i]) << i;
}

TEST(ShortestPaths, TiesSettleInNodeIndexOrder) {
  // Node 0 joins 3, 1 and 2 at the same distance: they settle as 1, 2, 3 whatever the edge order.
  std::vector<uint32_t> order;
  (void)distances(4, {{0, 3, 1.0}, {0, 2, 1.0}, {0, 1, 1.0}}, {0}, &order);
  EXPECT_EQ(order, (std::vector<uint32_t>{0, 1, 2, 3}));
}

TEST(ShortestPaths, AShorterRouteFoundLaterReplacesTheFirst) {
  // 0 -10- 2 is relaxed first; 0 -1- 1 -1- 2 is shorter: node 2 settles once, at 2, after node 1.
  std::vector<uint32_t> order;
  const std::vector<double> d = distances(3, {{0, 2, 10.0}, {0, 1, 1.0}, {1, 2, 1.0}}, {0}, &order);
  EXPECT_DOUBLE_EQ(d[2], 2.0);
  EXPECT_EQ(order, (std::vector<uint32_t>{0, 1, 2}));
}

TEST(ShortestPaths, StopsWhenTheVisitorSaysSo) {
  // Stopping at node 1 of the grid (distance 1): nodes at distance 2 or more are never settled.
  std::vector<uint32_t> order;
  (void)distances(9, grid(), {0}, &order, {}, 1);
  EXPECT_EQ(order, (std::vector<uint32_t>{0, 1}));
}

TEST(ShortestPaths, AReusedWorkspaceGivesTheSameAnswer) {
  ShortestPaths sp;
  const std::vector<Edge> e = grid();
  for (int round = 0; round < 3; ++round) {
    std::vector<double> dist(9, kInf);
    dist[8] = 0.0;
    sp.run(dist, [&](uint32_t u, double d, auto&& relax) {
      for (const Edge& x : e) {
        if (x.a == u) relax(x.b, d + x.cost);
        if (x.b == u) relax(x.a, d + x.cost);
      }
      return true;
    });
    EXPECT_DOUBLE_EQ(dist[0], 4.0) << "round " << round;
    EXPECT_TRUE(sp.settled(0));
  }
}

}  // namespace
}  // namespace dt
