#pragma once
// How long a staff member takes to walk (and ride) from one place of the site to another.
//
// Built once per scenario from the generated network and shared read-only by every replication.
// A trip is answered in O(1) from precomputed shortest-path trees (engine/world/routing.h):
//   - per building B: time from every node to B's exits, and from B's exits to every node
//     (the reverse search runs on swapped link times, so stairs up and down keep their speeds);
//   - per anchor (posts, gates, assembly points, stores: every place outdoors where staff wait or
//     incidents happen): time from every node to it and from it to every node.
// A trip a → b then takes
//   - b an anchor:                     T_to[b](a)                      (exact)
//   - a an anchor, b in building B:    T_from[a](b)                    (exact)
//   - a outside B, b in building B:    T_to[B](a) + T_from[B](b)       (through B's nearest exit;
//                                      exact up to the choice between B's exits)
//   - a and b both in building B:      max(T_from[B](b) − T_from[B](a), T_to[B](a) − T_to[B](b),
//                                      straight-line distance / level speed)
//     (exact when one lies on the other's way up from the lobby — one stair or lift — else a
//     lower bound; a stated limit, docs/model.md "Staff and dispatch").
// Speeds are the free-flow speeds of the SFPE hydraulic model (routing.h, hydraulics.h): 1.20 m/s
// on the level, 0.93 m/s down a 7/11 stair, ×0.75 up. Lifts, when allowed: a trip that boards at
// the ground floor pays the wait for a car, the doors and the acceleration once (on the hop from
// the lowest stop), then h/v per floor.

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/world/network.h"
#include "engine/world/routing.h"

namespace dt {

struct TravelOptions {
  RouteOptions route;           ///< walking speeds (SFPE free flow; routing.h)
  bool use_elevators = true;    ///< staff ride lifts (they are not evacuating)
  /// Mean wait for a car at the ground floor [s, >= 0]. Assumption: half the round-trip time of a
  /// residential lift in normal traffic (CIBSE Guide D gives 30–60 s average waits in residential blocks; recalled).
  double elevator_wait_s = 30.0;
};

class TravelModel {
 public:
  /// `anchors`: extra nodes that need exact trips (staff posts); gates, assembly points and
  /// stores are always anchors. Builds every tree (parallel, deterministic).
  TravelModel(std::shared_ptr<const Network> net, std::vector<NodeId> anchors, TravelOptions options = {});

  /// Walking (and riding) time from `from` to `to` [s]; kUnreachable when there is no way.
  [[nodiscard]] double time_s(NodeId from, NodeId to) const noexcept;
  /// Distance walked along that trip [m] (lift rides count their height).
  [[nodiscard]] double distance_m(NodeId from, NodeId to) const noexcept;

  [[nodiscard]] const Network& network() const noexcept { return *net_; }
  [[nodiscard]] int32_t building(NodeId n) const noexcept { return net_->graph.node(n).building; }
  /// The node staff of building b start from (first exit's inside: the ground lobby).
  [[nodiscard]] NodeId lobby(int32_t b) const noexcept { return lobby_[static_cast<std::size_t>(b)]; }

  /// Candidate places of incidents, each reachable both ways from every building's exits.
  [[nodiscard]] const std::vector<NodeId>& units() const noexcept { return units_; }
  [[nodiscard]] const std::vector<NodeId>& common() const noexcept { return common_; }
  [[nodiscard]] const std::vector<NodeId>& elevator_stops() const noexcept { return elevator_stops_; }
  [[nodiscard]] const std::vector<NodeId>& outdoor() const noexcept { return outdoor_; }

 private:
  struct Tree {
    std::vector<double> time_s, distance_m;
  };
  [[nodiscard]] double trip(NodeId a, NodeId b, bool distance) const noexcept;

  std::shared_ptr<const Network> net_;
  TravelOptions options_;
  double level_speed_mps_ = 1.2;
  std::vector<Tree> to_building_, from_building_;  // per building
  std::vector<Tree> to_anchor_, from_anchor_;      // per anchor
  std::vector<int32_t> anchor_of_;                 // per node: anchor index or -1
  std::vector<NodeId> lobby_;
  std::vector<NodeId> units_, common_, elevator_stops_, outdoor_;
};

}  // namespace dt
