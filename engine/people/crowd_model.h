#pragma once
// The crowd-movement model: a mesoscopic, event-driven network model in the SFPE hydraulic
// tradition. People are points in flat arrays; a person is in a node (a room, corridor, landing,
// lobby, outdoor area) or on a link (a door, corridor, stair flight, path).
//
// One person's way through a link, and the rules that make it exact (docs/model.md):
//  1. Entry. A link lets a person in when (a) its "token" is free: entries are at least 1/C apart,
//     C = capacity [p/s], so any interval of length t sees at most 1 + C·t entries, and N people
//     queued at a fresh link all enter within (N − 1)/C (SFPE writes N/C: the last person is
//     counted as having passed once his own 1/C has elapsed; we count him when he steps in);
//     (b) it holds fewer than its storage (people standing or walking on it). Both directions of a
//     link share one token: counterflow does not double a door.
//  2. Walking. On entry the person's speed is fixed for the link:
//     v = min(own free speed for the terrain (level, stairs down, stairs up), k(1 − a·D)),
//     D = people on the link / its effective area, at least 0.54 p/m² (SFPE: below it people walk
//     unimpeded) and at most the link's storage density; thresholds shorter than 2 m count D = 0.54.
//     On links narrower than overtaking_min_width nobody arrives before the person in front
//     (single file: an elderly resident slows everyone behind him).
//  3. Arrival. At the far end the person steps into the next node when it is below its density
//     limit and nobody from the same link is waiting ahead of him; otherwise he waits there, still
//     on the link (spill-back: a full landing stops the flight above it, a full flight stops the
//     stair door, a full corridor stops the flat doors).
//  4. Merging. When a node frees a place and people wait at the ends of several links into it,
//     they are let in one link at a time in rotation (a zipper: floor stream and stair stream
//     alternate on a landing).
//  5. Route. In a node the person picks, among the equally good next links (RouteTable), the one
//     whose route has received the fewest people per unit of capacity so far (ties: the shorter,
//     then the lower link id); a node never sends a whole crowd down one of two equal stairs.
//     A person of a route class (Crowd::route_class: he knows only his building's usual exit, or
//     his floor is assigned one stair) uses his class's table while it has a route from his node,
//     else the default one (docs/model.md, "Route choice"); each table shares its own load.
//  6. Safe on entering a safe node (assembly point, or outdoors; MovementParams::safe_at).
//  7. Queuing is recorded where rules 1 and 3 make people wait: from the moment a person joins a
//     link's entry queue (rule 1: token or storage) or its exit queue (rule 3: no room ahead) until
//     he leaves it. Per person (MovementResult::queue_s) and per stair core and exit (places).
// Each event (ready, arrival, token) is handled in a fixed order (time, then scheduling order),
// so a replication is deterministic and independent of threads. No allocation per event.

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "engine/people/evacuation_network.h"
#include "engine/people/movement_observer.h"
#include "engine/world/network_timeline.h"

namespace dt {

/// The people of one replication, struct of arrays; person i is index i of every array.
struct Crowd {
  std::vector<NodeId> start_node;
  /// Valid: the person stands on this link at t = 0, walking away from start_node (a crowd that
  /// fills a corridor at the start). Invalid (default): the person starts in start_node.
  std::vector<LinkId> start_link;
  /// When the person starts to move (alarm + pre-movement) [s]; +inf: does not move on his own
  /// (needs assistance).
  std::vector<double> ready_s;
  std::vector<double> speed_level_mps;  ///< free speed on level ground [m/s, > 0]
  std::vector<double> speed_down_mps;   ///< free speed down stairs [m/s, > 0]
  std::vector<double> speed_up_mps;     ///< free speed up stairs [m/s, > 0]
  /// Per person: his route class (EvacuationNetwork::route_class_count()); empty: everybody uses
  /// the default routes (class 0). Filled after the people are added (assign_route_classes).
  std::vector<uint16_t> route_class;

  [[nodiscard]] std::size_t size() const noexcept { return start_node.size(); }
  void reserve(std::size_t n);
  void clear() noexcept;
  /// Adds a person and returns his index.
  uint32_t add(NodeId node, double ready_s, double level_mps, double down_mps, double up_mps,
               LinkId on_link = LinkId());
};

/// What the movement of one replication produced.
struct MovementResult {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  std::vector<double> safe_time_s;      ///< per person; NaN = not safe by the end [s]
  /// Per person: when he left his start floor (entered a stair landing, the ground lobby, another
  /// floor or the outdoors); NaN = never [s].
  std::vector<double> left_floor_s;
  std::vector<double> left_building_s;  ///< per person: when he first stood outside his start building [s]
  uint32_t people = 0;                  ///< everybody in the crowd
  uint32_t safe = 0;                    ///< safe by the end
  uint32_t awaiting_assistance = 0;     ///< never moved on their own (ready_s = +inf)
  uint32_t without_route = 0;           ///< stranded in a node with no route to safety
  double last_safe_s = kNaN;            ///< time the last person became safe [s]
  double end_time_s = 0.0;              ///< clock when the run stopped [s]
  std::vector<uint32_t> exit_count;     ///< per exit (EvacuationNetwork::exits()): persons through
  std::vector<double> exit_peak_flow_pps;  ///< per exit: most persons in any window / window [p/s]
  std::vector<uint32_t> stair_peak_queue;  ///< per stair core: most persons waiting at once
  std::vector<uint32_t> link_passages;     ///< per link: entries
  /// Per person: time spent waiting in queues (rule 7) [s]. The rest of his time between ready and
  /// safe he walks: safe − ready − queue_s is his walking time.
  std::vector<double> queue_s;

