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

}  // namespace dt
