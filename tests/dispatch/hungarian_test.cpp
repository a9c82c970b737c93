// The assignment solver against hand-solved cases and against brute force over permutations.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "engine/dispatch/hungarian.h"
#include "engine/kernel/random.h"

namespace dt {
namespace {

TEST(Hungarian, SolvesTheTextbookThreeByThree) {
  // By hand: the six permutations cost 4+0+2=6, 4+5+2=11, 1+2+2=5, 1+5+3=9, 3+2+2=7, 3+0+3=6;
  // the least is 5: row 0 → column 1, row 1 → column 0, row 2 → column 2.
  const std::vector<double> c = {4, 1, 3,  //
                                 2, 0, 5,  //
                                 3, 2, 2};
  AssignmentSolver s;
  const std::vector<int32_t> a = s.solve(c, 3, 3);
  EXPECT_EQ(assignment_cost(c, 3, a), 5.0);  // 0→1 (1) + 1→0 (2) + 2→2 (2)
  EXPECT_EQ(a, (std::vector<int32_t>{1, 0, 2}));
}

double brute_force(const std::vector<double>& c, std::size_t rows, std::size_t cols) {
  // Minimum over injective maps from the smaller side to the larger.
  const bool by_rows = rows <= cols;
  const std::size_t small = by_rows ? rows : cols, large = by_rows ? cols : rows;
  std::vector<std::size_t> perm(large);
  std::iota(perm.begin(), perm.end(), 0);
  double best = 1e300;
  do {
    double t = 0;
    for (std::size_t i = 0; i < small; ++i) t += by_rows ? c[i * cols + perm[i]] : c[perm[i] * cols + i];
    best = std::min(best, t);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(Hungarian, MatchesBruteForceOnRandomRectangularMatrices) {
  AssignmentSolver s;
  for (uint64_t k = 0; k < 300; ++k) {
    RandomStream rng(7, k, purpose_id("test.hungarian"), 0);
    const std::size_t rows = 1 + rng.uniform_index(6), cols = 1 + rng.uniform_index(6);
    std::vector<double> c(rows * cols);
    // Integer costs make ties common: the solver must still find an optimum.
    for (double& x : c) x = static_cast<double>(rng.uniform_index(10));
    const std::vector<int32_t> a = s.solve(c, rows, cols);
    // A valid partial permutation with min(rows, cols) pairs.
    std::vector<int> used(cols, 0);
    std::size_t pairs = 0;
    for (int32_t j : a)
      if (j >= 0) {
        ASSERT_LT(static_cast<std::size_t>(j), cols);
        EXPECT_EQ(used[static_cast<std::size_t>(j)]++, 0) << "column used twice";
        ++pairs;
      }
    EXPECT_EQ(pairs, std::min(rows, cols));
    EXPECT_DOUBLE_EQ(assignment_cost(c, cols, a), brute_force(c, rows, cols)) << rows << "x" << cols << " case " << k;
  }
}

TEST(Hungarian, EmptyProblemsGiveEmptyAssignments) {
  AssignmentSolver s;
  EXPECT_TRUE(s.solve({}, 0, 4).empty());
  EXPECT_EQ(s.solve({}, 3, 0), (std::vector<int32_t>{-1, -1, -1}));
}

TEST(Hungarian, NegativeCostsAreAllowed) {
  // Values of serving urgent incidents enter as negative costs.
  const std::vector<double> c = {-5, 0, -1, -3};
  AssignmentSolver s;
  const std::vector<int32_t> a = s.solve(c, 2, 2);
  EXPECT_EQ(assignment_cost(c, 2, a), -8.0);
}

}  // namespace
}  // namespace dt
