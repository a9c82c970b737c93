#pragma once
// The navigation network that residents and staff move on: nodes are places with a floor area
// (flats, corridors, lobbies, stair landings, outdoor areas, gates, assembly points) and links are
// the ways between them (doors, openings, stair flights, elevator shafts, site paths), each with
// a clear width and a length. Coordinates are metres, x east, y north, z up.
//
// The graph lives in flat arrays indexed by typed ids; adjacency is compressed (CSR) after
// finalize(), so walking a node's links touches one contiguous block. Generated from a layout by
// engine/world/ (see docs/layout-reference.md); movement models in engine/people/ read it.

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/assert.h"
#include "engine/kernel/input_error.h"

namespace dt {

/// A typed index: NodeId and LinkId cannot be mixed up.
template <class Tag>
struct Id {
  static constexpr uint32_t kInvalid = std::numeric_limits<uint32_t>::max();
  uint32_t value = kInvalid;

  constexpr Id() = default;
  constexpr explicit Id(uint32_t v) : value(v) {}
  [[nodiscard]] constexpr bool valid() const noexcept { return value != kInvalid; }
  [[nodiscard]] constexpr std::size_t index() const noexcept { return value; }
  constexpr auto operator<=>(const Id&) const = default;
};

using NodeId = Id<struct NodeTag>;
using LinkId = Id<struct LinkTag>;

struct Vec3 {
  double x = 0, y = 0, z = 0;  ///< [m]
};

enum class NodeKind : uint8_t {
  Unit,           ///< a flat (its residents start here)
  Corridor,       ///< common corridor / lobby of a floor
  StairLanding,   ///< the landing of a stair core at one floor
  GroundLobby,    ///< the ground-floor lobby a building is left through
  Outdoor,        ///< a point of the site path network
  Gate,           ///< a gate of the site
  AssemblyPoint,  ///< where people are safe
  Store,          ///< an emergency store
  ElevatorCar,    ///< reserved for elevator models (a car's stopping place at a floor)
};

enum class LinkKind : uint8_t {
  Door,      ///< a door (unit door, stair door, exit door)
  Opening,   ///< an opening without a door leaf, or a corridor segment
  Stair,     ///< one stair flight between two floors; length along the incline
  Elevator,  ///< an elevator shaft between two floors (not walked)
  Path,      ///< a site path outdoors
  Exit,      ///< a building's ground exit door to the outdoors
};

/// The leaf of a door (links of kind Door and Exit); the movement model may slow some kinds.
enum class DoorType : uint8_t {
  Unspecified,  ///< not a door, or not stated
  Swing,        ///< hinged leaf (the usual fire door)
  Sliding,      ///< sliding leaf
  Revolving,    ///< revolving door
  Opening,      ///< a doorway without a leaf
};

/// Lower-case names as the layout file and the exports spell them: "unit", "stair_landing", ...
[[nodiscard]] std::string_view to_string(NodeKind kind) noexcept;
[[nodiscard]] std::string_view to_string(LinkKind kind) noexcept;
[[nodiscard]] std::string_view to_string(DoorType door) noexcept;

struct NavNode {
  NodeKind kind = NodeKind::Corridor;
  Vec3 position;            ///< [m]
  double area_m2 = 0.0;     ///< floor area people can stand on [m², > 0]
  int32_t building = -1;    ///< index into the layout's buildings; -1 outdoors
  int32_t floor = 0;        ///< 1 = ground floor (as the layout counts); 0 outdoors
  std::string label;        ///< stable readable name, e.g. "B3/F12/U2", "B3/S1/F12", "gate:north"
};

struct NavLink {
  NodeId a, b;              ///< the ends; a link is walked both ways
  LinkKind kind = LinkKind::Opening;
  double width_m = 1.0;     ///< clear width [m, > 0]
  double length_m = 1.0;    ///< walking distance between the ends; stairs: along the incline [m, >= 0]
  double riser_m = 0.0;     ///< stairs only: step rise [m]
  double tread_m = 0.0;     ///< stairs only: step going [m]
  int32_t building = -1;    ///< -1 outdoors
  int32_t stair = -1;       ///< stairs: index of the stair core within its building
  int32_t elevator = -1;    ///< elevators: index of the elevator within its building
  SourcePos origin;         ///< where the layout defines what made this link (for messages)
  DoorType door = DoorType::Unspecified;  ///< doors and exits: the kind of leaf
  std::string label;        ///< stable readable name, e.g. "B3/S1/F12-F13", "B3/E1", "B3/F12/U2/door"
};

class NavGraph {
 public:
  NodeId add_node(NavNode node) {
    DT_ASSERT(!finalized_, "add_node after finalize");
    nodes_.push_back(std::move(node));
    return NodeId(static_cast<uint32_t>(nodes_.size() - 1));
  }
  LinkId add_link(NavLink link) {
    DT_ASSERT(!finalized_, "add_link after finalize");
    DT_ASSERT(link.a.index() < nodes_.size() && link.b.index() < nodes_.size(), "link end out of range");
    links_.push_back(std::move(link));
    return LinkId(static_cast<uint32_t>(links_.size() - 1));
  }
  /// Builds the adjacency. Call once, after the last add_*.
  void finalize();

  [[nodiscard]] bool finalized() const noexcept { return finalized_; }
  [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }
  [[nodiscard]] std::size_t link_count() const noexcept { return links_.size(); }
  [[nodiscard]] const NavNode& node(NodeId id) const noexcept { return nodes_[id.index()]; }
  [[nodiscard]] const NavLink& link(LinkId id) const noexcept { return links_[id.index()]; }
  [[nodiscard]] NavNode& node_mut(NodeId id) noexcept { return nodes_[id.index()]; }
  [[nodiscard]] NavLink& link_mut(LinkId id) noexcept { return links_[id.index()]; }
  [[nodiscard]] const std::vector<NavNode>& nodes() const noexcept { return nodes_; }
  [[nodiscard]] const std::vector<NavLink>& links() const noexcept { return links_; }

  /// Links touching `n`, in the order they were added. Needs finalize().
  [[nodiscard]] std::span<const LinkId> links_of(NodeId n) const noexcept {
    DT_ASSERT(finalized_, "links_of before finalize");
    return {adjacency_.data() + offsets_[n.index()], adjacency_.data() + offsets_[n.index() + 1]};
  }
  /// The other end of `l` seen from `from`.
  [[nodiscard]] NodeId other_end(LinkId l, NodeId from) const noexcept {
    const NavLink& k = links_[l.index()];
    return k.a == from ? k.b : k.a;
  }
  /// Node by label; invalid id when absent. Linear: for set-up, not hot paths.
  [[nodiscard]] NodeId find_node(std::string_view label) const noexcept;
  /// Link by label; invalid id when absent. Linear: for set-up, not hot paths.
  [[nodiscard]] LinkId find_link(std::string_view label) const noexcept;

 private:
  std::vector<NavNode> nodes_;
  std::vector<NavLink> links_;
  std::vector<uint32_t> offsets_;  // CSR: links of node i are adjacency_[offsets_[i] .. offsets_[i+1])
  std::vector<LinkId> adjacency_;
  bool finalized_ = false;
};

}  // namespace dt
