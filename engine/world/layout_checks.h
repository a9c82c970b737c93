#pragma once
// Checks of a layout and its generated network, each reported at the layout text it concerns.
//
// Errors (the layout is refused, exit status 2):
//   - a flat from which no assembly point can be reached on foot (elevators do not count);
//   - no assembly point at all;
//   - a stair narrower than 1.10 m, an exit or flat door narrower than 0.90 m (GB 50016-2014 5.5.30);
//   - two ground exits of one building less than 5 m apart, edge to edge (GB 50016-2014 5.5.2);
//   - footprints that overlap;
//   - an elevator serving, or flats on, a floor the building does not have.
// Warnings (printed; the layout is used):
//   - a flat door farther from the nearest stair door than GB 50016-2014 5.5.29 allows;
//   - narrower than the code asks for residential ground exits (1.10 m, 5.5.30) and high-rise
//     office exits and stairs (1.20 m, 5.5.18), corridors (1.10 m);
//   - fewer than two stairs above 54 m (5.5.25); stair doors less than 5 m apart (5.5.2, 5.5.28);
//   - steps steeper than GB 50096-2011 6.3.2 (residential); missing lifts (GB 50096-2011 6.4.1-2);
//     no firefighting lift above 33 m, or one slower than 60 s to the top (GB 50016-2014 7.3.1, 7.3.8);
//   - buildings closer than GB 50016-2014 table 5.2.2 separations;
//   - things outside the site boundary, gates off it, exits off the footprint outline;
//   - assembly points that cannot hold the resident capacity.
// The thresholds and how each distance is measured are listed in docs/model.md.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/world/layout.h"
#include "engine/world/network.h"

namespace dt {

/// Code thresholds used by the checks [m] (GB 50016-2014 unless said otherwise).
namespace code_limits {
inline constexpr double kMinStairWidth_m = 1.10;            ///< 5.5.30 (error)
inline constexpr double kMinDoorWidth_m = 0.90;             ///< 5.5.30 flat doors and exits (error)
inline constexpr double kMinExitSpacing_m = 5.0;            ///< 5.5.2 (error for ground exits)
inline constexpr double kResidentialGroundExit_m = 1.10;    ///< 5.5.30 首层疏散外门
inline constexpr double kPublicHighRiseGroundExit_m = 1.20; ///< 5.5.18
inline constexpr double kPublicHighRiseStair_m = 1.20;      ///< 5.5.18
inline constexpr double kMinCorridorWidth_m = 1.10;         ///< 5.5.30 / 5.5.18
inline constexpr double kTravelBetweenExits_m = 40.0;       ///< table 5.5.29 (and 5.5.17): door between two exits
inline constexpr double kTravelDeadEndHighRise_m = 20.0;    ///< ... dead end, high-rise
inline constexpr double kTravelDeadEndLowRise_m = 22.0;     ///< ... dead end, single- and multi-storey
inline constexpr double kSprinklerFactor = 1.25;            ///< 5.5.29 note 2 (5.5.17 note 2)
inline constexpr double kResidentialHighRise_m = 27.0;      ///< 5.1.1: residential above 27 m is high-rise
inline constexpr double kPublicHighRise_m = 24.0;           ///< 5.1.1: other buildings above 24 m
inline constexpr double kTwoStairsAbove_m = 54.0;           ///< 5.5.25
inline constexpr double kFireLiftAbove_m = 33.0;            ///< 7.3.1 residential
inline constexpr double kFireLiftToTop_s = 60.0;            ///< 7.3.8
inline constexpr double kMaxRiser_m = 0.175;                ///< GB 50096-2011 6.3.2
inline constexpr double kMinTread_m = 0.26;                 ///< GB 50096-2011 6.3.2
inline constexpr int kLiftFromFloor = 7;                    ///< GB 50096-2011 6.4.1
inline constexpr int kTwoLiftsFromFloor = 12;               ///< GB 50096-2011 6.4.2
inline constexpr double kSeparationHighRise_m = 13.0;       ///< table 5.2.2, high-rise to high-rise
inline constexpr double kSeparationHighToLow_m = 9.0;       ///< high-rise to other
inline constexpr double kSeparationLowRise_m = 6.0;         ///< other to other (grades 1-2)
inline constexpr double kOnOutlineTolerance_m = 0.5;        ///< an exit or gate this close counts as on the line
}  // namespace code_limits

/// Whether a building counts as high-rise for GB 50016 (5.1.1).
[[nodiscard]] bool is_high_rise(const BuildingConfig& b);

/// The GB 50016 5.5.29 limit for one flat door [m].
[[nodiscard]] double door_to_exit_limit_m(const BuildingConfig& b, bool between_two_exits);

/// Nodes reachable on foot (every link but elevators) from `from`, one flag per node.
[[nodiscard]] std::vector<uint8_t> reachable_on_foot(const NavGraph& graph, std::span<const NodeId> from);

/// Runs every check; findings go to `diag` (errors and warnings).
void check_layout(const LayoutConfig& layout, const Network& net, Diagnostics& diag);

/// generate_network() and check_layout(); throws InputError when either found an error. The
/// warnings stay in `diag`.
[[nodiscard]] Network build_network(const LayoutConfig& layout, Diagnostics& diag);

}  // namespace dt
