#pragma once
// Routes on the navigation network: shortest-travel-time trees, one per destination.
//
// A RouteTree holds, for every node, the free-flow time and distance to its destination and the
// links that lead there. It is built once by a reverse Dijkstra search from the destination
// (multi-source when a destination has several nodes, e.g. "any assembly point"), so asking
// "which link next?" for tens of thousands of people is one array lookup each, never a search.
//
// Blocked links (smoke, a locked door, a stair held by firefighters) and changed link times are
// told to the Router, which rebuilds every tree on update().
//
// Sharing the load between equally good routes. A tree keeps at each node every next link whose
// route is within a tolerance of the best one, tol = max(tie_tolerance_s, tie_tolerance_fraction ×
// best time), and only links towards nodes the search settled earlier (so the links form no
// cycle and every choice makes progress). A person picks among them with a choice key (a person
// or household id): candidate ⌊h·count / 2³²⌋ with h the top 32 bits of splitmix64((key ⊕ node·γ)
// + γ), so people with different keys spread evenly and reproducibly over two equal stairs, and
// members of one household (one key) stay together. A movement model may instead choose among
// next_links() by queue length.
// docs/model.md, "Geometry and the navigation network", states the rule and its constants.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/world/nav_graph.h"
#include "engine/world/shortest_paths.h"
#include "engine/world/network.h"

namespace dt {

// Free-flow speeds are those of the SFPE hydraulic model, S = k(1 − a·D) at the lowest density it
// covers, D = 0.54 p/m² (SFPE Handbook 5th ed. ch. 59): people walk no faster than S(0.54) on an
// empty route. Its constants (k level, the stair constant, a, 0.54) have one definition,
// engine/world/hydraulics.h, shared with the crowd model.
struct RouteOptions {
  /// Going up a stair is slower than going down: ascent / descent ≈ 0.75, the mean ratio of the
  /// ranges in IMO MSC.1/Circ.1533 Annex 3 tables 3.4 and 3.5.
  double stair_up_factor = 0.75;
  /// Elevators are not used to evacuate in a fire (GB 50016); staff routing may allow them.
  bool use_elevators = false;
  /// Next links whose route is within max(tie_tolerance_s, tie_tolerance_fraction × best) of the
  /// best are kept as equally good.
  double tie_tolerance_s = 1.0;
  double tie_tolerance_fraction = 0.02;
};

/// Free-flow walking speed on level ground [m/s]: k(1 − a·D₀) = 1.40 × (1 − 0.266 × 0.54) = 1.199 m/s.
[[nodiscard]] double level_speed_mps();
/// Free-flow speed along the incline of a stair with riser R and tread T, going down [m/s]
/// (7/11 in steps: k = 1.08 m/s, S = 0.927 m/s). Without steps (R or T ≤ 0): the layout's default steps.
[[nodiscard]] double stair_speed_mps(double riser_m, double tread_m);
/// Time for an elevator car to travel `height_m` from stop to stop, doors included [s]:
/// door_open + door_close + h/v + v/a when the car reaches its rated speed, else 2√(h/a).
[[nodiscard]] double elevator_hop_time_s(const ElevatorNet& elevator, double height_m);

/// Time to cross each link in each direction at free flow [s]; +inf where the link cannot be used.
struct LinkTimes {
  std::vector<double> forward_s;   ///< from link.a to link.b
  std::vector<double> backward_s;  ///< from link.b to link.a
};
[[nodiscard]] LinkTimes free_flow_link_times(const Network& net, const RouteOptions& options = {});

struct Destination {
  std::string name;           ///< "safety", "ap:north", "gate:south", "exits:B3", "exit:B3/E1"
  std::vector<NodeId> nodes;  ///< reaching any of them is arriving
};

/// Every destination a run needs, "safety" (any assembly point) first, then each assembly point,
/// each gate, each building's exits together ("exits:B3", the building's outdoor side) and each
/// exit alone ("exit:B3/E1").
[[nodiscard]] std::vector<Destination> standard_destinations(const Network& net);

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

/// Shortest routes from every node to one destination.
class RouteTree {
 public:
  /// Free-flow travel time to the destination [s]; kUnreachable when there is no way.
  [[nodiscard]] double time_s(NodeId n) const noexcept { return time_s_[n.index()]; }
  /// Walking distance along the best route [m]; kUnreachable when there is no way.
  [[nodiscard]] double distance_m(NodeId n) const noexcept { return distance_m_[n.index()]; }
  [[nodiscard]] bool reachable(NodeId n) const noexcept { return time_s_[n.index()] < kUnreachable; }
  [[nodiscard]] bool is_destination(NodeId n) const noexcept { return reachable(n) && next_count(n) == 0; }
  /// The equally good next links, best first; empty at the destination and where unreachable.
  [[nodiscard]] std::span<const LinkId> next_links(NodeId n) const noexcept {
    return {next_.data() + offsets_[n.index()], next_.data() + offsets_[n.index() + 1]};
  }
  [[nodiscard]] std::size_t next_count(NodeId n) const noexcept {
    return offsets_[n.index() + 1] - offsets_[n.index()];
  }
  /// The best next link (invalid at the destination and where unreachable).
  [[nodiscard]] LinkId best_link(NodeId n) const noexcept {
    return next_count(n) == 0 ? LinkId() : next_[offsets_[n.index()]];
  }
  /// The next link for the person or household with `choice_key` (see the header comment).
  [[nodiscard]] LinkId next_link(NodeId n, uint64_t choice_key) const noexcept;

