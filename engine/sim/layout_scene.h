#pragma once
// The scene of a trace (engine/output/trace.h) from a layout and its navigation network: building
// shells and floors, elevator shafts, stair flights, the network, sensors. Used by
// `drilltwin run --trace` for the trace header and by drilltwin-view to show a layout file before
// any run (the viewer sees only trace::Scene, never the engine's types).

#include <string>
#include <vector>

#include "engine/output/trace.h"
#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

/// The scene of `layout` and the network generated from it (generate_network(layout)).
/// Stair flights are drawn as dog-legs running from each landing away from the corridor node its
/// door opens onto, along the nearer axis of the building (trace::Link::run).
[[nodiscard]] trace::Scene make_scene(const LayoutConfig& layout, const Network& network);

/// The scene of a bare navigation graph (no layout known): each building's outline is the box
/// around its nodes (1 m margin), its floor elevations are its nodes' heights.
[[nodiscard]] trace::Scene make_scene(const NavGraph& graph, const std::vector<std::string>& building_names);

/// Loads the layout file `path` (as `drilltwin layout` does), generates its network and returns
/// its scene. Throws InputError when the file cannot be read or the network cannot be generated;
/// the findings of the layout checks (check_layout) are returned in `findings` (errors too: a
/// planner may look at a layout that is not valid yet).
[[nodiscard]] trace::Scene load_layout_scene(const std::string& path, std::vector<std::string>& findings);

}  // namespace dt
