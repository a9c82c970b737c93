#pragma once
// The assignment problem: given a rows × cols cost matrix, choose at most one column per row and
// one row per column, as many pairs as min(rows, cols), with the least total cost.
//
// The Hungarian method (Kuhn 1955, Munkres 1957) in the O(n²·m) shortest-augmenting-path form
// with row and column potentials (Jonker & Volgenant 1987; the formulation of Burkard, Dell'Amico
// & Martello, "Assignment Problems", 2009, §4.4). Deterministic: ties go to the lowest index.

#include <cstdint>
#include <span>
#include <vector>

namespace dt {

class AssignmentSolver {
 public:
  /// `cost` is row-major, rows × cols, finite. Returns per row the chosen column, or -1 (only
  /// when rows > cols). Reuses its working memory between calls.
  [[nodiscard]] std::vector<int32_t> solve(std::span<const double> cost, std::size_t rows, std::size_t cols);

 private:
  std::vector<double> u_, v_, min_to_;
  std::vector<std::size_t> match_, way_;
  std::vector<uint8_t> used_;
  std::vector<double> transposed_;
};

/// Total cost of an assignment returned by AssignmentSolver::solve.
[[nodiscard]] double assignment_cost(std::span<const double> cost, std::size_t cols, std::span<const int32_t> assignment);

}  // namespace dt
