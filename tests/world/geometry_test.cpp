// Plane geometry of layouts (engine/world/geometry.h). Every expectation is a figure one can check
// on squared paper: unit squares, 3-4-5 triangles, an L-shape.
#include "engine/world/geometry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace dt::geo {
namespace {

const std::vector<Vec2> kSquareCcw{{0, 0}, {4, 0}, {4, 4}, {0, 4}};  // 4 m × 4 m
const std::vector<Vec2> kSquareCw{{0, 0}, {0, 4}, {4, 4}, {4, 0}};
// L-shape: the 4×4 square minus its upper-right 2×2 quarter → area 16 − 4 = 12 m².
const std::vector<Vec2> kL{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}};

TEST(Geometry, LengthsAndDistancesAreEuclidean) {
  EXPECT_DOUBLE_EQ(length({3, 4}), 5.0);               // 3-4-5 triangle
  EXPECT_DOUBLE_EQ(distance(Vec2{1, 1}, Vec2{4, 5}), 5.0);
  EXPECT_DOUBLE_EQ(distance(Vec3{0, 0, 0}, Vec3{2, 3, 6}), 7.0);  // √(4 + 9 + 36)
  const Vec2 n = normalized({3, 4});
  EXPECT_DOUBLE_EQ(n.x, 0.6);
  EXPECT_DOUBLE_EQ(n.y, 0.8);
  EXPECT_EQ(normalized({0, 0}).x, 0.0);  // no NaN from a zero vector
  EXPECT_EQ(left_normal({1, 0}).y, 1.0);
}

TEST(Geometry, SignedAreaFollowsOrientation) {
  EXPECT_DOUBLE_EQ(signed_area(kSquareCcw), 16.0);
  EXPECT_DOUBLE_EQ(signed_area(kSquareCw), -16.0);
  EXPECT_DOUBLE_EQ(area(kSquareCw), 16.0);
  EXPECT_DOUBLE_EQ(area(kL), 12.0);
}

// Centroid of the L by decomposition: lower 4×2 block (area 8, centre (2, 1)) and upper-left 2×2
// block (area 4, centre (1, 3)): x = (8·2 + 4·1)/12 = 5/3, y = (8·1 + 4·3)/12 = 5/3.
TEST(Geometry, CentroidIsTheAreaWeightedCentre) {
  const Vec2 c = centroid(kL);
  EXPECT_NEAR(c.x, 5.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.y, 5.0 / 3.0, 1e-12);
  const Vec2 s = centroid(kSquareCw);
  EXPECT_NEAR(s.x, 2.0, 1e-12);
  EXPECT_NEAR(s.y, 2.0, 1e-12);
  // A degenerate (zero-area) outline falls back to the mean of its vertices.
  const std::vector<Vec2> line{{0, 0}, {2, 0}, {4, 0}};
  EXPECT_NEAR(centroid(line).x, 2.0, 1e-12);
}

TEST(Geometry, BoundingBoxSpansAllPoints) {
  const Box b = bounding_box(kL);
  EXPECT_EQ(b.min.x, 0.0);
  EXPECT_EQ(b.min.y, 0.0);
  EXPECT_EQ(b.max.x, 4.0);
  EXPECT_EQ(b.max.y, 4.0);
}

TEST(Geometry, SimplePolygonsAreRecognised) {
  EXPECT_TRUE(is_simple(kSquareCcw));
  EXPECT_TRUE(is_simple(kL));
  const std::vector<Vec2> bowtie{{0, 0}, {4, 4}, {4, 0}, {0, 4}};  // edges 0 and 2 cross at (2, 2)
  EXPECT_FALSE(is_simple(bowtie));
  const std::vector<Vec2> repeated{{0, 0}, {4, 0}, {4, 0}, {0, 4}};  // a zero-length edge
  EXPECT_FALSE(is_simple(repeated));
  const std::vector<Vec2> two{{0, 0}, {1, 0}};
  EXPECT_FALSE(is_simple(two));
  const std::vector<Vec2> spike{{0, 0}, {4, 0}, {2, 0}, {2, 3}};  // edge 1 folds back onto edge 0
  EXPECT_FALSE(is_simple(spike));
}

TEST(Geometry, InsideDistinguishesInteriorFromOutline) {
  EXPECT_TRUE(strictly_inside({1, 1}, kL));
  EXPECT_FALSE(strictly_inside({3, 3}, kL));  // the cut-out quarter
  EXPECT_FALSE(strictly_inside({4, 1}, kL));  // on the outline
  EXPECT_TRUE(inside_or_on({4, 1}, kL));
  EXPECT_TRUE(inside_or_on({2, 3}, kL));      // on the inner corner's wall
  EXPECT_FALSE(inside_or_on({5, 1}, kL));
}

