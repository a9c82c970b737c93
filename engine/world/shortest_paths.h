#pragma once
// The one shortest-path search of drilltwin (Dijkstra): routes, evacuation routes, smoke spread,
// flood spread and guards' walks all settle nodes with it.
//
//   std::vector<double> dist(n, inf);  dist[source] = 0;      // every finite entry is a source
//   ShortestPaths sp;                                          // reusable: no allocation once warm
//   sp.run(dist, [&](uint32_t u, double d, auto&& relax) {     // u settled at d, in order
//     for (each neighbour v of u) relax(v, d + cost);          // kept only when it improves dist[v]
//     return true;                                             // false stops the search (a target)
//   });
//
// Order: nodes are settled by (distance, node index): ties pop in node-index order, so the result
// depends only on the graph and the costs, never on insertion order or memory. A candidate replaces
// dist[v] only when strictly smaller. The caller decides what a link costs and which links may be
// used (closed links, one floor only, time-dependent arrival as for smoke) inside `visit`; costs
// must be >= 0 (Dijkstra's condition).

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace dt {

class ShortestPaths {
 public:
  /// Settles every node reachable from the sources (the finite entries of `dist`) in order of
  /// distance; calls visit(u, dist[u], relax) once per settled node, where relax(v, candidate)
  /// lowers dist[v] to `candidate` when smaller. Stops early when visit returns false.
  template <class Visit>
  void run(std::span<double> dist, Visit&& visit) {
    const std::size_t n = dist.size();
    settled_.assign(n, 0);
    heap_.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (dist[i] < kInf) heap_.emplace_back(dist[i], static_cast<uint32_t>(i));
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
    auto relax = [this, dist](uint32_t v, double candidate) {
      if (!(candidate < dist[v])) return;
      dist[v] = candidate;
      heap_.emplace_back(candidate, v);
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
    };
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [d, u] = heap_.back();
      heap_.pop_back();
      if (settled_[u] != 0 || d > dist[u]) continue;  // an entry superseded by a shorter one
      settled_[u] = 1;
      if (!visit(u, d, relax)) return;
    }
  }

  /// Whether node `u` was settled by the last run.
  [[nodiscard]] bool settled(uint32_t u) const noexcept { return u < settled_.size() && settled_[u] != 0; }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::pair<double, uint32_t>> heap_;
  std::vector<uint8_t> settled_;
};

}  // namespace dt
