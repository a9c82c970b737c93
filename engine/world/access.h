#pragma once
// Walking time on the navigation network from every node to the nearest daily service of one kind
// (the 15-minute life circle, docs/access.md). The services are layout `services:` entries; they are
// not part of the generated network: each is joined to it here (see service_entries()).
//
// The network is undirected, so "from every flat to the nearest service" is one multi-source
// search from the services, with the one shortest-path search (shortest_paths.h). A link costs its
// length over the walker's speed: stair flights (measured along the incline) at the stair speed,
// every other walked link at the level speed; lift shafts, when lifts are used, at the lift's rated
// speed with no waiting and no door times (a lower bound on the ride).

#include <span>
#include <vector>

#include "engine/world/layout.h"
#include "engine/world/network.h"
#include "engine/world/shortest_paths.h"

namespace dt {

/// How one group of residents walks [m/s, > 0].
struct WalkSpeeds {
  double level_mps = 1.0;   ///< corridors, doors, site paths
  double stairs_mps = 0.6;  ///< along the incline of a flight
  bool use_lifts = true;    ///< ride lifts where a building has them
};

/// Where a service joins the network: a node and the straight walk from the service to it [m].
struct ServiceEntry {
  NodeId node;
  double walk_m = 0;
};

/// A service in a building: the outdoor node outside each of its exits (0 m). A service at a point:
/// the nearest outdoor node (paths, gates, assembly points, stores, exit aprons) by straight
/// distance, and that distance. Empty when the network has no outdoor node.
[[nodiscard]] std::vector<ServiceEntry> service_entries(const LayoutConfig& layout, const Network& net,
                                                        const ServiceConfig& service);

/// Time [s] from every node to the nearest entry (infinity where none can be reached), written
/// into `time_s` (resized to the node count). `sp` is reused between calls.
void access_times(const LayoutConfig& layout, const Network& net, std::span<const ServiceEntry> entries,
                  const WalkSpeeds& speeds, ShortestPaths& sp, std::vector<double>& time_s);

}  // namespace dt
