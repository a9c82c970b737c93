#include "engine/dispatch/hungarian.h"

#include <limits>

#include "engine/kernel/assert.h"

namespace dt {

std::vector<int32_t> AssignmentSolver::solve(std::span<const double> cost, std::size_t rows, std::size_t cols) {
  DT_ASSERT(cost.size() == rows * cols, "cost matrix size");
  std::vector<int32_t> result(rows, -1);
  if (rows == 0 || cols == 0) return result;
  if (rows > cols) {  // solve the transpose: every row of it (a column here) gets a partner
    transposed_.resize(rows * cols);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) transposed_[c * rows + r] = cost[r * cols + c];
    const std::vector<int32_t> by_col = solve(transposed_, cols, rows);  // rows <= cols there: no recursion
    for (std::size_t c = 0; c < cols; ++c)
      if (by_col[c] >= 0) result[static_cast<std::size_t>(by_col[c])] = static_cast<int32_t>(c);
    return result;
  }
  // rows <= cols. 1-based arrays; column 0 is a virtual column holding the row being inserted.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t n = rows, m = cols;
  u_.assign(n + 1, 0.0);
  v_.assign(m + 1, 0.0);
  match_.assign(m + 1, 0);  // match_[j] = row (1-based) assigned to column j, 0 = free
  way_.assign(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    match_[0] = i;
    std::size_t j0 = 0;
    min_to_.assign(m + 1, kInf);
    used_.assign(m + 1, 0);
    do {  // grow a shortest augmenting path (Dijkstra on reduced costs) until it reaches a free column
      used_[j0] = 1;
      const std::size_t i0 = match_[j0];
      double delta = kInf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used_[j]) continue;
        const double reduced = cost[(i0 - 1) * m + (j - 1)] - u_[i0] - v_[j];
        if (reduced < min_to_[j]) {
          min_to_[j] = reduced;
          way_[j] = j0;
        }
        if (min_to_[j] < delta) {
          delta = min_to_[j];
          j1 = j;
        }
      }
      DT_ASSERT(j1 != 0, "assignment: no column reachable (non-finite costs?)");
      for (std::size_t j = 0; j <= m; ++j) {
        if (used_[j]) {
          u_[match_[j]] += delta;
          v_[j] -= delta;
        } else {
          min_to_[j] -= delta;
        }
      }
      j0 = j1;
    } while (match_[j0] != 0);
    do {  // flip the path
      const std::size_t j1 = way_[j0];
      match_[j0] = match_[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (std::size_t j = 1; j <= m; ++j)
    if (match_[j] != 0) result[match_[j] - 1] = static_cast<int32_t>(j - 1);
  return result;
}

double assignment_cost(std::span<const double> cost, std::size_t cols, std::span<const int32_t> assignment) {
  double total = 0.0;
  for (std::size_t r = 0; r < assignment.size(); ++r)
    if (assignment[r] >= 0) total += cost[r * cols + static_cast<std::size_t>(assignment[r])];
  return total;
}

}  // namespace dt
