// The navigation graph's flat storage (engine/world/nav_graph.h): CSR adjacency, lookups by label
// and the names the layout files and exports use.
#include "engine/world/nav_graph.h"

#include <gtest/gtest.h>

#include <vector>

namespace dt {
namespace {

// Triangle a—b—c—a plus a self-loop on c (listed once, not twice, in c's links).
NavGraph triangle() {
  NavGraph g;
  const NodeId a = g.add_node({NodeKind::Unit, {}, 10, 0, 1, "a"});
  const NodeId b = g.add_node({NodeKind::Corridor, {}, 10, 0, 1, "b"});
  const NodeId c = g.add_node({NodeKind::Gate, {}, 10, -1, 0, "c"});
  NavLink l;
  l.a = a, l.b = b, l.label = "ab";
  g.add_link(l);
  l.a = b, l.b = c, l.label = "bc";
  g.add_link(l);
  l.a = c, l.b = a, l.label = "ca";
  g.add_link(l);
  l.a = c, l.b = c, l.label = "cc";
  g.add_link(l);
  g.finalize();
  return g;
}

std::vector<uint32_t> ids(std::span<const LinkId> links) {
  std::vector<uint32_t> v;
  for (const LinkId l : links) v.push_back(l.value);
  return v;
}

TEST(NavGraph, AdjacencyListsEachNodesLinksInInsertionOrder) {
  const NavGraph g = triangle();
  EXPECT_TRUE(g.finalized());
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.link_count(), 4u);
  EXPECT_EQ(ids(g.links_of(NodeId(0))), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(ids(g.links_of(NodeId(1))), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(ids(g.links_of(NodeId(2))), (std::vector<uint32_t>{1, 2, 3}));  // the loop once
  EXPECT_EQ(g.other_end(LinkId(0), NodeId(0)), NodeId(1));
  EXPECT_EQ(g.other_end(LinkId(0), NodeId(1)), NodeId(0));
  EXPECT_EQ(g.other_end(LinkId(3), NodeId(2)), NodeId(2));
}

TEST(NavGraph, FindsNodesAndLinksByLabel) {
  const NavGraph g = triangle();
  EXPECT_EQ(g.find_node("b"), NodeId(1));
  EXPECT_FALSE(g.find_node("z").valid());
  EXPECT_EQ(g.find_link("ca"), LinkId(2));
  EXPECT_FALSE(g.find_link("").valid());
}

TEST(NavGraph, IdsAreTypedAndOrdered) {
  EXPECT_FALSE(NodeId().valid());
  EXPECT_TRUE(NodeId(0).valid());
  EXPECT_LT(NodeId(1), NodeId(2));
  EXPECT_EQ(NodeId(7).index(), 7u);
}

TEST(NavGraph, KindNamesAreTheLayoutFileSpelling) {
  EXPECT_EQ(to_string(NodeKind::StairLanding), "stair_landing");
  EXPECT_EQ(to_string(NodeKind::AssemblyPoint), "assembly_point");
  EXPECT_EQ(to_string(NodeKind::GroundLobby), "ground_lobby");
  EXPECT_EQ(to_string(LinkKind::Exit), "exit");
  EXPECT_EQ(to_string(LinkKind::Stair), "stair");
  EXPECT_EQ(to_string(DoorType::Revolving), "revolving");
  EXPECT_EQ(to_string(DoorType::Unspecified), "unspecified");
}

}  // namespace
}  // namespace dt