TEST(Geometry, OverlapNeedsSharedInteriorNotJustAWall) {
  const std::vector<Vec2> right{{4, 0}, {8, 0}, {8, 4}, {4, 4}};     // shares the wall x = 4
  const std::vector<Vec2> shifted{{3, 1}, {7, 1}, {7, 5}, {3, 5}};   // crosses it
  const std::vector<Vec2> inner{{1, 1}, {2, 1}, {2, 2}, {1, 2}};     // wholly inside
  EXPECT_FALSE(interiors_overlap(kSquareCcw, right));
  EXPECT_TRUE(interiors_overlap(kSquareCcw, shifted));
  EXPECT_TRUE(interiors_overlap(kSquareCcw, inner));
  EXPECT_TRUE(interiors_overlap(inner, kSquareCcw));
  EXPECT_TRUE(interiors_overlap(kSquareCcw, kSquareCw));  // identical outlines
}

// Two squares 3 m apart horizontally and 4 m vertically at their nearest corners: (4,4) to (7,8) → 5 m.
TEST(Geometry, OutlineDistanceIsTheGapBetweenWalls) {
  const std::vector<Vec2> far{{7, 8}, {9, 8}, {9, 10}, {7, 10}};
  EXPECT_DOUBLE_EQ(outline_distance(kSquareCcw, far), 5.0);
  const std::vector<Vec2> right{{4, 0}, {8, 0}, {8, 4}, {4, 4}};
  EXPECT_EQ(outline_distance(kSquareCcw, right), 0.0);
}

TEST(Geometry, SegmentProjectionAndDistance) {
  EXPECT_DOUBLE_EQ(project_on_segment({1, 5}, {0, 0}, {4, 0}), 0.25);
  EXPECT_EQ(project_on_segment({-3, 1}, {0, 0}, {4, 0}), 0.0);  // clamped
  EXPECT_EQ(project_on_segment({9, 1}, {0, 0}, {4, 0}), 1.0);
  EXPECT_DOUBLE_EQ(distance_to_segment({7, 4}, {0, 0}, {4, 0}), 5.0);  // from the end (4,0): 3-4-5
  EXPECT_DOUBLE_EQ(segment_distance({0, 0}, {4, 0}, {1, 2}, {3, 2}), 2.0);  // parallel, 2 m apart
  EXPECT_EQ(segment_distance({0, 0}, {4, 4}, {0, 4}, {4, 0}), 0.0);        // crossing
}

TEST(Geometry, ProperCrossingGivesBothParameters) {
  double t = -1, u = -1;
  // (0,0)→(4,4) and (0,4)→(4,0) cross at (2,2): halfway along both.
  ASSERT_TRUE(proper_crossing({0, 0}, {4, 4}, {0, 4}, {4, 0}, t, u));
  EXPECT_DOUBLE_EQ(t, 0.5);
  EXPECT_DOUBLE_EQ(u, 0.5);
  // (0,0)→(4,0) and (1,-1)→(1,3) cross at (1,0): t = 1/4, u = 1/4.
  ASSERT_TRUE(proper_crossing({0, 0}, {4, 0}, {1, -1}, {1, 3}, t, u));
  EXPECT_DOUBLE_EQ(t, 0.25);
  EXPECT_DOUBLE_EQ(u, 0.25);
  EXPECT_FALSE(proper_crossing({0, 0}, {4, 0}, {0, 1}, {4, 1}, t, u));  // parallel
  EXPECT_FALSE(proper_crossing({0, 0}, {4, 0}, {4, 0}, {4, 3}, t, u));  // touching at an end
}

TEST(Geometry, NearestOutlinePointPointsOutwardInEitherOrientation) {
  for (const auto* square : {&kSquareCcw, &kSquareCw}) {
    const OutlinePoint p = nearest_outline_point({3, 2}, *square);  // 1 m from the wall x = 4
    EXPECT_DOUBLE_EQ(p.point.x, 4.0);
    EXPECT_DOUBLE_EQ(p.point.y, 2.0);
    EXPECT_DOUBLE_EQ(p.distance, 1.0);
    EXPECT_NEAR(p.outward.x, 1.0, 1e-12);
    EXPECT_NEAR(p.outward.y, 0.0, 1e-12);
  }
}

// Polyline (0,0) → (3,0) → (3,4): legs of 3 m and 4 m, total 7 m.
TEST(Polyline, IsParameterisedByArcLength) {
  const Polyline p({{0, 0}, {3, 0}, {3, 4}});
  EXPECT_DOUBLE_EQ(p.length(), 7.0);
  EXPECT_DOUBLE_EQ(p.at(1.5).x, 1.5);
  EXPECT_DOUBLE_EQ(p.at(5.0).x, 3.0);
  EXPECT_DOUBLE_EQ(p.at(5.0).y, 2.0);   // 2 m up the second leg
  EXPECT_DOUBLE_EQ(p.at(-1.0).x, 0.0);  // clamped
  EXPECT_DOUBLE_EQ(p.at(99.0).y, 4.0);
  EXPECT_DOUBLE_EQ(p.direction(1.0).x, 1.0);
  EXPECT_DOUBLE_EQ(p.direction(6.0).y, 1.0);
  EXPECT_DOUBLE_EQ(p.project({5, 1}), 4.0);    // nearest point (3,1): 3 + 1
  EXPECT_DOUBLE_EQ(p.project({1, -2}), 1.0);
  EXPECT_EQ(Polyline().length(), 0.0);
}

}  // namespace
}  // namespace dt::geo
