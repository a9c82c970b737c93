#include "engine/world/nav_graph.h"

namespace dt {

void NavGraph::finalize() {
  DT_ASSERT(!finalized_, "finalize twice");
  offsets_.assign(nodes_.size() + 1, 0);
  for (const NavLink& l : links_) {
    ++offsets_[l.a.index() + 1];
    if (l.b != l.a) ++offsets_[l.b.index() + 1];
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) offsets_[i + 1] += offsets_[i];
  adjacency_.resize(offsets_.back());
  std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (uint32_t i = 0; i < links_.size(); ++i) {
    adjacency_[fill[links_[i].a.index()]++] = LinkId(i);
    if (links_[i].b != links_[i].a) adjacency_[fill[links_[i].b.index()]++] = LinkId(i);
  }
  finalized_ = true;
}

NodeId NavGraph::find_node(std::string_view label) const noexcept {
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].label == label) return NodeId(static_cast<uint32_t>(i));
  return NodeId();
}

LinkId NavGraph::find_link(std::string_view label) const noexcept {
  for (std::size_t i = 0; i < links_.size(); ++i)
    if (links_[i].label == label) return LinkId(static_cast<uint32_t>(i));
  return LinkId();
}

std::string_view to_string(NodeKind kind) noexcept {
  switch (kind) {
    case NodeKind::Unit: return "unit";
    case NodeKind::Corridor: return "corridor";
    case NodeKind::StairLanding: return "stair_landing";
    case NodeKind::GroundLobby: return "ground_lobby";
    case NodeKind::Outdoor: return "outdoor";
    case NodeKind::Gate: return "gate";
    case NodeKind::AssemblyPoint: return "assembly_point";
    case NodeKind::Store: return "store";
    case NodeKind::ElevatorCar: return "elevator_car";
  }
  return "?";
}

std::string_view to_string(LinkKind kind) noexcept {
  switch (kind) {
    case LinkKind::Door: return "door";
    case LinkKind::Opening: return "opening";
    case LinkKind::Stair: return "stair";
    case LinkKind::Elevator: return "elevator";
    case LinkKind::Path: return "path";
    case LinkKind::Exit: return "exit";
  }
  return "?";
}

std::string_view to_string(DoorType door) noexcept {
  switch (door) {
    case DoorType::Unspecified: return "unspecified";
    case DoorType::Swing: return "swing";
    case DoorType::Sliding: return "sliding";
    case DoorType::Revolving: return "revolving";
    case DoorType::Opening: return "opening";
  }
  return "?";
}

}  // namespace dt
