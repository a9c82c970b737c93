#pragma once
// The navigation graph prepared for crowd movement: per link its effective width, capacity
// (persons/s), storage (persons), speed constant k and stair direction; per node its density limit
// and whether it is a safe place; and the routes towards safety. Built once per scenario and shared,
// read-only, by every replication (and every thread).
//
// Rules (docs/model.md, "People and their movement"):
//  - effective width = clear width − 2 × boundary layer (doors, exits, stairs 0.15 m per side,
//    corridors 0.20 m, site paths 0.15 m);
//  - capacity C = Fs × effective width, with Fs = 1.3 p/s/m for doors and exits and the maximum
//    specific flow k/(4a) for stairs (k from riser/tread) and corridors/paths (k = 1.40);
//  - storage of a link = peak-flow density (1/(2a) = 1.88 p/m²) × its effective area, so that people
//    entering a link never see a density at which the flow through it would fall (the "lock" pitfall);
//  - a node holds at most node_max_density × area persons (queues, spill-back);
//  - routes: least unimpeded walking time to a safe node; a node's candidates are all links that
//    make progress and lie within a tolerance of the best (equally good routes), see RouteTable.

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/world/hydraulics.h"
#include "engine/people/movement_config.h"
#include "engine/world/nav_graph.h"

namespace dt {

/// Per link, what the movement model needs. Direction 0 is a → b, direction 1 is b → a.
struct LinkMovement {
  double length_m = 0.0;           ///< walking distance [m]
  double effective_width_m = 0.0;  ///< [m]
  double area_m2 = 0.0;            ///< length × effective width [m²]
  double k_mps = sfpe::kLevelK_mps;///< speed constant of S = k(1 − aD) [m/s]
  double capacity_pps = 0.0;       ///< C [persons/s]; +inf for no limit
  double headway_s = 0.0;          ///< 1/C [s]
  uint32_t storage = 1;            ///< persons the link holds at most [>= 1]
  int8_t down_dir = -1;            ///< stairs: the direction that descends (0 or 1); -1 level
  bool walkable = true;            ///< false for elevator shafts
  bool single_file = false;        ///< no overtaking (effective width < overtaking_min_width_m)
  bool short_link = false;         ///< shorter than 2 m: no density on it (a threshold)
  int32_t exit_index = -1;         ///< Exit links: index into EvacuationNetwork::exit_names()
  int32_t stair_group[2] = {-1, -1};  ///< per direction: the stair core whose queue it counts in
};

/// Routes towards safety, CSR by node: node n may take next_link[offsets[n] .. offsets[n+1]),
/// sorted by remaining time; all are "equally good" (within the tolerance of the best).
struct RouteTable {
  std::vector<uint32_t> offsets;     ///< size node_count + 1
  std::vector<LinkId> next_link;     ///< candidate links
  std::vector<double> cost_s;        ///< unimpeded time to safety via the candidate [s]
  std::vector<double> share_weight;  ///< capacity of the candidate's route (its bottleneck) [p/s]
  std::vector<double> node_cost_s;   ///< best unimpeded time to safety per node; +inf if none [s]
};

/// What the route classes are made of (docs/model.md, "Route choice"), names bound to indices.
struct RouteChoiceSpec {
  /// Per building: the link of its usual exit (invalid: none). Empty: the familiar rule is off.
  std::vector<LinkId> usual_exit;
  struct Stairs {
    int32_t building = -1;             ///< index into the buildings
    int32_t floor_min = 1, floor_max = 1;
    int32_t stair = -1;                ///< the stair core (NavLink::stair) its floors use
  };
  std::vector<Stairs> stairs;          ///< floor groups; those of one building do not overlap
};

class EvacuationNetwork {
 public:
  /// Prepares `graph` (finalized) for movement with `params` (valid, see check_movement_params).
  /// `building_names[i]` names building i in KPI names (default "B<i+1>").
  EvacuationNetwork(std::shared_ptr<const NavGraph> graph, const MovementParams& params,
                    std::vector<std::string> building_names = {});

  [[nodiscard]] const NavGraph& graph() const noexcept { return *graph_; }
  [[nodiscard]] const std::shared_ptr<const NavGraph>& graph_ptr() const noexcept { return graph_; }
  [[nodiscard]] const MovementParams& params() const noexcept { return params_; }
  [[nodiscard]] const LinkMovement& link(LinkId l) const noexcept { return links_[l.index()]; }
  [[nodiscard]] uint32_t node_capacity(NodeId n) const noexcept { return node_capacity_[n.index()]; }
  [[nodiscard]] bool safe(NodeId n) const noexcept { return safe_[n.index()] != 0; }
  [[nodiscard]] const RouteTable& routes() const noexcept { return routes_; }
  [[nodiscard]] std::size_t safe_node_count() const noexcept { return safe_count_; }
  /// Routes with some links closed (`closed_link[l] != 0`: unusable both ways) and some nodes closed
  /// (`closed_node[n] != 0`: untenable or flooded — entered only from another closed node, so a
  /// person caught in smoke may walk out through it but nobody walks into it). Either mask may be
  /// empty (nothing closed). Same rules as routes() otherwise.
  [[nodiscard]] RouteTable routes_with(const std::vector<uint8_t>& closed_link,
                                       const std::vector<uint8_t>& closed_node) const;