 private:
  friend class Router;
  std::vector<double> time_s_, distance_m_;
  std::vector<uint32_t> offsets_;  // CSR into next_
  std::vector<LinkId> next_;
};

/// The route trees of a network, kept up to date as links are blocked or slowed.
class Router {
 public:
  /// Trees for `destinations` with free-flow link times; built at once.
  Router(const Network& net, std::vector<Destination> destinations, RouteOptions options = {});
  /// Trees on `graph` (finalized) with the given base link times.
  Router(const NavGraph& graph, LinkTimes base_times, std::vector<Destination> destinations,
         RouteOptions options = {});

  [[nodiscard]] std::size_t destination_count() const noexcept { return destinations_.size(); }
  [[nodiscard]] const Destination& destination(std::size_t d) const noexcept { return destinations_[d]; }
  /// Index of the destination called `name`.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const noexcept;
  [[nodiscard]] const RouteTree& tree(std::size_t d) const noexcept {
    DT_ASSERT(!dirty_, "route query after a change without update()");
    return trees_[d];
  }

  /// Blocks or reopens a link (both directions). Takes effect at update().
  void set_blocked(LinkId l, bool blocked);
  [[nodiscard]] bool blocked(LinkId l) const noexcept { return blocked_[l.index()] != 0; }
  /// Replaces a link's travel times (e.g. walking slower in smoke) [s]; takes effect at update().
  void set_link_time(LinkId l, double forward_s, double backward_s);
  /// Back to the base time.
  void reset_link_time(LinkId l);
  /// Whether a change waits for update().
  [[nodiscard]] bool dirty() const noexcept { return dirty_; }
  /// Rebuilds every tree if something changed since the last build. Trees are built in parallel
  /// (oneTBB); each is computed the same way whatever the thread count.
  void update();
  /// Counts rebuilds, so that a caller can cache per-tree answers.
  [[nodiscard]] uint64_t version() const noexcept { return version_; }

 private:
  struct Candidate {
    double total_s;
    LinkId link;
    uint32_t to;
  };
  /// Working memory of one tree build (one per worker thread, reused).
  struct Scratch {
    ShortestPaths search;               // the one shortest-path search (shortest_paths.h)
    std::vector<uint32_t> order;        // nodes in the order the search settled them
    std::vector<uint32_t> settle_rank;  // position of each node in `order`
    std::vector<uint8_t> is_destination;
    std::vector<uint32_t> start;
    std::vector<Candidate> candidates;
  };

  void prepare_adjacency();
  void prepare_costs();
  void build(std::size_t d, Scratch& s);

  const NavGraph* graph_;
  std::vector<Destination> destinations_;
  RouteOptions options_;
  LinkTimes base_, current_;
  std::vector<uint8_t> blocked_;
  std::vector<RouteTree> trees_;
  bool dirty_ = true;
  uint64_t version_ = 0;
  // The adjacency as flat arrays (CSR by node), with each entry's time in and out.
  std::vector<uint32_t> adj_offset_, adj_node_;
  std::vector<LinkId> adj_link_;
  std::vector<double> adj_in_s_;   // from the neighbour to the node
  std::vector<double> adj_out_s_;  // from the node to the neighbour
  std::vector<double> link_length_m_;
};

}  // namespace dt