  /// The queue of one stair core or exit ("place"): people waiting at the entry of its links or at
  /// their far ends (a stair core's flights and landings, an exit's door).
  struct PlaceQueue {
    uint32_t peak = 0;             ///< most persons waiting at once
    double wait_person_s = 0.0;    ///< sum of the waits there [person·s]
    double queue_time_s = 0.0;     ///< time with at least one person waiting [s]
    double first_queue_s = kNaN;   ///< when the first person had to wait (NaN: nobody did) [s]
    double queue_end_s = kNaN;     ///< when its queue emptied for the last time (NaN: never queued) [s]
    /// With a curve step (simulate_movement's queue_curve_step_s > 0), per interval
    /// [k·step, (k+1)·step): the most persons waiting at once, and the waits [s] of those who
    /// stepped out of the queue in it (sum and count).
    std::vector<uint32_t> curve_peak;
    std::vector<double> curve_wait_sum_s;
    std::vector<uint32_t> curve_wait_count;
  };
  /// Stair cores (EvacuationNetwork::stair_names()) then exits (exits()): S + E places.
  std::vector<PlaceQueue> places;
  double queue_curve_step_s = 0.0;  ///< the step of PlaceQueue's curves; 0: not recorded [s]
  /// People of a route class who, inside their building, found no route through their usual exit
  /// or assigned stair and took the default (shortest) route instead.
  uint32_t route_fallbacks = 0;
  uint32_t rerouted = 0;                   ///< people taken out of a queue because their way closed
  uint32_t route_rebuilds = 0;             ///< times the routes were recomputed (network changes)
  uint64_t events = 0;                     ///< events handled

  /// People not yet safe at time t (the evacuation curve): people − #{safe_time <= t}.
  [[nodiscard]] uint32_t not_yet_safe_at(double t_s) const;
  /// The safe times of those who became safe, ascending (the evacuation curve's steps).
  [[nodiscard]] std::vector<double> sorted_safe_times() const;
};

/// Optional checks for tests (property tests); costs time, never used in production runs.
struct MovementAudit {
  std::vector<std::pair<uint32_t, double>> link_entries;  ///< (link, time) of every entry, in order
  uint64_t node_admissions_over_limit = 0;  ///< a person admitted into a node at or above its limit
  uint64_t link_admissions_over_storage = 0;
  uint64_t conservation_failures = 0;       ///< recounts where in nodes + on links + safe != people
  uint64_t checks = 0;                      ///< recounts done (one per event)
  /// (time, not yet safe) after every event that changed the number safe.
  std::vector<std::pair<double, uint32_t>> curve;
};

/// Runs the movement of `crowd` on `network` from t = 0 until everybody who can is safe or
/// `max_time_s` passes. Deterministic.
/// `observer` (null in ordinary runs) sees every change of every person (movement_observer.h), e.g.
/// to record a trace; it never changes the result. `queue_curve_step_s` > 0 records the queues of
/// the stairs and exits over time in intervals of that length (MovementResult::PlaceQueue).
[[nodiscard]] MovementResult simulate_movement(const EvacuationNetwork& network, const Crowd& crowd,
                                               double max_time_s, MovementAudit* audit = nullptr,
                                               MovementObserver* observer = nullptr, double queue_curve_step_s = 0.0);

/// As above on a network that changes over time (engine/world/network_timeline.h): at each change
/// the routes are recomputed with the closed links and nodes, and people queued for a link that is
/// closed or no longer on a route to safety choose again; people entering a link walk at their
/// speed times timeline.speed_factor (smoke: Frantzich–Nilsson; darkness). People in a node with no
/// route left count in MovementResult::without_route when they try to move on.
[[nodiscard]] MovementResult simulate_movement(const EvacuationNetwork& network, const Crowd& crowd,
                                               double max_time_s, const NetworkTimeline& timeline,
                                               MovementAudit* audit = nullptr, MovementObserver* observer = nullptr,
                                               double queue_curve_step_s = 0.0);

}  // namespace dt