  /// Route classes (docs/model.md, "Route choice"). Class 0 is everybody's default (routes());
  /// class c > 0 belongs to one building and has links closed to its members: the other exits of
  /// the building (a resident who knows only its usual exit) and/or its other stair cores (a floor
  /// group assigned to one stair). Made once, before the network is shared; dedups equal classes.
  void prepare_route_choice(const RouteChoiceSpec& spec);
  /// Classes including class 0 (1 without prepare_route_choice).
  [[nodiscard]] std::size_t route_class_count() const noexcept { return class_building_.size(); }
  /// The class of a resident whose flat is on `floor` of `building`, who knows only the usual exit
  /// (`familiar`) or every exit.
  [[nodiscard]] uint16_t resident_route_class(int32_t building, int32_t floor, bool familiar) const noexcept;
  /// Class c's routes on the unchanged network: a candidate list only at the nodes of its
  /// building from which a route exists without its closed links (elsewhere: use routes()).
  [[nodiscard]] const RouteTable& class_routes(uint16_t c) const noexcept { return c == 0 ? routes_ : class_routes_[c]; }
  [[nodiscard]] int32_t route_class_building(uint16_t c) const noexcept { return class_building_[c]; }
  /// Whether class c's members know only the usual exit; the stair they are assigned (-1: none).
  [[nodiscard]] bool route_class_familiar(uint16_t c) const noexcept { return class_familiar_[c] != 0; }
  [[nodiscard]] int32_t route_class_stair(uint16_t c) const noexcept { return class_stair_[c]; }
  /// Class c's routes (c > 0) with the network's own closures as in routes_with, continuing beyond
  /// its building with `outside` (the default routes under the same closures). Computed over the
  /// building's nodes only.
  [[nodiscard]] RouteTable class_routes_with(uint16_t c, const std::vector<uint8_t>& closed_link,
                                             const std::vector<uint8_t>& closed_node, const RouteTable& outside) const;

  [[nodiscard]] const std::vector<std::string>& building_names() const noexcept { return building_names_; }
  /// Exit links in link order, named by the link's label ("B3/E1"), else "<building>.<inside node
  /// label>" (with "#2".. for repeats).
  [[nodiscard]] const std::vector<LinkId>& exits() const noexcept { return exits_; }
  [[nodiscard]] const std::vector<std::string>& exit_names() const noexcept { return exit_names_; }
  /// Stair cores (building, stair index) found among the Stair links, named "<building>.S<n>".
  [[nodiscard]] const std::vector<std::string>& stair_names() const noexcept { return stair_names_; }
  /// Floors per building: max floor number seen on its nodes.
  [[nodiscard]] const std::vector<int32_t>& building_floors() const noexcept { return building_floors_; }

 private:
  void prepare_links();
  void prepare_nodes();
  void build_routes();
  // The one route computation: building < 0 over the whole network (routes_with); else over the
  // nodes of `building` with `class_closed` links closed too, seeded from `outside` at its edge.
  [[nodiscard]] RouteTable compute_routes(const std::vector<uint8_t>& closed_link, const std::vector<uint8_t>& closed_node,
                                          const std::vector<uint8_t>* class_closed, int32_t building,
                                          const RouteTable* outside) const;

  std::shared_ptr<const NavGraph> graph_;
  MovementParams params_;
  std::vector<LinkMovement> links_;
  std::vector<uint32_t> node_capacity_;
  std::vector<uint8_t> safe_;
  std::size_t safe_count_ = 0;
  RouteTable routes_;
  std::vector<std::string> building_names_;
  std::vector<LinkId> exits_;
  std::vector<std::string> exit_names_;
  std::vector<std::string> stair_names_;
  std::vector<int32_t> building_floors_;
  // Route classes (index 0: the default, nothing closed).
  std::vector<int32_t> class_building_{-1};
  std::vector<uint8_t> class_familiar_{0};
  std::vector<int32_t> class_stair_{-1};
  std::vector<std::vector<uint8_t>> class_closed_{{}};
  std::vector<RouteTable> class_routes_{RouteTable{}};
  std::vector<uint32_t> class_of_offset_;  // per building: start in class_of_ of its (floor, familiar) entries
  std::vector<uint16_t> class_of_;         // [offset + floor·2 + familiar]
  std::vector<int32_t> node_building_;                // per node its building (-1 outdoors)
  std::vector<std::vector<uint32_t>> building_nodes_; // per building its nodes, ascending
  std::vector<std::vector<uint32_t>> building_edge_;  // per building the outside nodes next to it, ascending
};

}  // namespace dt
