#pragma once
// Layout → navigation network.
//
// Per building and floor: flats (unit nodes) open through their doors onto the floor's corridor
// or lobby; stair cores have a landing node on every floor, joined by one Stair link per storey
// whose length is measured along the incline, L = H·√(1 + (T/R)²); elevators are Elevator links
// between the corridor nodes of consecutive floors they serve; exits lead from the ground lobby
// (or straight from a stair) to an outdoor node just outside the door. Outdoors, site paths
// become a network of path nodes (joined where paths meet or cross) to which exits, gates,
// assembly points and stores attach at the nearest point. Explicit nodes and links of the layout
// are applied last; sensors are placed by rule or by name.
//
// The rules, with every constant, are in docs/model.md ("Geometry and the navigation network").
// Generation is deterministic: the same layout gives the same network, node for node.

#include "engine/kernel/input_error.h"
#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

namespace generator_constants {
/// Doors closer than this along a corridor share one corridor node [m].
inline constexpr double kMergeTolerance_m = 0.5;
/// The outdoor node of an exit stands this far outside the door [m] ...
inline constexpr double kApronOffset_m = 1.0;
/// ... on an apron this deep, the door's width plus this much wide [m].
inline constexpr double kApronDepth_m = 2.0;
inline constexpr double kApronExtraWidth_m = 2.0;
/// A gate node is the gate's width by this deep [m].
inline constexpr double kGateDepth_m = 2.0;
/// Default elevators stand this far apart along the corridor [m].
inline constexpr double kElevatorSpacing_m = 2.5;
/// Path nodes get at least this area [m²].
inline constexpr double kMinNodeArea_m2 = 1.0;
}  // namespace generator_constants

/// Builds the network of `layout`. Problems only the generator can see (an exit via a stair that
/// does not exist, an explicit link to an unknown node, ...) are reported to `diag` as errors at
/// their place in the layout; the returned network is still usable for further checks.
[[nodiscard]] Network generate_network(const LayoutConfig& layout, Diagnostics& diag);

/// Length of one storey's stair flights measured along the incline: H·√(1 + (T/R)²) [m].
[[nodiscard]] double stair_flight_length_m(double storey_height_m, double riser_m, double tread_m);

}  // namespace dt
