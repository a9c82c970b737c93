#include "engine/world/layout_summary.h"

#include <algorithm>

#include "engine/world/routing.h"

namespace dt {

LayoutSummary summarize_layout(const LayoutConfig& layout, const Network& net) {
  LayoutSummary s;
  s.name = layout.name;
  s.persons_per_household = layout.persons_per_household;
  s.buildings = layout.buildings.size();
  s.nodes = net.graph.node_count();
  s.links = net.graph.link_count();
  s.sensors = net.sensors.size();
  s.gates = layout.gates.size();
  s.assembly_points = layout.assembly_points.size();
  s.stores = layout.stores.size();
  s.paths = layout.paths.size();
  for (const AssemblyPointConfig& ap : layout.assembly_points) s.assembly_capacity += ap.capacity_persons;

  // Walking distances to each building's exits: route trees whose "times" are lengths.
  LinkTimes lengths;
  for (const NavLink& l : net.graph.links()) {
    const double d = l.kind == LinkKind::Elevator ? kUnreachable : l.length_m;
    lengths.forward_s.push_back(d);
    lengths.backward_s.push_back(d);
  }
  std::vector<Destination> exits;
  std::vector<std::size_t> tree_of(layout.buildings.size(), SIZE_MAX);
  for (std::size_t b = 0; b < net.buildings.size(); ++b) {
    if (net.buildings[b].exits.empty()) continue;
    tree_of[b] = exits.size();
    exits.push_back({layout.buildings[b].id, net.buildings[b].exits});
  }
  const Router router(net.graph, std::move(lengths), std::move(exits));

  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const BuildingConfig& cfg = layout.buildings[b];
    const BuildingNet& bn = net.buildings[b];
    BuildingSummary row;
    row.id = cfg.id;
    row.type = cfg.type;
    row.floors = cfg.floors;
    row.height_m = cfg.height_m();
    row.units = bn.units.size();
    row.residents = static_cast<double>(row.units) * layout.persons_per_household;
    row.stairs = cfg.stairs.size();
    row.elevators = cfg.elevators.size();
    row.exits = cfg.exits.size();
    for (const NodeId u : bn.units) {
      const double d = tree_of[b] == SIZE_MAX ? kUnreachable : router.tree(tree_of[b]).distance_m(u);
      if (d > row.longest_unit_to_exit_m || row.farthest_unit.empty()) {
        row.longest_unit_to_exit_m = d;
        row.farthest_unit = net.graph.node(u).label;
      }
    }
    for (const UnitDoorDistance& u : bn.unit_doors)
      row.longest_door_to_stair_m = std::max(row.longest_door_to_stair_m, u.to_exit_m);
    s.floors += static_cast<std::size_t>(std::max(cfg.floors, 0));
    s.units += row.units;
    s.residents += row.residents;
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace dt
