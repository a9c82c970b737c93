#include "engine/people/route_choice.h"

#include <algorithm>
#include <vector>

#include "engine/kernel/random.h"

namespace dt {

RouteChoiceSpec route_choice_spec(const RouteChoiceConfig& c) {
  RouteChoiceSpec s;
  if (c.model == ExitChoiceModel::Familiar)
    for (const int32_t l : c.usual_exit_link) s.usual_exit.push_back(l >= 0 ? LinkId(static_cast<uint32_t>(l)) : LinkId());
  for (const StairAssignment& a : c.stairs) s.stairs.push_back({a.building_index, a.floor_min, a.floor_max, a.stair_index});
  return s;
}

void assign_route_classes(const EvacuationNetwork& net, const EvacuationConfig& config, Population& pop, uint64_t seed,
                          uint64_t replication) {
  Crowd& crowd = pop.crowd;
  crowd.route_class.clear();
  const RouteChoiceConfig& rc = config.route_choice;
  if (!rc.active() || net.route_class_count() <= 1) return;
  const std::size_t n = crowd.size();
  std::vector<uint8_t> familiar(n, 0);
  if (rc.model == ExitChoiceModel::Familiar) {
    // Per household: the highest awareness of its present members, then one draw.
    std::vector<double> awareness(pop.households, -1.0);
    const std::vector<PopulationGroup>& groups = config.population.groups;
    for (std::size_t p = 0; p < n; ++p) {
      const uint16_t g = p < pop.group.size() ? pop.group[p] : kNoGroup;
      const double a = g != kNoGroup ? groups[g].exit_awareness : 1.0 - rc.familiar_share;
      double& h = awareness[pop.household[p]];
      h = std::max(h, a);
    }
    const StreamFamily draws(seed, replication, purpose_id(population_streams::kExitAwareness));
    std::vector<int8_t> knows(pop.households, -1);  // -1: not drawn yet
    for (std::size_t p = 0; p < n; ++p) {
      const uint32_t h = pop.household[p];
      if (knows[h] < 0) {
        RandomStream s = draws.stream(h);
        knows[h] = s.uniform01() < awareness[h] ? 1 : 0;
      }
      familiar[p] = knows[h] == 0 ? 1 : 0;
    }
  }
  crowd.route_class.assign(n, 0);
  bool any = false;
  for (std::size_t p = 0; p < n; ++p) {
    const NavNode& home = net.graph().node(crowd.start_node[p]);
    crowd.route_class[p] = net.resident_route_class(home.building, home.floor, familiar[p] != 0);
    any = any || crowd.route_class[p] != 0;
  }
  if (!any) crowd.route_class.clear();  // nobody differs: the default routes, exactly
}

}  // namespace dt
